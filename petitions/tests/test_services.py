import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.timeline import entries_for
from petitions import services
from petitions.models import DeputySuggestion, Petition

from .factories import PetitionFactory, SuggestionFactory, make_id_number

pytestmark = pytest.mark.django_db


def register(actor, **kw):
    data = {
        "received_on": dt.date(2024, 5, 2),
        "channel": "visit",
        "category": "appeal",
        "petitioner_name": "冉某",
        "summary": "请求解决灌溉用水。",
        **kw,
    }
    return services.register_petition(actor=actor, **data)


def test_petition_clerk_can_register_with_number_and_acceptance_due(petition_clerk, township):
    first = register(petition_clerk)
    second = register(petition_clerk, received_on=dt.date(2024, 1, 31))

    assert first.number == "黄鹤信〔2024〕1号"
    assert second.number == "黄鹤信〔2024〕2号"
    assert first.status == Petition.Status.REGISTERED
    # 15 calendar days, across the month end and into the 2024 Spring Festival, not moved.
    assert second.acceptance_due == dt.date(2024, 2, 15)
    assert [e.action for e in entries_for(first)] == ["registered"]


def test_numbers_restart_each_year_of_receipt(petition_clerk, township):
    register(petition_clerk, received_on=dt.date(2023, 12, 30))
    petition = register(petition_clerk, received_on=dt.date(2024, 1, 2))
    assert petition.number == "黄鹤信〔2024〕1号"


def test_leader_cannot_register(leader):
    with pytest.raises(PermissionDenied):
        register(leader)
    assert not Petition.objects.exists()


def test_register_refuses_more_than_five_representatives(petition_clerk):
    with pytest.raises(ValidationError) as exc:
        register(petition_clerk, persons_count=30, representatives=list("甲乙丙丁戊己"))
    assert "不超过5人" in str(exc.value.message_dict["representatives"])
    assert not Petition.objects.exists()


def test_collective_visit_with_five_representatives_is_registered(petition_clerk):
    petition = register(petition_clerk, persons_count=30, representatives=list("甲乙丙丁戊"))
    assert petition.persons_count == 30
    assert len(petition.representatives) == 5


def test_register_refuses_future_date_and_bad_id(petition_clerk):
    with pytest.raises(ValidationError):
        register(petition_clerk, received_on=dt.date(2024, 6, 15))
    with pytest.raises(ValidationError) as exc:
        register(petition_clerk, id_number="500240198001010010")
    assert "校验位" in str(exc.value)


def test_repeat_is_found_by_keyed_hash_of_id_or_phone(petition_clerk):
    id_number = make_id_number(7)
    first = register(petition_clerk, id_number=id_number, received_on=dt.date(2024, 1, 5))
    by_id = register(petition_clerk, id_number=id_number.lower())
    by_phone = register(petition_clerk, phone="138 0000 5678", received_on=dt.date(2024, 2, 1))
    again = register(petition_clerk, phone="13800005678")
    other = register(petition_clerk, phone="13900000000")

    assert (by_id.is_repeat, by_id.earlier) == (True, first)
    assert by_phone.is_repeat is False
    assert (again.is_repeat, again.earlier) == (True, by_phone)
    assert other.is_repeat is False
    # Stored encrypted: the raw column holds no plain ID number.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number FROM petitions_petition WHERE id = %s", [first.pk])
        assert id_number not in cursor.fetchone()[0]


def test_accept_starts_sixty_day_clock_across_month_ends(petition_clerk):
    petition = PetitionFactory(received_on=dt.date(2023, 12, 18))
    petition = services.accept_petition(
        petition, actor=petition_clerk, accepted_on=dt.date(2023, 12, 20)
    )
    assert petition.status == Petition.Status.ACCEPTED
    assert petition.handling_due == dt.date(
        2024, 2, 18
    )  # plain date arithmetic, Feb of a leap year
    assert entries_for(petition).last().action == "accepted"


def test_accept_before_receipt_is_refused(petition_clerk):
    petition = PetitionFactory(received_on=dt.date(2024, 3, 1))
    with pytest.raises(ValidationError) as exc:
        services.accept_petition(petition, actor=petition_clerk, accepted_on=dt.date(2024, 2, 28))
    assert "不能早于收到日期" in str(exc.value)
    petition.refresh_from_db()
    assert petition.status == Petition.Status.REGISTERED


