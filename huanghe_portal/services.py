"""Writes to the shared records: township, villages, holidays, staff accounts, notifications."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from . import timeline
from .context_processors import CALENDAR_KEY, TOWNSHIP_KEY
from .models import Holiday, Notification, StaffProfile, Township, Village, WorkerHeartbeat
from .roles import Role, require_role
from .versioning import check_version, save_with_version

User = get_user_model()


@transaction.atomic
def save_office_record(record: Township | Village | Holiday, *, actor: AbstractBaseUser,
                       version: int | None = None, **fields) -> Township | Village | Holiday:
    """The office edits the township profile, a village or a holiday (history keeps each change);
    an edit must carry the version it started from."""
    require_role(actor, Role.REPORT_OFFICE)
    if record.pk is not None:
        record = type(record).objects.select_for_update().get(pk=record.pk)
    save_with_version(record, version, fields, clean=True)
    if isinstance(record, Township):
        cache.delete(TOWNSHIP_KEY)
    elif isinstance(record, Holiday):
        cache.delete(CALENDAR_KEY % record.date.year)
    return record


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
                      title: str, roles: list[str], is_active: bool,
                      version: int | None = None) -> AbstractBaseUser:
    """Change a colleague's name, roles or active flag, from the `version` of the profile read;
    accounts are deactivated, never deleted."""
    require_role(actor, Role.REPORT_OFFICE)
    user = User.objects.select_for_update().get(pk=user.pk)
    profile, created = StaffProfile.objects.select_for_update().get_or_create(user=user)
    if not created:
        check_version(profile, version)
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

