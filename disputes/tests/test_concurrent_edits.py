"""Two mediators edit the same case at once: the second save never undoes the first (issue 13)."""

import itertools
from collections import Counter

import pytest
from django.urls import reverse

from huanghe_portal.tests.sessions import api, browser, concurrently, form_version

from ..models import Dispute, GuidedTo
from .factories import DisputeFactory

pytestmark = pytest.mark.django_db


def _edit_data(dispute: Dispute, **changes) -> dict:
    data = {
        "source": dispute.source,
        "category": dispute.category,
        "summary": dispute.summary,
        "amount_involved": "",
        "version": dispute.version,
    }
    return {**data, **changes}


def test_a_stale_edit_page_is_refused_and_shows_both_versions(mediator, other_mediator):
    dispute = DisputeFactory(summary="改过的摘要")
    url = reverse("disputes:dispute-edit", args=[dispute.pk])
    a, b = browser(mediator), browser(other_mediator)
    version_a, version_b = form_version(a.get(url)), form_version(b.get(url))
    assert version_a == version_b == 1

    saved = a.post(url, _edit_data(dispute, summary="A 修改的纠纷简要情况", version=version_a))
    refused = b.post(url, _edit_data(dispute, amount_involved="9999.00", version=version_b))

    assert saved.status_code == 302
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "这条记录已被他人修改" in page
    assert "对方保存为“A 修改的纠纷简要情况”，您填写的是“改过的摘要”" in page
    assert 'value="9999.00"' in page  # B's input is kept
    assert form_version(refused) == 2
    dispute.refresh_from_db()
    assert (dispute.summary, dispute.amount_involved) == ("A 修改的纠纷简要情况", None)


def test_saving_again_after_the_conflict_is_a_deliberate_overwrite(mediator, other_mediator):
    dispute = DisputeFactory(summary="原摘要")
    url = reverse("disputes:dispute-edit", args=[dispute.pk])
    a, b = browser(mediator), browser(other_mediator)
    a.post(url, _edit_data(dispute, summary="A 的摘要"))
    refused = b.post(url, _edit_data(dispute, summary="B 的摘要"))

    again = b.post(url, _edit_data(dispute, summary="B 的摘要", version=form_version(refused)))

    assert again.status_code == 302
    dispute.refresh_from_db()
    assert (dispute.summary, dispute.version) == ("B 的摘要", 3)


def test_a_stale_or_missing_version_is_409_with_the_current_case(mediator, other_mediator):
    dispute = DisputeFactory(summary="原摘要")
    url = reverse("api:dispute-detail", args=[dispute.pk])
    a, b = api(mediator), api(other_mediator)
    read_a, read_b = a.get(url).json(), b.get(url).json()

    saved = a.patch(url, {"summary": "A 的摘要", "version": read_a["version"]}, format="json")
    stale = b.patch(
        url, {"amount_involved": "9999.00", "version": read_b["version"]}, format="json"
    )
    missing = b.patch(url, {"amount_involved": "9999.00"}, format="json")

    assert saved.status_code == 200 and saved.json()["version"] == 2
    assert stale.status_code == 409
    assert stale.json()["current"]["summary"] == "A 的摘要"
    assert stale.json()["current"]["version"] == 2
    assert "已被他人修改" in stale.json()["detail"]
    assert missing.status_code == 409 and missing.json()["current"]["version"] == 2
    dispute.refresh_from_db()
    assert (dispute.summary, dispute.amount_involved) == ("A 的摘要", None)


def test_an_edit_writes_only_what_changed_and_names_it_on_the_timeline(mediator):
    from huanghe_portal import timeline

    dispute = DisputeFactory(summary="原摘要")
    url = reverse("api:dispute-detail", args=[dispute.pk])

    response = api(mediator).patch(
        url, {"summary": "原摘要", "amount_involved": "300.00", "version": 1}, format="json"
    )

    assert response.status_code == 200
    entry = timeline.entries_for(dispute).filter(action="updated").get()
    assert entry.note == "修改了：涉及金额（元）"


