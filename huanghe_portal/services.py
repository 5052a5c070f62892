"""Writes to the shared records: township, villages, holidays, staff accounts, notifications."""

from __future__ import annotations

import datetime as dt
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import due_dates, timeline, workdays
from .context_processors import CALENDAR_KEY, TOWNSHIP_KEY
from .models import (
    CalendarChange,
    Holiday,
    HolidayYear,
    Notification,
    StaffProfile,
    Township,
    Village,
    WorkerHeartbeat,
)
from .roles import Role, require_role

User = get_user_model()


@transaction.atomic
def save_office_record(record: Township | Village | Holiday, *, actor: AbstractBaseUser,
                       **fields) -> Township | Village | Holiday:
    """The office edits the township profile, a village or a holiday (history keeps each change)."""
    require_role(actor, Role.REPORT_OFFICE)
    if isinstance(record, Holiday):
        return save_holiday(record, actor=actor, **fields)
    for name, value in fields.items():
        setattr(record, name, value)
    record.full_clean()
    record.save()
    if isinstance(record, Township):
        cache.delete(TOWNSHIP_KEY)
    return record


def _day_states(dates: set) -> dict:
    """(is_workday, why) of each date under the calendar as it stands now."""
    if not dates:
        return {}
    cal = workdays.Calendar(min(dates), max(dates))
    return {d: (cal.day(d).is_workday, cal.day(d).why) for d in dates}


def _calendar_changed(before: dict, *, reason: str, actor, years,
                      always: bool = False) -> CalendarChange | None:
    """Clear the banner cache and, when a day's status changed (or `always`, for a whole
    notice: a due date stored before the notice may be stale), recompute the due dates."""
    for year in years:
        cache.delete(CALENDAR_KEY % year)
    after = _day_states(set(before))
    changed = set(before) if always else {d for d in before if before[d][0] != after[d][0]}
    if not changed:
        return None
    return due_dates.schedule(changed, reason=reason, actor=actor)


@transaction.atomic
def save_holiday(holiday: Holiday, *, actor: AbstractBaseUser, **fields) -> Holiday:
    """One table row: it overrides that single day; due dates crossing it are recomputed."""
    require_role(actor, Role.REPORT_OFFICE)
    old_date = holiday.date if holiday.pk else None
    touched = {d for d in (old_date, fields.get("date")) if d}
    before = _day_states(touched)
    for name, value in fields.items():
        setattr(holiday, name, value)
    holiday.full_clean()
    holiday.save()
    reason = _("节假日表变动：%(date)s %(name)s") % {"date": holiday.date.isoformat(),
                                                     "name": holiday.name}
    holiday.calendar_change = _calendar_changed(
        before, reason=reason, actor=actor, years={d.year for d in touched})
    return holiday


@transaction.atomic
def enter_holiday_notice(*, actor: AbstractBaseUser, year: int, source: str,
                         holidays: list[tuple[dt.date, dt.date, str]],
                         makeup_days: list[tuple[dt.date, str]],
                         complete: bool) -> tuple[HolidayYear, CalendarChange | None]:
    """The office enters a whole 国务院办公厅 notice on one page: each holiday range and each
    调休 working day, with the notice's name; `complete` marks the year known."""
    require_role(actor, Role.REPORT_OFFICE)
    rows: dict[dt.date, tuple[bool, str]] = {}
    errors = []
    for first, last, name in holidays:
        d = first
        while d <= last:
            rows[d] = (False, name)
            d += dt.timedelta(days=1)
    for d, name in makeup_days:
        if d in rows:
            errors.append(_("%(date)s 同时列为放假日和调休上班日。") % {"date": d.isoformat()})
        rows[d] = (True, name)
    if outside := sorted(d for d in rows if d.year != year):
        errors.append(_("%(date)s 不在%(year)s年内。") % {"date": outside[0].isoformat(),
                                                       "year": year})
    if errors:
        raise ValidationError({"__all__": errors})
    # Re-entering a notice corrects it: its rows no longer listed are removed (history keeps
    # them); rows of other sources (a local day off) stay.
    dropped = Holiday.objects.filter(date__year=year, source_notice=source[:200]).exclude(
        date__in=list(rows))
    before = _day_states(set(rows) | set(dropped.values_list("date", flat=True)))
    for holiday in dropped:
        holiday.delete()
    for d, (is_workday, name) in rows.items():
        Holiday.objects.update_or_create(
            date=d, defaults={"is_workday": is_workday, "name": name[:50],
                              "source_notice": source[:200]})
    notice = _save_holiday_year(actor=actor, year=year, source=source, complete=complete)
    change = _calendar_changed(before, reason=_("录入%(year)s年放假通知：%(source)s")
                               % {"year": year, "source": source}, actor=actor, years={year},
                               always=True)
    timeline.record(notice, actor=actor, action="notice_entered",
                    note=source, data={"days": len(rows), "complete": notice.complete})
    return notice, change


