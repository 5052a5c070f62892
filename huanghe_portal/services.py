"""Writes to the shared records: township, villages, holidays, staff accounts, notifications."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Sequence
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.contrib.auth import models as auth
from django.contrib.auth.models import AbstractBaseUser, Group
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from . import due_dates, jobs, ledgers, public_cache, reminders, roles, timeline, workdays
from .context_processors import CALENDAR_KEY, TOWNSHIP_KEY
from .exceptions import TransitionNotAllowed
from .models import (
    AccountAudit,
    CalendarChange,
    Holiday,
    HolidayYear,
    LedgerImport,
    Notification,
    StaffProfile,
    Township,
    Village,
    WorkerHeartbeat,
)
from .personal_data import normalize_phone, validate_phone
from .roles import Role, has_role, require_role
from .versioning import check_version, save_with_version
from .workflow import lock, require_transition

User = get_user_model()


@transaction.atomic
def save_office_record(
    record: Township | Village | Holiday,
    *,
    actor: auth.User,
    version: int | None = None,
    **fields: Any,
) -> Township | Village | Holiday:
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
        raise PermissionDenied(
            _("您不能授予以下角色：%(roles)s。") % {"roles": "、".join(r.label for r in refused)}
        )
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


def _audit(
    user: auth.User, *, actor: auth.User, before: dict[str, Any], action: str | None = None
) -> AccountAudit:
    """Write the audit row; without `action`, name the change by what differs."""
    after = account_snapshot(user)
    if action is None:
        if not before:
            action = AccountAudit.Action.CREATED
        elif before["is_active"] != after["is_active"]:
            action = (
                AccountAudit.Action.ACTIVATED
                if after["is_active"]
                else AccountAudit.Action.DEACTIVATED
            )
        elif (before["roles"], before["is_superuser"]) != (after["roles"], after["is_superuser"]):
            action = AccountAudit.Action.ROLES_CHANGED
        else:
            action = AccountAudit.Action.UPDATED
    return AccountAudit.objects.create(
        actor=actor, target=user, action=action, before=before, after=after
    )


@transaction.atomic
def record_admin_account_change(
    user: auth.User, *, actor: auth.User, before: dict[str, Any] | None, password_set: bool = False
) -> None:
    """A superuser changed an account in Django admin: audit it like the portal's own pages
    (`before` is None for a new account); a password set there ends the user's API tokens."""
    if password_set or not user.is_active:
        _revoke_tokens(user)
    if password_set:
        _audit(
            user,
            actor=actor,
            action=AccountAudit.Action.PASSWORD_RESET,
            before=account_snapshot(user),
        )
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


def _calendar_changed(
    before: dict[dt.date, tuple[bool, str]],
    *,
    reason: str,
    actor: auth.User,
    years: Iterable[int],
    always: bool = False,
) -> CalendarChange | None:
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
def save_holiday(
    holiday: Holiday, *, actor: auth.User, version: int | None = None, **fields: Any
) -> Holiday:
    """One table row: it overrides that single day; due dates crossing it are recomputed. An
    existing row is edited from the `version` read (optimistic locking)."""
    require_role(actor, Role.REPORT_OFFICE)
    if holiday.pk is not None:
        holiday = lock(holiday)
        check_version(holiday, version)
    old_date = holiday.date if holiday.pk else None
    touched = {d for d in (old_date, fields.get("date")) if d}
    before = _day_states(touched)
    for name, value in fields.items():
        setattr(holiday, name, value)
    holiday.full_clean()
    holiday.save()
    reason = _("节假日表变动：%(date)s %(name)s") % {
        "date": holiday.date.isoformat(),
        "name": holiday.name,
    }
    holiday.calendar_change = _calendar_changed(
        before, reason=reason, actor=actor, years={d.year for d in touched}
    )
    return holiday


