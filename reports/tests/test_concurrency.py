import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from huanghe_portal.tests.concurrency import run_concurrently
from reports import services
from reports.models import Report

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("published_versions", [0, 1])
def test_thirty_simultaneous_creations_of_one_report_make_one_and_refuse_the_rest(
    areas, report_office, today, published_versions
):
    if published_versions:
        first = services.create_report(actor=report_office, year=2022, kind="rule_of_law")
        Report.objects.filter(pk=first.pk).update(status=Report.Status.PUBLISHED)

    def create(i: int) -> tuple[int, dict]:
        client = APIClient()
        client.force_authenticate(report_office)
        response = client.post(
            reverse("api:report-list"), {"year": 2022, "kind": "rule_of_law"}, format="json"
        )
        return response.status_code, response.json()

    results = run_concurrently(create)

    assert sorted(code for code, _body in results) == [201] + [409] * 29
    assert {body["detail"] for code, body in results if code == 409} == {
        "该年度已有未发布的报告，请在原报告上修改或重新编制。"
    }
    versions = sorted(Report.objects.values_list("edition", flat=True))
    assert versions == list(range(1, published_versions + 2))
