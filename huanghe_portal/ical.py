"""RFC 5545 calendars, written by hand: CRLF line endings, TEXT escaping, lines folded at 75
octets without splitting a UTF-8 character, DTSTAMP and a stable UID. Each area gives its
events as `Event`s; this module is the one writer of iCal text (the legal-education events
feed and the petitions reception-day feed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone


@dataclass(frozen=True)
class Event:
    """One VEVENT. `start`/`end` are dates (all-day; `end` exclusive) or aware datetimes."""

    uid: str
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime
    summary: str
    last_modified: dt.datetime
    url: str
    location: str = ""
    description: str = ""
    categories: str = ""
    organiser: str = ""


def escape(value: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line into chunks of at most 75 octets (§3.1)."""
    out: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode())
        limit = 75 if not out else 74  # continuation lines start with one space
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _param(value: str) -> str:
    """A parameter value: quoted, without the characters a quoted value may not hold."""
    return '"' + value.replace('"', "'").replace("\r", " ").replace("\n", " ") + '"'


def _when(name: str, value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return f"{name}:{_utc(value)}"
    return f"{name};VALUE=DATE:{value:%Y%m%d}"


def local_datetime(date: dt.date, time: dt.time) -> dt.datetime:
    """A wall-clock date and time of the township as an aware datetime."""
    return dt.datetime.combine(date, time, tzinfo=ZoneInfo(settings.TIME_ZONE))


def calendar(events: Iterable[Event], *, name: str, product: str, host: str) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//Huanghe Portal//{product}//ZH",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        f"X-WR-TIMEZONE:{settings.TIME_ZONE}",
    ]
    stamp = _utc(timezone.now())
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}@{host}",
            f"DTSTAMP:{stamp}",
            f"LAST-MODIFIED:{_utc(event.last_modified)}",
            _when("DTSTART", event.start),
            _when("DTEND", event.end),
            f"SUMMARY:{escape(event.summary)}",
        ]
        if event.location:
            lines.append(f"LOCATION:{escape(event.location)}")
        if event.description:
            lines.append(f"DESCRIPTION:{escape(event.description)}")
        if event.categories:
            lines.append(f"CATEGORIES:{escape(event.categories)}")
        if event.organiser:
            lines.append(f"ORGANIZER;CN={_param(event.organiser)}:mailto:noreply@{host}")
        lines += [f"URL:{event.url}", "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode()


def response(
    events: Iterable[Event], *, request: HttpRequest, name: str, product: str, filename: str
) -> HttpResponse:
    """The feed as a text/calendar response for `request`'s host."""
    body = calendar(
        events, name=name, product=product, host=request.get_host().split(":")[0] or "localhost"
    )
    resp = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    resp["Content-Disposition"] = f'inline; filename="{filename}"'
    return resp