def test_cannot_accept_twice_or_by_leader(petition_clerk, leader):
    petition = PetitionFactory(accepted=True)
    with pytest.raises(TransitionNotAllowed):
        services.accept_petition(petition, actor=petition_clerk, accepted_on=dt.date(2024, 3, 5))
    with pytest.raises(PermissionDenied):
        services.accept_petition(PetitionFactory(), actor=leader, accepted_on=dt.date(2024, 3, 5))


def test_not_accept_records_where_the_person_was_guided(petition_clerk):
    petition = services.not_accept_petition(
        PetitionFactory(), actor=petition_clerk, reason="属于诉讼程序", guided_to="litigation"
    )
    assert petition.status == Petition.Status.NOT_ACCEPTED
    assert petition.get_guided_to_display() == "诉讼"
    with pytest.raises(TransitionNotAllowed):
        services.not_accept_petition(petition, actor=petition_clerk, reason="x", guided_to="other")


def test_extension_moves_handling_due_once_by_at_most_thirty_days(petition_clerk, leader):
    petition = PetitionFactory(
        accepted=True, accepted_on=dt.date(2024, 4, 20), handling_due=dt.date(2024, 6, 19)
    )
    approval = {"approved_by": leader, "approved_on": dt.date(2024, 6, 14)}
    with pytest.raises(ValidationError) as exc:
        services.extend_petition_deadline(
            petition, actor=petition_clerk, days=31, reason="复杂", **approval
        )
    assert "1至30日" in str(exc.value)
    petition = services.extend_petition_deadline(
        petition, actor=petition_clerk, days=30, reason="涉及多个部门", **approval
    )
    # Calendar days, never moved off a weekend (Fri 2024-07-19 here).
    assert petition.handling_due == dt.date(2024, 7, 19)
    assert petition.extension_approved_by == leader
    assert petition.extended_on == dt.date(2024, 6, 14)
    with pytest.raises(ValidationError) as exc:
        services.extend_petition_deadline(
            petition, actor=petition_clerk, days=5, reason="再延", **approval
        )
    assert "只能延长一次" in str(exc.value)
    petition.refresh_from_db()
    assert petition.handling_due == dt.date(2024, 7, 19)


def test_extension_of_registered_petition_is_a_state_error(petition_clerk, leader):
    with pytest.raises(TransitionNotAllowed):
        services.extend_petition_deadline(
            PetitionFactory(), actor=petition_clerk, days=5, reason="x", approved_by=leader
        )


def test_extension_after_the_period_ran_out_is_refused(petition_clerk, leader):
    # Issue 14: a petition due 2024-03-02 must not be extended later into an on-time one.
    petition = PetitionFactory(
        accepted=True, accepted_on=dt.date(2024, 1, 2), handling_due=dt.date(2024, 3, 2)
    )
    with pytest.raises(TransitionNotAllowed) as exc:
        services.extend_petition_deadline(
            petition, actor=petition_clerk, days=30, reason="补办", approved_by=leader
        )
    assert "2024-03-02" in str(exc.value)
    petition.refresh_from_db()
    assert petition.handling_due == dt.date(2024, 3, 2) and not petition.extension_days


def test_extension_needs_a_leader_as_approver(petition_clerk, other_petition_clerk):
    petition = PetitionFactory(
        accepted=True, accepted_on=dt.date(2024, 6, 3), handling_due=dt.date(2024, 8, 2)
    )
    with pytest.raises(ValidationError) as exc:
        services.extend_petition_deadline(
            petition, actor=petition_clerk, days=10, reason="x", approved_by=other_petition_clerk
        )
    assert "approved_by" in exc.value.message_dict


def test_reply_before_acceptance_is_refused(petition_clerk):
    petition = PetitionFactory()
    with pytest.raises(TransitionNotAllowed) as exc:
        services.reply_petition(
            petition,
            actor=petition_clerk,
            replied_on=dt.date(2024, 3, 5),
            outcome="support",
            opinion="x",
        )
    assert "已登记" in str(exc.value)
    petition.refresh_from_db()
    assert petition.status == Petition.Status.REGISTERED


