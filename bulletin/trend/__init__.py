"""Phần 1 from the data: the week's themes, subjects rising and fading across issues, charts.

:mod:`.words` (folded syllable n-grams) -> :mod:`.cluster` (TF-IDF, average linkage, silhouette)
-> :mod:`.themes` (phrases, one lead sentence per item) -> :mod:`.draft` (the Markdown) ->
:mod:`.place` (the issue file, through the collector's insert/replace machinery).
:mod:`.subjects` and :mod:`.archive` give the figures across issues; :mod:`.run` ties a run.
"""
