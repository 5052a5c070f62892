"""The iCal feed of coming events, checked against RFC 5545 by parsing it."""

import datetime as dt
import re

import icalendar
import pytest
from django.urls import reverse

from huanghe_portal import ical

from .factories import EventFactory

pytestmark = pytest.mark.django_db

FEED = reverse("legal_education:public-events-ical")


def parse(body: bytes) -> list[dict]:
    """A strict little RFC 5545 reader: returns the VEVENTs as {name: (params, value)}."""
    text = body.decode("utf-8")
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", ""), "bare LF"
    physical = text[:-2].split("\r\n")
    assert all(len(line.encode()) <= 75 for line in physical), "line longer than 75 octets"
    lines: list[str] = []
    for line in physical:
        if line.startswith((" ", "\t")):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    events: list[dict] = []
    current: dict[str, tuple[str, str]] | None = None
    stack: list[str] = []
    props: list[str] = []
    for line in lines:
        match = re.match(r'^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*))*):(.*)$', line)
        assert match, f"not a content line: {line!r}"
        name, params, value = match.groups()
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                current = {}
        elif name == "END":
            assert stack.pop() == value
            if value == "VEVENT":
                assert current is not None, "END:VEVENT without BEGIN"
                events.append(current)
                current = None
        elif current is not None:
            assert name not in current or name == "CATEGORIES", f"{name} twice"
            current[name] = (params, value)
        else:
            props.append(name)
    assert not stack
    assert props.count("VERSION") == 1 and props.count("PRODID") == 1
    for event in events:
        assert {"UID", "DTSTAMP", "DTSTART"} <= set(event)
        assert re.fullmatch(r"\d{8}T\d{6}Z", event["DTSTAMP"][1])
    return events


def unescape(value: str) -> str:
    assert not re.search(r"(?<!\\)[,;]", value.replace("\\\\", "")), "unescaped , or ;"
    return value.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")


def test_feed_lists_coming_events_only_and_is_valid(client, today):
    coming = EventFactory(
        title="宪法宣传周：集中宣传, 咨询; 答疑\\现场",
        held_on=dt.date(2023, 12, 4),
        place="黄鹤场镇广场",
        summary="第一行\n第二行" + "很长的内容" * 40,
    )
    EventFactory(title="过去的活动", held_on=dt.date(2023, 1, 5))
    EventFactory(title="作废的活动", held_on=dt.date(2023, 7, 1), voided=True)

    response = client.get(FEED)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = parse(response.content)
    assert len(events) == 1
    event = events[0]
    assert unescape(event["SUMMARY"][1]) == coming.title
    assert unescape(event["DESCRIPTION"][1]).startswith("第一行\n第二行很长的内容")
    assert event["DTSTART"] == (";VALUE=DATE", "20231204")
    assert event["DTEND"] == (";VALUE=DATE", "20231205")
    assert event["UID"][1] == f"legal-education-event-{coming.pk}@testserver"
    assert event["URL"][1].endswith(f"/legal-education/public/events/{coming.pk}/")


def test_uid_is_stable_between_fetches(client, today):
    EventFactory(held_on=dt.date(2023, 8, 1))
    first = parse(client.get(FEED).content)[0]["UID"]
    second = parse(client.get(FEED).content)[0]["UID"]
    assert first == second


def test_empty_feed_is_still_a_calendar(client, today):
    assert parse(client.get(FEED).content) == []


def test_folding_never_splits_a_character():
    line = "SUMMARY:" + "法" * 100
    folded = ical.fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


def test_feed_parses_with_the_icalendar_package(client, today):
    coming = EventFactory(title="宪法宣传周, 集中宣传; 答疑", held_on=dt.date(2023, 12, 4))
    calendar = icalendar.Calendar.from_ical(client.get(FEED).content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == coming.title
    assert event.decoded("DTSTART") == dt.date(2023, 12, 4)
    assert event.decoded("DTEND") == dt.date(2023, 12, 5)
    assert event["ORGANIZER"].params["CN"] == coming.organiser