def test_reply_with_outcome_and_delivery_default(petition_clerk):
    petition = PetitionFactory(accepted=True)
    petition = services.reply_petition(
        petition,
        actor=petition_clerk,
        replied_on=dt.date(2024, 4, 1),
        outcome="explain",
        opinion="依据政策作出解释。",
    )
    assert petition.status == Petition.Status.REPLIED
    assert petition.delivered_on == dt.date(2024, 4, 1)


def test_review_request_within_thirty_days_of_delivery(petition_clerk):
    petition = PetitionFactory(
        replied=True, replied_on=dt.date(2024, 1, 25), delivered_on=dt.date(2024, 1, 31)
    )
    with pytest.raises(ValidationError) as exc:
        services.request_review(petition, actor=petition_clerk, requested_on=dt.date(2024, 3, 2))
    assert "30日内" in str(exc.value)
    petition = services.request_review(
        petition, actor=petition_clerk, requested_on=dt.date(2024, 3, 1)
    )
    assert petition.status == Petition.Status.UNDER_REVIEW
    assert petition.review_due == dt.date(2024, 3, 31)


def test_review_result_closes_and_only_under_review(petition_clerk):
    with pytest.raises(TransitionNotAllowed):
        services.record_review_result(
            PetitionFactory(replied=True),
            actor=petition_clerk,
            decided_on=dt.date(2024, 5, 1),
            result="upheld",
        )
    petition = PetitionFactory(
        replied=True,
        status=Petition.Status.UNDER_REVIEW,
        review_requested_on=dt.date(2024, 5, 1),
        review_due=dt.date(2024, 5, 31),
    )
    petition = services.record_review_result(
        petition, actor=petition_clerk, decided_on=dt.date(2024, 5, 20), result="changed"
    )
    assert petition.status == Petition.Status.CLOSED
    assert petition.review_result == "changed"


def test_satisfaction_closes_a_replied_petition(petition_clerk):
    petition = services.record_satisfaction(
        PetitionFactory(replied=True), actor=petition_clerk, satisfied=True
    )
    assert (petition.status, petition.satisfied) == (Petition.Status.CLOSED, True)
    with pytest.raises(TransitionNotAllowed):
        services.record_satisfaction(PetitionFactory(), actor=petition_clerk, satisfied=False)


def test_void_needs_reason_and_is_final(petition_clerk):
    petition = PetitionFactory()
    with pytest.raises(ValidationError):
        services.void_petition(petition, actor=petition_clerk, reason=" ")
    petition = services.void_petition(petition, actor=petition_clerk, reason="重复录入")
    assert petition.status == Petition.Status.VOIDED
    with pytest.raises(TransitionNotAllowed):
        services.accept_petition(petition, actor=petition_clerk, accepted_on=dt.date(2024, 3, 3))


def test_leader_can_take_charge_but_not_a_clerk_as_leader(leader, petition_clerk):
    petition = services.assign_leader(PetitionFactory(), actor=leader, leader=leader)
    assert petition.leader_in_charge == leader
    with pytest.raises(ValidationError):
        services.assign_leader(petition, actor=petition_clerk, leader=petition_clerk)


def test_reissued_code_replaces_the_old_one(petition_clerk):
    petition = PetitionFactory(tracking_code="ABCDEFGHJKMN")
    petition = services.reissue_tracking_code(petition, actor=petition_clerk)
    assert petition.tracking_code != "ABCDEFGHJKMN"
    assert len(petition.tracking_code) >= 10


@pytest.mark.parametrize(
    ("assigned", "complex_", "due"),
    [
        (dt.date(2023, 11, 30), False, dt.date(2024, 2, 29)),
        (dt.date(2023, 8, 31), True, dt.date(2024, 2, 29)),
        (dt.date(2024, 1, 31), False, dt.date(2024, 4, 30)),
    ],
)
def test_suggestion_reply_due_adds_calendar_months(petition_clerk, assigned, complex_, due):
    suggestion = services.create_suggestion(
        actor=petition_clerk,
        deputy_name="马代表",
        assigned_on=assigned,
        complex=complex_,
        summary="x",
    )
    assert suggestion.reply_due == due
    assert suggestion.status == DeputySuggestion.Status.ASSIGNED


