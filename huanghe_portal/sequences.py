"""One per-year counter for every sequential number the portal issues (issue 13 point 2).

A number is drawn inside the transaction that stores the numbered record: the counter row stays
locked until that transaction ends, so concurrent registrations queue on it, numbers are unique,
and a rolled-back registration gives its number back (no gap).
"""

from __future__ import annotations

from .models import Sequence

DISPUTE = "disputes.dispute"
PETITION = "petitions.petition"
DISCLOSURE_INDEX = "disclosure.index"


def report_version_key(kind: str) -> str:
    return f"reports.{kind}"


def _locked(key: str, year: int) -> Sequence:
    # INSERT … ON CONFLICT DO NOTHING creates the row without a race (two first numbers of a
    # year cannot both insert it), then SELECT … FOR UPDATE holds it until the caller commits.
    Sequence.objects.bulk_create([Sequence(key=key, year=year, last=0)], ignore_conflicts=True)
    return Sequence.objects.select_for_update().get(key=key, year=year)


def next_number(key: str, year: int, *, after: int = 0) -> int:
    """The next number of `key` in `year`; call it inside the transaction that uses it.
    `after` is the highest number known to be taken already (the counter never goes back)."""
    counter = _locked(key, year)
    counter.last = max(counter.last, after) + 1
    counter.save(update_fields=["last"])
    return counter.last


def claim_number(key: str, year: int, number: int) -> None:
    """A number given from outside (a paper ledger, demo data): the counter moves past it, and
    the lock is held so the caller can check the number is free before storing it."""
    counter = _locked(key, year)
    if number > counter.last:
        counter.last = number
        counter.save(update_fields=["last"])
