"""The one optimistic-locking mechanism and the once-only hand-over (issue 13)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.urls import reverse

from huanghe_portal import handover, services
from huanghe_portal.models import RecordLink, Township, Village
from huanghe_portal.tests.sessions import browser, form_version
from huanghe_portal.versioning import StaleVersion, save_with_version

pytestmark = pytest.mark.django_db

TOWNSHIP_FORM = {
    "name": "黄鹤镇",
    "government_name": "石柱土家族自治县黄鹤镇人民政府",
    "county": "重庆市石柱土家族自治县",
    "doc_prefix": "黄鹤",
    "address": "",
    "office_hours": "",
    "introduction": "",
    "reception_phone": "",
}


def test_two_office_clerks_editing_the_township_profile(report_office, colleague, township):
    url = reverse("township-edit")
    a, b = browser(report_office), browser(colleague("report_office"))
    version_a, version_b = form_version(a.get(url)), form_version(b.get(url))

    a.post(url, {**TOWNSHIP_FORM, "reception_phone": "023-73309999", "version": version_a})
    refused = b.post(url, {**TOWNSHIP_FORM, "office_hours": "周一至周五", "version": version_b})

    assert refused.status_code == 409
    page = refused.content.decode()
    assert "接待电话：对方保存为“023-73309999”，您填写的是“（空）”。" in page
    assert 'value="周一至周五"' in page
    township.refresh_from_db()
    assert (township.reception_phone, township.office_hours) == ("023-73309999", "")


def test_a_stale_village_edit_is_refused(report_office):
    village = Village.objects.create(name="石龙村", code="001")
    services.save_office_record(
        village, actor=report_office, name="石龙新村", code="001", version=1
    )

    with pytest.raises(StaleVersion) as refused:
        services.save_office_record(
            village, actor=report_office, name="石龙村", code="001", version=1
        )

    assert refused.value.record.name == "石龙新村"
    assert Village.objects.get(pk=village.pk).name == "石龙新村"


def test_the_version_grows_on_every_save_even_from_an_old_copy(township):
    old_copy = Township.objects.get(pk=township.pk)
    township.address = "黄鹤镇正街1号"
    township.save()

    old_copy.office_hours = "周一至周五"
    old_copy.save(update_fields=["office_hours"])

    assert (township.version, old_copy.version) == (2, 3)
    assert Township.objects.get(pk=township.pk).version == 3


def test_nothing_changed_writes_nothing(township):
    assert save_with_version(township, 1, {"name": township.name}) == []
    assert Township.objects.get(pk=township.pk).version == 1


@pytest.mark.parametrize("sent", [None, "", "abc", 0, 2])
def test_a_missing_or_wrong_version_is_refused(township, sent):
    with pytest.raises(StaleVersion):
        save_with_version(township, sent, {"address": "新地址"})
    assert Township.objects.get(pk=township.pk).address == ""


def test_a_record_is_handed_over_once_and_the_second_names_the_first(
    monkeypatch, report_office, township
):
    made = []

    def handler(*, actor, source, **data):
        made.append(Village.objects.create(name=f"新村{len(made)}", code=f"N{len(made)}"))
        return made[-1]

    monkeypatch.setitem(handover._handlers, "village_test", handler)
    first = handover.create("village_test", source=township, actor=report_office)

    with pytest.raises(handover.AlreadyHandedOver) as again:
        handover.create("village_test", source=township, actor=report_office)

    assert len(made) == 1
    assert again.value.existing["id"] == first.pk and "新村0" in str(again.value)


def test_the_database_refuses_a_second_link_of_the_same_kind(report_office, township):
    village = Village.objects.create(name="石龙村", code="001")
    link = {
        "source_type": ContentType.objects.get_for_model(township),
        "source_id": township.pk,
        "target_type": ContentType.objects.get_for_model(village),
        "target_id": village.pk,
        "kind": "dispute",
    }
    RecordLink.objects.create(**link)

    with pytest.raises(IntegrityError), transaction.atomic():
        RecordLink.objects.create(**link)


def test_two_office_clerks_editing_one_staff_account(report_office, colleague, mediator):
    url = reverse("staff-edit", args=[mediator.pk])
    a, b = browser(report_office), browser(colleague("report_office"))
    version_a, version_b = form_version(a.get(url)), form_version(b.get(url))
    form = {"full_name": "调解员甲", "title": "", "roles": ["mediator"], "is_active": "on"}

    a.post(url, {**form, "roles": ["mediator", "leader"], "version": version_a})
    refused = b.post(url, {**form, "title": "司法所长", "version": version_b})

    assert refused.status_code == 409
    page = refused.content.decode()
    assert "角色：对方保存为“" in page and "领导" in page.split("角色：对方保存为")[1][:20]
    assert "职务：对方保存为“（空）”，您填写的是“司法所长”" in page
    mediator.refresh_from_db()
    assert set(mediator.groups.values_list("name", flat=True)) == {"mediator", "leader"}
    assert mediator.portal_profile.title == ""


def test_the_village_and_holiday_edit_pages_carry_the_version(report_office):
    import datetime as dt

    from huanghe_portal.models import Holiday

    village = Village.objects.create(name="石龙村", code="001")
    holiday = Holiday.objects.create(date=dt.date(2026, 10, 1), name="国庆节")
    client = browser(report_office)

    assert form_version(client.get(reverse("village-edit", args=[village.pk]))) == 1
    assert form_version(client.get(reverse("holiday-edit", args=[holiday.pk]))) == 1
