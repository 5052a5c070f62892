"""Search by a full ID number or credit code: disclosure officers and superusers only, audited;
other readers find nothing and are told why (issue 12)."""

import pytest
from django.urls import reverse

from huanghe_portal.models import PersonalDataAccess
from huanghe_portal.personal_data import id_check_char

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db

ID = "11010519491231002" + id_check_char("11010519491231002")


def test_an_officer_finds_an_application_by_id_number(client, disclosure_officer, today):
    app = ApplicationFactory(id_number=ID)
    phone_app = ApplicationFactory(phone="13900001111")
    client.force_login(disclosure_officer)

    page = client.get(reverse("disclosure:application-list"), {"q": ID.lower()})
    by_phone = client.get(reverse("disclosure:application-list"), {"q": "13900001111"})

    assert list(page.context["object_list"]) == [app]
    assert list(by_phone.context["object_list"]) == [phone_app]
    assert PersonalDataAccess.objects.filter(
        user=disclosure_officer, purpose="search", object_id=app.pk
    ).exists()


def test_a_leader_finds_nothing_by_id_number_and_is_told_why(api_client, leader, today):
    ApplicationFactory(id_number=ID)
    api_client.force_authenticate(leader)

    body = api_client.get(reverse("api:disclosure-application-list"), {"search": ID}).json()

    assert body["count"] == 0
    assert "仅限信息公开专员" in body["detail"]


def test_a_full_width_id_from_the_public_form_is_stored_in_ascii(
    api_client, disclosure_officer, today
):
    full_width = ID.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    response = api_client.post(
        reverse("api:disclosure-application-list"),
        {
            "applicant_kind": "natural_person",
            "applicant_name": "李晓明",
            "id_number": full_width,
            "phone": "１３８１２３４５６７８",
            "description": "低保名单",
            "delivery": "email",
            "email": "lixm@example.com",
        },
        format="json",
    )
    assert response.status_code == 201
    api_client.force_authenticate(disclosure_officer)

    body = api_client.get(reverse("api:disclosure-application-list"), {"search": ID}).json()

    assert body["count"] == 1
    assert (body["results"][0]["id_number"], body["results"][0]["phone"]) == (ID, "13812345678")
