"""The disclosure report compiled from the real disclosure area (not a stand-in module)."""

import datetime as dt

import pytest

from disclosure.tests.factories import ApplicationFactory
from reports import services

pytestmark = pytest.mark.django_db


def test_the_disclosure_report_reads_the_disclosure_areas_own_tables(report_office):
    ApplicationFactory(replied=True)  # received 2024-09-20, granted 2024-10-10
    ApplicationFactory(received_on=dt.date(2024, 12, 20), reply_due=dt.date(2025, 1, 20),
                       applicant_kind="commercial_enterprise")

    report = services.create_report(actor=report_office, year=2024, kind="disclosure")

    tables = report.tables
    assert tables["section3"]["new"] == [1, 1, 0, 0, 0, 0, 2]
    assert tables["section3"]["disclosed"][0] == 1
    assert tables["section3"]["carry_over"][1] == 1
    assert tables["failures"] == []
    assert ["section2", "行政许可", "本年处理决定数量"] in tables["manual"]


def test_an_empty_year_compiles_the_disclosure_report_with_zeros(report_office):
    report = services.create_report(actor=report_office, year=2021, kind="disclosure")

    assert report.tables["section3"]["total"] == [0] * 7
    assert report.tables["section4"] == [0] * 15
