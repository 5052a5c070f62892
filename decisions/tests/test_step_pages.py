"""Issue 17 point 4: the decisions step pages say what is missing before any form, the opening
date is corrected until the first step, and the detail page's buttons follow the state map."""

import pytest
from django.urls import reverse

from decisions import selectors
from decisions.models import Matter, Meeting
from decisions.tests.factories import (
    HearingFactory,
    MatterFactory,
    discussed_matter,
    reviewed_matter,
)
from decisions.views import STEPS
from huanghe_portal.roles import has_role
from huanghe_portal.workflow import can_transition

pytestmark = pytest.mark.django_db


def test_leader_sees_what_is_missing_instead_of_the_meeting_form(client, leader):
    matter = MatterFactory(major=True)
    client.force_login(leader)

    page = client.get(reverse("decisions:matter-discuss", args=[matter.pk]))

    text = page.content.decode()
    assert page.status_code == 200
    assert 'id="step-missing"' in text
    assert "应审必审" in text and "公众参与（征求意见）" in text
    assert 'name="meeting_kind"' not in text


def test_leader_is_offered_the_meeting_form_when_nothing_is_missing(client, leader, legal_reviewer):
    matter = reviewed_matter(legal_reviewer)
    client.force_login(leader)

    page = client.get(reverse("decisions:matter-discuss", args=[matter.pk]))

    assert 'name="meeting_kind"' in page.content.decode()
    assert "step-missing" not in page.content.decode()


def test_the_meeting_page_and_the_service_refuse_on_the_same_rule(legal_reviewer):
    matter = MatterFactory(major=True)
    blockers = STEPS["discuss"].blockers(matter)
    assert blockers == selectors.discussion_blockers(matter)
    assert blockers[0].startswith("应审必审")


def test_leader_cannot_sign_off_after_a_deferred_meeting_and_is_told_why(
    client, leader, legal_reviewer
):
    matter = discussed_matter(legal_reviewer, result=Meeting.Result.DEFERRED)
    client.force_login(leader)
    url = reverse("decisions:matter-step", args=[matter.pk, "sign-off"])

    page = client.get(url)
    refused = client.post(url, {"signed_on": "2022-05-08", "version": matter.version})

    text = page.content.decode()
    assert "暂缓" in text and "只有会议通过的事项才能签发" in text
    assert 'name="signed_on"' not in text
    assert refused.status_code == 409
    matter.refresh_from_db()
    assert matter.status == Matter.Status.DISCUSSED


def test_sign_off_refusal_names_the_missing_meeting(legal_reviewer):
    matter = reviewed_matter(legal_reviewer)
    assert "尚无集体讨论记录" in selectors.signoff_blockers(matter)[0]


def test_office_can_correct_the_opening_date_before_the_first_step(client, report_office):
    matter = MatterFactory()
    client.force_login(report_office)
    url = reverse("decisions:matter-step", args=[matter.pk, "opened-on"])

    detail = client.get(matter.get_absolute_url()).content.decode()
    response = client.post(url, {"opened_on": "2021-11-02", "version": matter.version})

    assert url in detail
    assert response.status_code == 302
    matter.refresh_from_db()
    assert matter.opened_on.isoformat() == "2021-11-02"


def test_office_cannot_correct_the_opening_date_once_a_step_is_recorded(client, report_office):
    matter = MatterFactory()
    HearingFactory(matter=matter)
    client.force_login(report_office)
    url = reverse("decisions:matter-step", args=[matter.pk, "opened-on"])

    detail = client.get(matter.get_absolute_url()).content.decode()
    page = client.get(url).content.decode()

    assert url not in detail
    assert "已记录听证会，启动日期不能再修改" in page
    assert 'name="opened_on"' not in page


def test_a_step_dated_before_the_opening_date_is_refused_beside_the_field(client, report_office):
    matter = MatterFactory()
    client.force_login(report_office)
    response = client.post(
        reverse("decisions:matter-step", args=[matter.pk, "risk-assessment"]),
        {
            "assessed_on": "2022-02-01",
            "level": "low",
            "points": "无",
            "measures": "无",
            "version": matter.version,
        },
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "日期不能早于事项启动日期（2022-03-01）" in text
    assert 'value="2022-02-01"' in text
    assert not matter.risk_assessments.exists()


@pytest.mark.parametrize("status", Matter.Status.values)
def test_detail_buttons_are_the_transitions_the_state_map_allows(
    client, leader, report_office, status
):
    matter = MatterFactory(status=status)
    client.force_login(leader)  # a leader holds both the office's steps and the meeting's

    text = client.get(matter.get_absolute_url()).content.decode()

    for step in STEPS.steps.values():
        if step.target is None:
            continue
        shown = f'data-step="{step.slug}"' in text
        expected = has_role(leader, *step.roles) and can_transition(matter, step.target)
        assert shown == expected, (status, step.slug)
