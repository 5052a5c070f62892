"""The seed test (issue 9, must have 11): the township's 2022 report figures, all from records."""

import re

import pytest
from django.core.management import call_command

from reports import rendering, services
from reports.tests.pdftools import BODY_FONT, missing_glyphs, text

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_2022_report_after_load_demo_has_the_seed_figures(report_office):
    call_command("load_demo")

    report = services.create_report(actor=report_office, year=2022, kind="rule_of_law")
    content = re.sub(r"\s+", "", text(rendering.render_pdf_now(report)))

    for figure in (
        "开展法治宣传活动23次",
        "提供法治咨询服务29人次",
        "成功调处矛盾纠纷事件128起",
        "调解成功率达99%",
        "累计收集代表意见建议5条",
        "聘请1名专业律师担任政府法律顾问",
    ):
        assert figure in content
    assert not [n for n in report.notices if "按0计" in n]
    # every character of the demo reports has a glyph in the 仿宋 body face (FandolFang)
    disclosure = services.create_report(actor=report_office, year=2022, kind="disclosure")
    for compiled in (report, disclosure):
        assert missing_glyphs(rendering.plain_text(compiled), BODY_FONT) == []


DEMO_YEARS = (2021, 2022, 2023)  # API.md: load_demo's records for 2021–2023
DRAFTS = (("rule_of_law", "statutory"), ("rule_of_law", "seed2022"), ("disclosure", "disclosure"))
SENTENCE_END = re.compile(r"[。；！？\n]")


def _chart_labels(svg: str) -> list[str]:
    """Every text of a chart but its title, a wrapped label joined back into one."""
    texts = [re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg)]
    titles = {
        re.sub(r"<[^>]+>", "", t) for t in re.findall(r'<text[^>]*y="18"[^>]*>(.*?)</text>', svg)
    }
    return [t for t in texts if t not in titles and not re.fullmatch(r"[\d.]+", t)]


def test_every_demo_year_compiles_to_a_draft_a_clerk_could_publish():
    """Issue 17: each figure stated once, in its part; no sentence twice; no 今年 in a report
    about a past year; every reference resolved (hand-entered figures apart); chart labels
    whole and one unit per chart."""
    from reports import charts, compose, refs

    call_command("load_demo")
    for year in DEMO_YEARS:
        for kind, outline in DRAFTS:
            compiled = compose.compile_year(year, kind)
            figures = {f["key"]: f for f in compiled.figures}
            sections = compose.default_sections(outline, compiled, year)
            where = f"{year} {outline}"
            drafts = [s["text"] for s in sections]
            stated = refs.references_in("\n".join(drafts))
            assert [k for k in set(stated) if stated.count(k) > 1] == [], where
            unknown = [
                n
                for text in drafts
                for n in refs.unknown_references(text, figures)
                if not n.startswith("manual.")  # entered by hand on the report (API.md)
            ]
            assert unknown == [], where
            text = "\n".join(refs.plain(t, figures) for t in drafts)
            sentences = [s.strip() for s in SENTENCE_END.split(text) if len(s.strip()) > 4]
            assert [s for s in set(sentences) if sentences.count(s) > 1] == [], where
            assert "今年" not in text, where
            known = {f["label"] for f in compiled.figures} | {f"{m}月" for m in range(1, 13)}
            known |= {
                str(k)
                for f in compiled.figures
                for series in (f.get("breakdown") or {}).values()
                for k in series
            }
            for section in sections:
                svg = charts.chart_for(section["chart"], figures, year)
                assert [t for t in _chart_labels(svg) if t not in known] == [], where
                for one in re.findall(r"<svg.*?</svg>", svg):
                    title = re.search(r'y="18"[^>]*>([^<]*)<', one).group(1)
                    assert re.search(r"（[^）]*）$", title), title  # the one unit, named
