"""Writes to the shared records: township, villages, holidays, staff accounts, notifications."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth import models as auth
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from . import due_dates, public_cache, roles, timeline, workdays
from .context_processors import CALENDAR_KEY, TOWNSHIP_KEY
from .models import (
    AccountAudit,
    CalendarChange,
    Holiday,
    HolidayYear,
    Notification,
    StaffProfile,
    Township,
    Village,
    WorkerHeartbeat,
)
from .roles import Role, has_role, require_role
from .versioning import check_version, save_with_version

User = get_user_model()


@transaction.atomic
def save_office_record(record: Township | Village | Holiday, *, actor: auth.User,
                       version: int | None = None,
                       **fields: Any) -> Township | Village | Holiday:
    """The office edits the township profile, a village or a holiday (history keeps each change);
    an edit must carry the version it started from."""
    require_role(actor, Role.REPORT_OFFICE)
    if isinstance(record, Holiday):
        return save_holiday(record, actor=actor, version=version, **fields)
    if record.pk is not None:
        record = type(record).objects.select_for_update().get(pk=record.pk)
    save_with_version(record, version, fields, clean=True)
    public_cache.changed(public_cache.PORTAL)  # every public page shows the township
    if isinstance(record, Township):
        cache.delete(TOWNSHIP_KEY)
    return record


# --- Staff accounts -------------------------------------------------------------------------
# A superuser may do anything. The office (report_office) manages every account that is neither
# a superuser, nor another office account, nor its own, and grants any role but its own and
# superuser status. No one changes their own roles or deactivates themselves. Every change is
# written to AccountAudit.

def grantable_roles(actor: auth.User) -> list[Role]:
    """The roles `actor` may grant (the role choices of the account forms)."""
    if actor.is_superuser:
        return list(Role)
    if has_role(actor, Role.REPORT_OFFICE):
        return [role for role in Role if role != Role.REPORT_OFFICE]
    return []


def account_refusal(actor: roles.User, user: auth.User) -> str:
    """Why `actor` may not manage the account `user` ("" when it may)."""
    if not has_role(actor, Role.REPORT_OFFICE):
        return _("仅综治办（法治办）和系统管理员可以管理工作人员账号。")
    if actor.is_superuser:
        return ""
    if user.pk == actor.pk:
        return _("不能管理自己的账号，请由系统管理员办理。")
    if user.is_superuser or any(g.name == Role.REPORT_OFFICE for g in user.groups.all()):
        return _("系统管理员和综治办（法治办）的账号只能由系统管理员管理。")
    return ""


def require_may_manage(actor: auth.User, user: auth.User) -> None:
    if reason := account_refusal(actor, user):
        raise PermissionDenied(reason)


def _require_grantable(actor: auth.User, roles: list[str], is_superuser: bool) -> None:
    refused = [Role(r) for r in roles if Role(r) not in grantable_roles(actor)]
    if refused:
        raise PermissionDenied(_("您不能授予以下角色：%(roles)s。")
                               % {"roles": "、".join(r.label for r in refused)})
    if is_superuser and not actor.is_superuser:
        raise PermissionDenied(_("只有系统管理员可以授予系统管理员身份。"))


def account_snapshot(user: auth.User) -> dict[str, Any]:
    """The audited state of an account: roles, superuser, active, name, first-login flag."""
    profile = StaffProfile.objects.filter(user=user).first()
    return {
        "roles": sorted(user.groups.values_list("name", flat=True)),
        "is_superuser": user.is_superuser,
        "is_active": user.is_active,
        "full_name": profile.full_name if profile else "",
        "title": profile.title if profile else "",
        "must_change_password": bool(profile and profile.must_change_password),
    }


def _audit(user: auth.User, *, actor: auth.User, before: dict[str, Any],
           action: str | None = None) -> AccountAudit:
    """Write the audit row; without `action`, name the change by what differs."""
    after = account_snapshot(user)
    if action is None:
        if not before:
            action = AccountAudit.Action.CREATED
        elif before["is_active"] != after["is_active"]:
            action = (AccountAudit.Action.ACTIVATED if after["is_active"]
                      else AccountAudit.Action.DEACTIVATED)
        elif (before["roles"], before["is_superuser"]) != (after["roles"], after["is_superuser"]):
            action = AccountAudit.Action.ROLES_CHANGED
        else:
            action = AccountAudit.Action.UPDATED
    return AccountAudit.objects.create(actor=actor, target=user, action=action, before=before,
                                       after=after)


@transaction.atomic
def record_admin_account_change(user: auth.User, *, actor: auth.User,
                                before: dict[str, Any] | None,
                                password_set: bool = False) -> None:
    """A superuser changed an account in Django admin: audit it like the portal's own pages
    (`before` is None for a new account); a password set there ends the user's API tokens."""
    if password_set or not user.is_active:
        _revoke_tokens(user)
    if password_set:
        _audit(user, actor=actor, action=AccountAudit.Action.PASSWORD_RESET,
               before=account_snapshot(user))
    else:
        _audit(user, actor=actor, before=before or {})


def _revoke_tokens(user: auth.User) -> None:
    """API tokens end with the password; the user creates a new one after logging in."""
    Token.objects.filter(user=user).delete()
def _day_states(dates: set[dt.date]) -> dict[dt.date, tuple[bool, str]]:
    """(is_workday, why) of each date under the calendar as it stands now."""
    if not dates:
        return {}
    cal = workdays.Calendar(min(dates), max(dates))
    return {d: (cal.day(d).is_workday, cal.day(d).why) for d in dates}


