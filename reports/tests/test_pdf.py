import io
import re

import docx
import pytest

from reports import rendering, services
from reports.tests.pdftools import (
    BODY_FONT,
    MM,
    ink_below_text_block,
    lines,
    missing_glyphs,
    page_sizes,
    red_rows,
    text,
)

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
    assert "成功调处矛盾纠纷事件128起，调解成功率达99%" in content
    assert "开展法治宣传活动23次、提供法治咨询服务29人次" in content
    assert "石柱土家族自治县黄鹤镇人民政府" in content and "2023年1月5日" in content


def test_pdf_margins_follow_gbt_9704(pdf):
    pages = lines(pdf)
    assert len(pages) >= 3
    for number, runs in enumerate(pages[:-1], start=1):
        body = [r for r in runs if r.font == BODY_FONT and not r.text.startswith("—")]
        binding = 28 if number % 2 else 26  # left margin: binding side on odd pages, mirrored
        assert min(r.x for r in body if r.size > 15) == pytest.approx(binding * MM, abs=0.5)
        text_runs = [r for r in runs if not r.text.startswith("—")]
        if number > 1 and all(r.size > 14 for r in text_runs):  # a page without a chart:
            # the first baseline sits within the first line pitch under the top margin
            assert 37 * MM <= min(r.y for r in text_runs) <= 37 * MM + 29.5
        assert max(r.y for r in body) <= (297 - 35) * MM


def test_pdf_has_22_lines_of_28_characters(pdf):
    pages = [[r for r in page if r.font == BODY_FONT and r.size > 15] for page in lines(pdf)]
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
    assert body.font == BODY_FONT  # 3号仿宋 (GB/T 9704 5.2.2), not a 宋体-like serif


def test_every_character_has_a_glyph_in_its_embedded_font(long_report, pdf):
    source = rendering.plain_text(long_report)
    embedded = {r.font for page in lines(pdf) for r in page}
    headings_kai = "".join(s["heading"] for s in long_report.sections if s["level"] == 2)
    assert missing_glyphs(headings_kai, "AR-PL-UKai-CN") == []
    for font in embedded - {"AR-PL-UKai-CN"}:
        assert missing_glyphs(source, font) == [], font
    extracted = text(pdf)
    assert all(c in extracted for c in RARE)


def test_page_number_dash_7mm_below_the_text_block_one_character_in(pdf):
    """GB/T 9704 7.5: the 一字线's top 7 mm below the 版心 (262 mm); odd pages right, even pages
    left, one 4号 character (14 pt = 4.94 mm) in from the 版心's outer edge (ink, 300 dpi).
    Issue 14 defect 9 measured 18.2 mm and 7.4 mm."""
    one_char = 14 / MM
    for number in (1, 2, 3):
        ink = ink_below_text_block(pdf, number)
        assert ink["dash_top"] == pytest.approx(262 + 7, abs=0.5), number
        if number % 2:  # odd: 版心 from 28 to 184 mm
            assert 184 - ink["right"] == pytest.approx(one_char, abs=0.6), number
        else:  # even, mirrored: 版心 from 26 to 182 mm
            assert ink["left"] - 26 == pytest.approx(one_char, abs=0.6), number
        assert ink["bottom"] < 297 - 20  # nothing else down in the margin


@pytest.fixture
def submission(long_report, report_office):
    report = services.update_report(
        long_report,
        actor=report_office,
        document_number="黄鹤府文〔2023〕3号",
        signer="谭某某",
        version=long_report.version,
    )
    return rendering.render_pdf_now(report, "submission")


def test_submission_edition_has_the_upward_document_head(submission):
    """报送版 (上行文, GB/T 9704 7.2, 7.3.2): issue 14 defect 9 printed the 发文字号 under the title
    and had no 签发人 or 主送机关."""
    runs = lines(submission)[0]
    by_text = {r.text: r for r in runs}
    mark = min(runs, key=lambda r: r.y)
    assert mark.text == "石柱土家族自治县黄鹤镇人民政府文件"
    title = next(r for r in runs if r.text == "关于2022年法治政府建设情况的报告")
    number = by_text["黄鹤府文〔2023〕3号"]
    signer = next(r for r in runs if r.text.startswith("签发人"))
    assert mark.y < number.y < title.y
    assert number.y == pytest.approx(signer.y, abs=1)  # one line: 发文字号 left, 签发人 right
    assert number.x == pytest.approx(28 * MM + 15.75, abs=1)  # 居左空一字
    assert signer.x > 105 * MM  # 居右
    assert "谭某某" in "".join(r.text for r in runs if abs(r.y - signer.y) < 1)
    addressee = by_text["石柱土家族自治县人民政府："]
    assert addressee.x == pytest.approx(28 * MM, abs=0.5) and addressee.y > title.y
    # the red 发文机关标志's top edge 35 mm below the 版心 (7.2.3: 37 + 35 mm from the top)
    red = red_rows(submission, 1)
    assert red[0][0] == pytest.approx(37 + 35, abs=0.6)
    # the red separator: as wide as the 版心, between the 发文字号 and the title
    separator = [r for r in red if r[2] - r[1] > 150]
    assert separator
    assert all(
        r[1] == pytest.approx(28, abs=1) and r[2] == pytest.approx(184, abs=1) for r in separator
    )
    assert number.y / MM < separator[0][0] < title.y / MM


def test_public_edition_has_no_document_head(pdf, long_report):
    content = text(pdf)
    assert "签发人" not in content and "政府文件" not in content
    assert "石柱土家族自治县人民政府：" not in content
    assert red_rows(pdf, 1) == []


def test_body_face_is_a_fangsong_with_full_gb2312_coverage():
    gb2312 = []
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                gb2312.append(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    assert len(gb2312) == 6763
    assert missing_glyphs("".join(gb2312), BODY_FONT) == []


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
