"""Search by a full ID number, credit code or phone number is a reveal (issue 12; API.md
Conventions): whoever finds a record by a number learns that the number belongs to that person.

So an exact identity look-up is answered only for the roles that see the numbers unmasked (the
area's own role and superusers); it is rate-limited per user and written to the personal-data
audit. For every other role such a query matches nothing, and the page or API answer says why.
Every area's list filter goes through `filter_by_identity`; no area hashes a search term itself.

The outcome of the request's identity search is kept on the request's user object (as
`roles.user_roles` keeps its cache there): the page shows it through the context processor,
the API through `PortalPagination`.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth import models as auth
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from .personal_data import (
    CREDIT_CODE_CHARS,
    PHONE_RE,
    may_see_unmasked,
    normalize_id_number,
    normalize_phone,
)
from .roles import Role, User

_M = TypeVar("_M", bound=models.Model)

ID_NUMBER, CREDIT_CODE, PHONE = "id_number", "credit_code", "phone"
ID_SHAPE = re.compile(r"[0-9]{17}[0-9X]|[0-9]{15}")
DEFAULT_SEARCHES_PER_HOUR = 20
logger = logging.getLogger(__name__)


def searches_per_hour() -> int:
    return getattr(settings, "IDENTITY_SEARCHES_PER_HOUR", DEFAULT_SEARCHES_PER_HOUR)


@dataclass(frozen=True)
class Outcome:
    """What became of one identity search: `status` 200 (searched, or refused with a notice),
    400 (not a number in ASCII digits) or 429 (too many searches this hour)."""

    kind: str
    status: int = 200
    notice: str = ""


def classify(term: str) -> tuple[str, str] | None:
    """(kind, normalised value) when `term` is a full ID number, credit code or phone number;
    ("invalid", term) for a number in non-ASCII digits; None for any other search term."""
    value = normalize_id_number(term)
    if ID_SHAPE.fullmatch(value):
        return ID_NUMBER, value
    if len(value) == 18 and all(c in CREDIT_CODE_CHARS for c in value):
        return CREDIT_CODE, value  # 18 characters with a letter: 18 digits are ID-shaped
    phone = normalize_phone(term)
    if PHONE_RE.fullmatch(phone):
        return PHONE, phone
    # Digits of another script (NFKC has already folded full-width digits to ASCII).
    foreign = any(c.isdigit() and not c.isascii() for c in value)
    if foreign and all(c.isdigit() or c in "X-" for c in value):
        return "invalid", value
    return None


def filter_by_identity(
    user: auth.User,
    queryset: QuerySet[_M],
    term: str,
    *,
    owner_role: Role,
    conditions: dict[str, Callable[[str], Q]],
) -> QuerySet[_M] | None:
    """The records of `queryset` found by the identity `term`, or None when `term` is not an
    identity (the caller then searches text as usual).

    `conditions` maps the kinds the area can look up (`ID_NUMBER`, `CREDIT_CODE`, `PHONE`) to
    the Q that finds a normalised value; a kind without one finds nothing.
    """
    found = classify(term)
    if found is None:
        return None
    kind, value = found
    if kind == "invalid":
        return _refuse(
            user,
            queryset,
            Outcome(
                kind, 400, _("查找的号码只能用半角数字0-9（身份证号码末位可为X），请改用半角数字。")
            ),
        )
    if not may_see_unmasked(user, owner_role):
        return _refuse(
            user,
            queryset,
            Outcome(
                kind,
                200,
                _(
                    "按身份证号码、统一社会信用代码或电话号码查找属于查看个人信息，仅限%(role)s和系统"
                    "管理员；此次查找不返回任何记录。"
                )
                % {"role": owner_role.label},
            ),
        )
    if refusal := _take_allowance(user):
        return _refuse(user, queryset, Outcome(kind, 429, refusal))
    condition = conditions.get(kind)
    if condition is None:
        _audit(user, queryset, kind, [])
        return _refuse(user, queryset, Outcome(kind, 200, _("此处不能按该类号码查找。")))
    matched = list(queryset.filter(condition(value)).values_list("pk", flat=True)[:1000])
    _audit(user, queryset, kind, matched)
    _remember(user, Outcome(kind))
    return queryset.filter(pk__in=matched)


def take_outcome(user: User | None) -> Outcome | None:
    """The outcome of this request's identity search (once), for the page or API answer."""
    outcome = getattr(user, "_identity_search", None)
    if outcome is not None:
        delattr(user, "_identity_search")
    return outcome


# --- Internals -------------------------------------------------------------------------------


def _remember(user: auth.User, outcome: Outcome) -> None:
    # An attribute, not __dict__: the page's request.user is a lazy proxy of the user object.
    setattr(user, "_identity_search", outcome)  # noqa: B010 (not a field of the user model)


def _refuse(user: auth.User, queryset: QuerySet[_M], outcome: Outcome) -> QuerySet[_M]:
    _remember(user, outcome)
    return queryset.none()


def _take_allowance(user: auth.User) -> str:
    """Count one search in the user's fixed hourly window (in the shared cache); return why
    the search may not run, or "" when it may."""
    key = f"identity-search:{user.pk}:{int(time.time() // 3600)}"
    try:
        cache.add(key, 0, timeout=3600)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=3600)
            count = 1
    except Exception:  # noqa: BLE001 - any cache backend failure
        # Without the counter the limit cannot hold: refuse rather than reveal without one.
        logger.exception("identity search refused: the rate-limit cache is unavailable")
        return _("暂时无法按号码查找（计数服务不可用），请稍后再试。")
    if count > searches_per_hour():
        return _("按号码查找过于频繁：每人每小时最多%(n)s次，请稍后再试。") % {
            "n": searches_per_hour()
        }
    return ""


def _audit(user: auth.User, queryset: QuerySet[Any], kind: str, matched: list[int]) -> None:
    """One row per record found; a search that found nothing is recorded with object id 0."""
    from .models import PersonalDataAccess

    content_type = ContentType.objects.get_for_model(queryset.model)
    PersonalDataAccess.objects.bulk_create(
        PersonalDataAccess(
            user=user, content_type=content_type, object_id=pk, field=kind, purpose="search"
        )
        for pk in (matched or [0])
    )
