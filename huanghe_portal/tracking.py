"""Public tracking of petitions and disclosure applications by code (API.md: Public tracking).

Codes are random, at least 10 characters, never sequential. An area registers a finder
`find(code) -> obj | None` and a `describe(obj) -> dict` (status and dates, no personal data)
and the phone attribute used for the last-four check; a wrong code and wrong digits get the
same "not found" answer.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models

from .personal_data import normalize_phone

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: codes are read aloud and typed
CODE_LENGTH = 12


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(code: str) -> str:
    return "".join(c for c in (code or "").upper() if c.isalnum())


@dataclass(frozen=True)
class Tracker:
    kind: str  # "petition" | "application"
    find: Callable[[str], models.Model | None]
    describe: Callable[[models.Model], dict]
    phone_of: Callable[[models.Model], str]


_trackers: list[Tracker] = []


def register(tracker: Tracker) -> None:
    _trackers[:] = [t for t in _trackers if t.kind != tracker.kind] + [tracker]


def lookup(code: str, phone_last4: str) -> dict | None:
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
        return {"kind": tracker.kind, **tracker.describe(obj)}
    return None
