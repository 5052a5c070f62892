"""The report as .docx for colleagues who finish documents in WPS or Word (python-docx):
A4 with the GB/T 9704 margins, headings as Word headings, tables with their merged cells."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from . import refs

FACES = {"title": "方正小标宋简体", "body": "仿宋_GB2312", "h1": "黑体", "h2": "楷体_GB2312"}


def _east_asian(run, face: str, size: float, bold: bool = False) -> None:
    run.font.name = "Times New Roman"
    run.font.size = Pt(size)
    run.font.bold = bold
    r_pr = run._element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.append(r_fonts)
    r_fonts.set(qn("w:eastAsia"), face)


def _paragraph(
    doc, text: str, face: str, *, size: float = 15.75, indent: bool = True, align=None, style=None
):
    paragraph = doc.add_paragraph(style=style)
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.line_spacing = Pt(28.9)
    _east_asian(paragraph.add_run(text), face, size)
    return paragraph


def _table(doc, layout: dict) -> None:
    grid = layout["header"] + layout["rows"]
    columns = sum(c["colspan"] for c in grid[0])
    table = doc.add_table(rows=len(grid), cols=columns)
    table.style = "Table Grid"
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(grid):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            first = table.cell(r, c)
            last = table.cell(r + cell["rowspan"] - 1, c + cell["colspan"] - 1)
            target = first.merge(last) if first._tc is not last._tc else first
            target.text = ""
            _east_asian(
                target.paragraphs[0].add_run(cell["text"]),
                FACES["body"],
                10.5,
                bold=r < len(layout["header"]),
            )
            for rr in range(r, r + cell["rowspan"]):
                for cc in range(c, c + cell["colspan"]):
                    taken.add((rr, cc))
            c += cell["colspan"]


def build(report, context: dict, figures: dict[str, dict]) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    for line in context["title_lines"]:
        _paragraph(
            doc,
            line,
            FACES["title"],
            size=22,
            indent=False,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            style="Title",
        )
    if report.document_number:
        _paragraph(
            doc,
            report.document_number,
            FACES["body"],
            indent=False,
            align=WD_ALIGN_PARAGRAPH.CENTER,
        )
    for part in context["sections"]:
        level = part.get("level", 1)
        _paragraph(
            doc, part["heading"], FACES["h1" if level == 1 else "h2"], style=f"Heading {level}"
        )
        for text in refs.paragraphs(part.get("text", "")):
            _paragraph(doc, refs.plain(text, figures), FACES["body"])
        for layout in part["tables"]:
            if layout["caption"]:
                _paragraph(doc, layout["caption"], FACES["body"], indent=False)
            _table(doc, layout)
    _paragraph(
        doc, context["signature"], FACES["body"], indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT
    )
    _paragraph(
        doc, context["date_text"], FACES["body"], indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT
    )
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