@transaction.atomic
def enter_holiday_notice(
    *,
    actor: auth.User,
    year: int,
    source: str,
    holidays: list[tuple[dt.date, dt.date, str]],
    makeup_days: list[tuple[dt.date, str]],
    complete: bool,
) -> tuple[HolidayYear, CalendarChange | None]:
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
        errors.append(
            _("%(date)s 不在%(year)s年内。") % {"date": outside[0].isoformat(), "year": year}
        )
    if errors:
        raise ValidationError({"__all__": errors})
    # Re-entering a notice corrects it: its rows no longer listed are removed (history keeps
    # them); rows of other sources (a local day off) stay.
    dropped = Holiday.objects.filter(date__year=year, source_notice=source[:200]).exclude(
        date__in=list(rows)
    )
    before = _day_states(set(rows) | set(dropped.values_list("date", flat=True)))
    for holiday in dropped:
        holiday.delete()
    for d, (is_workday, name) in rows.items():
        Holiday.objects.update_or_create(
            date=d,
            defaults={"is_workday": is_workday, "name": name[:50], "source_notice": source[:200]},
        )
    notice = _save_holiday_year(actor=actor, year=year, source=source, complete=complete)
    change = _calendar_changed(
        before,
        reason=_("录入%(year)s年放假通知：%(source)s") % {"year": year, "source": source},
        actor=actor,
        years={year},
        always=True,
    )
    timeline.record(
        notice,
        actor=actor,
        action="notice_entered",
        note=source,
        data={"days": len(rows), "complete": notice.complete},
    )
    return notice, change


def _save_holiday_year(*, actor: auth.User, year: int, source: str, complete: bool) -> HolidayYear:
    notice, _created = HolidayYear.objects.select_for_update().get_or_create(
        year=year, defaults={"source": source[:200]}
    )
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
def mark_holiday_year(
    *, actor: auth.User, year: int, source: str, complete: bool = False
) -> HolidayYear:
    """POST /api/v1/holidays/years/: the year's notice is (or is no longer) fully entered."""
    require_role(actor, Role.REPORT_OFFICE)
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("年度无效。")})
    if not (source or "").strip():
        raise ValidationError({"source": _("请填写放假通知的名称。")})
    notice = _save_holiday_year(actor=actor, year=year, source=source.strip(), complete=complete)
    timeline.record(
        notice,
        actor=actor,
        action="notice_complete" if complete else "notice_open",
        note=notice.source,
    )
    return notice


def remind_holiday_notice(today: dt.date | None = None) -> int:
    """In November: ask the office for next year's notice while that year is not known."""
    today = today or timezone.localdate()
    year = today.year + 1
    if workdays.calendar_known(year):
        return 0
    message = _(
        "%(year)s年的国务院办公厅放假通知发布后，请在“节假日”页录入全年安排并确认录入完整。"
    ) % {"year": year}
    officers = User.objects.filter(groups__name=Role.REPORT_OFFICE, is_active=True)
    return reminders.remind_all(
        reminders.Reminder(pk, f"holiday_notice_{year}", message, reverse("holiday-notice"))
        for pk in officers.values_list("pk", flat=True)
    )


def _set_roles(user: auth.User, roles: list[str]) -> None:
    groups = Group.objects.filter(name__in=[Role(r).value for r in roles])
    user.groups.set(groups)


@transaction.atomic
def create_staff_user(
    *,
    actor: auth.User,
    username: str,
    full_name: str,
    title: str = "",
    roles: list[str],
    is_superuser: bool = False,
    password: str | None = None,
    must_change_password: bool = True,
) -> tuple[auth.User, str]:
    """Create a staff account; returns the user and the initial password (shown once)."""
    require_role(actor, Role.REPORT_OFFICE)
    _require_grantable(actor, roles, is_superuser)
    password = password or generate_password()
    user = User(
        username=username,
        first_name=full_name[:150],
        is_superuser=is_superuser,
        is_staff=is_superuser,
    )
    validate_password(password, user)
    user.set_password(password)
    user.save()
    StaffProfile.objects.create(
        user=user, full_name=full_name, title=title, must_change_password=must_change_password
    )
    _set_roles(user, roles)
    _audit(user, actor=actor, before={})
    return user, password


