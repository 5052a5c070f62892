"""Two people of the office edit the same report narrative at once (issue 13, review MEDIUM-8):
the second save is refused instead of silently undoing the first."""

import pytest
from django.urls import reverse

from huanghe_portal.tests.sessions import api, browser, form_version
from reports.models import Report

from .factories import ReportFactory

pytestmark = pytest.mark.django_db


def _form(report: Report, version: int, **sections) -> dict:
    data = {"title": report.title, "document_number": "", "signed_on": "", "version": version}
    data |= {f"section_{i}": s["text"] for i, s in enumerate(report.sections)}
    return data | sections


def _text(report: Report, index: int) -> str:
    return Report.objects.get(pk=report.pk).sections[index]["text"]


def test_a_stale_narrative_save_is_refused_and_shows_both_texts(areas, report_office, colleague):
    report = ReportFactory()
    url = reverse("reports:report-edit", args=[report.pk])
    a, b = browser(report_office), browser(colleague("report_office"))
    version_a, version_b = form_version(a.get(url)), form_version(b.get(url))

    saved = a.post(url, _form(report, version_a, section_2="A 写的第三部分正文"))
    refused = b.post(url, _form(report, version_b, section_5="B 写的第六部分正文"))

    assert saved.status_code == 302
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "这条记录已被他人修改" in page
    assert "对方保存为“A 写的第三部分正文”" in page
    assert "B 写的第六部分正文</textarea>" in page  # B's text is kept in the form
    assert form_version(refused) == version_a + 1
    assert _text(report, 2) == "A 写的第三部分正文"
    assert _text(report, 5) != "B 写的第六部分正文"


def test_a_stale_narrative_patch_is_409_with_the_current_report(areas, report_office, colleague):
    report = ReportFactory()
    url = reverse("api:report-detail", args=[report.pk])
    a, b = api(report_office), api(colleague("report_office"))
    version = a.get(url).json()["version"]

    saved = a.patch(url, {"sections": {"other": "A 的其他事项"}, "version": version}, format="json")
    stale = b.patch(
        url, {"sections": {"principals": "B 的正文"}, "version": version}, format="json"
    )
    missing = b.patch(url, {"title": "B 的标题"}, format="json")

    assert saved.status_code == 200 and saved.json()["version"] == version + 1
    assert stale.status_code == 409 and missing.status_code == 409
    current = stale.json()["current"]
    assert current["version"] == version + 1
    assert next(s for s in current["sections"] if s["key"] == "other")["text"] == "A 的其他事项"
    report.refresh_from_db()
    assert report.title != "B 的标题"
    assert next(s for s in report.sections if s["key"] == "principals")["text"] != "B 的正文"


def test_an_unchanged_save_writes_nothing_and_keeps_the_version(areas, report_office):
    report = ReportFactory()
    url = reverse("reports:report-edit", args=[report.pk])

    response = browser(report_office).post(url, _form(report, report.version))

    assert response.status_code == 302
    assert Report.objects.get(pk=report.pk).version == report.version
