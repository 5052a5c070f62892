"""Every step on both surfaces: happy path, wrong state (409), wrong role (403), HTML = API."""

import pytest
from django.urls import reverse

from huanghe_portal import timeline

from ..models import Dispute
from .factories import DisputeFactory

pytestmark = pytest.mark.django_db

# step: (api action, html step, start trait, wrong-state trait, payload, expected status, action)
STEPS = {
    "accept": (
        "accept",
        "accept",
        {},
        {"succeeded": True},
        {"accepted_on": "2024-06-10"},
        "accepted",
        "accepted",
    ),
    "reject": (
        "reject",
        "reject",
        {},
        {"accepted": True},
        {"reason": "一方明确拒绝调解", "guided_to": "litigation", "closed_on": "2024-06-10"},
        "rejected",
        "rejected",
    ),
    "session": (
        "sessions",
        "session",
        {"accepted": True},
        {},
        {"held_on": "2024-06-10", "place": "镇调解室", "record": "双方陈述意见。"},
        "accepted",
        "session_added",
    ),
    "succeed": (
        "succeed",
        "succeed",
        {"accepted": True},
        {},
        {
            "closed_on": "2024-06-10",
            "agreement_form": "written",
            "agreement_subject": "rights",
            "terms": "李四于六月底前赔偿张三500元。",
        },
        "succeeded",
        "succeeded",
    ),
    "fail": (
        "fail",
        "fail",
        {"accepted": True},
        {},
        {"closed_on": "2024-06-10", "reason": "分歧过大", "guided_to": "litigation"},
        "failed",
        "failed",
    ),
    "withdraw": (
        "withdraw",
        "withdraw",
        {"accepted": True},
        {},
        {"closed_on": "2024-06-10", "reason": "申请人撤回"},
        "withdrawn",
        "withdrawn",
    ),
    "follow_up": (
        "follow_up",
        "follow-up",
        {"succeeded": True},
        {"accepted": True},
        {"visited_on": "2024-06-10", "performed": True, "satisfied": True, "note": "已按期赔付"},
        "succeeded",
        "followed_up",
    ),
    "archive": (
        "archive",
        "archive",
        {"succeeded": True},
        {"accepted": True},
        {"archived_on": "2024-06-10"},
        "archived",
        "archived",
    ),
    "void": ("void", "void", {}, {"archived": True}, {"reason": "重复登记"}, "voided", "voided"),
}


def html_payload(payload: dict) -> dict:
    return {k: ("on" if v is True else v) for k, v in payload.items()}


def last_action(dispute: Dispute) -> str:
    entry = timeline.entries_for(dispute).last()
    assert entry is not None
    return entry.action


@pytest.mark.parametrize("step", STEPS)
def test_mediator_can_take_each_step_through_the_api(api_as, mediator, township, step):
    api_name, _html, start, _wrong, payload, status, action = STEPS[step]
    dispute = DisputeFactory(**start)

    response = api_as(mediator).post(
        reverse(f"api:dispute-{api_name.replace('_', '-')}", args=[dispute.pk]),
        payload,
        format="json",
    )

    assert response.status_code == 200, response.json()
    assert response.json()["status"] == status
    assert last_action(dispute) == action


@pytest.mark.parametrize("step", STEPS)
def test_mediator_cannot_take_a_step_in_the_wrong_state(api_as, mediator, step):
    api_name, _html, _start, wrong, payload, _status, _action = STEPS[step]
    dispute = DisputeFactory(**wrong)
    before = dispute.status

    response = api_as(mediator).post(
        reverse(f"api:dispute-{api_name.replace('_', '-')}", args=[dispute.pk]),
        payload,
        format="json",
    )

    assert response.status_code == 409
    assert "当前状态为" in response.json()["detail"]
    dispute.refresh_from_db()
    assert dispute.status == before
    assert not timeline.entries_for(dispute).exists()


