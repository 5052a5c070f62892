"""The Word export read back with python-docx: the faces and sizes of the PDF, black headings,
page numbers, the charts as pictures and the statutory tables as Word tables with the PDF's
cells."""

import io
import re

import docx
import lxml.html  # type: ignore[import-untyped]  # lxml-stubs is not a dev requirement
import pytest
from docx.document import Document as DocxDocument
from docx.shared import Pt, RGBColor

from reports import rendering, services
from reports.tests.test_disclosure_report import consistent_values, statutory

pytestmark = pytest.mark.django_db

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BLACK = RGBColor(0, 0, 0)


@pytest.fixture
def report(areas, report_office, township):
    return services.create_report(actor=report_office, year=2022, kind="rule_of_law")


@pytest.fixture
def disclosure_report(areas, report_office, township):
    areas.tables = statutory(consistent_values())
    return services.create_report(actor=report_office, year=2022, kind="disclosure")


def _read(report) -> DocxDocument:
    return docx.Document(io.BytesIO(rendering.render_to_docx(report)))


def _east_asian(run) -> str:
    fonts = run._element.rPr.find(f"{W}rFonts")
    return fonts.get(f"{W}eastAsia")


def _theme_attrs(element) -> list[str]:
    return [a for f in element.iter(f"{W}rFonts") for a in f.attrib if "Theme" in a or "theme" in a]


def test_headings_are_black_in_the_official_faces(report):
    document = _read(report)
    title = [p for p in document.paragraphs if p.style.name == "Title"]
    h1 = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    h2 = [p for p in document.paragraphs if p.style.name == "Heading 2"]
    assert title and h1 and h2

    for paragraphs, face, size in (
        (title, "方正小标宋简体", 22),
        (h1, "黑体", 16),
        (h2, "楷体_GB2312", 16),
    ):
        for run in (r for p in paragraphs for r in p.runs):
            assert run.font.color.rgb == BLACK
            assert _east_asian(run) == face
            assert run.font.size == Pt(size)
    # the styles themselves: no theme colour or theme font left to turn them blue / Calibri
    for name in ("Title", "Heading 1", "Heading 2", "Normal"):
        style = document.styles[name]
        assert style.font.color.rgb == BLACK and style.font.color.theme_color is None
        assert not _theme_attrs(style.element)
        assert style.element.find(f"{W}pPr/{W}pBdr") is None  # Title's blue rule is gone


def test_body_text_is_fangsong_sanhao(report):
    document = _read(report)
    body = [p for p in document.paragraphs if "成功调处矛盾纠纷事件128起" in p.text]
    assert body
    for run in body[0].runs:
        assert _east_asian(run) == "仿宋_GB2312"
        assert run.font.size == Pt(16)
        assert run.font.color.rgb == BLACK


def test_footer_numbers_every_page_with_dashes(report):
    document = _read(report)
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer in (section.footer, section.even_page_footer):
        paragraph = footer.paragraphs[0]
        instructions = [i.text.strip() for i in paragraph._element.iter(f"{W}instrText")]
        assert instructions == ["PAGE"]
        assert [f.get(f"{W}fldCharType") for f in paragraph._element.iter(f"{W}fldChar")] == [
            "begin",
            "separate",
            "end",
        ]
        assert paragraph.text == "— 1 —"  # the field's cached result between the dashes
        assert all(_east_asian(r) == "宋体" for r in paragraph.runs)


def test_every_chart_is_a_picture(report):
    svgs = sum(
        len(re.findall(r"<svg\b", s["chart"]))
        for s in rendering.report_context(report, links=False)["sections"]
    )
    assert (
        svgs >= 1
    )  # the rule-of-law outline draws its charts from the test figures (one per unit)

    document = _read(report)

    assert len(document.inline_shapes) == svgs
    for shape in document.inline_shapes:
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        image = document.part.related_parts[blip.embed].image
        assert image.content_type == "image/png" and image.px_width >= 800
        assert shape.width <= docx.shared.Mm(156)


def _html_grid(table) -> list[list[str]]:
    """The cells of an HTML table with rowspan/colspan spread over the grid they cover."""
    grid: dict[tuple[int, int], str] = {}
    for r, tr in enumerate(table.iter("tr")):
        c = 0
        for cell in tr:
            while (r, c) in grid:
                c += 1
            for rr in range(int(cell.get("rowspan", 1))):
                for cc in range(int(cell.get("colspan", 1))):
                    grid[(r + rr, c + cc)] = cell.text_content().strip()
            c += int(cell.get("colspan", 1))
    rows = 1 + max(r for r, _c in grid)
    cols = 1 + max(c for _r, c in grid)
    return [[grid[(r, c)] for c in range(cols)] for r in range(rows)]


def test_statutory_tables_are_word_tables_with_the_pdf_cells(disclosure_report):
    pdf_tables = lxml.html.fromstring(rendering.pdf_html(disclosure_report)).xpath(
        "//table[contains(@class, 'statutory')]"
    )
    assert len(pdf_tables) == 6

    document = _read(disclosure_report)

    assert len(document.tables) == len(pdf_tables)
    for word, html in zip(document.tables, pdf_tables, strict=True):
        assert [[c.text for c in row.cells] for row in word.rows] == _html_grid(html)
        header_rows = len(html.xpath("thead/tr"))
        repeated = [
            row._tr.trPr is not None and row._tr.trPr.find(f"{W}tblHeader") is not None
            for row in word.rows
        ]
        assert repeated == [True] * header_rows + [False] * (len(word.rows) - header_rows)