@transaction.atomic
def update_staff_user(
    user: auth.User,
    *,
    actor: auth.User,
    full_name: str,
    title: str,
    roles: list[str],
    is_active: bool,
    is_superuser: bool | None = None,
    version: int | None = None,
) -> auth.User:
    """Change a colleague's name, roles, superuser status or active flag, from the `version` of
    the profile read; accounts are deactivated, never deleted. Deactivation ends the user's API
    tokens."""
    user = User.objects.select_for_update().get(pk=user.pk)
    require_may_manage(actor, user)
    is_superuser = user.is_superuser if is_superuser is None else is_superuser
    before = account_snapshot(user)
    roles = sorted({Role(r).value for r in roles})
    if user.pk == actor.pk and (
        roles != before["roles"] or not is_active or is_superuser != user.is_superuser
    ):
        raise PermissionDenied(_("不能变更自己的角色，也不能停用自己的账号。"))
    _require_grantable(
        actor,
        [r for r in roles if r not in before["roles"]],
        is_superuser and not user.is_superuser,
    )

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


@transaction.atomic
def update_own_profile(
    user: AbstractBaseUser,
    *,
    actor: AbstractBaseUser,
    email: str,
    phone: str,
    email_reminders: bool,
    version: int | None = None,
) -> StaffProfile:
    """A staff member's own contact data and reminder preference (the profile page), from the
    `version` of the profile read: e-mail (the account's), phone (stored normalised) and
    whether reminders also go by e-mail. Each user edits only their own."""
    if actor.pk != user.pk:
        raise PermissionDenied(_("只能修改自己的个人资料。"))
    user = User.objects.select_for_update().get(pk=user.pk)
    profile, created = StaffProfile.objects.select_for_update().get_or_create(user=user)
    if not created:
        check_version(profile, version)
    email = (email or "").strip()
    phone = normalize_phone(phone)
    errors: dict[str, str | list[str]] = {}
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("电子邮箱格式不正确，例如 zhangsan@example.com。")
    if phone:
        try:
            validate_phone(phone)
        except ValidationError as exc:
            errors["phone"] = exc.messages
    if errors:
        raise ValidationError(errors)
    save_with_version(
        profile, profile.version, {"phone": phone, "email_reminders": bool(email_reminders)}
    )
    if user.email != email:
        user.email = email
        user.save(update_fields=["email"])
    return profile


def generate_password() -> str:
    return "Hh-" + secrets.token_urlsafe(9)


def mark_notification_read(notification: Notification, *, actor: AbstractBaseUser) -> None:
    if notification.user_id == actor.pk:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def record_heartbeat(name: str = "worker") -> WorkerHeartbeat:
    beat, _created = WorkerHeartbeat.objects.update_or_create(
        name=name, defaults={"beat_at": timezone.now()}
    )
    return beat


# --- Ledger imports: upload → preview → confirm → background job (issue 17 point 5) ------------

# An upload waits this long for its confirmation, then it and its file are purged.
LEDGER_UPLOAD_HOURS = 24
# A file this small is imported in the request (after the confirming commit), through the same
# run_ledger_import as the background job; a larger one goes to a worker and the page polls.
LEDGER_INLINE_ROWS = 50


def upload_ledger(key: str, upload: IO[bytes], *, actor: auth.User) -> LedgerImport:
    """Keep an uploaded ledger, privately, for its preview; nothing is imported yet. A file that
    cannot be read at all raises LedgerImportError."""
    ledger = ledgers.get_ledger(key)
    require_role(actor, *ledger.importers)
    table = ledger.parse(upload)
    purge_expired_ledger_imports()
    name = (getattr(upload, "name", "") or "ledger.xlsx").rsplit("/", 1)[-1]
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    job = LedgerImport(
        ledger=key,
        user=actor,
        original_name=name[:200],
        total_rows=len(table.rows),
        expires_at=timezone.now() + dt.timedelta(hours=LEDGER_UPLOAD_HOURS),
    )
    upload.seek(0)
    # A random name: the stored file is reachable only through the uploader's own pages.
    job.file.save(f"{secrets.token_hex(16)}{suffix[:6]}", File(upload), save=False)
    job.save()
    return job


