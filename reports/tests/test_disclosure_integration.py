"""The disclosure report compiled from the real disclosure area (not a stand-in module)."""

import datetime as dt

import pytest

from disclosure.tests.factories import ApplicationFactory
from reports import selectors, services

pytestmark = pytest.mark.django_db


def test_the_disclosure_report_reads_the_disclosure_areas_own_tables(report_office):
    ApplicationFactory(replied=True)  # received 2024-09-20, granted 2024-10-10
    ApplicationFactory(
        received_on=dt.date(2024, 12, 20),
        reply_due=dt.date(2025, 1, 20),
        applicant_kind="commercial_enterprise",
    )

    report = services.create_report(actor=report_office, year=2024, kind="disclosure")

    tables = {t.section: t for t in selectors.report_tables(report)}
    rows = {
        [c for c in row if c.left][-1].text: [c.text for c in row[-7:]]
        for row in tables["section3"].rows
    }
    assert rows["一、本年新收政府信息公开申请数量"] == ["1", "1", "0", "0", "0", "0", "2"]
    assert rows["（一）予以公开"][0] == "1"
    assert rows["四、结转下年度继续办理"][1] == "1"
    assert selectors.report_problems(report)["table_failures"] == [
        "需手工录入：行政许可“本年处理决定数量”。",
        "需手工录入：行政处罚“本年处理决定数量”。",
        "需手工录入：行政强制“本年处理决定数量”。",
        "需手工录入：行政事业性收费“本年收费金额（单位：万元）”。",
    ]


def test_an_empty_year_compiles_the_disclosure_report_with_zeros(report_office):
    report = services.create_report(actor=report_office, year=2021, kind="disclosure")

    tables = {t.section: t for t in selectors.report_tables(report)}
    assert [c.text for c in tables["section3"].rows[-2][-7:]] == ["0"] * 7  # （七）总计
    assert [c.text for c in tables["section4"].rows[0]] == ["0"] * 15
