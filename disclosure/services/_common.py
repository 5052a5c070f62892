"""Shared by the disclosure services: item fields, date checks, the application lock, due dates."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from huanghe_portal import timeline
from huanghe_portal.dates import check_not_before, check_not_future

from .. import clock
from ..models import Application

ITEM_FIELDS = (
    "title",
    "category",
    "summary",
    "body",
    "document_number",
    "generated_on",
    "publisher",
    "validity",
    "publish_on",
)
# 索引号 pattern; override with settings.DISCLOSURE_INDEX_PATTERN (str.format fields:
# prefix, category, year, seq).
DEFAULT_INDEX_PATTERN = "{prefix}-{year}-{seq:05d}"


def _today() -> dt.date:
    return timezone.localdate()


def _not_future(value: dt.date, field: str) -> None:
    check_not_future(field, value)


def _not_before(value: dt.date, earlier: dt.date | None, field: str, what: str) -> None:
    check_not_before(field, value, earlier, what)


def _set_due(app: Application, *, actor, action: str, note: str = "") -> Application:
    """Recompute reply_due and record the change with its explanation on the timeline."""
    computation = clock.compute_reply_due(app)
    old = app.reply_due
    app.reply_due = computation.due
    app.save()
    explanation = "\n".join(computation.explain())
    timeline.record(
        app,
        actor=actor,
        action=action,
        note="\n".join(part for part in (note, explanation) if part),
        data={
            "reply_due": app.reply_due.isoformat(),
            "previous_due": old.isoformat() if old else None,
        },
    )
    return app
