"""Stored due dates follow the calendar (issue 14, DOMAIN §0): when holiday data changes, every
open record whose clock crosses a changed date is recomputed in one background job.

Each area owns how its due dates are computed, so it registers one function in its
AppConfig.ready():

    due_dates.register("disclosure", services.recompute_due_dates)

The function takes the changed dates and the reason (a Chinese sentence), recomputes its open
records whose period crosses one of them, writes each change to the record's timeline (old due,
new due, why) and returns how many records moved. `schedule()` is called by the service that
changes the holiday data; the job runs after the commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.contrib.auth import models as auth
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import CalendarChange

# The timeline entry each area writes for a moved due date, and its label on every record page.
TIMELINE_ACTION = "due_recomputed"

Recompute = Callable[[frozenset[dt.date], str], int]
_recomputers: dict[str, Recompute] = {}


def register(area: str, recompute: Recompute) -> None:
    _recomputers[area] = recompute


def crosses(start: dt.date, end: dt.date | None, dates: Iterable[dt.date]) -> bool:
    """True when a period running after `start` up to `end` (plus the days a later end could
    still reach) contains one of `dates`. A due date moved by a changed day can move at most
    as far as the next changed day, so `end` is widened by a month for the roll-forward."""
    if end is None:
        return False
    horizon = end + dt.timedelta(days=31)
    return any(start < d <= horizon for d in dates)


def move(
    record: models.Model,
    field: str,
    new: dt.date,
    *,
    start: dt.date,
    dates: Iterable[dt.date],
    label: str,
    reason: str,
) -> int:
    """Store `new` as the record's `field` when its period crosses a changed date and the date
    differs; writes old, new and why to the record's timeline. Returns 1 if it moved, else 0."""
    from . import timeline

    old = getattr(record, field)
    if new == old or not crosses(start, old, dates):
        return 0
    setattr(record, field, new)
    record.save(update_fields=[field, "updated_at"])
    timeline.record(
        record,
        actor=None,
        action=TIMELINE_ACTION,
        note=_("%(what)s由%(old)s改为%(new)s。%(why)s")
        % {"what": label, "old": old.isoformat(), "new": new.isoformat(), "why": reason},
        data={"field": field, "previous_due": old.isoformat(), "due": new.isoformat()},
    )
    return 1


def schedule(dates: Iterable[dt.date], *, reason: str, actor: auth.User | None) -> CalendarChange:
    """Record a change of holiday data and enqueue its recomputation once the change commits."""
    from .jobs import enqueue
    from .tasks import recompute_due_dates_task

    change = CalendarChange.objects.create(
        reason=reason[:300],
        dates=sorted({d.isoformat() for d in dates}),
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    # Recomputing is safe to run twice (it sets each due date from the calendar), so when the
    # broker is down it runs here rather than not at all.
    enqueue(recompute_due_dates_task, change.pk, run_inline_on_failure=True)
    return change


def run(change_id: int) -> CalendarChange:
    """The background job: every area recomputes; the counts are stored on the change."""
    change = CalendarChange.objects.get(pk=change_id)
    dates = frozenset(dt.date.fromisoformat(d) for d in change.dates)
    by_area = {}
    for area, recompute in _recomputers.items():
        with transaction.atomic():
            by_area[area] = recompute(dates, change.reason)
    change.moved_by_area = by_area
    change.moved = sum(by_area.values())
    change.finished_at = timezone.now()
    change.save(update_fields=["moved_by_area", "moved", "finished_at"])
    return change
