"""Which petitions, reception days and suggestions a user may see, and the list filters."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    DateField,
    F,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django_stubs_ext import WithAnnotations

from huanghe_portal import identity_search, roles
from huanghe_portal.limits import parse_year
from huanghe_portal.personal_data import blind_index, normalize_phone
from huanghe_portal.roles import Role, has_role
from huanghe_portal.workdays import add_calendar_days

from .models import DeputySuggestion, Petition, ReceptionDay

READERS = (Role.PETITION_CLERK, Role.LEADER, Role.REPORT_OFFICE)
# Exact identity look-ups, through the keyed hashes (see huanghe_portal/identity_search.py).
IDENTITY_CONDITIONS = {
    identity_search.ID_NUMBER: lambda value: Q(id_number_hash=blind_index(value)),
    identity_search.PHONE: lambda value: Q(phone_hash=blind_index(value)),
}

# The due date of the step now awaited, as SQL (Petition.current_due in Python).
CURRENT_DUE = Case(
    When(status=Petition.Status.REGISTERED, then=F("acceptance_due")),
    When(status=Petition.Status.ACCEPTED, then=F("handling_due")),
    When(status=Petition.Status.UNDER_REVIEW, then=F("review_due")),
    default=Value(None),
    output_field=DateField(),
)


def overdue_q(today: dt.date) -> Q:
    """Open petitions whose awaited step's due date has passed (the explicit status list lets
    PostgreSQL use the partial index of open petitions)."""
    return Q(status__in=Petition.OPEN_STATUSES) & (
        Q(status=Petition.Status.REGISTERED, acceptance_due__lt=today)
        | Q(status=Petition.Status.ACCEPTED, handling_due__lt=today)
        | Q(status=Petition.Status.UNDER_REVIEW, review_due__lt=today)
    )


def with_overdue(qs: QuerySet[Petition], today: dt.date | None = None) -> QuerySet[Petition]:
    today = today or timezone.localdate()
    return qs.annotate(
        due=CURRENT_DUE,
        overdue=Case(When(overdue_q(today), then=Value(True)), default=Value(False)),
    )


SEALED_REASON = gettext_lazy(
    "检举控告类信访仅登记人和镇领导可见（《信访工作条例》第三十条、第四十六条）。"
)


def sealed_q(user: roles.User, prefix: str = "") -> Q | None:
    """The accusations (检举控告类) `user` may not see: all but those the user registered, for
    every reader except leaders and superusers (信访工作条例 Art 30, 46). None: nothing sealed.
    `prefix` applies the rule to a related petition (`earlier__`)."""
    if user.is_superuser or has_role(user, Role.LEADER):
        return None
    return Q(**{f"{prefix}category": Petition.Category.ACCUSATION}) & ~Q(
        **{f"{prefix}registered_by": user}
    )


class Due(TypedDict):
    due: dt.date  # the due date of the step now awaited (CURRENT_DUE; open petitions have one)


def petitions_visible_to(user: roles.User) -> QuerySet[Petition]:
    """Accusations only for the registering clerk, leaders and superusers; other petitions for
    the area's readers. Each row carries `repeat_shown` and `earlier_shown_id`: the repeat mark
    and the earlier petition as this user may see them, so that a sealed earlier accusation is
    neither named nor hinted at (a repeat whose earlier petition one cannot open can only be an
    accusation)."""
    if not has_role(user, *READERS):
        return Petition.objects.none()
    qs = with_overdue(Petition.objects.select_related("village", "leader_in_charge"))
    sealed = sealed_q(user)
    if sealed is None:
        return qs.annotate(repeat_shown=F("is_repeat"), earlier_shown_id=F("earlier_id"))
    earlier_sealed = sealed_q(user, "earlier__")
    return qs.exclude(sealed).annotate(
        repeat_shown=Case(
            When(earlier_sealed, then=Value(False)),
            default=F("is_repeat"),
            output_field=BooleanField(),
        ),
        earlier_shown_id=Case(
            When(earlier_sealed, then=Value(None)),
            default=F("earlier_id"),
            output_field=BigIntegerField(),
        ),
    )


def petitioner_names() -> QuerySet:
    """Names of every petitioner (no petition is public), for the personal-data gate before
    publication (registered in apps.py)."""
    return Petition.objects.values_list("petitioner_name", flat=True).distinct()


def petitions_published() -> QuerySet[Petition]:
    return Petition.objects.none()


def filter_petitions(qs: QuerySet[Petition], params, user) -> QuerySet[Petition]:
    """The register's filters, shared by the HTML list, the API and the ledger export."""
    for field in ("status", "channel", "source", "category", "outcome"):
        if value := params.get(field):
            qs = qs.filter(**{field: value})
    if (village := params.get("village", "")) and str(village).isdigit():
        qs = qs.filter(village_id=int(village))
    if (leader := params.get("leader", "")) and str(leader).isdigit():
        qs = qs.filter(leader_in_charge_id=int(leader))
    if params.get("overdue") in ("1", "true", "yes", True):
        qs = qs.filter(overdue_q(timezone.localdate()))
    if params.get("mine") in ("1", "true"):
        qs = qs.filter(Q(registered_by=user) | Q(leader_in_charge=user))
    if params.get("hotline") in ("0", "1"):  # 12345 tickets apart from 信访 (the report's figures)
        hotline = Q(source=Petition.Source.HOTLINE_12345)
        qs = qs.filter(hotline) if params["hotline"] == "1" else qs.exclude(hotline)
    if params.get("repeat") in ("1", "true"):
        qs = qs.filter(Q(repeat_shown=True))  # a Q: the type checker knows no annotations
    if params.get("late") in ("1", "true"):
        qs = qs.filter(replied_on__gt=F("handling_due"))
    if year := parse_year(params.get("year")):
        by = {
            "received": "received_on",
            "accepted": "accepted_on",
            "replied": "replied_on",
            "extended": "extended_on",
            "review": "review_requested_on",
            "not_accepted": "not_accepted_on",
        }.get(params.get("by", ""), "received_on")
        qs = qs.filter(**{f"{by}__year": year})
        if params.get("status") != Petition.Status.VOIDED:
            qs = qs.exclude(status=Petition.Status.VOIDED)
    if q := (params.get("q") or params.get("search") or "").strip():
        found = identity_search.filter_by_identity(
            user, qs, q, owner_role=Role.PETITION_CLERK, conditions=IDENTITY_CONDITIONS
        )
        if found is not None:
            return found
        qs = qs.filter(
            Q(number__icontains=q)
            | Q(summary__icontains=q)
            | Q(petitioner_name__icontains=q)
            | Q(hotline_ticket_no=q)
            | Q(xinfang_system_no=q)
        )
    return qs


