"""Which mediation records a user may see, the list filters shared by pages, API and exports,
and the look-ups of the detail page."""

from __future__ import annotations

import re
from typing import cast

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from huanghe_portal import identity_search, roles
from huanghe_portal.limits import parse_year
from huanghe_portal.models import Village
from huanghe_portal.people import display_name
from huanghe_portal.personal_data import blind_index
from huanghe_portal.roles import Role, has_role

from .models import CATEGORY_CHOICES, Committee, Dispute, Party, ScreeningRound

User = get_user_model()
READERS = (Role.MEDIATOR, Role.LEADER, Role.REPORT_OFFICE)
OUTCOMES = {"rejected", "succeeded", "failed", "withdrawn"}
NUMBER_LIKE = re.compile(r"^\S+调〔\d{4}〕\d+号$")
# Exact identity look-ups (a reveal: see huanghe_portal/identity_search.py). Encrypted at rest:
# ID numbers are found through their keyed hash only.
IDENTITY_CONDITIONS = {
    identity_search.ID_NUMBER: lambda value: Q(
        pk__in=Party.objects.filter(id_number_index=blind_index(value)).values("dispute_id")
    ),
    identity_search.CREDIT_CODE: lambda value: Q(
        pk__in=Party.objects.filter(credit_code=value).values("dispute_id")
    ),
    identity_search.PHONE: lambda value: Q(
        pk__in=Party.objects.filter(phone_index=blind_index(value)).values("dispute_id")
    ),
}


def private_party_names() -> QuerySet:
    """Names of the natural-person parties of cases not mediated in public (调解法 Art 23),
    for the personal-data gate before publication (registered in apps.py)."""
    return (
        Party.objects.filter(kind=Party.Kind.PERSON, dispute__is_public=False)
        .values_list("name", flat=True)
        .distinct()
    )


def disputes_visible_to(user: roles.User) -> QuerySet[Dispute]:
    """Mediators, leaders and the office read every case; other staff see none (404)."""
    if not has_role(user, *READERS):
        return Dispute.objects.none()
    return Dispute.objects.all()


def committees_visible_to(user: roles.User) -> QuerySet[Committee]:
    if not has_role(user, *READERS):
        return Committee.objects.none()
    return Committee.objects.select_related("village")


def screening_rounds_visible_to(user: roles.User) -> QuerySet[ScreeningRound]:
    if not has_role(user, *READERS):
        return ScreeningRound.objects.none()
    return ScreeningRound.objects.select_related("committee")


def mediators() -> QuerySet:
    return (
        User.objects.filter(is_active=True, groups__name=Role.MEDIATOR)
        .select_related("portal_profile")
        .order_by("username")
    )


