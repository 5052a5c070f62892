"""The report as .docx for colleagues who finish documents in WPS or Word (python-docx), in the
faces and sizes of the PDF (static/pdf/official.css, GB/T 9704): A4 with the 版心 margins, the
title in 小标宋 二号, level-1 headings in 黑体 and level-2 in 楷体, the body in 仿宋_GB2312 三号,
everything black; the page number "— 1 —" (4号 宋体) in the footer, outside on odd and even
pages like the PDF; the charts as pictures and the statutory tables as Word tables with their
merged cells and their header rows repeated on every page.

Word sizes go in half points, so 三号 is its nominal 16 pt here (the PDF's 15.75 pt would round
down to 15.5 pt)."""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from huanghe_portal import pdf

from . import refs

FACES = {
    "title": "方正小标宋简体",
    "body": "仿宋_GB2312",
    "h1": "黑体",
    "h2": "楷体_GB2312",
    "page_number": "宋体",
}
LATIN = "Times New Roman"
SIZES = {
    "title": 22,
    "body": 16,
    "caption": 12,
    "table": 9,
    "page_number": 14,
}  # 二号 三号 小四 小五 四号
LINE = Pt(28.9)  # 22 lines in the 225 mm 版心
BLACK = RGBColor(0, 0, 0)
TEXT_WIDTH_MM = 156
PX_MM = 25.4 / 96  # the charts' SVG sizes are CSS pixels


def _fonts(r_pr, face: str) -> None:
    """Explicit faces on a run or a style, without the theme references (a theme font wins over
    a named one in Word, which is how the default headings came out in Calibri Light)."""
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, r_fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        r_fonts.attrib.pop(qn(theme), None)
    for attr, value in (
        ("w:ascii", LATIN),
        ("w:hAnsi", LATIN),
        ("w:eastAsia", face),
        ("w:cs", LATIN),
    ):
        r_fonts.set(qn(attr), value)


def _font(font, r_pr, face: str, size: float, bold: bool) -> None:
    font.size, font.bold = Pt(size), bold
    font.color.rgb = BLACK  # also drops the style's themeColor
    _fonts(r_pr, face)


def _styles(doc) -> None:
    """Normal, Title and Heading 1–2 in the official faces: black, no borders or spacing, so
    that text typed later in Word takes the same look."""
    for name, face, size in (
        ("Normal", FACES["body"], SIZES["body"]),
        ("Title", FACES["title"], SIZES["title"]),
        ("Heading 1", FACES["h1"], SIZES["body"]),
        ("Heading 2", FACES["h2"], SIZES["body"]),
    ):
        style = doc.styles[name]
        _font(style.font, style.element.get_or_add_rPr(), face, size, bold=False)
        p_pr = style.element.get_or_add_pPr()
        for border in p_pr.findall(qn("w:pBdr")):
            p_pr.remove(border)
        fmt = style.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, LINE


def _run(paragraph, text: str, face: str, size: float, bold: bool = False):
    run = paragraph.add_run(text)
    _font(run.font, run._element.get_or_add_rPr(), face, size, bold)
    return run


def _paragraph(
    doc,
    text: str,
    face: str,
    *,
    size: float = SIZES["body"],
    indent: bool = True,
    align=None,
    style=None,
):
    paragraph = doc.add_paragraph(style=style)
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    if align is not None:
        paragraph.alignment = align
    _run(paragraph, text, face, size)
    return paragraph


def _page_number(footer, align, side: str) -> None:
    """ "— N —" with a PAGE field, one character (4号) in from the 版心's outer edge."""
    paragraph = footer.paragraphs[0]
    paragraph.alignment = align
    setattr(paragraph.paragraph_format, f"{side}_indent", Pt(SIZES["page_number"]))
    face, size = FACES["page_number"], SIZES["page_number"]
    _run(paragraph, "— ", face, size)
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        run = _run(paragraph, "", face, size)
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._element.append(field)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._element.append(instr)
        else:
            run.text = text
    _run(paragraph, " —", face, size)


def _chart_pictures(doc, svg_markup: str) -> None:
    for svg in re.findall(r"<svg\b.*?</svg>", svg_markup, flags=re.S):
        found = re.search(r'\bwidth="([\d.]+)"', svg)
        if found is None:  # every chart of charts.py states its width
            raise ValueError("a chart without a width")
        width = float(found.group(1))
        doc.add_picture(
            io.BytesIO(pdf.svg_to_png(svg)), width=Mm(min(width * PX_MM, TEXT_WIDTH_MM))
        )
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        doc.paragraphs[-1].paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE


def table_shape(layout: dict) -> dict:
    """The one adapter from the report's table layout to the generic shape `_table` writes:
    {"caption", "header_rows": n, "rows": [[{"text", "rowspan", "colspan", "left"?}]]} — the
    first `header_rows` rows are the header, repeated on every page."""
    return {
        "caption": layout.get("caption", ""),
        "header_rows": len(layout["header"]),
        "rows": layout["header"] + layout["rows"],
    }


def _table(doc, shape: dict) -> None:
    grid = shape["rows"]
    columns = sum(cell.get("colspan", 1) for cell in grid[0])
    table = doc.add_table(rows=len(grid), cols=columns)
    table.style = "Table Grid"
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(grid):
        header = r < shape["header_rows"]
        if header:
            table.rows[r]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            rowspan, colspan = cell.get("rowspan", 1), cell.get("colspan", 1)
            first = table.cell(r, c)
            last = table.cell(r + rowspan - 1, c + colspan - 1)
            target = first.merge(last) if first._tc is not last._tc else first
            target.text = ""
            paragraph = target.paragraphs[0]
            paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            if not cell.get("left"):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            # the PDF's table header is 黑体, the cells 仿宋
            _run(paragraph, cell["text"], FACES["h1" if header else "body"], SIZES["table"])
            for rr in range(r, r + rowspan):
                for cc in range(c, c + colspan):
                    taken.add((rr, cc))
            c += colspan


def build(report, context: dict, figures: dict[str, dict]) -> bytes:
    doc = Document()
    _styles(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    # the number's top 7 mm below the 版心: 35 − 7 mm, less its 4号 line (about 5 mm)
    section.footer_distance = Mm(23)
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right")
    _page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")
    for line in context["title_lines"]:
        last = _paragraph(
            doc,
            line,
            FACES["title"],
            size=SIZES["title"],
            indent=False,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            style="Title",
        )
    if report.document_number:
        last = _paragraph(
            doc,
            report.document_number,
            FACES["body"],
            indent=False,
            align=WD_ALIGN_PARAGRAPH.CENTER,
        )
    last.paragraph_format.space_after = LINE  # one empty line before the text, as in the PDF
    for part in context["sections"]:
        level = part.get("level", 1)
        _paragraph(
            doc, part["heading"], FACES["h1" if level == 1 else "h2"], style=f"Heading {level}"
        )
        for text in refs.paragraphs(part.get("text", "")):
            _paragraph(doc, refs.plain(text, figures), FACES["body"])
        if part.get("chart"):
            _chart_pictures(doc, part["chart"])
        for layout in part["tables"]:
            shape = table_shape(layout)
            if shape["caption"]:
                _paragraph(doc, shape["caption"], FACES["h1"], size=SIZES["caption"], indent=False)
            _table(doc, shape)
    _paragraph(
        doc, context["signature"], FACES["body"], indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT
    )
    _paragraph(
        doc, context["date_text"], FACES["body"], indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT
    )
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
