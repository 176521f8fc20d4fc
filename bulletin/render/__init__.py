"""The three editions: HTML (web and print), PDF (WeasyPrint) and DOCX (python-docx).

Renderers consume an :class:`~bulletin.model.Issue` and never read settings or issue files."""

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
"""The project's templates folder: the only place templates and stylesheets are read from."""
