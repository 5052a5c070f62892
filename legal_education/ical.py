"""An RFC 5545 calendar of coming events, written by hand: CRLF line endings, TEXT escaping,
lines folded at 75 octets without splitting a UTF-8 character, DTSTAMP and a stable UID."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Event


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
    out, current, size = [], "", 0
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


def calendar(
    events: Iterable[Event], *, name: str, url_of: Callable[[Event], str], host: str
) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Huanghe Portal//Legal Education//ZH",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        "X-WR-TIMEZONE:Asia/Shanghai",
    ]
    stamp = _utc(timezone.now())
    for event in events:
        description = event.summary
        if event.laws_covered:
            laws = _("宣传内容：%(laws)s") % {"laws": event.laws_covered}
            description = f"{description}\n{laws}".strip()
        lines += [
            "BEGIN:VEVENT",
            f"UID:legal-education-event-{event.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"LAST-MODIFIED:{_utc(event.updated_at)}",
            f"DTSTART;VALUE=DATE:{event.held_on:%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.held_on + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape(event.title)}",
            f"LOCATION:{escape(event.where)}",
            f"DESCRIPTION:{escape(description)}",
            f"CATEGORIES:{escape(event.get_kind_display())}",
            f"ORGANIZER;CN={_param(event.organiser)}:mailto:noreply@{host}",
            f"URL:{url_of(event)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode()


def _param(value: str) -> str:
    """A parameter value: quoted, without the characters a quoted value may not hold."""
    return '"' + value.replace('"', "'").replace("\r", " ").replace("\n", " ") + '"'
