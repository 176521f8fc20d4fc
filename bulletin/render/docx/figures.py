"""A ``::: số liệu`` block in the Word edition: a table of boxes styled like the PDF's."""
from __future__ import annotations

from collections.abc import Sequence

from docx.enum.table import WD_TABLE_ALIGNMENT

from ...figures import KeyFigure
from .context import Context
from .ooxml import element, put
from .styles import KEY_CAPTION, KEY_FILL, KEY_VALUE

TBLPR_ORDER = ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
               "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
               "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")
"""Children of ``w:tblPr`` in schema order."""
PER_ROW = 3
"""Boxes side by side; more figures continue on the next row."""


def write_figures(ctx: Context, figures: Sequence[KeyFigure]) -> None:
    """One cell per figure: the number big in the brand colour, the caption under it."""
    if not figures:
        return
    rows = -(-len(figures) // PER_ROW)
    columns = -(-len(figures) // rows)  # 4 figures: two rows of two, not three and one
    table = ctx.doc.add_table(rows=rows, cols=columns)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borders(table._tbl.tblPr)
    for n, figure in enumerate(figures):
        cell = table.cell(n // columns, n % columns)
        cell._tc.get_or_add_tcPr().append(element("w:shd", val="clear", color="auto", fill=KEY_FILL))
        value = cell.paragraphs[0]
        value._p.style = ctx.style_ids[KEY_VALUE]
        value.add_run(figure.value)
        caption = cell.add_paragraph(figure.caption)
        caption._p.style = ctx.style_ids[KEY_CAPTION]
    ctx.paragraph()  # keeps the next table or text from sticking to the boxes


def _borders(tbl_pr) -> None:
    """White borders between the boxes, as gaps between the PDF's boxes look."""
    borders = element("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(element(f"w:{side}", val="single", sz="24", space="0", color="FFFFFF"))
    put(tbl_pr, borders, TBLPR_ORDER)
