import datetime as dt

import pytest
from django.urls import reverse

from huanghe_portal import workdays
from huanghe_portal.models import Holiday

pytestmark = pytest.mark.django_db
D = dt.date


def test_twenty_working_days_across_the_2025_spring_festival_count_its_makeup_days():
    result = workdays.add_workdays(D(2025, 1, 20), 20)

    # 28 Jan – 4 Feb off; Sun 26 Jan and Sat 8 Feb are worked (调休).
    assert result.due == D(2025, 2, 21)
    assert result.makeup_days == [D(2025, 1, 26), D(2025, 2, 8)]
    assert (D(2025, 1, 29), "春节") in result.skipped
    assert (D(2025, 1, 25), "weekend") in result.skipped
    assert result.calendar_known is True


def test_the_start_day_is_not_counted():
    assert workdays.add_workdays(D(2025, 3, 3), 1).due == D(2025, 3, 4)  # Monday → Tuesday


def test_national_day_2025_and_its_makeup_saturday():
    result = workdays.add_workdays(D(2025, 9, 26), 4)

    # Sun 28 Sep worked (调休); 1–8 Oct off.
    assert result.due == D(2025, 10, 9)
    assert result.makeup_days == [D(2025, 9, 28)]
    assert (D(2025, 10, 1), "国庆节") in result.skipped


def test_a_holiday_row_turns_a_weekday_into_a_day_off():
    plain = workdays.add_workdays(D(2025, 3, 3), 3).due
    Holiday.objects.create(date=D(2025, 3, 4), name="防汛停工（测试）", is_workday=False)

    result = workdays.add_workdays(D(2025, 3, 3), 3)

    assert plain == D(2025, 3, 6)
    assert result.due == D(2025, 3, 7)
    assert (D(2025, 3, 4), "防汛停工（测试）") in result.skipped


def test_a_year_unknown_to_both_keeps_its_statutory_holidays_and_says_so():
    result = workdays.add_workdays(D(2031, 9, 29), 5)

    # Mon 29 Sep: 30 Sep, then 国庆 1–3 Oct (fixed by 《全国年节及纪念日放假办法》) and the weekend.
    assert result.due == D(2031, 10, 9)
    assert (D(2031, 10, 2), "国庆节") in result.skipped  # 1 Oct 2031 is also 中秋
    assert result.calendar_known is False
    assert "尚未录入完整" in result.explain()


def test_holidays_entered_for_a_new_year_take_effect_but_the_year_stays_unknown_until_complete():
    Holiday.objects.create(date=D(2027, 1, 2), name="元旦", is_workday=False)

    result = workdays.add_workdays(D(2026, 12, 31), 1)

    assert result.due == D(2027, 1, 4)  # Fri 1 Jan (statutory) and Sat 2 Jan off, then Sunday
    assert result.calendar_known is False
    assert not workdays.calendar_known(2027)


def test_workdays_between_counts_after_the_first_day_up_to_the_last():
    assert workdays.workdays_between(D(2025, 9, 30), D(2025, 10, 10)) == 2  # 9 and 10 Oct
    assert workdays.workdays_between(D(2025, 1, 1), D(2025, 1, 1)) == 0


def test_calendar_and_month_periods_follow_the_project_decisions():
    assert workdays.add_calendar_days(D(2025, 1, 24), 15) == D(2025, 2, 8)
    assert workdays.add_months(D(2024, 11, 30), 3) == D(2025, 2, 28)
    assert workdays.add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert workdays.add_months(D(2024, 8, 31), 6) == D(2025, 2, 28)


def test_the_workdays_api_answers_with_skipped_days_and_makeup_days(api_client):
    response = api_client.get(reverse("api:workdays"), {"start": "2025-01-20", "days": 20})

    assert response.status_code == 200
    data = response.json()
    assert data["due"] == "2025-02-21"
    assert data["makeup_days"] == ["2025-01-26", "2025-02-08"]
    assert {"date": "2025-01-28", "why": "春节"} in data["skipped"]
    assert data["calendar_known"] is True


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start": "2024-02-30", "days": 5}, "start"),
        ({"start": "2025-01-20", "days": 0}, "days"),
        ({"start": "2025-01-20", "days": 367}, "days"),
        ({"start": "2025-01-20", "days": "ten"}, "days"),
        ({"days": 5}, "start"),
    ],
)
def test_bad_workdays_queries_get_a_400_naming_the_field(api_client, params, field):
    response = api_client.get(reverse("api:workdays"), params)

    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert response.json()["detail"].startswith("输入有误")


def test_staff_pages_ask_the_office_to_enter_an_unknown_years_holidays(
    client, report_office, monkeypatch
):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: D(2026, 12, 1))
    client.force_login(report_office)

    content = client.get(reverse("dashboard")).content.decode()

    assert "2027年的放假通知尚未录入完整" in content
    assert reverse("holiday-notice") in content


@pytest.mark.parametrize(
    ("start", "days", "end"),
    [
        # 民事诉讼法 Art 85: a last day on a 法定休假日 or weekend moves to the next working day.
        (D(2024, 9, 1), 30, D(2024, 10, 8)),  # day 30 = 国庆 2024-10-01
        (D(2024, 5, 2), 30, D(2024, 6, 3)),  # day 30 = Sat 2024-06-01
        (D(2025, 1, 1), 30, D(2025, 2, 5)),  # day 30 = 春节 2025-01-31 (28 Jan–4 Feb off)
        (D(2025, 9, 2), 30, D(2025, 10, 9)),  # day 30 = 国庆中秋 2025-10-02 (1–8 Oct off)
        (D(2026, 1, 15), 30, D(2026, 2, 14)),  # day 30 = Sat 2026-02-14, a 调休 working day: kept
        (D(2026, 9, 7), 30, D(2026, 10, 8)),  # day 30 = 国庆 2026-10-07
        (D(2027, 1, 6), 30, D(2027, 2, 9)),  # day 30 = 除夕 2027-02-05, statutory before the notice
        (D(2025, 3, 3), 30, D(2025, 4, 2)),  # an ordinary Wednesday: unchanged
    ],
)
def test_citizen_periods_roll_forward_off_days_off(start, days, end):
    assert workdays.citizen_period_end(start, days) == end


def test_the_agencys_own_calendar_day_periods_never_roll():
    assert workdays.add_calendar_days(D(2024, 9, 1), 30) == D(2024, 10, 1)
    assert workdays.add_calendar_days(D(2027, 1, 6), 30) == D(2027, 2, 5)


def test_qingming_2027_is_a_holiday_before_the_notice():
    result = workdays.add_workdays(D(2027, 4, 2), 1)  # Fri → Mon 04-05 is 清明 (solar term)

    assert result.due == D(2027, 4, 6)
    assert (D(2027, 4, 5), "清明节") in result.skipped
