"""Issue 14 must-have 8: the annual reports' due dates, reminders and whether they were met."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from huanghe_portal.models import Notification
from reports import deadlines, tasks
from reports.models import Report

pytestmark = pytest.mark.django_db
D = dt.date


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 10, 0, tzinfo=dt.UTC)


def _freeze(monkeypatch, today: dt.date) -> None:
    real = timezone.localdate
    monkeypatch.setattr(
        "django.utils.timezone.localdate",
        lambda value=None, *args: today if value is None else real(value, *args),
    )


def _report(year, kind, **fields):
    return Report.objects.create(year=year, kind=kind, title=f"{year} {kind}", **fields)


@pytest.fixture
def reports_on_2025():
    """Disclosure report published 2026-01-20 (due 01-31); rule-of-law report approved for the
    county on 2026-03-05 (due 03-01: late), published 2026-03-20 (before 04-01)."""
    _report(
        2025,
        Report.Kind.DISCLOSURE,
        status=Report.Status.PUBLISHED,
        approved_at=_at(D(2026, 1, 15)),
        published_at=_at(D(2026, 1, 20)),
    )
    _report(
        2025,
        Report.Kind.RULE_OF_LAW,
        status=Report.Status.PUBLISHED,
        approved_at=_at(D(2026, 3, 5)),
        published_at=_at(D(2026, 3, 20)),
    )


def test_due_dates_of_the_reports_on_a_year():
    due = {d.code: d.due for d in deadlines.deadlines_for(2025)}
    assert due == {"disc_pub": D(2026, 1, 31), "rol_sub": D(2026, 3, 1), "rol_pub": D(2026, 3, 31)}


def test_whether_last_years_reports_met_their_due_dates(reports_on_2025):
    states = {d.code: d.state(D(2026, 12, 4)) for d in deadlines.deadlines_for(2025)}
    assert states == {"disc_pub": "met", "rol_sub": "late", "rol_pub": "met"}
    assert deadlines.met_count(2025) == (2, 3)


def test_reports_dashboard_shows_due_dates_and_last_years_figure(
    client, report_office, reports_on_2025, monkeypatch
):
    _freeze(monkeypatch, D(2026, 12, 4))
    client.force_login(report_office)

    page = client.get(reverse("reports:index")).content.decode()

    assert "2025年度报告按期完成 2/3" in page
    assert "逾期完成（2026-03-05）" in page
    assert "2027-01-31" in page and "剩余58天" in page


def test_staff_dashboard_card_for_the_office(client, report_office, reports_on_2025, monkeypatch):
    _freeze(monkeypatch, D(2026, 12, 4))
    client.force_login(report_office)

    page = client.get(reverse("dashboard")).content.decode()

    assert "下一报告期限：2026年度政府信息公开年度报告向社会公开" in page
    assert "2027-01-31" in page and "2025年度报告按期完成" in page


@pytest.mark.parametrize(
    ("today", "tier"),
    [(D(2027, 1, 1), 30), (D(2027, 1, 20), 30), (D(2027, 1, 24), 7), (D(2027, 1, 30), 1)],
)
def test_reminders_30_7_and_1_days_before(report_office, leader, today, tier):
    deadlines.send_reminders(today)

    disclosure = Notification.objects.filter(kind__startswith="report_due_2026_disc_pub")
    # the office and the leader, for the disclosure report on 2026
    assert sorted(disclosure.values_list("user__username", flat=True)) == sorted(
        [report_office.username, leader.username]
    )
    assert set(disclosure.values_list("kind", flat=True)) == {f"report_due_2026_disc_pub_{tier}"}
    message = disclosure.get(user=report_office).message
    assert "2026年度政府信息公开年度报告向社会公开的期限为2027-01-31" in message
    count = Notification.objects.count()
    deadlines.send_reminders(today)
    assert Notification.objects.count() == count  # once per user, deadline and tier


def test_no_reminder_before_30_days_after_the_date_or_once_done(report_office):
    assert deadlines.send_reminders(D(2026, 12, 31)) == 0
    assert deadlines.send_reminders(D(2027, 4, 1)) == 0  # past due: the dashboard says so
    _report(2026, Report.Kind.DISCLOSURE, published_at=_at(D(2027, 1, 10)))
    assert deadlines.send_reminders(D(2027, 1, 24)) == 0


def test_reminder_task_runs_the_reminders(report_office, monkeypatch):
    _freeze(monkeypatch, D(2027, 2, 28))
    assert tasks.send_report_due_reminders_task.delay().get() == 1
    assert Notification.objects.get().kind == "report_due_2026_rol_sub_1"