def _save_holiday_year(*, actor, year: int, source: str, complete: bool) -> HolidayYear:
    notice, _created = HolidayYear.objects.select_for_update().get_or_create(
        year=year, defaults={"source": source[:200]})
    notice.source = source[:200] or notice.source
    if complete and not notice.complete:
        notice.completed_at, notice.completed_by = timezone.now(), actor
    elif not complete:
        notice.completed_at = notice.completed_by = None
    notice.complete = complete
    notice.full_clean()
    notice.save()
    cache.delete(CALENDAR_KEY % year)
    return notice


@transaction.atomic
def mark_holiday_year(*, actor: AbstractBaseUser, year: int, source: str,
                      complete: bool) -> HolidayYear:
    """POST /api/v1/holidays/years/: the year's notice is (or is no longer) fully entered."""
    require_role(actor, Role.REPORT_OFFICE)
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("年度无效。")})
    if not (source or "").strip():
        raise ValidationError({"source": _("请填写放假通知的名称。")})
    notice = _save_holiday_year(actor=actor, year=year, source=source.strip(), complete=complete)
    timeline.record(notice, actor=actor, action="notice_complete" if complete else "notice_open",
                    note=notice.source)
    return notice


def remind_holiday_notice(today: dt.date | None = None) -> int:
    """In November: ask the office for next year's notice while that year is not known."""
    today = today or timezone.localdate()
    year = today.year + 1
    if workdays.calendar_known(year):
        return 0
    message = _("%(year)s年的国务院办公厅放假通知发布后，请在“节假日”页录入全年安排并确认录入完整。") % {
        "year": year}
    officers = User.objects.filter(groups__name=Role.REPORT_OFFICE, is_active=True)
    for officer in officers:
        notify(officer, kind=f"holiday_notice_{year}", message=message,
               url=reverse("holiday-notice"))
    return len(officers)


def _set_roles(user: AbstractBaseUser, roles: list[str]) -> None:
    groups = Group.objects.filter(name__in=[Role(r).value for r in roles])
    user.groups.set(groups)


@transaction.atomic
def create_staff_user(*, actor: AbstractBaseUser, username: str, full_name: str, title: str = "",
                      roles: list[str], password: str | None = None,
                      must_change_password: bool = True) -> tuple[AbstractBaseUser, str]:
    """综治办 creates a staff account; returns the user and the initial password."""
    require_role(actor, Role.REPORT_OFFICE)
    password = password or generate_password()
    user = User(username=username, first_name=full_name[:150])
    validate_password(password, user)
    user.set_password(password)
    user.save()
    StaffProfile.objects.create(user=user, full_name=full_name, title=title,
                                must_change_password=must_change_password)
    _set_roles(user, roles)
    timeline.record(user, actor=actor, action="staff_created",
                    note="、".join(Role(r).label for r in roles))
    return user, password


@transaction.atomic
def update_staff_user(user: AbstractBaseUser, *, actor: AbstractBaseUser, full_name: str,
                      title: str, roles: list[str], is_active: bool) -> AbstractBaseUser:
    """Change a colleague's name, roles or active flag; accounts are deactivated, never deleted."""
    require_role(actor, Role.REPORT_OFFICE)
    user = User.objects.select_for_update().get(pk=user.pk)
    profile, _created = StaffProfile.objects.get_or_create(user=user)
    profile.full_name, profile.title = full_name, title
    profile.save()
    user.first_name = full_name[:150]
    was_active, user.is_active = user.is_active, is_active
    user.save(update_fields=["first_name", "is_active"])
    _set_roles(user, roles)
    action = "staff_updated" if was_active == is_active else (
        "staff_activated" if is_active else "staff_deactivated")
    timeline.record(user, actor=actor, action=action,
                    note="、".join(Role(r).label for r in roles))
    return user


@transaction.atomic
def reset_staff_password(user: AbstractBaseUser, *, actor: AbstractBaseUser) -> str:
    """Set a new random password that must be changed at the next login; returns it."""
    require_role(actor, Role.REPORT_OFFICE)
    password = generate_password()
    user.set_password(password)
    user.save(update_fields=["password"])
    profile, _created = StaffProfile.objects.get_or_create(user=user)
    profile.must_change_password = True
    profile.save(update_fields=["must_change_password"])
    timeline.record(user, actor=actor, action="password_reset")
    return password


@transaction.atomic
def password_changed(user: AbstractBaseUser) -> None:
    StaffProfile.objects.filter(user=user).update(must_change_password=False)
    timeline.record(user, actor=user, action="password_changed")


def generate_password() -> str:
    return "Hh-" + secrets.token_urlsafe(9)


def notify(user: AbstractBaseUser, *, kind: str, message: str, record=None, url: str = "") -> None:
    """An in-app notification (at most one per user, record and kind)."""
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(record) if record is not None else None
    Notification.objects.update_or_create(
        user=user, content_type=ct, object_id=getattr(record, "pk", None), kind=kind,
        defaults={"message": message, "url": url, "created_at": timezone.now(), "read_at": None},
    )


def mark_notification_read(notification: Notification, *, actor: AbstractBaseUser) -> None:
    if notification.user_id == actor.pk:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def record_heartbeat(name: str = "worker") -> WorkerHeartbeat:
    beat, _created = WorkerHeartbeat.objects.update_or_create(
        name=name, defaults={"beat_at": timezone.now()})
    return beat