def confirm_ledger_import(job: LedgerImport, *, actor: auth.User) -> LedgerImport:
    """待确认 → 排队中: the uploader confirms a preview without errors; the import starts, in
    this request for a small file (once the confirmation is committed), else on a worker."""
    with transaction.atomic():
        job = lock(job)
        if job.user_id != actor.pk:
            raise PermissionDenied(_("只有上传人可以确认导入。"))
        require_role(actor, *ledgers.get_ledger(job.ledger).importers)
        require_transition(job, LedgerImport.Status.QUEUED)
        if job.expires_at <= timezone.now():
            raise TransitionNotAllowed(_("上传的文件已过期，请重新上传。"))
        errors = ledger_import_table(job).errors
        if errors:
            raise TransitionNotAllowed(
                _("表格中有%(n)s处错误，请改正后重新上传。") % {"n": len(errors)}
            )
        job.status = LedgerImport.Status.QUEUED
        job.save(update_fields=["status"])
        pk = job.pk
        if job.total_rows > LEDGER_INLINE_ROWS:
            from .tasks import run_ledger_import_task

            jobs.enqueue(
                run_ledger_import_task,
                pk,
                on_failure=lambda exc: fail_ledger_import(
                    pk, _("后台任务暂时无法启动，未导入任何记录，请稍后重新上传。")
                ),
            )
            return job
    return run_ledger_import(pk)


def ledger_import_table(job: LedgerImport) -> ledgers.Table:
    """The stored upload read again and checked (the preview and the job both use it)."""
    with job.file.open("rb") as stored:
        return ledgers.get_ledger(job.ledger).parse(stored)


def run_ledger_import(job_id: int) -> LedgerImport:
    """排队中 → 导入中 → 已完成 / 失败: every row through the area's services in one
    transaction, so that the file goes in whole or not at all. A second run does nothing."""
    with transaction.atomic():
        job = LedgerImport.objects.select_for_update().get(pk=job_id)
        if job.status != LedgerImport.Status.QUEUED:
            return job
        job.status = LedgerImport.Status.RUNNING
        job.save(update_fields=["status"])
    ledger = ledgers.get_ledger(job.ledger)
    try:
        table = ledger_import_table(job)
        if table.errors:
            raise ledgers.LedgerImportError(table.errors)
        result = ledger.import_rows(
            table.rows, actor=job.user, progress=lambda n: ledgers.set_progress(job_id, n)
        )
    except ledgers.LedgerImportError as exc:
        return _finish_ledger_import(job_id, errors=[str(e) for e in exc.errors])
    except PermissionDenied as exc:
        return _finish_ledger_import(job_id, errors=[str(exc)])
    except Exception:
        _finish_ledger_import(job_id, errors=[_("导入时发生意外错误，未导入任何记录。")])
        raise
    return _finish_ledger_import(job_id, created=result["created"], skipped=result["skipped"])


def fail_ledger_import(job_id: int, message: str) -> LedgerImport:
    """排队中 → 失败, when the job could not even be queued."""
    return _finish_ledger_import(job_id, errors=[message])


@transaction.atomic
def _finish_ledger_import(
    job_id: int, *, errors: Sequence[str] = (), created: int = 0, skipped: int = 0
) -> LedgerImport:
    job = LedgerImport.objects.select_for_update().get(pk=job_id)
    target = LedgerImport.Status.FAILED if errors else LedgerImport.Status.DONE
    require_transition(job, target)
    job.status = target
    job.errors = list(errors)
    job.created_count, job.skipped_count = created, skipped
    job.finished_at = timezone.now()
    # The file's rows are now records (or refused): the copy of the personal data goes.
    job.file.delete(save=False)
    job.save()
    return job


def purge_expired_ledger_imports() -> int:
    """Uploads never confirmed: delete their files and rows once expired."""
    expired = list(
        LedgerImport.objects.filter(
            status=LedgerImport.Status.UPLOADED, expires_at__lte=timezone.now()
        )
    )
    for job in expired:
        job.file.delete(save=False)
    return LedgerImport.objects.filter(pk__in=[j.pk for j in expired]).delete()[0]
