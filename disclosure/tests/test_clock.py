"""The statutory reply clock (条例 Art 30, 32–34) across holidays and 调休 days."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from disclosure import services
from disclosure.models import Application
from huanghe_portal import timeline
from huanghe_portal.exceptions import TransitionNotAllowed

from .factories import submit

pytestmark = pytest.mark.django_db

D = dt.date


def test_reply_due_skips_national_day_and_counts_makeup_days(disclosure_officer, today):
    # 2024-09-29 (Sun) and 2024-10-12 (Sat) were 调休 working days; 10-01..10-07 off.
    app = submit(disclosure_officer, D(2024, 9, 20))

    assert app.reply_due == D(2024, 10, 23)
    entry = timeline.entries_for(app).get(action="received")
    assert "2024-09-29" in entry.note and "国庆节" in entry.note


def test_reply_due_skips_spring_festival(disclosure_officer, today):
    # 2024: 02-10..02-17 off, 02-04 and 02-18 (Sundays) worked.
    app = submit(disclosure_officer, D(2024, 2, 5))

    assert app.reply_due == D(2024, 3, 8)


def test_public_submission_is_received_today_online(today):
    today(D(2024, 9, 20))

    app = submit(None, D(2024, 1, 1), channel="letter")

    assert (app.received_on, app.channel, app.reply_due) == (
        D(2024, 9, 20),
        "online",
        D(2024, 10, 23),
    )
    assert len(app.tracking_code) >= 10


def test_application_without_description_is_refused(disclosure_officer, today):
    with pytest.raises(ValidationError) as exc:
        submit(disclosure_officer, description="   ")
    assert "description" in exc.value.message_dict
    assert Application.objects.count() == 0


def test_correction_restarts_the_clock_from_the_corrected_application(disclosure_officer, today):
    app = submit(disclosure_officer)
    app = services.request_correction(
        app, actor=disclosure_officer, notice_on=D(2024, 9, 27), items="请写明所需信息的年份"
    )
    assert app.status == Application.Status.CORRECTION_REQUESTED

    app = services.register_correction(app, actor=disclosure_officer, received_on=D(2024, 10, 10))

    assert app.status == Application.Status.IN_PROGRESS
    assert app.reply_due == D(2024, 11, 6)
    entry = timeline.entries_for(app).get(action="correction_received")
    assert entry.data["previous_due"] == "2024-10-23"
    assert "补正后重新起算" in entry.note


def test_officer_cannot_request_a_second_correction(disclosure_officer, today):
    app = submit(disclosure_officer)
    app = services.request_correction(
        app, actor=disclosure_officer, notice_on=D(2024, 9, 23), items="请写明年份"
    )
    app = services.register_correction(app, actor=disclosure_officer, received_on=D(2024, 9, 25))

    with pytest.raises(TransitionNotAllowed, match="只能发出一次"):
        services.request_correction(
            app, actor=disclosure_officer, notice_on=D(2024, 9, 26), items="再补"
        )
    app.refresh_from_db()
    assert app.status == Application.Status.IN_PROGRESS


def test_officer_cannot_request_correction_after_seven_working_days(disclosure_officer, today):
    app = submit(disclosure_officer)

    with pytest.raises(ValidationError, match="7个工作日内.*2024-09-30"):
        services.request_correction(
            app, actor=disclosure_officer, notice_on=D(2024, 10, 8), items="请写明年份"
        )
    app.refresh_from_db()
    assert app.status == Application.Status.RECEIVED and app.correction_notice_on is None


def test_no_correction_by_its_deadline_is_proposed_then_decided_and_undone(
    disclosure_officer, today
):
    # Issue 14 defect 12: the task only proposes; the officer decides with a reason, and may undo.
    app = submit(disclosure_officer)
    app = services.request_correction(
        app,
        actor=disclosure_officer,
        notice_on=D(2024, 9, 23),
        items="请写明年份",
        deadline=D(2024, 10, 15),
    )
    with pytest.raises(TransitionNotAllowed):
        services.abandon_application(app, actor=disclosure_officer, reason="x", on=D(2024, 10, 15))

    services.send_due_reminders(today=D(2024, 10, 16))

    app.refresh_from_db()
    assert app.status == Application.Status.CORRECTION_REQUESTED
    assert app.abandon_proposed_on == D(2024, 10, 16)
    assert not app.overdue  # the reply clock is not running while a correction is awaited
    today(D(2024, 10, 17))
    with pytest.raises(ValidationError):
        services.abandon_application(app, actor=disclosure_officer, reason=" ")
    app = services.abandon_application(
        app, actor=disclosure_officer, reason="电话联系两次，申请人表示不再补正"
    )
    assert app.status == Application.Status.ABANDONED
    assert app.outcome == Application.Outcome.OTHER_NO_CORRECTION
    assert app.concluded_on == D(2024, 10, 17)

    today(D(2024, 11, 5))
    app = services.reinstate_application(
        app, actor=disclosure_officer, reason="申请人住院，提供了住院证明"
    )
    assert app.status == Application.Status.CORRECTION_REQUESTED
    assert app.outcome == "" and app.concluded_on is None
    actions = [e.action for e in timeline.entries_for(app)]
    assert actions[-3:] == ["abandon_proposed", "abandoned", "abandon_undone"]


def test_abandonment_cannot_be_undone_after_its_report_year(disclosure_officer, today):
    app = submit(disclosure_officer)
    app = services.request_correction(
        app,
        actor=disclosure_officer,
        notice_on=D(2024, 9, 23),
        items="请写明年份",
        deadline=D(2024, 10, 15),
    )
    app = services.abandon_application(
        app, actor=disclosure_officer, reason="未补正", on=D(2024, 12, 20)
    )
    today(D(2025, 1, 6))

    with pytest.raises(TransitionNotAllowed, match="2024年"):
        services.reinstate_application(app, actor=disclosure_officer, reason="迟到的证明")


def test_consultation_days_are_not_counted(disclosure_officer, today):
    app = submit(disclosure_officer)
    app = services.start_consultation(
        app, actor=disclosure_officer, sent_on=D(2024, 9, 25), party="黄鹤村村民委员会"
    )
    # Until a reply comes, the full 15 working days are held back.
    assert app.status == Application.Status.CONSULTING
    assert app.reply_due == D(2024, 11, 13)

    app = services.register_consultation_reply(
        app, actor=disclosure_officer, replied_on=D(2024, 10, 9)
    )

    # 09-26, 09-27, 09-29 (调休), 09-30, 10-08, 10-09: six working days paused.
    assert app.status == Application.Status.IN_PROGRESS
    assert app.reply_due == D(2024, 10, 31)
    assert "6个工作日" in timeline.entries_for(app).get(action="consultation_replied").note


def test_extension_moves_the_due_date_once(disclosure_officer, leader, today):
    app = submit(disclosure_officer)
    app = services.extend_application(
        app, actor=disclosure_officer, approved_by=leader, notice_on=D(2024, 10, 21), days=20
    )
    assert app.reply_due == D(2024, 11, 20)
    assert timeline.entries_for(app).get(action="extended").data["previous_due"] == "2024-10-23"
    assert app.extension_approver == leader and app.extension_approved_by == "镇长甲"

    with pytest.raises(TransitionNotAllowed, match="只能延长一次"):
        services.extend_application(
            app, actor=disclosure_officer, approved_by=leader, notice_on=D(2024, 10, 22), days=1
        )


@pytest.mark.parametrize(
    ("days", "notice_on", "field"),
    [
        (21, D(2024, 10, 21), "days"),
        (5, D(2024, 10, 24), "notice_on"),
    ],
)
def test_extension_of_21_days_or_after_the_due_date_is_refused(
    disclosure_officer, leader, today, days, notice_on, field
):
    app = submit(disclosure_officer)

    with pytest.raises(ValidationError) as exc:
        services.extend_application(
            app, actor=disclosure_officer, approved_by=leader, notice_on=notice_on, days=days
        )

    assert field in exc.value.message_dict
    app.refresh_from_db()
    assert (app.reply_due, app.extension_days) == (D(2024, 10, 23), 0)


def test_reply_records_outcome_and_concludes(disclosure_officer, today):
    app = submit(disclosure_officer)

    app = services.reply_application(
        app,
        actor=disclosure_officer,
        replied_on=D(2024, 10, 18),
        outcome="partial",
        fee_amount=None,
    )

    assert (app.status, app.replied_on, app.concluded_on) == (
        Application.Status.REPLIED,
        D(2024, 10, 18),
        D(2024, 10, 18),
    )
    assert timeline.entries_for(app).get(action="replied").data["on_time"] is True


def test_reply_with_an_outcome_outside_the_codes_is_refused(disclosure_officer, today):
    app = submit(disclosure_officer)
    with pytest.raises(ValidationError, match="年度报告所列情形"):
        services.reply_application(
            app, actor=disclosure_officer, replied_on=D(2024, 10, 18), outcome="granted_maybe"
        )
    app.refresh_from_db()
    assert app.status == Application.Status.RECEIVED


def test_leader_cannot_reply(leader, disclosure_officer, today):
    app = submit(disclosure_officer)
    with pytest.raises(PermissionDenied):
        services.reply_application(app, actor=leader, replied_on=D(2024, 10, 18), outcome="granted")


def test_reissued_tracking_code_replaces_the_old_one(disclosure_officer, today):
    app = submit(disclosure_officer)
    old = app.tracking_code

    app = services.reissue_tracking_code(app, actor=disclosure_officer)

    assert app.tracking_code != old
    assert not Application.objects.filter(tracking_code=old).exists()


def test_replying_during_a_consultation_ends_the_pause(disclosure_officer, today):
    app = submit(disclosure_officer)
    app = services.start_consultation(
        app, actor=disclosure_officer, sent_on=D(2024, 9, 25), party="第三方"
    )

    app = services.reply_application(
        app, actor=disclosure_officer, replied_on=D(2024, 10, 9), outcome="withheld_third_party"
    )

    assert app.reply_due == D(2024, 10, 31)
    assert app.consultations.get().replied_on == D(2024, 10, 9)
    assert timeline.entries_for(app).filter(action="consultation_closed").exists()


def test_a_correction_notice_sent_today_sets_a_deadline_ahead(disclosure_officer, township):
    from django.utils import timezone

    today = timezone.localdate()
    app = submit(disclosure_officer, received_on=today)

    app = services.request_correction(
        app, actor=disclosure_officer, notice_on=today, items="请写明所需信息的名称"
    )

    assert app.status == "correction_requested"
    assert app.correction_deadline > today


def test_extension_approved_by_someone_not_a_leader_is_refused(
    disclosure_officer, other_petition_clerk, today
):
    app = submit(disclosure_officer)
    for approver in ("王主任", other_petition_clerk, disclosure_officer.pk):
        with pytest.raises(ValidationError) as exc:
            services.extend_application(
                app,
                actor=disclosure_officer,
                approved_by=approver,
                notice_on=D(2024, 10, 21),
                days=5,
            )
        assert "approved_by" in exc.value.message_dict
