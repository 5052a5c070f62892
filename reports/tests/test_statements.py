"""Issue 14 "Reports state only what records say": regressions compiled from the real areas."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from disclosure.tests.factories import ApplicationFactory
from petitions.tests.factories import PetitionFactory
from reports import refs, selectors, services
from reports.tests.pdftools import text as pdf_text

pytestmark = pytest.mark.django_db
D = dt.date


def _text(report, key: str) -> str:
    section = next(s for s in report.sections if s["key"] == key)
    return refs.plain(section["text"], selectors.figures_by_key(report))


def _edit(report, actor, **texts):
    return services.update_report(report, actor=actor, texts=texts, version=report.version)


def _replied(year: int, month: int, **fields):
    """An application received on the 10th of `month`, replied on the 30th."""
    return ApplicationFactory(
        replied=True,
        received_on=D(year, month, 10),
        reply_due=D(year, month + 1, 7),
        replied_on=D(year, month, 30),
        concluded_on=D(year, month, 30),
        **fields,
    )


@pytest.mark.parametrize("year", [2021, 2022, 2023])
def test_fee_sentence_states_the_fees_the_records_show(report_office, year):
    """The fixed sentence 本年度未收取信息处理费。 was printed while 100 元 were collected."""
    _replied(year, 5, fee_amount=Decimal("100.00"))
    _replied(year, 7)

    report = services.create_report(actor=report_office, year=year, kind="disclosure")

    text = _text(report, "other")
    assert "未收取" not in text
    assert "收取信息处理费1件，共计100元" in text
    assert not any("信息处理费" in p for p in selectors.report_problems(report)["missing_parts"])


def test_a_false_fee_sentence_blocks_approval(report_office):
    _replied(2022, 5, fee_amount=Decimal("100.00"))
    report = services.create_report(actor=report_office, year=2022, kind="disclosure")

    report = _edit(report, report_office, other="本年度未收取信息处理费。")

    missing = selectors.report_problems(report)["missing_parts"]
    assert any("其他需要报告的事项" in m and "100元" in m for m in missing)


def test_no_fee_collected_says_so(report_office):
    ApplicationFactory(replied=True)
    report = services.create_report(actor=report_office, year=2024, kind="disclosure")

    assert _text(report, "other") == "本年度未收取信息处理费。"


def test_section_one_covers_the_five_subjects_with_figures_and_narrative(report_office):
    ApplicationFactory(replied=True)  # received 2024-09-20, replied 2024-10-10
    report = services.create_report(actor=report_office, year=2024, kind="disclosure")

    assert "收到政府信息公开申请1件，办结1件，按期答复率100%" in _text(
        report, "overview.applications"
    )
    assert "主动公开政府信息0条" in _text(report, "overview.proactive")
    problems = selectors.report_problems(report)
    # narrative no record can give starts as a mark the office must replace
    assert "（四）政府信息公开平台建设" in problems["empty_parts"]
    assert "总体情况：政府信息公开平台建设" in problems["missing_parts"]
    assert any("监督保障" in m for m in problems["missing_parts"])

    report = _edit(
        report,
        report_office,
        **{
            "overview.platform": "镇政府网站政务公开专栏全年更新栏目12个。",
            "overview.oversight": "全年未发生责任追究情况。",
            # a heading with a sentence that leaves out the record's figure does not cover it
            "overview.applications": "依申请公开工作运行平稳。",
        },
    )

    problems = selectors.report_problems(report)
    assert not any("平台建设" in m or "监督保障" in m for m in problems["missing_parts"])
    assert any(
        "依申请公开" in m and "收到政府信息公开申请1件" in m for m in problems["missing_parts"]
    )


def test_rule_of_law_report_keeps_received_accepted_and_12345_apart(report_office):
    """134 received (86 信访 + 48 12345 tickets), 130 accepted: the report said
    "共受理群众信访134件，依法受理130件" and then counted the 48 tickets again."""
    day = D(2022, 3, 1)
    PetitionFactory.create_batch(82, replied=True, received_on=day)
    PetitionFactory.create_batch(
        4, received_on=day, status="not_accepted", not_accepted_on=D(2022, 3, 4)
    )
    PetitionFactory.create_batch(
        48, replied=True, received_on=day, source="hotline_12345", channel="phone"
    )

    report = services.create_report(actor=report_office, year=2022, kind="rule_of_law")

    text = _text(report, "measures.disputes")
    assert "收到群众信访事项86件，经审查依法受理82件、不予受理并引导4件" in text
    assert "另收到12345热线工单48件，办结48件（不计入信访件数）" in text
    assert "134" not in text and "130" not in text
    assert "受理群众信访" not in text


def test_editor_shows_each_figures_definition_on_hover(client, report_office):
    ApplicationFactory(replied=True)
    report = services.create_report(actor=report_office, year=2024, kind="disclosure")
    client.force_login(report_office)

    page = client.get(reverse("reports:report-edit", args=[report.pk])).content.decode()

    assert 'title="收到政府信息公开申请：收到日期在本年度的申请（不含作废）"' in page
    detail = client.get(report.get_absolute_url()).content.decode()
    assert 'title="收到政府信息公开申请：收到日期在本年度的申请（不含作废）"' in detail


def test_staff_download_the_submission_edition(client, report_office, educator):
    report = services.create_report(actor=report_office, year=2024, kind="rule_of_law")
    client.force_login(educator)  # every staff role reads the reports

    response = client.get(reverse("reports:report-submission-pdf", args=[report.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert "签发人" in pdf_text(response.content)
    client.logout()
    assert client.get(reverse("reports:report-submission-pdf", args=[report.pk])).status_code == 302
