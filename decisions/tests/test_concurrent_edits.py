"""Two people of the office edit the same catalogue entry or adviser at once, or take steps on a
matter another has moved on (issue 13)."""

import pytest
from django.urls import reverse

from huanghe_portal.tests.sessions import api, browser, form_version

from ..models import DecisionCatalogItem, LegalAdviser, Matter
from .factories import LegalAdviserFactory, MatterFactory

pytestmark = pytest.mark.django_db


def test_a_stale_catalogue_entry_is_refused_and_keeps_the_input(report_office, leader):
    item = DecisionCatalogItem.objects.create(year=2024, title="集镇规划调整")
    url = reverse("decisions:catalogue-edit", args=[item.pk])
    a, b = browser(report_office), browser(leader)
    version_a, version_b = form_version(a.get(url)), form_version(b.get(url))

    saved = a.post(url, {"year": 2024, "title": "集镇总体规划调整", "version": version_a})
    refused = b.post(
        url,
        {"year": 2024, "title": "集镇规划调整", "published_on": "2024-03-01", "version": version_b},
    )

    assert saved.status_code == 302
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "事项名称：对方保存为“集镇总体规划调整”，您填写的是“集镇规划调整”。" in page
    assert 'value="2024-03-01"' in page
    item.refresh_from_db()
    assert (item.title, item.published_on) == ("集镇总体规划调整", None)


def test_a_stale_adviser_patch_is_409_with_the_current_adviser(report_office, leader):
    adviser = LegalAdviserFactory()
    url = reverse("api:legal-adviser-detail", args=[adviser.pk])
    a, b = api(report_office), api(leader)
    version = a.get(url).json()["version"]

    saved = a.patch(url, {"firm": "重庆新律师事务所", "version": version}, format="json")
    stale = b.patch(url, {"contract_number": "HT-9", "version": version}, format="json")
    missing = b.patch(url, {"contract_number": "HT-9"}, format="json")

    assert saved.status_code == 200 and saved.json()["version"] == version + 1
    assert stale.status_code == 409 and missing.status_code == 409
    assert stale.json()["current"]["firm"] == "重庆新律师事务所"
    assert LegalAdviser.objects.get(pk=adviser.pk).contract_number == ""


def test_a_step_on_a_matter_another_voided_is_refused(report_office, leader):
    matter = MatterFactory()
    a, b = browser(report_office), api(leader)
    version = b.get(reverse("api:decision-detail", args=[matter.pk])).json()["version"]

    voided = a.post(
        reverse("decisions:matter-step", args=[matter.pk, "void"]), {"reason": "重复录入"}
    )
    refused = b.post(
        reverse("api:decision-void", args=[matter.pk]), {"reason": "另一原因"}, format="json"
    )

    assert voided.status_code == 302
    assert refused.status_code == 409
    matter.refresh_from_db()
    assert (matter.status, matter.void_reason) == (Matter.Status.VOIDED, "重复录入")
    assert matter.version == version + 1


def test_a_double_click_on_the_hearing_page_records_one_hearing(report_office):
    matter = MatterFactory()
    client = browser(report_office)
    url = reverse("decisions:matter-step", args=[matter.pk, "hearing"])
    data = {
        "held_on": "2022-12-10",
        "materials_sent_on": "2022-12-01",
        "participants": "村民代表甲\n村民代表乙",
        "record": "听证笔录。",
        "record_signed": "on",
        "version": form_version(client.get(url)),
    }

    first = client.post(url, data)
    second = client.post(url, data, follow=True)

    assert first.status_code == 302
    assert "这一步已经办理" in second.content.decode()
    assert matter.hearings.count() == 1