class DisputeFilter(django_filters.FilterSet):
    """The filters of the staff list, the API list and the ledger export (one definition)."""

    q = django_filters.CharFilter(method="filter_search", label=_("搜索"))
    search = django_filters.CharFilter(method="filter_search", label=_("搜索"))
    status = django_filters.ChoiceFilter(
        choices=Dispute.Status.choices, label=_("状态"), empty_label=_("全部状态")
    )
    category = django_filters.ChoiceFilter(
        choices=CATEGORY_CHOICES, label=_("纠纷类别"), empty_label=_("全部类别")
    )
    # Ids, not model choices: validating a choice would cost a query on every page view; the
    # options are rendered from filter_choices().
    village = django_filters.NumberFilter(
        field_name="village_id", label=_("村（社区）"), widget=forms.Select
    )
    year = django_filters.NumberFilter(method="filter_year", label=_("年度"))
    by = django_filters.ChoiceFilter(
        choices=[
            ("received", _("按登记日期")),
            ("accepted", _("按受理日期")),
            ("closed", _("按结案日期")),
        ],
        method="filter_noop",
        label=_("年度口径"),
        empty_label=_("按登记日期"),
    )
    outcome = django_filters.ChoiceFilter(
        choices=[(s, label) for s, label in Dispute.Status.choices if s in OUTCOMES],
        label=_("办理结果"),
        empty_label=_("全部结果"),
        method="filter_outcome",
    )
    mediator = django_filters.NumberFilter(
        method="filter_mediator", label=_("调解员"), widget=forms.Select
    )
    overdue = django_filters.ChoiceFilter(
        choices=[("true", _("仅看超期")), ("false", _("未超期"))],
        method="filter_overdue",
        label=_("超过一个月未结"),
        empty_label=_("全部"),
    )
    ordering = django_filters.OrderingFilter(
        fields=[
            ("received_on", "received_on"),
            ("sequence", "sequence"),
            ("closed_on", "closed_on"),
            ("mediation_due", "mediation_due"),
            ("status", "status"),
        ],
        field_labels={
            "received_on": _("登记日期"),
            "closed_on": _("结案日期"),
            "mediation_due": _("调解期限"),
            "status": _("状态"),
            "sequence": _("序号"),
        },
        label=_("排序"),
        empty_label=_("默认排序"),
    )

    class Meta:
        model = Dispute
        fields = ["status", "category", "village"]

    def __init__(self, *args, user: roles.User | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The API's filter backend passes the request; the pages and the export the user.
        self.user = user or getattr(self.request, "user", None)

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # Voided cases (entered by mistake) are listed only when asked for by status, so that a
        # list and the figure it explains count the same records.
        if self.form.cleaned_data.get("status") != Dispute.Status.VOIDED:
            queryset = queryset.exclude(status=Dispute.Status.VOIDED)
        return super().filter_queryset(queryset)

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        # The lists, the API and the export that use these filters are for signed-in staff.
        assert isinstance(self.user, User)
        found = identity_search.filter_by_identity(
            self.user, queryset, value, owner_role=Role.MEDIATOR, conditions=IDENTITY_CONDITIONS
        )
        if found is not None:
            return found
        if NUMBER_LIKE.search(value):
            return queryset.filter(number=value)
        if len(value) < 3:
            # Too short for the trigram indexes: a complete party name (most names have two or
            # three characters), found through the name index.
            names = Party.objects.filter(name=value).values("dispute_id")
            return queryset.filter(pk__in=names)
        return queryset.filter(
            Q(number__icontains=value)
            | Q(party_names__icontains=value)
            | Q(summary__icontains=value)
        )

    def filter_year(self, queryset: QuerySet, name: str, value) -> QuerySet:
        year = parse_year(value)
        if year is None:
            return queryset
        by = self.data.get("by")
        if by in ("closed", "accepted"):
            return queryset.filter(**{f"{by}_on__year": year})
        return queryset.filter(received_on__year=year)

    def filter_outcome(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Voided cases keep their outcome but count nowhere.
        if not value:
            return queryset
        return queryset.filter(outcome=value).exclude(status=Dispute.Status.VOIDED)

    def filter_noop(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset

    def filter_mediator(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(mediators__id=value) if value else queryset

    def filter_overdue(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if not value:
            return queryset
        overdue = Q(status=Dispute.Status.ACCEPTED, mediation_due__lt=timezone.localdate())
        return queryset.filter(overdue) if value == "true" else queryset.exclude(overdue)


def dispute_list(user: roles.User, params) -> tuple[QuerySet[Dispute], DisputeFilter]:
    """The filtered staff list: one query for the page and one for the count."""
    base = disputes_visible_to(user).select_related("village")
    filterset = DisputeFilter(params if params is not None else {}, queryset=base, user=user)
    queryset = filterset.qs if filterset.is_valid() else base.none()
    for name, choices in filter_choices().items():
        # Rendered from a short-lived cache: the select boxes cost no query per page view.
        filterset.form.fields[name].widget.choices = choices
    for field in filterset.form.fields.values():
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs.setdefault("class", css)
    if not queryset.query.order_by:
        queryset = queryset.order_by("-received_on", "-sequence")
    return queryset, filterset


def mediators_prefetch() -> Prefetch:
    return Prefetch("mediators", queryset=User.objects.select_related("portal_profile"))


def filter_choices() -> dict[str, list[tuple]]:
    """The village and mediator options of the list filters, cached for a minute."""

    def build() -> dict[str, list[tuple]]:
        return {
            "village": [("", gettext("全部村（社区）"))]
            + list(Village.objects.order_by("code").values_list("pk", "name")),
            "mediator": [("", gettext("全部调解员"))]
            + [(u.pk, display_name(u)) for u in mediators()],
        }

    # With a callable default, get_or_set returns a value (the stubs allow for None).
    return cast(dict[str, list[tuple]], cache.get_or_set("disputes:list-filter-choices", build, 60))


def dispute_detail(user: roles.User) -> QuerySet[Dispute]:
    return (
        disputes_visible_to(user)
        .select_related(
            "village", "committee", "registered_by", "agreement", "judicial_confirmation"
        )
        .prefetch_related("parties", "sessions")
    )


def committee_warnings(committee: Committee) -> list[str]:
    """调解法 Art 8: a committee includes a woman and, in a multi-ethnic area, a minority member."""
    members = [m for m in committee.members.all() if m.is_active]
    warnings = []
    if not 3 <= len(members) <= 9:
        warnings.append(gettext("调委会由委员三至九人组成，现有%(n)s人。") % {"n": len(members)})
    if not any(m.gender == m.Gender.FEMALE for m in members):
        warnings.append(gettext("调委会应当有妇女成员（人民调解法第八条）。"))
    if not any(m.is_minority for m in members):
        warnings.append(
            gettext("多民族居住地区的调委会应当有人数较少民族的成员（人民调解法第八条）。")
        )
    return warnings
