"""Writes to the shared records: township, villages, holidays, staff accounts, notifications."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from . import public_cache
from .context_processors import CALENDAR_KEY, TOWNSHIP_KEY
from .models import (
    AccountAudit,
    Holiday,
    Notification,
    StaffProfile,
    Township,
    Village,
    WorkerHeartbeat,
)
from .roles import Role, has_role, require_role

User = get_user_model()


@transaction.atomic
def save_office_record(record: Township | Village | Holiday, *, actor: AbstractBaseUser,
                       **fields) -> Township | Village | Holiday:
    """The office edits the township profile, a village or a holiday (history keeps each change)."""
    require_role(actor, Role.REPORT_OFFICE)
    for name, value in fields.items():
        setattr(record, name, value)
    record.full_clean()
    record.save()
    public_cache.changed(public_cache.PORTAL)  # every public page shows the township
    if isinstance(record, Township):
        cache.delete(TOWNSHIP_KEY)
    elif isinstance(record, Holiday):
        cache.delete(CALENDAR_KEY % record.date.year)
    return record


# --- Staff accounts -------------------------------------------------------------------------
# A superuser may do anything. The office (report_office) manages every account that is neither
# a superuser, nor another office account, nor its own, and grants any role but its own and
# superuser status. No one changes their own roles or deactivates themselves. Every change is
# written to AccountAudit.

def grantable_roles(actor: AbstractBaseUser) -> list[Role]:
    """The roles `actor` may grant (the role choices of the account forms)."""
    if actor.is_superuser:
        return list(Role)
    if has_role(actor, Role.REPORT_OFFICE):
        return [role for role in Role if role != Role.REPORT_OFFICE]
    return []


def account_refusal(actor: AbstractBaseUser, user: AbstractBaseUser) -> str:
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


def require_may_manage(actor: AbstractBaseUser, user: AbstractBaseUser) -> None:
    if reason := account_refusal(actor, user):
        raise PermissionDenied(reason)


def _require_grantable(actor: AbstractBaseUser, roles: list[str], is_superuser: bool) -> None:
    refused = [Role(r) for r in roles if Role(r) not in grantable_roles(actor)]
    if refused:
        raise PermissionDenied(_("您不能授予以下角色：%(roles)s。")
                               % {"roles": "、".join(r.label for r in refused)})
    if is_superuser and not actor.is_superuser:
        raise PermissionDenied(_("只有系统管理员可以授予系统管理员身份。"))


def account_snapshot(user: AbstractBaseUser) -> dict:
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


def _audit(user: AbstractBaseUser, *, actor: AbstractBaseUser, before: dict,
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
def record_admin_account_change(user: AbstractBaseUser, *, actor: AbstractBaseUser,
                                before: dict | None, password_set: bool = False) -> None:
    """A superuser changed an account in Django admin: audit it like the portal's own pages
    (`before` is None for a new account); a password set there ends the user's API tokens."""
    if password_set or not user.is_active:
        _revoke_tokens(user)
    if password_set:
        _audit(user, actor=actor, action=AccountAudit.Action.PASSWORD_RESET,
               before=account_snapshot(user))
    else:
        _audit(user, actor=actor, before=before or {})


def _revoke_tokens(user: AbstractBaseUser) -> None:
    """API tokens end with the password; the user creates a new one after logging in."""
    Token.objects.filter(user=user).delete()


def _set_roles(user: AbstractBaseUser, roles: list[str]) -> None:
    groups = Group.objects.filter(name__in=[Role(r).value for r in roles])
    user.groups.set(groups)


@transaction.atomic
def create_staff_user(*, actor: AbstractBaseUser, username: str, full_name: str, title: str = "",
                      roles: list[str], is_superuser: bool = False, password: str | None = None,
                      must_change_password: bool = True) -> tuple[AbstractBaseUser, str]:
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
def update_staff_user(user: AbstractBaseUser, *, actor: AbstractBaseUser, full_name: str,
                      title: str, roles: list[str], is_active: bool,
                      is_superuser: bool | None = None) -> AbstractBaseUser:
    """Change a colleague's name, roles, superuser status or active flag; accounts are
    deactivated, never deleted. Deactivation ends the user's API tokens."""
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

    profile, _created = StaffProfile.objects.get_or_create(user=user)
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
def reset_staff_password(user: AbstractBaseUser, *, actor: AbstractBaseUser) -> str:
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
def password_changed(user: AbstractBaseUser) -> None:
    """After the user set a new password: the first-login rule is met, old API tokens end."""
    before = account_snapshot(user)
    StaffProfile.objects.filter(user=user).update(must_change_password=False)
    _revoke_tokens(user)
    _audit(user, actor=user, action=AccountAudit.Action.PASSWORD_CHANGED, before=before)


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

