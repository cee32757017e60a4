"""A retranslation strategy that carries its own prompt templates."""

from toolkit.strategies import Strategy, register_strategy

register_strategy(Strategy(
    "plain-english",
    "a rewrite in plain English for language learners, every fact kept",
    templates=(
        ("system", "You rewrite news in plain English for people learning the language."),
        ("user", ("Rewrite this paragraph in plain, simple English. Keep every name, number "
                  "and date. Reply with the paragraph only.\n\n{text}")),
        ("retry_user", ("Say the same thing in short, simple English sentences. Reply with the "
                        "paragraph only.\n\n{text}")),
    ),
))
