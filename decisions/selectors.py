"""Who sees which records of the decisions area, and the list filters (used by the HTML views,
the API, exports and the figures)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from huanghe_portal import roles
from huanghe_portal.limits import parse_year
from huanghe_portal.roles import Role, has_role, is_staff_member

from .models import (
    CommentWindow,
    DecisionCatalogItem,
    Hearing,
    Kind,
    LegalAdviser,
    LegalityReview,
    Matter,
    Meeting,
    MeetingView,
    PublicComment,
)

SORTS = {
    "opened": ("opened_on", "id"),
    "-opened": ("-opened_on", "-id"),
    "title": ("title", "id"),
    "-title": ("-title", "-id"),
    "status": ("status", "-opened_on", "-id"),
    "kind": ("kind", "-opened_on", "-id"),
}
# Which date a year filter counts by (the figures' definitions in report.py): the child table
# and the path to the matter, so the filter reads the child's date index without a join.
YEAR_BY = {
    "concluded": (LegalityReview, "concluded_on", "matter_id"),
    "discussed": (Meeting, "held_on", "matter_id"),
    "hearing": (Hearing, "held_on", "matter_id"),
    "comment": (PublicComment, "submitted_on", "window__matter_id"),
}


def matters_visible_to(user: roles.User) -> QuerySet[Matter]:
    """All staff roles read decisions (API.md: who may do what)."""
    if not is_staff_member(user):
        return Matter.objects.none()
    return Matter.objects.all()


def with_records(qs: QuerySet[Matter]) -> QuerySet[Matter]:
    """A matter with every procedure record, for the detail page and the API's answer."""
    views = Prefetch("views", MeetingView.objects.order_by("position"))
    return qs.prefetch_related(
        "comment_windows__comments",
        "hearings",
        "expert_reviews",
        "risk_assessments",
        "reviews__reviewer__portal_profile",
        "evaluations",
        Prefetch("meetings", Meeting.objects.prefetch_related(views)),
    )


def matters_published() -> QuerySet[Matter]:
    return Matter.objects.filter(status=Matter.Status.PUBLISHED)


def meetings_visible_to(user: roles.User) -> QuerySet[Meeting]:
    return Meeting.objects.filter(matter__in=matters_visible_to(user))


def advisers_visible_to(user: roles.User) -> QuerySet[LegalAdviser]:
    if not is_staff_member(user):
        return LegalAdviser.objects.none()
    return LegalAdviser.objects.select_related("user")


def catalogue_visible_to(user: roles.User) -> QuerySet[DecisionCatalogItem]:
    if not is_staff_member(user):
        return DecisionCatalogItem.objects.none()
    return DecisionCatalogItem.objects.annotate(matter_count=Count("matters")).order_by(
        "-year", "pk"
    )


def advisers_in_year(qs: QuerySet[LegalAdviser], year: int) -> QuerySet[LegalAdviser]:
    """Advisers whose term overlaps the year (decisions.legal_advisers)."""
    return qs.filter(
        voided=False, term_start__lte=dt.date(year, 12, 31), term_end__gte=dt.date(year, 1, 1)
    )


def reviews_visible_to(user: roles.User) -> QuerySet[LegalityReview]:
    return LegalityReview.objects.filter(matter__in=matters_visible_to(user))


def waiting_for(user: roles.User) -> Q:
    """Matters on which the user has the next step to take."""
    condition = Q(pk__in=[])
    if has_role(user, Role.LEGAL_REVIEWER, Role.LEGAL_ADVISER):
        condition |= Q(status=Matter.Status.UNDER_REVIEW, current_reviewer=user)
    if has_role(user, Role.LEADER):
        condition |= Q(status=Matter.Status.DISCUSSED, decided_on__isnull=False)
        condition |= Q(status=Matter.Status.REVIEWED)
    if has_role(user, Role.REPORT_OFFICE):
        condition |= Q(status__in=[Matter.Status.DRAFT, Matter.Status.SIGNED_OFF])
    return condition


