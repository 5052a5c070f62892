import pytest

from reports.tests.factories import ReportFactory

pytestmark = pytest.mark.django_db


def test_anonymous_api_callers_read_published_reports_only(api_client):
    published = ReportFactory(status="published")
    draft = ReportFactory(status="draft", year=published.year + 1)

    listed = api_client.get("/api/v1/reports/")
    hidden = api_client.get(f"/api/v1/reports/{draft.pk}/")
    created = api_client.post(
        "/api/v1/reports/", {"year": 2022, "kind": "rule_of_law"}, format="json"
    )

    assert [r["id"] for r in listed.json()["results"]] == [published.pk]
    assert hidden.status_code == 404
    assert created.status_code == 401
