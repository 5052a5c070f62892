"""Issue 14, must-haves 1–2: table rows override single days, a year is known only when its
notice is marked complete, fixed statutory holidays apply before the notice, the office enters a
whole notice on one page, and stored due dates follow the calendar."""

import datetime as dt

import pytest
from django.urls import reverse

from huanghe_portal import services, workdays
from huanghe_portal.models import CalendarChange, Holiday, HolidayYear, Notification

pytestmark = pytest.mark.django_db
D = dt.date


def test_one_local_row_does_not_drop_the_years_holiday_data():
    # Issue 14 defect 1: a row for 2026-06-01 made 2026-10-01 (国庆) a working day and moved a
    # reply due from 10-22 to 10-16.
    Holiday.objects.create(date=D(2026, 6, 1), name="儿童节（本地）", is_workday=False)

    assert not workdays.is_workday(D(2026, 10, 1))
    assert workdays.add_workdays(D(2026, 9, 18), 20).due == D(2026, 10, 22)
    assert workdays.add_workdays(D(2026, 5, 29), 1).due == D(2026, 6, 2)  # the row itself counts


def test_a_row_can_make_a_library_holiday_a_working_day_for_that_day_only():
    Holiday.objects.create(date=D(2026, 10, 7), name="值班（测试）", is_workday=True)

    assert workdays.is_workday(D(2026, 10, 7))
    assert not workdays.is_workday(D(2026, 10, 6))


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (
            2025,
            {
                D(2025, 1, 1),
                D(2025, 1, 28),
                D(2025, 1, 29),
                D(2025, 1, 30),
                D(2025, 1, 31),
                D(2025, 4, 4),
                D(2025, 5, 1),
                D(2025, 5, 2),
                D(2025, 5, 31),
                D(2025, 10, 1),
                D(2025, 10, 2),
                D(2025, 10, 3),
                D(2025, 10, 6),
            },
        ),
        (
            2026,
            {
                D(2026, 1, 1),
                D(2026, 2, 16),
                D(2026, 2, 17),
                D(2026, 2, 18),
                D(2026, 2, 19),
                D(2026, 4, 5),
                D(2026, 5, 1),
                D(2026, 5, 2),
                D(2026, 6, 19),
                D(2026, 9, 25),
                D(2026, 10, 1),
                D(2026, 10, 2),
                D(2026, 10, 3),
            },
        ),
        # 2027: 除夕 is 2027-02-05, 清明 2027-04-05, 端午 06-09, 中秋 09-15.
        (
            2027,
            {
                D(2027, 1, 1),
                D(2027, 2, 5),
                D(2027, 2, 6),
                D(2027, 2, 7),
                D(2027, 2, 8),
                D(2027, 4, 5),
                D(2027, 5, 1),
                D(2027, 5, 2),
                D(2027, 6, 9),
                D(2027, 9, 15),
                D(2027, 10, 1),
                D(2027, 10, 2),
                D(2027, 10, 3),
            },
        ),
    ],
)
def test_the_thirteen_statutory_days_come_from_the_lunar_and_solar_term_library(year, expected):
    assert set(workdays.statutory_holidays(year)) == expected


def test_the_library_years_agree_with_the_statutory_days():
    # Every fixed statutory day of 2025 and 2026 is a day off in the notices (chinesecalendar).
    for year in (2025, 2026):
        for day in workdays.statutory_holidays(year):
            assert not workdays.is_workday(day), day


def test_2027_new_year_is_a_holiday_before_the_notice_but_the_year_stays_unknown():
    # Issue 14 defect 5 (statutory review §1.2): across 元旦 2027 whatever the notice says.
    assert workdays.add_workdays(D(2026, 12, 10), 20).due == D(2027, 1, 8)
    result = workdays.add_workdays(D(2026, 12, 28), 5)
    assert result.due == D(2027, 1, 5)
    assert (D(2027, 1, 1), "元旦") in result.skipped
    assert result.calendar_known is False
    # The 2027 Spring Festival: 除夕 Fri 02-05 to 初三 Mon 02-08.
    assert workdays.add_workdays(D(2027, 2, 4), 1).due == D(2027, 2, 9)


def test_a_partial_entry_keeps_the_banner_until_the_office_marks_the_year_complete(
    client, report_office, frozen_today
):
    client.force_login(report_office)
    Holiday.objects.create(date=D(2027, 1, 2), name="元旦", is_workday=False)

    assert not workdays.calendar_known(2027)
    assert "2027年的放假通知尚未录入完整" in client.get(reverse("dashboard")).content.decode()

    services.mark_holiday_year(
        actor=report_office, year=2027, source="国办发明电〔2026〕X号", complete=True
    )

    assert workdays.calendar_known(2027)
    assert workdays.add_workdays(D(2026, 12, 28), 5).calendar_known is True
    assert "2027年的放假通知" not in client.get(reverse("dashboard")).content.decode()


NOTICE = {
    "year": "2027",
    "source": "国务院办公厅关于2027年部分节假日安排的通知",
    "holidays": "2027-01-01 至 2027-01-03 元旦\n2027-02-05至2027-02-13 春节\n2027/4/5 清明节",
    "makeup_days": "2027-02-14 春节调休上班\n2027-02-20",
    "complete": "on",
}


