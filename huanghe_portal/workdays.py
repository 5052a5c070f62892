"""The working-day calendar (DOMAIN §0, §1), shared by every deadline in the portal.

For each day, in order of precedence: a row of the portal's Holiday table (that day only), then
the chinesecalendar package (2004–2026), then the fixed statutory holidays of
《全国年节及纪念日放假办法》 (国务院令第795号, in force 2025-01-01; lunar and solar-term dates from
lunar_python) and weekends. A year is "known" when chinesecalendar covers it or the office has
marked the year's 国务院办公厅 notice complete (HolidayYear); until then results say
`calendar_known = False` and staff pages ask for the year's notice.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass, field

import chinese_calendar
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from lunar_python import Lunar, Solar

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
        parts = [
            _("自%(start)s次日起算第%(days)s个工作日为%(due)s。")
            % {"start": self.start.isoformat(), "days": self.days, "due": self.due.isoformat()}
        ]
        holidays = [
            f"{d.isoformat()}（{why if why != WEEKEND else _('周末')}）"
            for d, why in self.skipped
            if why != WEEKEND
        ]
        weekends = sum(1 for _d, why in self.skipped if why == WEEKEND)
        if weekends:
            parts.append(_("跳过周末%(n)s天。") % {"n": weekends})
        if holidays:
            parts.append(_("跳过节假日：%(days)s。") % {"days": "、".join(holidays)})
        if self.makeup_days:
            parts.append(
                _("计入调休上班日：%(days)s。")
                % {"days": "、".join(d.isoformat() for d in self.makeup_days)}
            )
        if not self.calendar_known:
            parts.append(_("注意：所涉年份的放假通知尚未录入完整，暂按周末和法定节日计算。"))
        return "".join(parts)


STATUTORY_RULES_SINCE = 2025  # 国务院令第795号: 除夕 and 5月2日 added, in force 2025-01-01
STATUTORY_NAMES = {
    "new_year": gettext_lazy("元旦"),
    "spring_festival": gettext_lazy("春节"),
    "qingming": gettext_lazy("清明节"),
    "labour_day": gettext_lazy("劳动节"),
    "dragon_boat": gettext_lazy("端午节"),
    "mid_autumn": gettext_lazy("中秋节"),
    "national_day": gettext_lazy("国庆节"),
}


@functools.lru_cache(maxsize=64)
def library_covers(year: int) -> bool:
    """True when the chinesecalendar package holds the year's notice."""
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


@functools.lru_cache(maxsize=64)
def statutory_holidays(year: int) -> dict[dt.date, str]:
    """The fixed 法定休假日 of 《全国年节及纪念日放假办法》 (2025 revision) in `year`, by date,
    valued by a key of STATUTORY_NAMES: they are holidays whatever the year's notice adds."""
    if year < STATUTORY_RULES_SINCE:
        return {}
    days: dict[dt.date, str] = {}

    def solar(value: Solar) -> dt.date:
        return dt.date(value.getYear(), value.getMonth(), value.getDay())

    def lunar(month: int, day: int) -> dt.date:
        return solar(Lunar.fromYmd(year, month, day).getSolar())

    days[dt.date(year, 1, 1)] = "new_year"
    new_year = lunar(1, 1)  # 正月初一; 除夕 is the day before, whatever the month's length
    for offset in range(-1, 3):
        days[new_year + dt.timedelta(days=offset)] = "spring_festival"
    qingming = solar(Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable()["清明"])
    days[qingming] = "qingming"
    days[dt.date(year, 5, 1)] = days[dt.date(year, 5, 2)] = "labour_day"
    days[lunar(5, 5)] = "dragon_boat"
    days[lunar(8, 15)] = "mid_autumn"
    for day in (1, 2, 3):
        days.setdefault(dt.date(year, 10, day), "national_day")
    return {d: key for d, key in days.items() if d.year == year}


class Calendar:
    """Working-day facts for a span of dates, with the Holiday tables read once per span."""

    def __init__(self, first: dt.date, last: dt.date) -> None:
        from .models import Holiday, HolidayYear

        rows = Holiday.objects.filter(date__year__gte=first.year, date__year__lte=last.year + 1)
        self.overrides = {h.date: h for h in rows}
        self.complete_years = set(
            HolidayYear.objects.filter(
                year__gte=first.year, year__lte=last.year + 1, complete=True
            ).values_list("year", flat=True)
        )

    def year_known(self, year: int) -> bool:
        return year in self.complete_years or library_covers(year)

    def day(self, d: dt.date) -> DayInfo:
        weekend = d.weekday() >= 5
        known = self.year_known(d.year)
        override = self.overrides.get(d)
        if override is not None:
            return DayInfo(
                override.is_workday,
                "" if override.is_workday else override.name,
                makeup=weekend and override.is_workday,
                known=known,
            )
        if library_covers(d.year):
            on_holiday, name = chinese_calendar.get_holiday_detail(d)
            if chinese_calendar.is_workday(d):
                return DayInfo(True, "", makeup=weekend, known=True)
            if on_holiday and name:
                return DayInfo(False, _CC_NAMES.get(name, name), makeup=False, known=True)
            return DayInfo(False, WEEKEND, makeup=False, known=True)
        if statutory := statutory_holidays(d.year).get(d):
            return DayInfo(False, str(STATUTORY_NAMES[statutory]), makeup=False, known=known)
        return DayInfo(not weekend, WEEKEND if weekend else "", makeup=False, known=known)


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
    """True when chinesecalendar covers the year or the office marked its notice complete."""
    from .models import HolidayYear

    return library_covers(year) or HolidayYear.objects.filter(year=year, complete=True).exists()


def unknown_years(start: dt.date, end: dt.date) -> list[int]:
    """The years from `start` to `end` whose holidays are not known: a working-day deadline
    across them was counted with weekends only and may still move."""
    return [y for y in range(start.year, max(start.year, end.year) + 1) if not calendar_known(y)]


def add_calendar_days(start: dt.date, n: int) -> dt.date:
    """The agency's own calendar-day periods ("N日") are plain arithmetic, never moved off
    holidays: moving them later would only lengthen them (DOMAIN §0)."""
    return start + dt.timedelta(days=n)


def citizen_period_end(start: dt.date, days: int) -> dt.date:
    """The last day of a calendar-day period that binds the citizen (司法确认 30日, 信访 复查 and
    复核 requests): start + days, rolled forward to the next working day when that day is a
    法定休假日 or a weekend (民事诉讼法 Art 85; DOMAIN §0)."""
    end = start + dt.timedelta(days=days)
    cal = Calendar(end, end + dt.timedelta(days=40))
    while not cal.day(end).is_workday:
        end += dt.timedelta(days=1)
    return end


def add_months(start: dt.date, months: int) -> dt.date:
    """Month periods clamp to the month's last day: 2024-11-30 + 3 months = 2025-02-28."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)
