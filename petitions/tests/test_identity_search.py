"""Search by a full ID number or phone is a reveal: petition clerks and superusers only, audited;
other readers find nothing and are told why; accusations stay hidden (issue 12)."""

import pytest
from django.urls import reverse

from huanghe_portal.models import PersonalDataAccess
from petitions.models import Petition

from .factories import PetitionFactory, make_id_number

pytestmark = pytest.mark.django_db

ID = make_id_number(7)


def api_search(api_client, user, term):
    api_client.force_authenticate(user)
    return api_client.get(reverse("api:petition-list"), {"search": term})


def test_a_clerk_finds_petitions_by_id_number_and_by_phone_page_and_api(
    api_client, client, petition_clerk
):
    petition = PetitionFactory(id_number=ID, phone="13700002222")
    PetitionFactory()
    client.force_login(petition_clerk)

    by_id = api_search(api_client, petition_clerk, ID).json()
    by_phone = client.get(reverse("petitions:index"), {"q": "137 0000 2222"})

    assert [r["id"] for r in by_id["results"]] == [petition.pk]
    assert list(by_phone.context["object_list"]) == [petition]
    fields = PersonalDataAccess.objects.filter(user=petition_clerk, purpose="search")
    assert sorted(fields.values_list("field", flat=True)) == ["id_number", "phone"]


@pytest.mark.parametrize("reader", ["leader", "report_office"])
def test_other_readers_find_nothing_by_phone_and_are_told_why(request, api_client, client, reader):
    user = request.getfixturevalue(reader)
    PetitionFactory(phone="13700002222")
    client.force_login(user)

    body = api_search(api_client, user, "13700002222").json()
    page = client.get(reverse("petitions:index"), {"q": "13700002222"})

    assert (body["count"], "仅限信访干部" in body["detail"]) == (0, True)
    assert list(page.context["object_list"]) == []
    assert "仅限信访干部" in page.content.decode()


def test_a_clerk_does_not_find_another_clerks_accusation_by_phone(
    api_client, petition_clerk, other_petition_clerk
):
    PetitionFactory(
        category=Petition.Category.ACCUSATION,
        phone="13700001111",
        registered_by=other_petition_clerk,
    )

    assert api_search(api_client, petition_clerk, "13700001111").json()["count"] == 0
    assert api_search(api_client, other_petition_clerk, "13700001111").json()["count"] == 1