@pytest.mark.parametrize("surface", ["api", "html"])
@pytest.mark.parametrize("step", STEPS)
def test_leader_cannot_take_a_step_on_either_surface(client, leader, step, surface):
    api_name, html_name, start, _wrong, payload, _status, _action = STEPS[step]
    dispute = DisputeFactory(**start)
    client.force_login(leader)

    if surface == "api":
        url = reverse(f"api:dispute-{api_name.replace('_', '-')}", args=[dispute.pk])
        response = client.post(url, payload, content_type="application/json")
    else:
        url = reverse(f"disputes:dispute-{html_name}", args=[dispute.pk])
        response = client.post(url, html_payload(payload))

    assert response.status_code == 403
    dispute.refresh_from_db()
    assert not timeline.entries_for(dispute).exists()


@pytest.mark.parametrize("step", STEPS)
def test_html_step_and_api_step_give_the_same_record(client, api_as, mediator, step):
    api_name, html_name, start, _wrong, payload, status, action = STEPS[step]
    by_html, by_api = DisputeFactory(**start), DisputeFactory(**start)
    client.force_login(mediator)

    page = client.post(
        reverse(f"disputes:dispute-{html_name}", args=[by_html.pk]), html_payload(payload)
    )
    api = api_as(mediator).post(
        reverse(f"api:dispute-{api_name.replace('_', '-')}", args=[by_api.pk]),
        payload,
        format="json",
    )

    assert page.status_code == 302, page.content.decode()[:2000]
    assert api.status_code == 200
    by_html.refresh_from_db()
    by_api.refresh_from_db()
    fields = [
        "status",
        "accepted_on",
        "closed_on",
        "mediation_due",
        "confirmation_due",
        "guided_to",
        "agreement_form",
        "archived_on",
        "void_reason",
        "close_reason",
    ]
    assert [getattr(by_html, f) for f in fields] == [getattr(by_api, f) for f in fields]
    assert by_html.status == status
    assert last_action(by_html) == last_action(by_api) == action
    detail = client.get(by_html.get_absolute_url()).content.decode()
    assert by_html.get_status_display() in detail
    if step == "follow_up":
        assert "已按期赔付" in detail


def test_petition_clerk_gets_404_for_disputes(api_as, client, petition_clerk):
    dispute = DisputeFactory()

    assert (
        api_as(petition_clerk).get(reverse("api:dispute-detail", args=[dispute.pk])).status_code
        == 404
    )
    # The list is refused outright, as the HTML list is (the permission matrix holds the rest).
    assert api_as(petition_clerk).get(reverse("api:dispute-list")).status_code == 403
    client.force_login(petition_clerk)
    assert client.get(reverse("disputes:dispute-detail", args=[dispute.pk])).status_code == 404


def test_delete_is_not_allowed(api_as, mediator):
    dispute = DisputeFactory()

    response = api_as(mediator).delete(reverse("api:dispute-detail", args=[dispute.pk]))

    assert response.status_code == 405
    assert Dispute.objects.filter(pk=dispute.pk).exists()


def test_accept_sets_the_one_month_mediation_deadline(api_as, mediator):
    dispute = DisputeFactory(received_on=__import__("datetime").date(2024, 1, 2))

    data = (
        api_as(mediator)
        .post(
            reverse("api:dispute-accept", args=[dispute.pk]),
            {"accepted_on": "2024-01-31"},
            format="json",
        )
        .json()
    )

    assert data["mediation_due"] == "2024-02-29"
    assert data["overdue"] is True  # today is frozen at 2024-06-14
    assert data["mediators"] == [mediator.pk]


def test_succeed_sets_the_thirty_day_confirmation_deadline(api_as, mediator):
    dispute = DisputeFactory(accepted=True)

    data = (
        api_as(mediator)
        .post(
            reverse("api:dispute-succeed", args=[dispute.pk]),
            {"closed_on": "2024-05-20", "agreement_form": "oral", "terms": "互相道歉"},
            format="json",
        )
        .json()
    )

    assert data["confirmation_due"] == "2024-06-19"
    assert data["agreement"]["form_display"] == "口头协议"
    assert data["overdue"] is False


