"""Issue -> DOCX with python-docx, from the model (not from the HTML)."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from docx import Document
from docx.shared import Mm

from ..markdown import plain
from ..model import Issue
from ..text import day_label, week_label


def render_docx(issue: Issue, images: Mapping[str, Path], target: Path, pdf_pages: Mapping[str, int]) -> None:
    """Write the Word edition of ``issue`` to ``target``; ``images`` maps refs to print-size files."""
    doc = Document()
    pub = issue.publication
    doc.add_paragraph(pub.title.upper(), style="Title")
    doc.add_paragraph(f"Số {issue.label} – Tuần từ {week_label(issue.week_start, issue.week_end)}")
    doc.add_paragraph(issue.theme.upper())
    for part in issue.parts:
        if not part.items:
            continue
        doc.add_heading(f"Phần {part.number}: {part.title}".upper(), level=1)
        for item in part.items:
            title = f"{day_label(item.day)}: {plain(item.title)}" if item.day and item.tag != "trend" else plain(item.title)
            doc.add_heading(title.upper(), level=2)
            for source in item.sources:
                doc.add_paragraph(f"Chi tiết: {source.name}")
            for block in (item.lead, item.body):
                for para in block.split("\n\n"):
                    if para.strip():
                        doc.add_paragraph(plain(para))
            for image in item.images:
                if image.ref in images:
                    doc.add_picture(str(images[image.ref]), width=Mm(150))
    doc.save(str(target))