def test_a_stale_party_correction_is_409_with_the_current_party(mediator, other_mediator):
    dispute = DisputeFactory()
    respondent = dispute.parties.get(role="respondent")
    url = reverse("api:dispute-party", args=[dispute.pk, respondent.pk])
    api(mediator).patch(url, {"name": "李四光", "version": 1}, format="json")

    stale = api(other_mediator).patch(url, {"address": "石龙村", "version": 1}, format="json")

    assert stale.status_code == 409
    assert stale.json()["current"]["name"] == "李四光"
    respondent.refresh_from_db()
    assert (respondent.name, respondent.address) == ("李四光", "")


def test_a_step_on_a_case_that_moved_on_is_refused_for_the_second_mediator(
    mediator, other_mediator
):
    dispute = DisputeFactory()
    a, b = browser(mediator), browser(other_mediator)
    url = reverse("disputes:dispute-accept", args=[dispute.pk])

    first = a.post(url, {"accepted_on": dispute.received_on.isoformat()})
    second = api(other_mediator).post(
        reverse("api:dispute-reject", args=[dispute.pk]),
        {"reason": "不属于调解范围", "guided_to": GuidedTo.choices[0][0]},
        format="json",
    )
    again = b.post(url, {"accepted_on": dispute.received_on.isoformat()}, follow=True)

    assert first.status_code == 302
    assert second.status_code == 409
    assert "不能变更为" in again.content.decode()
    assert Dispute.objects.get(pk=dispute.pk).status == Dispute.Status.ACCEPTED


def test_a_double_click_on_a_session_records_one_session(mediator):
    dispute = DisputeFactory(accepted=True)
    client = browser(mediator)
    url = reverse("disputes:dispute-session", args=[dispute.pk])
    data = {
        "held_on": dispute.accepted_on.isoformat(),
        "place": "村委会",
        "record": "双方同意再议。",
        "version": form_version(client.get(url)),
    }

    first = client.post(url, data)
    second = client.post(url, data, follow=True)

    assert first.status_code == 302
    assert "这一步已经办理" in second.content.decode()
    assert dispute.sessions.count() == 1
    again = client.post(url, {**data, "version": form_version(client.get(url))})
    assert again.status_code == 302 and dispute.sessions.count() == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_saves_from_one_version_keep_exactly_one(mediator):
    dispute = DisputeFactory(summary="原摘要")
    url = reverse("api:dispute-detail", args=[dispute.pk])
    numbers = itertools.count()  # C-level next(): safe across threads

    codes = concurrently(
        10,
        lambda: (
            api(mediator)
            .patch(url, {"summary": f"第{next(numbers)}位的摘要", "version": 1}, format="json")
            .status_code
        ),
    )

    assert Counter(codes) == {200: 1, 409: 9}
    dispute.refresh_from_db()
    assert dispute.version == 2 and dispute.summary != "原摘要"


def test_an_api_step_sent_twice_with_the_version_read_records_one_follow_up(mediator):
    dispute = DisputeFactory(succeeded=True)
    client = api(mediator)
    url = reverse("api:dispute-follow-up", args=[dispute.pk])
    read = client.get(reverse("api:dispute-detail", args=[dispute.pk])).json()["version"]
    visit = {
        "visited_on": dispute.closed_on.isoformat(),
        "performed": True,
        "satisfied": True,
        "note": "已履行",
        "version": read,
    }

    first = client.post(url, visit, format="json")
    second = client.post(url, visit, format="json")

    assert first.status_code == 200 and first.json()["version"] == read + 1
    assert second.status_code == 409
    assert dispute.follow_ups.count() == 1


def test_the_party_and_committee_edit_pages_carry_the_version(mediator):
    from ..models import Committee

    dispute = DisputeFactory()
    party = dispute.parties.first()
    committee = Committee.objects.create(name="黄鹤镇调委会", level="township")
    client = browser(mediator)

    party_page = client.get(reverse("disputes:party-edit", args=[dispute.pk, party.pk]))
    committee_page = client.get(reverse("disputes:committee-edit", args=[committee.pk]))

    assert form_version(party_page) == party.version
    assert form_version(committee_page) == committee.version
