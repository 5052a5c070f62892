"""Roles are Django groups with the names of API.md; this module is the one place that knows them."""

from collections.abc import Iterable
from enum import StrEnum

from django.contrib.auth import models as auth
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    MEDIATOR = "mediator"
    PETITION_CLERK = "petition_clerk"
    LEGAL_REVIEWER = "legal_reviewer"
    LEGAL_ADVISER = "legal_adviser"
    LEADER = "leader"
    DISCLOSURE_OFFICER = "disclosure_officer"
    EDUCATOR = "educator"
    REPORT_OFFICE = "report_office"

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


ROLE_LABELS = {
    Role.MEDIATOR: _("调解员"),
    Role.PETITION_CLERK: _("信访干部"),
    Role.LEGAL_REVIEWER: _("法制审核员"),
    Role.LEGAL_ADVISER: _("法律顾问"),
    Role.LEADER: _("领导"),
    Role.DISCLOSURE_OFFICER: _("信息公开专员"),
    Role.EDUCATOR: _("普法专员"),
    Role.REPORT_OFFICE: _("综治办（法治办）"),
}

STAFF_ROLES = tuple(Role)
# A request's user: a signed-in account (Django's own user model) or the anonymous visitor.
User = auth.User | AnonymousUser


def user_roles(user: User) -> set[Role]:
    """The roles of a user, cached on the user object for the request."""
    if not user or not user.is_authenticated or not user.is_active:
        return set()
    cached = getattr(user, "_portal_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = {role for role in Role if role.value in names}
        setattr(user, "_portal_roles", cached)  # noqa: B010 (not a field of the user model)
    return cached


def has_role(user: User, *roles: Role) -> bool:
    """True for a superuser or a member of any of the roles."""
    if not user or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return bool(user_roles(user) & set(roles))


def is_staff_member(user: User) -> bool:
    """Any portal role (or a superuser): may enter the staff workspace."""
    return has_role(user, *STAFF_ROLES)


def signed_in(user: User) -> auth.User:
    """The account of a request that a login check let through (so the type says it is one);
    PermissionDenied for the anonymous visitor, whom that check keeps out in practice."""
    if not user.is_authenticated:
        raise PermissionDenied(_("请先登录。"))
    return user


def require_role(user: User, *roles: Role) -> None:
    """Raise PermissionDenied unless the user holds one of the roles (superusers always pass)."""
    if not has_role(user, *roles):
        raise PermissionDenied(refusal_message(roles))


def refusal_message(roles: Iterable[Role]) -> str:
    """ "This step is for these roles" — one wording for pages, services and the API gate."""
    names = "、".join(str(ROLE_LABELS[r]) for r in roles) or "—"
    return _("此操作仅限以下角色：%(roles)s。") % {"roles": names}


def member_of(value: AbstractBaseUser | int | str | None, role: Role, *, field: str) -> auth.User:
    """The active user `value` names (a user, its id, or its login or full name) who holds
    `role` (a superuser does not count: an approval names a real office holder). Raises a
    ValidationError on `field` otherwise."""
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError
    from django.db.models import Q

    users = get_user_model().objects.filter(is_active=True, groups__name=role.value)
    if isinstance(value, AbstractBaseUser):
        found = users.filter(pk=value.pk)
    elif isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
        found = users.filter(pk=int(value))
    else:
        name = (value or "").strip()
        found = (
            users.filter(Q(username=name) | Q(portal_profile__full_name=name))
            if name
            else (users.none())
        )
    matches = list(found.distinct()[:2])
    if len(matches) != 1:
        raise ValidationError({field: _("须为在职的“%(role)s”用户。") % {"role": role.label}})
    return matches[0]
