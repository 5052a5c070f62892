"""The records behind each figure, defined once: the queryset a figure is computed from is also
what its drill-down page lists, so the number and the list cannot drift apart.

Each area's `report.py` holds `RECORDS = {key: Records(...)}` and computes the figure's value as
`RECORDS[key].value(year)`; `records_url(key, year)` is the `Figure.records_url`. The page
(`figure-records`) shows the rows the viewer may see through the area's own visibility selector
and says how many more there are and why they are hidden.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypedDict

from django.db.models import Model, Q, QuerySet, Sum
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from . import reporting
from .roles import User

Number = int | float | Decimal


def count(rows: QuerySet[Any]) -> int:
    return rows.count()


def total(field: str) -> Callable[[QuerySet[Any]], Number]:
    """The figure is the sum of `field` over the rows (0 when there are none)."""

    def measure(rows: QuerySet[Any]) -> Number:
        value: Number | None = rows.aggregate(n=Sum(field))["n"]
        return value or 0

    return measure


def rate(part: Q, *, empty: float = 0.0) -> Callable[[QuerySet[Any]], float]:
    """The figure is the share of the rows matching `part`, in percent to one decimal."""

    def measure(rows: QuerySet[Any]) -> float:
        whole = rows.count()
        return round(rows.filter(part).count() * 100 / whole, 1) if whole else empty

    return measure


@dataclass(frozen=True)
class Records:
    """`rows(year)`: every record the figure is computed from (visibility aside); `visible(user)`:
    the area's selector for that model; `date`: the field that places a row in the year.
    `measure` turns the rows into the figure (their number unless told); `basis` says, on the
    page, what the figure is when it is not the number of rows."""

    rows: Callable[[int], QuerySet[Any]]
    visible: Callable[[User], QuerySet[Any]]
    date: str
    measure: Callable[[QuerySet[Any]], Number] = count
    basis: str = ""
    hidden_reason: str = ""
    link: Callable[[Model], str] | None = None

    def value(self, year: int) -> Number:
        return self.measure(self.rows(year))

    @property
    def counts_rows(self) -> bool:
        return self.measure is count


def records_url(key: str, year: int) -> str:
    return f"{reverse('figure-records', args=[key])}?year={year}"


def bound(
    records: dict[str, Records], year: int
) -> tuple[Callable[[str], Number], Callable[[str], str]]:
    """`value(key)` and `url(key)` of an area's figures for `year`, for its `figures()`."""
    return (lambda key: records[key].value(year)), (lambda key: records_url(key, year))


def lookup(key: str) -> Records:
    module = reporting.report_modules().get(key.partition(".")[0])
    spec = getattr(module, "RECORDS", {}).get(key) if module else None
    if not isinstance(spec, Records):
        raise Http404(_("没有这个数字的记录清单。"))
    return spec


@dataclass
class Drilldown:
    key: str
    year: int
    figure: reporting.Figure
    spec: Records
    shown: QuerySet[Any]  # the rows this user may see, newest first
    total: int
    hidden: int
    reason: str

    @property
    def date_label(self) -> str:
        return str(self.shown.model._meta.get_field(self.spec.date).verbose_name)


def drilldown(key: str, year: int, user: User) -> Drilldown:
    """The figure's rows as `user` sees them, and how many are hidden from `user`, and why."""
    spec = lookup(key)
    module = reporting.report_modules()[key.partition(".")[0]]
    figure = next((f for f in module.figures(year) if f.key == key), None)
    if figure is None:
        raise Http404(_("没有这个数字的记录清单。"))
    rows = spec.rows(year)
    readable = spec.visible(user)
    shown = readable.filter(pk__in=rows.values("pk")).order_by(f"-{spec.date}", "-pk")
    total_rows = rows.count()
    hidden = total_rows - shown.count()
    if readable.query.is_empty():
        reason = _("您的角色不能查看本领域的记录。")
    else:
        reason = spec.hidden_reason or _("您的角色不能查看这些记录。")
    return Drilldown(key, year, figure, spec, shown, total_rows, hidden, reason if hidden else "")


class DrilldownRow(TypedDict):
    record: Model
    url: str
    date: object  # the value of the field the figure counts by (`Records.date`)
    status: str


def row(spec: Records, obj: Model) -> DrilldownRow:
    """One line of the drill-down page: the record, its page, the date it counts by, its state."""
    if spec.link is not None:
        url = spec.link(obj)
    else:
        url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
    status = obj.get_status_display() if hasattr(obj, "get_status_display") else ""
    return {"record": obj, "url": url, "date": getattr(obj, spec.date), "status": status}
