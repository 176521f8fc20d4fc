"""The three editions: HTML (web and print), PDF (WeasyPrint) and DOCX (python-docx).

Renderers consume an :class:`~bulletin.model.Issue` and never read settings or issue files."""
