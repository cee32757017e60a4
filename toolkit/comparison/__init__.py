"""Side-by-side comparison: alignment, diffs, metrics, summary evidence, versions.

``align`` pairs the sentences of two renderings of a paragraph, ``diff`` shows word changes,
``metrics`` scores alternatives (chrF, TER, cosine, agreement), ``evidence`` links summary
sentences to the source sentences that support them, and ``versions`` aligns versions made
elsewhere paragraph by paragraph. All are pure functions of text; an embedding function, when
used, is passed in. The checks that flag texts are :mod:`toolkit.qa`.
"""
