"""A report is checked for personal data before it goes public (issue 12.7)."""

import pytest
from django.urls import reverse

from huanghe_portal import timeline
from reports.models import Report
from reports.tests.factories import ReportFactory

pytestmark = pytest.mark.django_db
ID = "11010519491231002X"
PHONE = "13812345678"


def with_text(text: str) -> Report:
    # create(), not ReportFactory(): mypy takes the latter for a factory, not a Report.
    report = ReportFactory.create(approved=True)
    report.sections[0]["text"] = report.sections[0].get("text", "") + "\n" + text
    report.save()
    return report


def test_a_full_id_in_the_narrative_refuses_publication(api_client, areas, report_office):
    report = with_text(f"群众张某（{ID}）反映的问题已解决。")
    api_client.force_authenticate(report_office)
    answer = api_client.post(
        f"/api/v1/reports/{report.pk}/publish/", {"acknowledge": "x"}, format="json"
    )
    assert answer.status_code == 409
    assert answer.json()["findings"][0]["what"] == "身份证号码 110105********002X"
    report.refresh_from_db()
    assert report.status == Report.Status.APPROVED


def test_a_mobile_number_is_published_only_with_a_recorded_reason(api_client, areas, report_office):
    report = with_text(f"法律咨询热线 {PHONE}。")
    api_client.force_authenticate(report_office)
    url = f"/api/v1/reports/{report.pk}/publish/"
    assert api_client.post(url, {}, format="json").status_code == 409
    answer = api_client.post(url, {"acknowledge": "公开的咨询热线"}, format="json")
    assert answer.status_code == 200 and answer.json()["status"] == "published"
    published = timeline.entries_for(report).get(action="published")
    assert published.data["personal_data_check"]["acknowledgement"] == "公开的咨询热线"


def test_the_page_shows_the_findings(client, areas, report_office):
    report = with_text(f"法律咨询热线 {PHONE}。")
    client.force_login(report_office)
    url = reverse("reports:report-publish", args=[report.pk])
    page = client.post(url, {"version": report.version})
    # The step page, not a flash message: the findings beside the reason's input, to try again.
    assert page.status_code == 400
    content = page.content.decode()
    assert "报告全文：手机号码 138****5678" in content
    assert 'name="acknowledge"' in content
    report.refresh_from_db()
    assert report.status == Report.Status.APPROVED

    again = client.post(url, {"version": report.version, "acknowledge": "公开的咨询热线"})
    assert again.status_code == 302 and again["Location"] == report.get_absolute_url()
    report.refresh_from_db()
    assert report.status == Report.Status.PUBLISHED
