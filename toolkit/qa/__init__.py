"""Translator QA: every producer of flags on a text, and what a reader does with flags.

- ``registry``: the :func:`~toolkit.qa.registry.check` decorator and the table of checks;
- ``checks/``: the built-in checks, one family per file (a new file is a new family);
- ``options``: what the checks are told (glossary, ``--only``/``--ignore``), running them on a text;
- ``article``: the pass that needs the whole article (``inconsistent-term``);
- ``names``, ``text``: what the checks share (spellings of names, snippets);
- ``glossary``, ``gazetteer``, ``suggest``: terms to use, places known offline, proposed entries;
- ``review``, ``gate``: known false positives (review files) and ``--fail-on``.

Flags themselves, their kinds and where they sit are :mod:`toolkit.core` (``flags``,
``flag_walk``).
"""