@pytest.mark.parametrize(
    ("step", "payload", "field"),
    [
        (
            "succeed",
            {"closed_on": "2024-03-01", "agreement_form": "written", "terms": "x"},
            "closed_on",
        ),
        (
            "succeed",
            {"closed_on": "2099-01-01", "agreement_form": "written", "terms": "x"},
            "closed_on",
        ),
        ("fail", {"closed_on": "2024-06-01", "reason": "x", "guided_to": "somewhere"}, "guided_to"),
    ],
)
def test_bad_step_input_is_refused_with_the_field_named(api_as, mediator, step, payload, field):
    dispute = DisputeFactory(accepted=True)

    response = api_as(mediator).post(
        reverse(f"api:dispute-{step}", args=[dispute.pk]), payload, format="json"
    )

    assert response.status_code == 400
    assert field in response.json()["fields"]
    dispute.refresh_from_db()
    assert dispute.status == "accepted"


def test_closing_before_acceptance_names_the_date(mediator, api_as):
    dispute = DisputeFactory(accepted=True)

    response = api_as(mediator).post(
        reverse("api:dispute-withdraw", args=[dispute.pk]),
        {"closed_on": "2024-03-01", "reason": "撤回"},
        format="json",
    )

    assert response.json()["fields"]["closed_on"] == ["日期不能早于受理日期（2024-03-02）。"]


@pytest.mark.parametrize(
    ("category", "subject", "warning"),
    [
        ("01", "personal_status", "身份关系"),  # a divorce agreement
        ("01", "rights", ""),  # the support terms of a family dispute can be confirmed
        ("07", "ownership", "确权"),  # a forest-land ownership agreement
        ("07", "rights", ""),
    ],
)
def test_judicial_confirmation_warning_follows_the_agreements_subject(
    client, mediator, category, subject, warning
):
    """Issue 14 defect 11: warned by what the agreement settles, not by the category."""
    dispute = DisputeFactory(succeeded=True, category=category, agreement_subject=subject)
    client.force_login(mediator)

    page = client.get(reverse("disputes:dispute-confirmation", args=[dispute.pk])).content
    shown = "人民法院不予受理司法确认申请" in page.decode()

    assert shown == bool(warning)
    if warning:
        assert warning in page.decode()
    response = client.post(
        reverse("disputes:dispute-confirmation", args=[dispute.pk]),
        {"applied_on": "2024-03-25", "court": "石柱县人民法院", "result": "pending"},
    )
    assert response.status_code == 302
    assert dispute.judicial_confirmation.court == "石柱县人民法院"