def filter_matters(
    qs: QuerySet[Matter], params: Mapping[str, str], user: roles.User
) -> QuerySet[Matter]:
    """The list filters of the staff page and the API: q, kind, status (voided ones only when
    asked for), year (+ by), reviewer, mine (waiting for me), sort. Unknown values are ignored."""
    if q := (params.get("q") or params.get("search") or "").strip():
        qs = qs.filter(
            Q(title__icontains=q) | Q(sponsor_unit__icontains=q) | Q(summary__icontains=q)
        )
    if (kind := params.get("kind")) in Kind.values:
        qs = qs.filter(kind=kind)
    if (status := params.get("status")) in Matter.Status.values:
        qs = qs.filter(status=status)
    else:
        # Voided records are left out of every figure, so of the lists behind them too.
        qs = qs.exclude(status=Matter.Status.VOIDED)
    if year := parse_year(params.get("year")):
        by = params.get("by") or "opened"
        if by in YEAR_BY:
            model, field, path = YEAR_BY[by]
            qs = qs.filter(
                pk__in=model.objects.filter(**{f"{field}__year": year}).values(path)
            )
        elif by == "published":
            qs = qs.filter(published_on__year=year)
        else:
            qs = qs.filter(opened_on__year=year)
    if (reviewer := params.get("reviewer") or "").isdigit():
        qs = qs.filter(current_reviewer_id=int(reviewer))
    if params.get("mine") in ("1", "true", "on"):
        qs = qs.filter(waiting_for(user))
    if params.get("result") in LegalityReview.Result.values:
        qs = qs.filter(last_result=params["result"])
    return qs.order_by(*SORTS.get(params.get("sort") or "", SORTS["-opened"]))


def matter_list(user: roles.User, params: Mapping[str, str]) -> QuerySet[Matter]:
    qs = matters_visible_to(user).select_related("current_reviewer__portal_profile")
    return filter_matters(qs, params, user)


def review_queue(user: roles.User) -> QuerySet[LegalityReview]:
    """Open reviews: one's own; a legal reviewer (司法所) also sees every open one."""
    qs = reviews_visible_to(user).filter(
        concluded_on__isnull=True, matter__status=Matter.Status.UNDER_REVIEW
    )
    if not has_role(user, Role.LEGAL_REVIEWER):
        qs = qs.filter(reviewer=user)
    return qs.select_related("matter", "reviewer__portal_profile").order_by("submitted_on", "pk")


def signoff_queue(user: roles.User) -> QuerySet[Matter]:
    """Adopted matters waiting for a leader's signature."""
    return (
        matters_visible_to(user)
        .filter(status=Matter.Status.DISCUSSED, decided_on__isnull=False)
        .order_by("decided_on", "pk")
    )


# How long a closed comment window stays on the public list of drafts (its page stays on).
RECENTLY_CLOSED_DAYS = 180


def open_windows(today: dt.date | None = None) -> QuerySet[CommentWindow]:
    """Drafts open for public comment today (public site): the only ones taking comments."""
    today = today or timezone.localdate()
    return (
        CommentWindow.objects.filter(
            opens_on__lte=today, closes_on__gte=today, matter__status__in=Matter.OPEN_STATUSES
        )
        .select_related("matter")
        .order_by("closes_on", "pk")
    )


def public_windows(today: dt.date | None = None) -> QuerySet[CommentWindow]:
    """Every comment window the public may read: any window that has opened, of a matter that
    was not voided, open or closed, with its comment and adopted counts (决策条例 Art 18)."""
    today = today or timezone.localdate()
    return (
        CommentWindow.objects.filter(opens_on__lte=today)
        .exclude(matter__status=Matter.Status.VOIDED)
        .select_related("matter")
        .annotate(
            comment_count=Count("comments"),
            adopted_count=Count("comments", filter=Q(comments__adopted=True)),
        )
    )


def recently_closed_windows(today: dt.date | None = None) -> QuerySet[CommentWindow]:
    """Public windows no longer taking comments that closed in the last RECENTLY_CLOSED_DAYS,
    newest first (the public list shows them with their result)."""
    today = today or timezone.localdate()
    return (
        public_windows(today)
        .exclude(pk__in=open_windows(today).values("pk"))
        .filter(closes_on__gte=today - dt.timedelta(days=RECENTLY_CLOSED_DAYS))
        .order_by("-closes_on", "-pk")
    )
