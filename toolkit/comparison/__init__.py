"""Side-by-side comparison: alignment, diffs, metrics, noise flags, summary evidence.

``align`` pairs the sentences of two renderings of a paragraph, ``diff`` shows word changes,
``metrics`` scores alternatives (chrF, TER, cosine, agreement), ``noise`` flags
machine-translation leftovers in the original, and ``evidence`` links summary sentences to the
source sentences that support them. All are pure functions of text; an embedding function, when
used, is passed in.
"""