def _calendar_changed(before: dict[dt.date, tuple[bool, str]], *, reason: str,
                      actor: auth.User, years: Iterable[int],
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
def save_holiday(holiday: Holiday, *, actor: auth.User, version: int | None = None,
                 **fields: Any) -> Holiday:
    """One table row: it overrides that single day; due dates crossing it are recomputed. An
    existing row is edited from the `version` read (optimistic locking)."""
    require_role(actor, Role.REPORT_OFFICE)
    if holiday.pk is not None:
        holiday = Holiday.objects.select_for_update().get(pk=holiday.pk)
        check_version(holiday, version)
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
def enter_holiday_notice(*, actor: auth.User, year: int, source: str,
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


def _save_holiday_year(*, actor: auth.User, year: int, source: str, complete: bool) -> HolidayYear:
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
def mark_holiday_year(*, actor: auth.User, year: int, source: str,
                      complete: bool = False) -> HolidayYear:
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


def _set_roles(user: auth.User, roles: list[str]) -> None:
    groups = Group.objects.filter(name__in=[Role(r).value for r in roles])
    user.groups.set(groups)


@transaction.atomic
def create_staff_user(*, actor: auth.User, username: str, full_name: str, title: str = "",
                      roles: list[str], is_superuser: bool = False, password: str | None = None,
                      must_change_password: bool = True) -> tuple[auth.User, str]:
    """Create a staff account; returns the user and the initial password (shown once)."""
    require_role(actor, Role.REPORT_OFFICE)
    _require_grantable(actor, roles, is_superuser)
    password = password or generate_password()
    user = User(username=username, first_name=full_name[:150], is_superuser=is_superuser,
                is_staff=is_superuser)
    validate_password(password, user)
    user.set_password(password)
    user.save()
    StaffProfile.objects.create(user=user, full_name=full_name, title=title,
                                must_change_password=must_change_password)
    _set_roles(user, roles)
    _audit(user, actor=actor, before={})
    return user, password


@transaction.atomic
def update_staff_user(user: auth.User, *, actor: auth.User, full_name: str,
                      title: str, roles: list[str], is_active: bool,
                      is_superuser: bool | None = None,
                      version: int | None = None) -> auth.User:
    """Change a colleague's name, roles, superuser status or active flag, from the `version` of
    the profile read; accounts are deactivated, never deleted. Deactivation ends the user's API
    tokens."""
    user = User.objects.select_for_update().get(pk=user.pk)
    require_may_manage(actor, user)
    is_superuser = user.is_superuser if is_superuser is None else is_superuser
    before = account_snapshot(user)
    roles = sorted({Role(r).value for r in roles})
    if user.pk == actor.pk and (roles != before["roles"] or not is_active
                                or is_superuser != user.is_superuser):
        raise PermissionDenied(_("不能变更自己的角色，也不能停用自己的账号。"))
    _require_grantable(actor, [r for r in roles if r not in before["roles"]],
                       is_superuser and not user.is_superuser)

    profile, created = StaffProfile.objects.select_for_update().get_or_create(user=user)
    if not created:
        check_version(profile, version)
    profile.full_name, profile.title = full_name, title
    profile.save()
    user.first_name = full_name[:150]
    user.is_active = is_active
    if is_superuser != user.is_superuser:  # Django admin needs both flags
        user.is_superuser = user.is_staff = is_superuser
    user.save(update_fields=["first_name", "is_active", "is_superuser", "is_staff"])
    _set_roles(user, roles)
    if not is_active:
        _revoke_tokens(user)
    _audit(user, actor=actor, before=before)
    return user


@transaction.atomic
def reset_staff_password(user: auth.User, *, actor: auth.User) -> str:
    """Set a new random password that must be changed at the next login; returns it (shown
    once). The new password hash ends the user's sessions; their API tokens are deleted."""
    user = User.objects.select_for_update().get(pk=user.pk)
    require_may_manage(actor, user)
    before = account_snapshot(user)
    password = generate_password()
    user.set_password(password)
    user.save(update_fields=["password"])
    profile, _created = StaffProfile.objects.get_or_create(user=user)
    profile.must_change_password = True
    profile.save(update_fields=["must_change_password"])
    _revoke_tokens(user)
    _audit(user, actor=actor, action=AccountAudit.Action.PASSWORD_RESET, before=before)
    return password


@transaction.atomic
def password_changed(user: auth.User) -> None:
    """After the user set a new password: the first-login rule is met, old API tokens end."""
    before = account_snapshot(user)
    StaffProfile.objects.filter(user=user).update(must_change_password=False)
    _revoke_tokens(user)
    _audit(user, actor=user, action=AccountAudit.Action.PASSWORD_CHANGED, before=before)


def generate_password() -> str:
    return "Hh-" + secrets.token_urlsafe(9)


def notify(user: auth.User, *, kind: str, message: str, record: models.Model | None = None,
           url: str = "") -> None:
    """An in-app notification (at most one per user, record and kind)."""
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(record) if record is not None else None
    Notification.objects.update_or_create(
        user=user, content_type=ct, object_id=getattr(record, "pk", None), kind=kind,
        defaults={"message": message, "url": url, "created_at": timezone.now(), "read_at": None},
    )


def mark_notification_read(notification: Notification, *, actor: auth.User) -> None:
    if notification.user_id == actor.pk:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def record_heartbeat(name: str = "worker") -> WorkerHeartbeat:
    beat, _created = WorkerHeartbeat.objects.update_or_create(
        name=name, defaults={"beat_at": timezone.now()})
    return beat

