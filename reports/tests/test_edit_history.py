"""The report's history reads in Chinese, and an edit lists exactly the items a person changed
(a browser sends every textarea back with CRLF line ends and empty fields as "")."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from huanghe_portal import timeline
from huanghe_portal.versioning import same_value
from reports import services
from reports.tests.factories import ReportFactory

pytestmark = pytest.mark.django_db


def _as_browser_sends(report) -> dict:
    data = {
        "title": report.title,
        "document_number": report.document_number or "",
        "signer": report.signer or "",
        "addressee": report.addressee or "",
        "signed_on": "",
        "version": report.version,
    }
    data |= {
        f"section_{i}": s["text"].replace("\n", "\r\n") + "\r\n"
        for i, s in enumerate(report.sections)
    }
    return data


def test_an_edit_of_two_items_records_those_two(client, areas, report_office):
    report = ReportFactory()
    report = services.update_report(  # several sections of several paragraphs each
        report,
        actor=report_office,
        version=report.version,
        texts={s["key"]: "第一段。\n第二段。" for s in report.sections[:5]},
    )
    client.force_login(report_office)
    data = _as_browser_sends(report)
    data["document_number"] = "黄鹤府文〔2023〕5号"
    data["section_1"] = "改写的一段。"

    response = client.post(reverse("reports:report-edit", args=[report.pk]), data)

    assert response.status_code == 302
    last = list(timeline.entries_for(report))[-1]
    assert last.action == "edited"
    assert last.note.split("、") == [report.sections[1]["heading"], "发文字号"]


def test_saving_the_edit_page_unchanged_records_nothing(client, areas, report_office):
    report = ReportFactory()
    report = services.update_report(
        report,
        actor=report_office,
        version=report.version,
        texts={report.sections[0]["key"]: "第一段。\n第二段。"},
    )
    before = timeline.entries_for(report).count()
    client.force_login(report_office)

    client.post(reverse("reports:report-edit", args=[report.pk]), _as_browser_sends(report))

    assert timeline.entries_for(report).count() == before


def test_the_history_on_the_report_page_is_in_chinese(client, areas, report_office):
    report = ReportFactory()
    timeline.record(report, actor=report_office, action="compiled")
    services.update_report(
        report, actor=report_office, version=report.version, document_number="黄鹤府文〔2023〕6号"
    )
    client.force_login(report_office)

    page = client.get(report.get_absolute_url()).content.decode()

    assert "汇编生成" in page and "修改" in page
    assert ">compiled<" not in page and ">edited<" not in page
    assert "综治办甲" in page  # the actor by display name


@pytest.mark.parametrize(
    ("stored", "sent"),
    [
        ("", None),
        ("一\n二", "一\r\n二\r\n"),
        (Decimal("5.00"), 5),
        (dt.date(2024, 1, 2), "2024-01-02"),
    ],
)
def test_same_value_ignores_how_a_value_was_sent(stored, sent):
    assert same_value(stored, sent)


@pytest.mark.parametrize(
    ("stored", "sent"),
    [
        ("", "x"),
        (None, 0),
        (Decimal("5"), Decimal("5.01")),
        (dt.date(2024, 1, 2), "2024-01-03"),
        (True, False),
    ],
)
def test_same_value_sees_a_real_change(stored, sent):
    assert not same_value(stored, sent)