def test_the_agreements_subject_is_chosen_on_the_succeed_step(api_as, mediator):
    dispute = DisputeFactory(accepted=True, category="07")
    response = api_as(mediator).post(
        reverse("api:dispute-succeed", args=[dispute.pk]),
        {
            "closed_on": "2024-03-20",
            "agreement_form": "written",
            "agreement_subject": "ownership",
            "terms": "争议林地归甲组所有",
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["agreement_subject"] == "ownership"
    assert response.json()["confirmable"] is False


def test_an_archived_failed_case_gets_no_follow_up(api_as, mediator):
    dispute = DisputeFactory(archived=True, outcome="failed", agreement_form="")

    response = api_as(mediator).post(
        reverse("api:dispute-follow-up", args=[dispute.pk]),
        {"visited_on": "2024-06-01", "performed": False, "satisfied": False},
        format="json",
    )

    assert response.status_code == 409
    assert response.json()["detail"] == "只有调解成功的案件才能回访。"


def test_accepting_tells_the_assigned_mediators(
    api_as, mediator, other_mediator, django_capture_on_commit_callbacks
):
    from huanghe_portal.models import Notification

    dispute = DisputeFactory()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        api_as(mediator).post(
            reverse("api:dispute-accept", args=[dispute.pk]),
            {"accepted_on": "2024-06-10", "mediators": [other_mediator.pk]},
            format="json",
        )

    assert len(callbacks) == 1
    notice = Notification.objects.get(user=other_mediator)
    assert notice.message == f"纠纷 {dispute.number} 已受理，由您负责调解，期限 2024-07-10。"


def test_overdue_reminders_reach_the_mediators_once_per_case(other_mediator):
    from huanghe_portal.models import Notification

    from ..tasks import send_overdue_reminders_task

    late = DisputeFactory(accepted=True)  # due 2024-04-02, today 2024-06-14
    late.mediators.add(other_mediator)
    DisputeFactory(
        accepted=True, accepted_on=__import__("datetime").date(2024, 6, 1)
    ).mediators.add(other_mediator)

    assert send_overdue_reminders_task() == 1
    send_overdue_reminders_task()
    notice = Notification.objects.get(user=other_mediator, kind="dispute_overdue")
    assert late.number in notice.message


def test_html_step_in_the_wrong_state_says_why(client, mediator):
    dispute = DisputeFactory(archived=True)
    client.force_login(mediator)

    response = client.post(
        reverse("disputes:dispute-accept", args=[dispute.pk]),
        {"accepted_on": "2024-06-10"},
        follow=True,
    )

    assert "当前状态为“已归档”，不能变更为“受理”。" in response.content.decode()
    dispute.refresh_from_db()
    assert dispute.status == "archived"


def test_mediator_corrects_the_category_of_an_open_case_on_both_surfaces(
    client, api_as, mediator, village
):
    by_html, by_api = DisputeFactory(category="15"), DisputeFactory(category="15")
    client.force_login(mediator)

    page = client.post(
        reverse("disputes:dispute-edit", args=[by_html.pk]),
        {
            "source": "petition_referral",
            "category": "03",
            "village": village.pk,
            "summary": by_html.summary,
            "version": by_html.version,
        },
    )
    api = api_as(mediator).patch(
        reverse("api:dispute-detail", args=[by_api.pk]),
        {"source": "petition_referral", "category": "03", "village": village.pk, "version": 1},
        format="json",
    )

    assert page.status_code == 302
    assert api.status_code == 200
    assert api.json()["category_display"] == "房屋宅基地纠纷"
    for dispute in (by_html, by_api):
        dispute.refresh_from_db()
        assert (dispute.category, dispute.village, dispute.source) == (
            "03",
            village,
            "petition_referral",
        )
        entry = timeline.entries_for(dispute).last()
        assert entry.action == "updated"
        assert "纠纷类别" in entry.note


def test_a_closed_case_cannot_be_edited_and_the_leader_may_not_edit(api_as, mediator, leader):
    closed, open_ = DisputeFactory(succeeded=True), DisputeFactory()

    assert (
        api_as(mediator)
        .patch(reverse("api:dispute-detail", args=[closed.pk]), {"category": "01"}, format="json")
        .status_code
        == 409
    )
    assert (
        api_as(leader)
        .patch(reverse("api:dispute-detail", args=[open_.pk]), {"category": "01"}, format="json")
        .status_code
        == 403
    )
    closed.refresh_from_db()
    open_.refresh_from_db()
    assert closed.category == open_.category == "02"


def test_judicial_confirmation_after_the_thirty_days_is_refused(api_as, mediator):
    dispute = DisputeFactory(succeeded=True)  # closed 2024-03-20, window until 2024-04-19

    response = api_as(mediator).post(
        reverse("api:dispute-judicial-confirmation", args=[dispute.pk]),
        {"applied_on": "2024-04-20", "court": "石柱县人民法院"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["fields"]["applied_on"] == [
        "司法确认应自调解协议生效之日起三十日内申请，期限为2024-04-19。"
    ]
