"""Reception days with hours (issue 16 point 6): staff enter start and end, the public sees this
week and next by weekday, and calendars subscribe to an RFC 5545 feed."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from petitions import services

from .factories import ReceptionDayFactory

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
FEED = reverse("petitions:public-reception-days-ical")
SCHEDULE = reverse("petitions:public-reception-days")


def feed_events(client) -> list[icalendar.Component]:
    response = client.get(FEED)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n")), "unfolded line"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = list(calendar.walk("VEVENT"))
    for event in events:
        assert {"UID", "DTSTAMP", "DTSTART"} <= set(event)
    return events


def test_staff_form_saves_the_hours_and_topic(client, leader):
    client.force_login(leader)
    response = client.post(
        reverse("petitions:reception-day-create"),
        {
            "date": "2024-06-19",
            "start_time": "09:00",
            "end_time": "11:30",
            "leader_name": "向国栋",
            "place": "镇信访接待室",
            "topic": "土地征收与补偿",
            "kind": "reception",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "09:00–11:30" in page and "土地征收与补偿" in page


def test_end_before_start_is_refused_beside_the_field_and_input_kept(client, leader):
    client.force_login(leader)
    response = client.post(
        reverse("petitions:reception-day-create"),
        {
            "date": "2024-06-19",
            "start_time": "11:00",
            "end_time": "09:00",
            "leader_name": "向国栋",
            "place": "镇信访接待室",
            "kind": "reception",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["end_time"] == ["结束时间应晚于开始时间。"]
    assert 'value="向国栋"' in response.content.decode()


def test_public_week_view_shows_this_week_and_next_by_weekday_with_times(client, township):
    # Today is Friday 2024-06-14: this week runs from Monday 06-10, next week to Sunday 06-23.
    ReceptionDayFactory(
        date=dt.date(2024, 6, 19),
        start_time=dt.time(9),
        end_time=dt.time(12),
        leader_name="谭建华",
        topic="惠民政策咨询",
    )
    ReceptionDayFactory(
        date=dt.date(2024, 6, 12), start_time=None, end_time=None, leader_name="冉光明"
    )
    ReceptionDayFactory(date=dt.date(2024, 7, 3), leader_name="远期领导")
    ReceptionDayFactory(date=dt.date(2024, 6, 20), leader_name="作废领导", voided=True)

    response = client.get(SCHEDULE)
    page = response.content.decode()
    this_week, next_week = response.context["weeks"]
    assert [d for d, _ in this_week["days"]][0] == dt.date(2024, 6, 10)
    assert [d for d, _ in next_week["days"]][-1] == dt.date(2024, 6, 23)
    assert [(d, [x.leader_name for x in items]) for d, items in next_week["days"] if items] == [
        (dt.date(2024, 6, 19), ["谭建华"])
    ]
    assert "本周" in page and "下周" in page
    assert "星期三 6月19日" in page and "09:00–12:00" in page and "惠民政策咨询" in page
    assert "时间未定" in page  # 06-12 was entered without hours
    assert "远期领导" in page and "作废领导" not in page
    assert FEED in page


def test_feed_is_rfc5545_with_local_hours_and_without_voided_days(client, township):
    timed = ReceptionDayFactory(
        date=dt.date(2024, 6, 19),
        start_time=dt.time(9),
        end_time=dt.time(11, 30),
        leader_name="谭建华",
        place="镇信访接待室, 二楼; 东侧",
        topic="土地征收",
    )
    untimed = ReceptionDayFactory(date=dt.date(2024, 6, 21), start_time=None, end_time=None)
    ReceptionDayFactory(date=dt.date(2024, 6, 20), voided=True)
    ReceptionDayFactory(date=dt.date(2024, 1, 3))  # long past

    events = {str(e["UID"]): e for e in feed_events(client)}

    assert set(events) == {
        f"petitions-reception-day-{timed.pk}@testserver",
        f"petitions-reception-day-{untimed.pk}@testserver",
    }
    event = events[f"petitions-reception-day-{timed.pk}@testserver"]
    assert event.decoded("DTSTART") == dt.datetime(2024, 6, 19, 9, tzinfo=SHANGHAI)
    assert event.decoded("DTEND") == dt.datetime(2024, 6, 19, 11, 30, tzinfo=SHANGHAI)
    assert str(event["LOCATION"]) == "镇信访接待室, 二楼; 东侧"
    assert "谭建华" in str(event["SUMMARY"]) and "土地征收" in str(event["SUMMARY"])
    assert str(event["URL"]).endswith(SCHEDULE)
    all_day = events[f"petitions-reception-day-{untimed.pk}@testserver"]
    assert all_day.decoded("DTSTART") == dt.date(2024, 6, 21)
    assert all_day.decoded("DTEND") == dt.date(2024, 6, 22)


def test_feed_shows_a_new_day_at_once(client, township, petition_clerk):
    assert feed_events(client) == []
    services.create_reception_day(
        actor=petition_clerk,
        date=dt.date(2024, 6, 26),
        leader_name="向国栋",
        place="镇信访接待室",
        start_time=dt.time(9),
        end_time=dt.time(12),
    )
    assert len(feed_events(client)) == 1
    assert "2024-06-26" in client.get(SCHEDULE).content.decode()


def test_api_returns_the_hours_and_refuses_an_end_before_the_start(api_client, leader):
    ReceptionDayFactory(date=dt.date(2024, 6, 19), topic="惠民政策咨询")
    row = api_client.get(reverse("api:reception-day-list")).json()["results"][0]
    assert (row["start_time"], row["end_time"], row["topic"]) == (
        "09:00:00",
        "11:30:00",
        "惠民政策咨询",
    )

    api_client.force_authenticate(leader)
    payload = {
        "date": "2024-07-03",
        "leader_name": "向国栋",
        "place": "镇便民服务中心",
        "kind": "reception",
        "start_time": "15:00",
        "end_time": "14:00",
    }
    response = api_client.post(reverse("api:reception-day-list"), payload, format="json")
    assert response.status_code == 400
    assert response.json()["fields"] == {"end_time": ["结束时间应晚于开始时间。"]}

    payload["end_time"] = "17:00"
    response = api_client.post(reverse("api:reception-day-list"), payload, format="json")
    assert response.status_code == 201
    assert (response.json()["start_time"], response.json()["end_time"]) == ("15:00:00", "17:00:00")

    payload = {k: v for k, v in payload.items() if k not in ("start_time", "end_time")}
    response = api_client.post(reverse("api:reception-day-list"), payload, format="json")
    assert response.status_code == 201  # API.md's payload without hours still works
    assert response.json()["start_time"] is None
