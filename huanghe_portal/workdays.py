"""The working-day calendar (DOMAIN §1), shared by every deadline in the portal.

Sources, in order of precedence: the portal's Holiday table (the office enters each year's
国务院办公厅 notice), then the chinesecalendar package (2004–2026), then weekends only — in which
case the result says `calendar_known = False` and staff pages ask for the year's holidays.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

import chinese_calendar
from django.utils.translation import gettext as _

WEEKEND = "weekend"
_CC_NAMES = {h.value: h.chinese for h in chinese_calendar.Holiday}


@dataclass(frozen=True)
class DayInfo:
    is_workday: bool
    why: str  # "" for an ordinary working day, "weekend", or a holiday's Chinese name
    makeup: bool  # a weekend day worked as 调休
    known: bool  # the day's year is in the portal's table or in chinesecalendar


@dataclass
class WorkdayResult:
    start: dt.date
    days: int
    due: dt.date
    skipped: list[tuple[dt.date, str]] = field(default_factory=list)
    makeup_days: list[dt.date] = field(default_factory=list)
    calendar_known: bool = True

    def explain(self) -> str:
        """A one-paragraph answer to "how was this due date computed"."""
        parts = [_("自%(start)s次日起算第%(days)s个工作日为%(due)s。")
                 % {"start": self.start.isoformat(), "days": self.days, "due": self.due.isoformat()}]
        holidays = [f"{d.isoformat()}（{why if why != WEEKEND else _('周末')}）"
                    for d, why in self.skipped if why != WEEKEND]
        weekends = sum(1 for _d, why in self.skipped if why == WEEKEND)
        if weekends:
            parts.append(_("跳过周末%(n)s天。") % {"n": weekends})
        if holidays:
            parts.append(_("跳过节假日：%(days)s。") % {"days": "、".join(holidays)})
        if self.makeup_days:
            parts.append(_("计入调休上班日：%(days)s。")
                         % {"days": "、".join(d.isoformat() for d in self.makeup_days)})
        if not self.calendar_known:
            parts.append(_("注意：所涉年份的法定节假日安排尚未录入，仅按周末计算。"))
        return "".join(parts)


class Calendar:
    """Working-day facts for a span of dates, with the Holiday table read once per span."""

    def __init__(self, first: dt.date, last: dt.date) -> None:
        from .models import Holiday

        rows = Holiday.objects.filter(date__year__gte=first.year, date__year__lte=last.year + 1)
        self.overrides = {h.date: h for h in rows}
        self.table_years = {d.year for d in self.overrides}

    def day(self, d: dt.date) -> DayInfo:
        weekend = d.weekday() >= 5
        override = self.overrides.get(d)
        if override is not None:
            return DayInfo(override.is_workday, "" if override.is_workday else override.name,
                           makeup=weekend and override.is_workday, known=True)
        if d.year in self.table_years:
            return DayInfo(not weekend, WEEKEND if weekend else "", makeup=False, known=True)
        try:
            workday = chinese_calendar.is_workday(d)
            on_holiday, name = chinese_calendar.get_holiday_detail(d)
        except NotImplementedError:
            return DayInfo(not weekend, WEEKEND if weekend else "", makeup=False, known=False)
        if workday:
            return DayInfo(True, "", makeup=weekend, known=True)
        if on_holiday and name:
            return DayInfo(False, _CC_NAMES.get(name, name), makeup=False, known=True)
        return DayInfo(False, WEEKEND, makeup=False, known=True)


def add_workdays(start: dt.date, n: int) -> WorkdayResult:
    """The n-th working day after `start` (the start day is not counted; DOMAIN §0)."""
    if n < 0:
        raise ValueError("n must not be negative")
    cal = Calendar(start, start + dt.timedelta(days=n * 2 + 40))
    result = WorkdayResult(start=start, days=n, due=start)
    known = True
    d, counted = start, 0
    while counted < n:
        d += dt.timedelta(days=1)
        info = cal.day(d)
        known = known and info.known
        if info.is_workday:
            counted += 1
            if info.makeup:
                result.makeup_days.append(d)
        else:
            result.skipped.append((d, info.why))
    result.due = d
    result.calendar_known = known
    return result


def workdays_between(a: dt.date, b: dt.date) -> int:
    """Working days after `a` up to and including `b` (0 when b <= a)."""
    if b <= a:
        return 0
    cal = Calendar(a, b)
    count, d = 0, a
    while d < b:
        d += dt.timedelta(days=1)
        if cal.day(d).is_workday:
            count += 1
    return count


def is_workday(d: dt.date) -> bool:
    return Calendar(d, d).day(d).is_workday


def calendar_known(year: int) -> bool:
    """True when the year's holidays are in the portal's table or in chinesecalendar."""
    from .models import Holiday

    if Holiday.objects.filter(date__year=year).exists():
        return True
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def unknown_years(start: dt.date, end: dt.date) -> list[int]:
    """The years from `start` to `end` whose holidays are not known: a working-day deadline
    across them was counted with weekends only and may still move."""
    return [y for y in range(start.year, max(start.year, end.year) + 1) if not calendar_known(y)]


def add_calendar_days(start: dt.date, n: int) -> dt.date:
    """Calendar-day periods ("N日") are plain arithmetic, never moved off holidays (DOMAIN §0)."""
    return start + dt.timedelta(days=n)


def add_months(start: dt.date, months: int) -> dt.date:
    """Month periods clamp to the month's last day: 2024-11-30 + 3 months = 2025-02-28."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)
