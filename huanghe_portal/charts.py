"""The staff dashboard's charts. Each area's `dashboard.py` offers `charts(user, year)`, built
here from the same records as the report's figures (`figure_records.Records`), so a chart's
total for a year is the report's figure. The page embeds each chart's data with `json_script`
and `static/js/dashboard-charts.js` draws every `canvas[data-chart]` with the bundled Chart.js (no inline
script, so the Content-Security-Policy stays as it is); a table of the same numbers sits under
each chart for screen readers and for anyone who would rather read."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils.translation import gettext as _

from .figure_records import Records

# Colours with at least 4.5:1 against white (WCAG 1.4.11 asks 3:1 of graphics).
CURRENT, PREVIOUS, OVERDUE, OPEN = "#0b5394", "#5c636a", "#b02a37", "#146c43"


@dataclass
class Series:
    label: str
    data: list[int | float]
    color: str | list[str] = CURRENT


@dataclass
class Chart:
    key: str  # unique on the page, e.g. "disputes-month"
    caption: str
    kind: str  # a Chart.js type: "bar", "line", "doughnut"
    labels: list[str]
    series: list[Series]
    figure: str = ""  # the report figure the current year's series adds up to
    year: int | None = None
    options: dict[str, object] = field(default_factory=dict)  # Chart.js options

    def data(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def data_id(self) -> str:
        return f"{self.key}-data"

    def table(self) -> list[tuple[str, list[int | float]]]:
        """Rows of the fallback table: one per label, one cell per series."""
        return [(label, [s.data[i] for s in self.series]) for i, label in enumerate(self.labels)]


def _per_month(rows: QuerySet[Any], date_field: str) -> dict[tuple[int, int], int]:
    return {
        (y, m): n
        for y, m, n in rows.annotate(y=ExtractYear(date_field), m=ExtractMonth(date_field))
        .values("y", "m")
        .annotate(n=Count("pk"))
        .values_list("y", "m", "n")
        .order_by()
    }


def by_month(key: str, records: Records, year: int, caption: str) -> Chart:
    """The figure's records month by month, `year` against the year before (one query). Only
    for figures whose rows fall in the year by `records.date` (not 现行有效 or 聘期)."""
    counts = _per_month(records.rows(year - 1) | records.rows(year), records.date)
    return Chart(
        f"{key.replace('.', '-')}-month",
        caption,
        "bar",
        [_("%(month)s月") % {"month": m} for m in range(1, 13)],
        [
            Series(
                _("%(year)s年") % {"year": y},
                [counts.get((y, m), 0) for m in range(1, 13)],
                color,
            )
            for y, color in ((year - 1, PREVIOUS), (year, CURRENT))
        ],
        figure=key,
        year=year,
    )


def by_village(
    key: str, records: Records, year: int, caption: str, path: str = "village__name"
) -> Chart:
    """The figure's records of `year` per village (community), most first."""
    rows = records.rows(year).values(path).annotate(n=Count("pk")).order_by("-n", path)
    labels = [r[path] or _("未填村（社区）") for r in rows]
    return Chart(
        f"{key.replace('.', '-')}-village",
        caption,
        "bar",
        labels,
        [Series(_("%(year)s年") % {"year": year}, [r["n"] for r in rows], CURRENT)],
        figure=key,
        year=year,
        options={"indexAxis": "y"},
    )


def open_and_overdue(key: str, caption: str, open_count: int, overdue_count: int) -> Chart:
    """Open records now, and how many of them are past their due date."""
    return Chart(
        f"{key}-open",
        caption,
        "bar",
        [_("在办"), _("其中已超期")],
        [Series(_("件数"), [open_count, overdue_count], [OPEN, OVERDUE])],
    )
