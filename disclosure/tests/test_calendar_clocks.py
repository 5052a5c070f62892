"""Issue 14 on the disclosure clocks: the reply due across 元旦 2027 before and after the notice,
stored due dates recomputed when the calendar changes, the 主动公开 (条例 Art 26) and fee-payment
clocks, and no "overdue" while a correction is awaited."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from huanghe_portal import due_dates, timeline
from huanghe_portal import services as portal_services
from huanghe_portal.models import CalendarChange, Holiday

from .. import clock, selectors, services
from ..models import Application
from .factories import ApplicationFactory, ItemFactory, submit

pytestmark = pytest.mark.django_db
D = dt.date

NOTICE_2027 = {
    "year": "2027",
    "source": "国务院办公厅关于2027年部分节假日安排的通知",
    "holidays": "2027-01-01 至 2027-01-03 元旦\n2027-02-05 至 2027-02-13 春节",
    "makeup_days": "2027-02-20 春节调休上班",
    "complete": "on",
}


def test_an_application_of_4_december_2026_is_not_due_on_new_years_day(disclosure_officer, today):
    today(D(2026, 12, 4))
    app = submit(disclosure_officer, received_on=D(2026, 12, 4))

    # 元旦 2027 is a statutory holiday before any notice: the 20th working day is Mon 01-04.
    assert app.reply_due == D(2027, 1, 4)


def test_a_stale_due_date_moves_when_the_2027_notice_is_entered(
    client, report_office, disclosure_officer, today, django_capture_on_commit_callbacks
):
    # Issue 14 defect 5: stored before the fix as 2027-01-01, itself a holiday.
    today(D(2026, 12, 4))
    stale = ApplicationFactory(received_on=D(2026, 12, 4), reply_due=D(2027, 1, 1))
    done = ApplicationFactory(
        received_on=D(2026, 12, 4),
        reply_due=D(2027, 1, 1),
        status=Application.Status.REPLIED,
        replied_on=D(2026, 12, 4),
    )
    client.force_login(report_office)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("holiday-notice"), NOTICE_2027)

    stale.refresh_from_db()
    done.refresh_from_db()
    assert stale.reply_due == D(2027, 1, 4)
    assert done.reply_due == D(2027, 1, 1)  # a replied application keeps its history
    entry = timeline.entries_for(stale).get(action=due_dates.TIMELINE_ACTION)
    assert entry.data == {"reply_due": "2027-01-04", "previous_due": "2027-01-01"}
    assert "录入2027年放假通知" in entry.note
    assert CalendarChange.objects.get().moved == 1
    page = client.get(reverse("holiday-notice")).content.decode()
    assert "<td>1</td>" in page.split('id="calendar-changes"')[1]
    # The public receipt (tracking) shows the moved date.
    assert selectors.application_for_tracking(stale)["reply_due"] == "2027-01-04"


def test_a_local_day_off_moves_open_replies_whose_clock_crosses_it_and_no_others(
    report_office, disclosure_officer, today, django_capture_on_commit_callbacks
):
    today(D(2026, 6, 1))
    crossing = submit(disclosure_officer, received_on=D(2026, 5, 20))
    before = submit(disclosure_officer, received_on=D(2026, 4, 1))
    assert crossing.reply_due == D(2026, 6, 17)
    assert before.reply_due == D(2026, 4, 30)

    with django_capture_on_commit_callbacks(execute=True):
        portal_services.save_holiday(
            Holiday(),
            actor=report_office,
            date=D(2026, 6, 1),
            name="防汛停工",
            is_workday=False,
            source_notice="镇政府通知",
        )

    crossing.refresh_from_db()
    before.refresh_from_db()
    assert crossing.reply_due == D(2026, 6, 18)
    assert before.reply_due == D(2026, 4, 30)
    assert CalendarChange.objects.get().moved == 1


def test_a_correction_awaited_past_the_original_due_is_not_overdue(disclosure_officer, today):
    # Statutory review §2: a 2024-03-25 application awaiting its correction showed overdue.
    app = submit(disclosure_officer, received_on=D(2024, 3, 25))
    app = services.request_correction(
        app,
        actor=disclosure_officer,
        notice_on=D(2024, 3, 27),
        items="请写明年份",
        deadline=D(2024, 5, 31),
    )
    today(D(2024, 5, 10))

    assert app.reply_due == D(2024, 4, 23)
    assert not app.overdue
    assert not selectors.applications_overdue().filter(pk=app.pk).exists()
    assert not selectors.applications_due_within(5).filter(pk=app.pk).exists()


def test_publication_clock_of_an_item(disclosure_officer, today):
    # 条例 Art 26: 20 working days after formation; across 清明 2025 (4–6 Apr), and Sun 04-27
    # is the 劳动节 调休 working day.
    item = services.create_item(
        actor=disclosure_officer,
        title="黄鹤镇防汛应急预案",
        category=ItemFactory().category,
        generated_on=D(2025, 3, 28),
    )
    assert item.publication_due == D(2025, 4, 27)
    today(D(2025, 4, 28))
    assert item.publication_overdue
    assert selectors.items_publication_overdue().filter(pk=item.pk).exists()

    item = services.update_item(
        item, actor=disclosure_officer, version=item.version, generated_on=D(2025, 4, 10)
    )
    assert item.publication_due == D(2025, 5, 12)  # 劳动节 1–5 May
    assert not item.publication_overdue


def test_fee_notice_gives_twenty_working_days_and_flags_late_payment(disclosure_officer, today):
    today(D(2025, 9, 26))
    app = submit(disclosure_officer, received_on=D(2025, 9, 22))
    app = services.send_fee_notice(
        app, actor=disclosure_officer, notice_on=D(2025, 9, 26), amount=Decimal("100.00")
    )

    # From 9-27: 9-28 (调休 Sunday) counts, 1–8 Oct off, 10-11 (调休 Saturday) counts.
    assert app.fee_due == clock.fee_due(D(2025, 9, 26)) == D(2025, 10, 30)
    today(D(2025, 10, 31))
    assert app.fee_overdue
    assert selectors.applications_fee_overdue().filter(pk=app.pk).exists()
    app = services.register_fee_payment(app, actor=disclosure_officer, paid_on=D(2025, 10, 31))
    assert not app.fee_overdue
    assert timeline.entries_for(app).get(action="fee_paid").data == {"late": True}


def test_fee_and_abandon_steps_through_the_api(api_client, disclosure_officer, today):
    today(D(2024, 9, 30))
    app = ApplicationFactory(received_on=D(2024, 9, 20), reply_due=D(2024, 10, 23))
    api_client.force_authenticate(disclosure_officer)

    response = api_client.post(
        reverse("api:disclosure-application-fee-notice", args=[app.pk]),
        {"notice_on": "2024-09-27", "amount": "100.00"},
        format="json",
    )

    assert response.status_code == 200, response.json()
    assert response.json()["fee_due"] == "2024-10-30"  # 国庆 2024 with its two 调休 days
    assert response.json()["fee_overdue"] is False
    missing_reason = api_client.post(
        reverse("api:disclosure-application-abandon", args=[app.pk]), {}, format="json"
    )
    assert missing_reason.status_code == 400


def test_the_daily_task_reminds_of_an_item_not_published_in_time(disclosure_officer, today):
    from huanghe_portal.models import Notification

    item = ItemFactory(generated_on=D(2025, 3, 28), publication_due=D(2025, 4, 27))

    services.send_due_reminders(today=D(2025, 4, 28))

    assert Notification.objects.get(user=disclosure_officer, object_id=item.pk).kind == (
        "disclosure_item_overdue"
    )


def test_closing_for_an_unpaid_fee_needs_an_expired_fee_notice(disclosure_officer, today):
    today(D(2025, 11, 10))
    app = submit(disclosure_officer, received_on=D(2025, 9, 22))
    with pytest.raises(ValidationError):
        services.reply_application(
            app, actor=disclosure_officer, replied_on=D(2025, 10, 20), outcome="other_no_fee"
        )
    app = services.send_fee_notice(
        app, actor=disclosure_officer, notice_on=D(2025, 9, 26), amount=Decimal("100.00")
    )
    with pytest.raises(ValidationError):  # due 2025-10-30: not yet expired on 10-30
        services.reply_application(
            app, actor=disclosure_officer, replied_on=D(2025, 10, 30), outcome="other_no_fee"
        )

    app = services.reply_application(
        app, actor=disclosure_officer, replied_on=D(2025, 10, 31), outcome="other_no_fee"
    )

    assert app.status == Application.Status.REPLIED
