import io
import re

import docx
import pytest

from reports import rendering, services
from reports.tests.pdftools import MM, lines, missing_glyphs, page_sizes, text

pytestmark = pytest.mark.django_db

RARE = "冉覃谭隗秦"
LONG = "\n".join(
    [
        "村民法律基础较差，生活中接触法律机会不多，全民学法的意识还不够浓厚，"
        "镇村两级拥有一定法律专业知识人员较少，开展普法工作无法进行全面覆盖。"
    ]
    * 20
)


@pytest.fixture
def long_report(areas, report_office, township):
    report = services.create_report(actor=report_office, year=2022, kind="rule_of_law")
    return services.update_report(
        report,
        actor=report_office,
        version=report.version,
        texts={
            "shortcomings": LONG,
            "other": f"调解员{RARE}等同志协助。",
            "measures.leadership": "镇党委书记冉某某带头述法。",
        },
    )


@pytest.fixture
def pdf(long_report):
    return rendering.render_pdf_now(long_report)


def test_pdf_is_a4_with_the_report_text(pdf):
    assert {(round(w), round(h)) for w, h in page_sizes(pdf)} == {(595, 842)}  # A4 in pt
    content = re.sub(r"\s+", "", text(pdf))
    assert (
        "开展法治宣传活动23次、提供法治咨询服务29人次、成功调处矛盾纠纷事件128起，调解成功率达99%"
        in content
    )
    assert "石柱土家族自治县黄鹤镇人民政府" in content and "2023年1月5日" in content


def test_pdf_margins_follow_gbt_9704(pdf):
    pages = lines(pdf)
    assert len(pages) >= 3
    for number, runs in enumerate(pages[:-1], start=1):
        body = [r for r in runs if r.font == "Noto-Serif-CJK-SC" and not r.text.startswith("—")]
        binding = 28 if number % 2 else 26  # left margin: binding side on odd pages, mirrored
        assert min(r.x for r in body if r.size > 15) == pytest.approx(binding * MM, abs=0.5)
        text_runs = [r for r in runs if not r.text.startswith("—")]
        if number > 1 and all(r.size > 14 for r in text_runs):  # a page without a chart:
            # the first baseline sits within the first line pitch under the top margin
            assert 37 * MM <= min(r.y for r in text_runs) <= 37 * MM + 29.5
        assert max(r.y for r in body) <= (297 - 35) * MM


def test_pdf_has_22_lines_of_28_characters(pdf):
    pages = [
        [r for r in page if r.font == "Noto-Serif-CJK-SC" and r.size > 15] for page in lines(pdf)
    ]
    body = max(pages, key=len)  # a page of nothing but body text
    assert len({round(r.y) for r in body}) == 22
    left = min(r.x for r in body)
    continued = [r.text for r in body if r.x == pytest.approx(left, abs=0.5)]
    indented = [r.text for r in body if r.x == pytest.approx(left + 2 * 15.75, abs=0.5)]
    assert max(len(t) for t in continued) == 28
    assert max(len(t) for t in indented) == 26  # two characters of indent


def test_page_numbers_alternate_right_and_left_below_the_text_block(pdf):
    for number, runs in enumerate(lines(pdf), start=1):
        footer = [r for r in runs if r.text.startswith("—")]
        assert [r.text for r in footer] == [f"— {number} —"]
        assert footer[0].y > (297 - 35 + 7) * MM
        if number % 2:
            assert footer[0].x > 105 * MM  # odd: right
        else:
            assert footer[0].x < 105 * MM  # even: left


def test_headings_use_hei_and_kai_faces_and_title_heavy_serif(pdf):
    runs = lines(pdf)[0]
    fonts = {r.text: r.font for r in runs}
    assert fonts["一、2022年推进法治政府建设的主要举措和成效"] == "Noto-Sans-CJK-SC"
    assert fonts["（一）加强党的领导，压实法治政府建设责任"] == "AR-PL-UKai-CN"
    title = next(r for r in runs if r.text.startswith("石柱"))
    assert title.font == "Noto-Serif-CJK-SC-Bold" and title.size == pytest.approx(22, abs=0.1)
    body = next(r for r in runs if r.text.startswith("镇党委书记冉某某"))
    assert body.size == pytest.approx(15.75, abs=0.05)


def test_every_character_has_a_glyph_in_its_embedded_font(long_report, pdf):
    source = rendering.plain_text(long_report)
    embedded = {r.font for page in lines(pdf) for r in page}
    headings_kai = "".join(s["heading"] for s in long_report.sections if s["level"] == 2)
    assert missing_glyphs(headings_kai, "AR-PL-UKai-CN") == []
    for font in embedded - {"AR-PL-UKai-CN"}:
        assert missing_glyphs(source, font) == [], font
    extracted = text(pdf)
    assert all(c in extracted for c in RARE)


def test_glyph_check_finds_a_missing_character():
    assert missing_glyphs("冉\ue000", "Noto-Serif-CJK-SC") == ["\ue000"]


def test_docx_opens_with_headings_and_text(long_report):
    document = docx.Document(io.BytesIO(rendering.render_to_docx(long_report)))

    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "一、2022年推进法治政府建设的主要举措和成效"
    assert "（六）依法预防化解社会矛盾纠纷" in headings
    assert any("成功调处矛盾纠纷事件128起" in p.text for p in document.paragraphs)
    run = document.paragraphs[2].runs[0]
    assert run._element.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    )
    assert round(document.sections[0].top_margin.mm) == 37
