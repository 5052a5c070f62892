"""The one step helper (issue 15): which steps a user is offered, what stops a step, and how a
refusal lands on the form."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from disputes.models import Dispute
from disputes.tests.factories import DisputeFactory
from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.roles import Role
from huanghe_portal.steps import Step, Steps
from huanghe_portal.versioning import errors_to_form, run_form_service

pytestmark = pytest.mark.django_db
S = Dispute.Status


class NoteForm(forms.Form):
    note = forms.CharField(required=False)
    held_on = forms.DateField(required=False)


def service(record, **kwargs):
    return record


def step(slug="accept", **kwargs):
    return Step(slug, NoteForm, service, "受理", "已受理。", (Role.MEDIATOR,), **kwargs)


def test_a_step_is_offered_when_the_state_map_allows_its_target():
    registered, archived = DisputeFactory(), DisputeFactory(status=S.ARCHIVED)
    accept = step(target=S.ACCEPTED)

    assert accept.available(registered) and accept.blockers(registered) == []
    assert not accept.available(archived)
    [refusal] = accept.blockers(archived)
    assert refusal.startswith("当前状态为") and "不能变更为" in refusal


def test_a_step_that_keeps_the_status_names_the_state_and_the_step():
    session = step("session", states=(S.ACCEPTED,))
    [refusal] = session.blockers(DisputeFactory())
    assert "不能受理" in refusal and "当前状态为" in refusal


def test_the_area_rule_is_asked_only_once_the_state_allows_the_step():
    asked = []

    def missing(record):
        asked.append(record)
        return ["尚缺调解记录。"]

    rule = step(target=S.ACCEPTED, missing=missing)
    assert rule.blockers(DisputeFactory(status=S.ARCHIVED))[0].startswith("当前状态为")
    assert asked == []
    assert rule.blockers(DisputeFactory()) == ["尚缺调解记录。"]
    # A missing prerequisite leaves the button: the page explains what is missing.
    assert rule.available(DisputeFactory())


def test_buttons_follow_role_state_condition_and_listing(mediator, leader):
    dispute = DisputeFactory()
    table = Steps(
        "disputes:dispute-{slug}",
        [
            step("accept", target=S.ACCEPTED),
            step("archive", target=S.ARCHIVED),
            step("party", states=Dispute.OPEN, when=lambda d: False),
            step("edit", states=Dispute.OPEN, button=False),
        ],
        context_name="dispute",
    )

    buttons = table.buttons(mediator, dispute)

    assert [b.slug for b in buttons] == ["accept"]
    assert buttons[0].url == reverse("disputes:dispute-accept", args=[dispute.pk])
    assert table.buttons(leader, dispute) == []
    assert list(table) == ["accept", "archive", "party", "edit"]


def test_a_table_with_one_url_passes_the_slug():
    table = Steps("decisions:matter-step", [step("hearing")], context_name="matter")
    assert table.url(table["hearing"], DisputeFactory.build(pk=7)) == reverse(
        "decisions:matter-step", args=[7, "hearing"]
    )


def test_an_unknown_step_is_not_found():
    from django.http import Http404

    with pytest.raises(Http404):
        Steps("x", [], context_name="x")["nothing"]


def test_a_service_error_lands_beside_the_field_it_names():
    form = NoteForm({"note": "甲"})
    assert form.is_valid()

    errors_to_form(
        form, ValidationError({"held_on": ["日期不能早于启动日期。"], "other": ["别处"]})
    )

    assert form.errors["held_on"] == ["日期不能早于启动日期。"]
    assert form.non_field_errors() == ["别处"]


def test_a_refused_step_lands_on_the_form_and_returns_nothing():
    form = NoteForm({})
    assert form.is_valid()

    def refuse():
        raise TransitionNotAllowed("尚未集体讨论。")

    assert run_form_service(form, refuse) is None
    assert form.non_field_errors() == ["尚未集体讨论。"]


def test_a_step_page_lists_the_refusal_instead_of_the_form(client, mediator):
    dispute = DisputeFactory(status=S.ARCHIVED)
    client.force_login(mediator)
    url = reverse("disputes:dispute-accept", args=[dispute.pk])

    page = client.get(url)
    refused = client.post(url, {"accepted_on": "2024-03-02", "version": dispute.version})

    assert 'id="step-missing"' in page.content.decode()
    assert 'name="accepted_on"' not in page.content.decode()
    assert refused.status_code == 409
    dispute.refresh_from_db()
    assert dispute.status == S.ARCHIVED