def petitions_due_within(today: dt.date, days: int) -> QuerySet[WithAnnotations[Petition, Due]]:
    """Open petitions due within `days` or already overdue, with `due` annotated."""
    horizon = add_calendar_days(today, days)
    return (
        Petition.objects.filter(status__in=Petition.OPEN_STATUSES)
        .filter(
            Q(status=Petition.Status.REGISTERED, acceptance_due__lte=horizon)
            | Q(status=Petition.Status.ACCEPTED, handling_due__lte=horizon)
            | Q(status=Petition.Status.UNDER_REVIEW, review_due__lte=horizon)
        )
        .annotate(due=CURRENT_DUE)
    )


def reception_days_visible_to(user: roles.User) -> QuerySet[ReceptionDay]:
    if not has_role(user, *READERS):
        return ReceptionDay.objects.none()
    return ReceptionDay.objects.all()


def reception_days_published() -> QuerySet[ReceptionDay]:
    return ReceptionDay.objects.filter(voided=False)


def suggestions_visible_to(user: roles.User) -> QuerySet[DeputySuggestion]:
    if not has_role(user, *READERS):
        return DeputySuggestion.objects.none()
    today = timezone.localdate()
    return DeputySuggestion.objects.annotate(
        overdue=Case(
            When(status=DeputySuggestion.Status.ASSIGNED, reply_due__lt=today, then=Value(True)),
            default=Value(False),
        )
    )


def suggestions_published() -> QuerySet[DeputySuggestion]:
    return DeputySuggestion.objects.filter(published=True, status=DeputySuggestion.Status.REPLIED)


def suggestions_due_within(today: dt.date, days: int) -> QuerySet[DeputySuggestion]:
    return DeputySuggestion.objects.filter(
        status=DeputySuggestion.Status.ASSIGNED, reply_due__lte=add_calendar_days(today, days)
    )


def petition_by_tracking_code(code: str) -> Petition | None:
    if not code:
        return None
    return (
        Petition.objects.filter(tracking_code=code).exclude(status=Petition.Status.VOIDED).first()
    )


def find_earlier(*, id_number: str = "", phone: str = "", exclude_pk: int | None = None):
    """The latest earlier petition by the keyed hash of the ID number or the phone."""
    hashes = Q()
    if id_number:
        hashes |= Q(id_number_hash=blind_index(id_number))
    if phone:
        hashes |= Q(phone_hash=blind_index(normalize_phone(phone)))
    if not hashes:
        return None
    qs = Petition.objects.filter(hashes).exclude(status=Petition.Status.VOIDED)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.order_by("-received_on", "-pk").first()
