"""Public tracking of petitions and disclosure applications by code (API.md: Public tracking).

Codes are random, at least 10 characters, never sequential. An area registers a finder
`find(code) -> obj | None` and a `describe(obj) -> dict` (status and dates, no personal data)
and the phone attribute used for the last-four check; a wrong code and wrong digits get the
same "not found" answer.

The answer speaks to the person who applied: `labels` names every field with the model's
verbose name, and `steps` tells what happened as plain sentences with dates ("已受理 2024-03-05，
依法应于 2024-05-06 前答复"), saying when a working-day deadline crosses a year whose holidays
are not yet entered (workdays.unknown_years).
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from . import workdays
from .personal_data import normalize_phone

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: codes are read aloud and typed
CODE_LENGTH = 12


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(code: str) -> str:
    return "".join(c for c in (code or "").upper() if c.isalnum())


@dataclass(frozen=True)
class Step:
    """A step the public sees once the model's date field `done` is set.

    `due` names the deadline field the step starts and `awaiting` what the office owes by then;
    when a later step names the same deadline (an extension), the sentence moves there.
    `workdays` says the deadline is counted in working days, so it depends on the holiday
    calendar. `when` narrows the step to some records (e.g. an abandoned application).
    """

    done: str
    text: str | Promise
    due: str = ""
    awaiting: str | Promise = ""
    workdays: bool = False
    when: Callable[[models.Model], bool] | None = None


@dataclass(frozen=True)
class Tracker:
    kind: str  # "petition" | "application"
    find: Callable[[str], models.Model | None]
    describe: Callable[[Any], dict[str, Any]]  # the area's model instance
    phone_of: Callable[[Any], str]  # the area's model instance
    steps: tuple[Step, ...] = ()
    # Keys of the describe() answer that are not the model field's own name.
    fields: dict[str, str] = field(default_factory=dict)


_trackers: list[Tracker] = []


def register(tracker: Tracker) -> None:
    _trackers[:] = [t for t in _trackers if t.kind != tracker.kind] + [tracker]


def lookup(code: str, phone_last4: str) -> dict[str, Any] | None:
    """The public view of the record, or None for an unknown code or wrong digits alike."""
    code = normalize_code(code)
    digits = "".join(c for c in (phone_last4 or "") if c.isdigit())
    if len(code) < 10 or len(digits) != 4:
        return None
    for tracker in _trackers:
        obj = tracker.find(code)
        if obj is None:
            continue
        phone = normalize_phone(tracker.phone_of(obj) or "")
        if not phone or not hmac.compare_digest(phone[-4:], digits):
            return None
        answer = tracker.describe(obj)
        return {
            "kind": tracker.kind,
            **answer,
            "labels": _labels(tracker, obj, answer),
            "steps": _steps(tracker, obj),
        }
    return None


def _verbose_name(obj: models.Model, name: str) -> str | None:
    meta = getattr(obj, "_meta", None)
    if meta is None:
        return None
    try:
        return str(meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return None


def _labels(tracker: Tracker, obj: models.Model, answer: dict[str, Any]) -> dict[str, str]:
    """Each key of the answer with the model field's verbose name (`x_display` as `x`)."""
    labels = {}
    for key in answer:
        name = tracker.fields.get(key, key.removesuffix("_display"))
        label = _verbose_name(obj, name)
        if label is not None:
            labels[key] = label
    return labels


def _steps(tracker: Tracker, obj: models.Model) -> list[dict[str, Any]]:
    """What happened, in date order, each as one sentence; a deadline goes with its last step."""
    done = [
        (getattr(obj, step.done), index, step)
        for index, step in enumerate(tracker.steps)
        if getattr(obj, step.done, None) and (step.when is None or step.when(obj))
    ]
    done.sort(key=lambda row: (row[0], row[1]))
    last_for_due = {step.due: position for position, (_d, _i, step) in enumerate(done) if step.due}
    steps = []
    for position, (date, _index, step) in enumerate(done):
        due = getattr(obj, step.due, None) if last_for_due.get(step.due) == position else None
        unknown = workdays.unknown_years(date, due) if due and step.workdays else []
        if due:
            text = _("%(step)s %(date)s，依法应于 %(due)s 前%(awaiting)s") % {
                "step": step.text,
                "date": _iso(date),
                "due": _iso(due),
                "awaiting": step.awaiting,
            }
        else:
            text = f"{step.text} {_iso(date)}"
        steps.append(
            {
                "date": _iso(date),
                "text": text,
                "due": _iso(due) if due else None,
                "calendar_known": not unknown,
                "calendar_note": unknown_years_note(unknown) if unknown else "",
            }
        )
    return steps


def unknown_years_note(years: list[int]) -> str:
    """What a visitor reads when a deadline crosses a year whose holidays are not yet entered."""
    return _(
        "%(years)s年的法定节假日安排尚未录入，此期限暂按周末计算，如遇法定节假日将依法顺延。"
    ) % {"years": "、".join(str(y) for y in years)}


def _iso(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def display_rows(result: dict[str, Any]) -> list[tuple[str, str]]:
    """The tracking page's fields below the status: (label, value) in the answer's order."""
    rows = []
    for key, label in result.get("labels", {}).items():
        if key.startswith("status") or f"{key}_display" in result:
            continue
        value = result.get(key)
        if value not in (None, ""):
            rows.append((label, value))
    return rows