def test_suggestion_reply_and_feedback(petition_clerk, leader):
    suggestion = SuggestionFactory()
    with pytest.raises(PermissionDenied):
        services.reply_suggestion(
            suggestion, actor=leader, replied_on=dt.date(2024, 4, 1), reply="x"
        )
    with pytest.raises(TransitionNotAllowed):
        services.record_suggestion_feedback(
            suggestion, actor=petition_clerk, satisfaction="satisfied"
        )
    suggestion = services.reply_suggestion(
        suggestion, actor=petition_clerk, replied_on=dt.date(2024, 4, 1), reply="已列入计划。"
    )
    suggestion = services.record_suggestion_feedback(
        suggestion, actor=petition_clerk, satisfaction="satisfied", published=True
    )
    assert (suggestion.status, suggestion.satisfaction, suggestion.published) == (
        "replied",
        "satisfied",
        True,
    )
    with pytest.raises(TransitionNotAllowed):
        services.reply_suggestion(
            suggestion, actor=petition_clerk, replied_on=dt.date(2024, 4, 2), reply="again"
        )


def test_reception_record_on_a_past_day(petition_clerk, leader):
    day = services.create_reception_day(
        actor=leader, date=dt.date(2024, 6, 12), leader_name="向国栋", place="镇信访接待室"
    )
    record = services.add_reception_record(
        day,
        actor=petition_clerk,
        petitioner_names="谭某等",
        persons_count=3,
        request="修路",
        decision="交办",
    )
    assert day.records.get() == record
    future = services.create_reception_day(
        actor=petition_clerk, date=dt.date(2024, 6, 19), leader_name="向国栋", place="镇信访接待室"
    )
    with pytest.raises(ValidationError):
        services.add_reception_record(
            future,
            actor=petition_clerk,
            petitioner_names="x",
            persons_count=1,
            request="x",
            decision="x",
        )


def test_clerk_classifies_an_online_submission_and_becomes_its_clerk(petition_clerk):
    petition = services.submit_online_petition(
        petitioner_name="陈某", phone="13987654321", summary="检举某站所乱收费"
    )
    assert petition.registered_by is None
    petition = services.classify_petition(
        petition, actor=petition_clerk, category="accusation", source="direct"
    )
    assert (petition.category, petition.registered_by) == ("accusation", petition_clerk)
    accepted = PetitionFactory(accepted=True)
    with pytest.raises(TransitionNotAllowed):
        services.classify_petition(
            accepted, actor=petition_clerk, category="appeal", source="direct"
        )


def test_review_request_on_the_monday_after_a_saturday_day_30_is_accepted(petition_clerk):
    # Issue 14: delivered 2024-05-02, day 30 = Sat 06-01; the request of Mon 06-03 is in time.
    petition = PetitionFactory(
        accepted=True, accepted_on=dt.date(2024, 4, 1), handling_due=dt.date(2024, 5, 31)
    )
    petition = services.reply_petition(
        petition,
        actor=petition_clerk,
        replied_on=dt.date(2024, 5, 2),
        outcome="explain",
        opinion="解释说明",
    )
    assert petition.review_request_due == dt.date(2024, 6, 3)
    petition = services.request_review(
        petition, actor=petition_clerk, requested_on=dt.date(2024, 6, 3)
    )
    assert petition.status == Petition.Status.UNDER_REVIEW


def test_review_request_after_the_rolled_day_is_refused_and_names_it(petition_clerk):
    petition = PetitionFactory(
        replied=True, delivered_on=dt.date(2024, 5, 2), review_request_due=dt.date(2024, 6, 3)
    )
    with pytest.raises(ValidationError) as exc:
        services.request_review(petition, actor=petition_clerk, requested_on=dt.date(2024, 6, 4))
    assert "2024-06-03" in str(exc.value)


def test_reexamination_request_period_rolls_off_a_holiday(petition_clerk):
    # 复查 decided 2024-04-06 (清明 holiday): day 30 = Mon 05-06, a working day after 劳动节.
    petition = PetitionFactory(
        replied=True, status="under_review", review_requested_on=dt.date(2024, 3, 20)
    )
    petition = services.record_review_result(
        petition, actor=petition_clerk, decided_on=dt.date(2024, 4, 1), result="upheld"
    )
    # Day 30 = 2024-05-01 (劳动节 1–5 May): rolled to Mon 05-06.
    assert petition.reexamination_request_due == dt.date(2024, 5, 6)
