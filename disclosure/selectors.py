"""Which disclosure records a user may see; `items_published()` is the only public source."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from huanghe_portal import identity_search, public_cache, roles
from huanghe_portal.limits import parse_year
from huanghe_portal.personal_data import blind_index
from huanghe_portal.roles import Role, has_role
from huanghe_portal.workdays import add_workdays

from . import search
from .models import Application, Category, Item

READERS = (Role.DISCLOSURE_OFFICER, Role.LEADER, Role.REPORT_OFFICE)
# Exact identity look-ups of applicants (see huanghe_portal/identity_search.py).
IDENTITY_CONDITIONS = {
    identity_search.ID_NUMBER: lambda value: Q(id_number_index=blind_index(value)),
    identity_search.CREDIT_CODE: lambda value: Q(credit_code=value),
    identity_search.PHONE: lambda value: Q(phone_index=blind_index(value)),
}


def items_published() -> QuerySet[Item]:
    """Every public channel (pages, API, feed, search, sitemap) reads items through this."""
    return Item.objects.filter(status=Item.Status.PUBLISHED).select_related("category")


def published_count(qs: QuerySet[Item, Any], key: str) -> int:
    """The count of a public listing, cached until the catalogue next changes."""
    digest = hashlib.sha256(key.encode()).hexdigest()
    return public_cache.remember("disclosure", f"count:{digest}", qs.count)


def items_visible_to(user: roles.User) -> QuerySet[Item]:
    if has_role(user, *READERS):
        return Item.objects.select_related("category", "reviewed_by")
    return Item.objects.none()


def search_published(query: str) -> QuerySet[Item]:
    return search.filter_items(items_published(), query)


def categories() -> QuerySet[Category]:
    return Category.objects.filter(is_active=True).select_related("parent")


def category_tree() -> dict:
    """The public category tree as plain dicts, built once per catalogue change (no query per
    page): `roots` (active top-level categories, each with its active `subcategories`) and
    `by_code` (every active category, with `descendants`: the ids its page lists)."""
    return public_cache.remember("disclosure", "category-tree", _build_category_tree)


def _build_category_tree() -> dict:
    rows: list[dict[str, Any]] = [
        dict(row)
        for row in Category.objects.order_by("order", "pk").values(
            "pk", "code", "name", "basis", "parent_id", "is_active"
        )
    ]
    children: dict[int | None, list[dict]] = {}
    for row in rows:
        children.setdefault(row["parent_id"], []).append(row)

    def descendants(pk: int) -> list[int]:
        ids = [pk]
        for child in children.get(pk, []):
            ids += descendants(child["pk"])
        return ids

    by_code = {}
    for row in rows:
        if row["is_active"]:
            row["url"] = reverse("disclosure:public-category", args=[row["code"]])
            row["descendants"] = descendants(row["pk"])
            by_code[row["code"]] = row
    for row in by_code.values():
        row["subcategories"] = [c for c in children.get(row["pk"], []) if c["is_active"]]
    roots = [row for row in children.get(None, []) if row["is_active"]]
    return {"roots": roots, "by_code": by_code}


def public_category(code: str) -> dict:
    """An active category of the public tree by its code; 404 for any other."""
    try:
        return category_tree()["by_code"][code]
    except KeyError:
        raise Http404 from None


def applications_visible_to(user: roles.User) -> QuerySet[Application]:
    if has_role(user, *READERS):
        return Application.objects.all()
    return Application.objects.none()


def application_by_code(code: str) -> Application | None:
    return (
        Application.objects.exclude(status=Application.Status.VOIDED)
        .filter(tracking_code=code)
        .first()
    )


# While a correction is awaited the reply clock is not running (条例 Art 30): never due or overdue.
CLOCK_RUNNING = tuple(s for s in Application.OPEN if s != Application.Status.CORRECTION_REQUESTED)


def applications_due_within(days: int, *, today: dt.date | None = None) -> QuerySet[Application]:
    """Open applications whose reply is due within `days` working days, or overdue."""
    today = today or timezone.localdate()
    limit = add_workdays(today, days).due
    return Application.objects.filter(status__in=CLOCK_RUNNING, reply_due__lte=limit)


def applications_overdue(*, today: dt.date | None = None) -> QuerySet[Application]:
    today = today or timezone.localdate()
    return Application.objects.filter(status__in=CLOCK_RUNNING, reply_due__lt=today)


def items_publication_overdue(*, today: dt.date | None = None) -> QuerySet[Item]:
    """Items not yet published past their 条例 Art 26 due date (20 working days)."""
    today = today or timezone.localdate()
    return Item.objects.filter(
        status__in=[Item.Status.DRAFT, Item.Status.REVIEWED], publication_due__lt=today
    )


def applications_fee_overdue(*, today: dt.date | None = None) -> QuerySet[Application]:
    today = today or timezone.localdate()
    return Application.objects.filter(
        status__in=Application.OPEN, fee_paid_on__isnull=True, fee_due__lt=today
    )


def filter_applications(qs: QuerySet[Application], params, user) -> QuerySet[Application]:
    """The staff list's filters: status, outcome, year, due within N days, overdue, search."""
    if params.get("status") in Application.Status.values:
        qs = qs.filter(status=params["status"])
    if params.get("outcome") in Application.Outcome.values:
        qs = qs.filter(outcome=params["outcome"])
    if year := parse_year(params.get("year")):
        by = "concluded_on" if params.get("by") == "concluded" else "received_on"
        qs = qs.filter(**{f"{by}__year": year})
    due = str(params.get("due_within") or "")
    if due.isdigit() and 0 < int(due) <= 60:
        qs = qs.filter(pk__in=applications_due_within(int(due)).values("pk"))
    if params.get("overdue") in ("1", "true", "on"):
        qs = qs.filter(pk__in=applications_overdue().values("pk"))
    term = params.get("q") or params.get("search") or ""
    found = identity_search.filter_by_identity(
        user, qs, term, owner_role=Role.DISCLOSURE_OFFICER, conditions=IDENTITY_CONDITIONS
    )
    if found is not None:
        return found
    q = search.clean_query(term)
    if q:
        qs = (
            qs.filter(applicant_name__icontains=q)
            | qs.filter(description__icontains=q)
            | qs.filter(tracking_code__iexact=q)
        )
    return qs


def application_for_tracking(app: Application) -> dict:
    """What the public tracking page shows: status and dates, no personal data."""
    return {
        "status": app.status,
        "status_display": str(app.get_status_display()),
        "received_on": app.received_on.isoformat(),
        "reply_due": app.reply_due.isoformat(),
        "correction_due": (
            app.correction_deadline.isoformat()
            if app.status == app.Status.CORRECTION_REQUESTED and app.correction_deadline
            else None
        ),
        "replied_on": app.replied_on.isoformat() if app.replied_on else None,
        "outcome": app.outcome or None,
        "outcome_display": str(app.get_outcome_display()) if app.outcome else None,
    }
