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
