"""Two clerks on one petition, and a referral sent many times at once (issue 13)."""

from collections import Counter

import pytest
from django.apps import apps
from django.urls import reverse

from huanghe_portal import handover
from huanghe_portal.tests.sessions import api, browser, concurrently, form_version

from ..models import Petition
from .factories import PetitionFactory, ReceptionDayFactory

pytestmark = pytest.mark.django_db


def _cases():
    return apps.get_model("disputes", "Dispute").objects


def test_a_second_referral_is_409_with_a_link_to_the_case_already_made(petition_clerk, township):
    petition = PetitionFactory()
    url = reverse("api:petition-refer-to-mediation", args=[petition.pk])
    client = api(petition_clerk)

    first = client.post(url, {"respondent_name": "邻居某"}, format="json")
    second = client.post(url, {"respondent_name": "邻居某"}, format="json")

    assert first.status_code == 200
    assert second.status_code == 409
    case = _cases().get()
    assert second.json()["existing"] == {
        "kind": "dispute",
        "id": case.pk,
        "title": str(case),
        "url": case.get_absolute_url(),
    }
    assert case.number in second.json()["detail"]


def test_a_double_click_on_the_referral_page_makes_one_case(petition_clerk, township):
    petition = PetitionFactory()
    url = reverse("petitions:petition-refer", args=[petition.pk])
    client = browser(petition_clerk)

    client.post(url, {"respondent_name": ""})
    again = client.post(url, {"respondent_name": ""}, follow=True)

    page = again.content.decode()
    assert "不能重复移交" in page
    case = _cases().get()
    assert case.get_absolute_url() in page  # the petition page links to the case
    assert handover.links_from(petition, "dispute").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_referrals_of_one_petition_make_one_case(petition_clerk, township):
    petition = PetitionFactory()
    url = reverse("api:petition-refer-to-mediation", args=[petition.pk])

    codes = concurrently(
        10,
        lambda: (
            api(petition_clerk).post(url, {"respondent_name": "邻居某"}, format="json").status_code
        ),
    )

    assert Counter(codes) == {200: 1, 409: 9}
    assert _cases().count() == 1
    assert handover.links_from(petition, "dispute").count() == 1


def test_a_step_on_a_petition_another_clerk_moved_on_is_refused(
    petition_clerk, other_petition_clerk
):
    petition = PetitionFactory()
    a, b = browser(petition_clerk), api(other_petition_clerk)
    read = b.get(reverse("api:petition-detail", args=[petition.pk])).json()

    accepted = a.post(
        reverse("petitions:petition-accept", args=[petition.pk]), {"accepted_on": "2024-03-04"}
    )
    refused = b.post(
        reverse("api:petition-not-accept", args=[petition.pk]),
        {"reason": "不属于信访事项", "guided_to": "litigation"},
        format="json",
    )
    twice = a.post(
        reverse("petitions:petition-accept", args=[petition.pk]),
        {"accepted_on": "2024-03-04"},
        follow=True,
    )

    assert accepted.status_code == 302
    assert refused.status_code == 409
    assert "不能变更为" in twice.content.decode()
    petition.refresh_from_db()
    assert petition.status == Petition.Status.ACCEPTED
    assert petition.version == read["version"] + 1


def test_a_double_click_on_a_reception_record_registers_one(petition_clerk):
    day = ReceptionDayFactory()
    client = browser(petition_clerk)
    url = reverse("petitions:reception-day-detail", args=[day.pk])
    data = {
        "petitioner_names": "谭某某",
        "persons_count": 1,
        "request": "反映村道损毁。",
        "decision": "交村委会处理。",
        "version": form_version(client.get(url)),
    }

    client.post(url, data)
    second = client.post(url, data, follow=True)

    assert "这一步已经办理" in second.content.decode()
    assert day.records.count() == 1