def test_the_office_enters_a_whole_notice_on_one_page(
    client, report_office, frozen_today, django_capture_on_commit_callbacks
):
    client.force_login(report_office)
    assert client.get(reverse("holiday-notice")).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("holiday-notice"), NOTICE, follow=True)

    assert response.status_code == 200
    assert Holiday.objects.filter(date__year=2027, is_workday=False).count() == 3 + 9 + 1
    assert Holiday.objects.get(date=D(2027, 2, 20)).name == "调休上班"
    assert Holiday.objects.get(date=D(2027, 2, 14)).source_notice == NOTICE["source"]
    assert HolidayYear.objects.get(year=2027).complete
    assert workdays.calendar_known(2027)
    assert workdays.is_workday(D(2027, 2, 20))  # a Saturday worked
    assert workdays.add_workdays(D(2027, 2, 4), 1).due == D(2027, 2, 14)  # Sunday 调休
    page = response.content.decode()
    assert "2027-02-05 至 2027-02-13 春节" in page  # the form shows the year back as ranges
    assert "重新计算" in page  # the office is told; the count shows once the job ran
    change = CalendarChange.objects.get()
    assert change.moved == 0
    changes = (
        client.get(reverse("holiday-notice")).content.decode().split('id="calendar-changes"')[1]
    )
    assert "录入2027年放假通知" in changes and "<td>0</td>" in changes


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("holidays", "2027-02-30 春节", "第1行"),
        ("holidays", "2027-01-01 至 2027-01-03", "缺少节日名称"),
        ("holidays", "2027-01-03 至 2027-01-01 元旦", "结束日期早于开始日期"),
        ("makeup_days", "2027-02-14 至 2027-02-15 调休", "逐日填写"),
        ("holidays", "2026-12-31 元旦", "不在2027年内"),
    ],
)
def test_a_bad_notice_is_refused_in_chinese_and_nothing_is_saved(
    client, report_office, frozen_today, field, text, message
):
    client.force_login(report_office)

    response = client.post(reverse("holiday-notice"), {**NOTICE, field: text})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Holiday.objects.filter(date__year=2027).exists()
    assert not HolidayYear.objects.exists()


def test_only_the_office_enters_notices(client, disclosure_officer, frozen_today):
    client.force_login(disclosure_officer)

    assert client.post(reverse("holiday-notice"), NOTICE).status_code == 403
    assert not Holiday.objects.exists()


def test_holidays_api_reads_for_staff_and_creates_for_the_office(
    api_client, report_office, disclosure_officer, frozen_today
):
    url = reverse("api:holiday-list")
    api_client.force_authenticate(report_office)
    response = api_client.post(
        url,
        {"date": "2027-01-02", "is_workday": False, "name": "元旦", "source": "国办通知"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["source"] == "国办通知"
    again = api_client.post(
        url, {"date": "2027-01-02", "is_workday": False, "name": "元旦"}, format="json"
    )
    assert again.status_code == 400 and "date" in again.json()["fields"]

    years = api_client.post(
        reverse("api:holiday-years"),
        {"year": 2027, "source": "国办通知", "complete": True},
        format="json",
    )
    assert years.status_code == 200, years.json()
    assert years.json()["complete"] is True
    assert workdays.calendar_known(2027)

    api_client.force_authenticate(disclosure_officer)
    assert api_client.get(url).json()["results"][0]["date"] == "2027-01-02"
    refused = api_client.post(
        url, {"date": "2027-01-03", "is_workday": False, "name": "元旦"}, format="json"
    )
    assert refused.status_code == 403
    api_client.force_authenticate(None)
    assert api_client.get(url).status_code in (401, 403)


def test_a_changed_day_recomputes_in_one_job_and_the_office_sees_the_count(
    report_office, frozen_today, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        holiday = services.save_holiday(
            Holiday(),
            actor=report_office,
            date=D(2027, 1, 4),
            name="测试停工",
            is_workday=False,
            source_notice="",
        )

    change = CalendarChange.objects.get()
    assert holiday.calendar_change == change
    assert change.dates == ["2027-01-04"]
    assert change.moved == 0 and change.finished_at is not None


def test_renaming_a_row_changes_no_working_day_and_starts_no_job(report_office):
    holiday = Holiday.objects.create(date=D(2027, 1, 4), name="停工", is_workday=False)

    services.save_holiday(holiday, actor=report_office, version=holiday.version, name="防汛停工")

    assert not CalendarChange.objects.exists()


def test_november_reminder_asks_the_office_for_next_years_notice(report_office):
    assert services.remind_holiday_notice(D(2026, 11, 1)) == 1
    notice = Notification.objects.get(user=report_office)
    assert "2027年" in notice.message

    HolidayYear.objects.create(year=2027, source="通知", complete=True)
    assert services.remind_holiday_notice(D(2026, 11, 15)) == 0
    assert services.remind_holiday_notice(D(2025, 11, 1)) == 0  # 2026 is in the library


def test_re_entering_a_notice_corrects_it_and_keeps_local_rows(client, report_office, frozen_today):
    client.force_login(report_office)
    client.post(reverse("holiday-notice"), {**NOTICE, "holidays": "2027-01-01 至 2027-01-04 元旦"})
    Holiday.objects.create(date=D(2027, 3, 1), name="防汛停工", source_notice="镇政府通知")
    assert not workdays.is_workday(D(2027, 1, 4))

    client.post(reverse("holiday-notice"), NOTICE)  # 元旦 1–3 Jan only

    assert workdays.is_workday(D(2027, 1, 4))
    assert Holiday.objects.filter(date=D(2027, 3, 1)).exists()
    assert Holiday.history.filter(date=D(2027, 1, 4), history_type="-").exists()
