"""Staff pages of the petitions area (thin: selector in, service out) and public pages."""

from __future__ import annotations

import calendar
import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from huanghe_portal import attachments, handover, ledger_views, reveal, timeline
from huanghe_portal.ledgers import xlsx_response
from huanghe_portal.limits import parse_year
from huanghe_portal.models import Village
from huanghe_portal.roles import Role, has_role, require_role
from huanghe_portal.steps import Step, Steps, form_page, step_page, void_step
from huanghe_portal.versioning import once
from huanghe_portal.views import StaffRequest, StaffRequiredMixin, staff_required, upload_attachment

from . import forms, ledgers, notices, selectors, services
from .models import DeputySuggestion, Petition


def _timeline(obj, user) -> list:
    entries = timeline.labelled(obj)
    # An earlier petition (a repeat) is named only to those who may see it.
    earlier_ids = {e.data.get("earlier") for e in entries if e.data.get("earlier")}
    earlier = selectors.petitions_visible_to(user).in_bulk(earlier_ids) if earlier_ids else {}
    for entry in entries:
        # An attribute for the template, not a field of the entry.
        setattr(entry, "earlier", earlier.get(entry.data.get("earlier")))  # noqa: B010
    return entries


def _require_reader(user) -> None:
    if not has_role(user, *selectors.READERS):
        raise PermissionDenied(_("您没有访问信访工作的权限。"))


# --- The register -----------------------------------------------------------------------------


class PetitionListView(StaffRequiredMixin, ListView):
    template_name = "petitions/petition_list.html"
    paginate_by = 30
    SORTS = {"received": "-received_on", "-received": "received_on", "due": "due", "number": "seq"}

    def get_queryset(self):
        _require_reader(self.request.user)
        qs = selectors.filter_petitions(
            selectors.petitions_visible_to(self.request.user), self.request.GET, self.request.user
        )
        order = self.SORTS.get(self.request.GET.get("sort", ""), "-received_on")
        return (
            qs.select_related(None)
            .order_by(order, "-pk")
            .only(
                "pk",
                "number",
                "received_on",
                "channel",
                "source",
                "category",
                "petitioner_name",
                "summary",
                "status",
                "acceptance_due",
                "handling_due",
                "review_due",
                "is_repeat",
                "persons_count",
            )
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        # Labels looked up once per page: Model.get_FOO_display re-hashes the lazy choices on
        # every call, which costs more than the database on a 30-row page.
        labels = {
            field: {code: str(label) for code, label in choices}
            for field, choices in (
                ("channel", Petition.Channel.choices),
                ("source", Petition.Source.choices),
                ("category", Petition.Category.choices),
                ("status", Petition.Status.choices),
            )
        }
        for petition in ctx["object_list"]:
            petition.labels = {field: labels[field][getattr(petition, field)] for field in labels}
        ctx.update(
            {
                "statuses": Petition.Status.choices,
                "channels": Petition.Channel.choices,
                "sources": Petition.Source.choices,
                "categories": Petition.Category.choices,
                "villages": Village.objects.filter(is_active=True),
                "leaders": forms.AssignLeaderForm().fields["leader"].queryset,
                "querystring": query.urlencode(),
                "is_clerk": has_role(self.request.user, Role.PETITION_CLERK),
            }
        )
        return ctx


CLERK = (Role.PETITION_CLERK,)
CLERK_OR_LEADER = (Role.PETITION_CLERK, Role.LEADER)


def _create(
    request: StaffRequest, form_class, create, title, success, roles: tuple[Role, ...] = CLERK
) -> HttpResponse:
    """A create page: the form, then the service; the service's refusals land on the form.
    A role that may not create is refused before it sees the form."""
    require_role(request.user, *roles)
    form = form_class(request.POST or None)
    return form_page(
        request,
        form,
        lambda: create(actor=request.user, **form.cleaned_data),
        done=success,
        template="petitions/petition_form.html",
        context={"form_title": title},
    )


@staff_required
def petition_create(request: StaffRequest) -> HttpResponse:
    return _create(
        request,
        forms.PetitionForm,
        services.register_petition,
        _("登记信访件"),
        lambda p: _("已登记，编号 %(n)s。") % {"n": p.number},
    )


@staff_required
def petition_detail(request: StaffRequest, pk: int) -> HttpResponse:
    petition = get_object_or_404(selectors.petitions_visible_to(request.user), pk=pk)
    user = request.user
    personal = reveal.values(
        request,
        petition,
        {"id_number": "id_number", "phone": "phone"},
        owner_role=Role.PETITION_CLERK,
    )
    address = petition.address if has_role(user, Role.PETITION_CLERK) else ""
    return render(
        request,
        "petitions/petition_detail.html",
        {
            "petition": petition,
            "personal": personal,
            "address": address,
            "timeline": _timeline(petition, user),
            "attachments": attachments.attachments_of(petition),
            "upload_url": reverse("petitions:petition-attach", args=[pk])
            if has_role(user, Role.PETITION_CLERK)
            else "",
            "buttons": STEPS.buttons(user, petition),
            "notices": notices.available(petition),
            "links": handover.links_from(petition),
            "mediation_ready": handover.is_registered("dispute"),
            # The earlier petition is named only to those who may see it (it may be an accusation).
            "earlier": selectors.petitions_visible_to(user).filter(pk=earlier_id).first()
            if (earlier_id := getattr(petition, "earlier_shown_id", None))  # the selector's
            else None,
        },
    )


S = Petition.Status


def _referral_blockers(petition: Petition) -> list[str]:
    """Why the petition cannot go to mediation now (the service refuses on the same rule)."""
    blockers = [refusal] if (refusal := services.explain_referral_refusal(petition)) else []
    if not handover.is_registered("dispute"):
        blockers.append(str(_("人民调解模块尚未启用，无法转交。")))
    if (link := handover.links_from(petition, "dispute").first()) is not None:
        handed = handover.AlreadyHandedOver(link)
        blockers.append(
            format_html('{} <a href="{}">{}</a>', str(handed), handed.existing["url"], _("查看"))
            if handed.existing["url"]
            else str(handed)
        )
    return blockers


STEPS = Steps(
    "petitions:petition-{slug}",
    [
        Step(
            "classify",
            forms.ClassifyForm,
            services.classify_petition,
            _("补充登记"),
            _("登记信息已补充。"),
            CLERK,
            states=(S.REGISTERED,),
        ),
        Step(
            "accept",
            forms.AcceptForm,
            services.accept_petition,
            _("受理"),
            _("已受理。"),
            CLERK,
            target=S.ACCEPTED,
        ),
        Step(
            "not-accept",
            forms.NotAcceptForm,
            services.not_accept_petition,
            _("不予受理"),
            _("已决定不予受理。"),
            CLERK,
            target=S.NOT_ACCEPTED,
        ),
        Step(
            "extend",
            forms.ExtendForm,
            services.extend_petition_deadline,
            _("延期"),
            _("办理期限已延长。"),
            CLERK,
            states=(S.ACCEPTED,),
        ),
        Step(
            "reply",
            forms.ReplyForm,
            services.reply_petition,
            _("答复"),
            _("已答复。"),
            CLERK,
            target=S.REPLIED,
        ),
        Step(
            "review-request",
            forms.ReviewRequestForm,
            services.request_review,
            _("复查申请"),
            _("已登记复查申请。"),
            CLERK,
            target=S.UNDER_REVIEW,
        ),
        Step(
            "review-result",
            forms.ReviewResultForm,
            services.record_review_result,
            _("复查结果"),
            _("已登记复查结果。"),
            CLERK,
            target=S.CLOSED,
            states=(S.UNDER_REVIEW,),
        ),
        Step(
            "satisfaction",
            forms.SatisfactionForm,
            services.record_satisfaction,
            _("满意度"),
            _("已登记满意度。"),
            CLERK,
            states=(S.REPLIED, S.CLOSED),
        ),
        Step(
            "assign-leader",
            forms.AssignLeaderForm,
            services.assign_leader,
            _("包案领导"),
            _("已指定包案领导。"),
            CLERK_OR_LEADER,
            states=(S.REGISTERED, S.ACCEPTED, S.UNDER_REVIEW, S.REPLIED),
        ),
        Step(
            "reissue-code",
            forms.EmptyForm,
            services.reissue_tracking_code,
            _("补发查询码"),
            lambda petition: (
                _("已补发查询码，原查询码停止使用。新查询码：%(c)s") % {"c": petition.tracking_code}
            ),
            CLERK,
            states=(S.REGISTERED, S.ACCEPTED, S.REPLIED, S.UNDER_REVIEW, S.CLOSED),
        ),
        Step(
            "refer",
            forms.MediationForm,
            services.refer_to_mediation,
            _("转人民调解"),
            _("已转人民调解。"),
            CLERK,
            states=(S.REGISTERED, S.ACCEPTED),
            missing=_referral_blockers,
            when=lambda p: not _referral_blockers(p),
        ),
        void_step(services.void_petition, CLERK, target=S.VOIDED),
    ],
    context_name="petition",
)


@staff_required
def petition_step(request: StaffRequest, pk: int, step: str) -> HttpResponse:
    """One form per workflow step; the service decides on role and state."""
    petition = get_object_or_404(selectors.petitions_visible_to(request.user), pk=pk)
    return step_page(request, STEPS, petition, step, template="petitions/petition_step.html")


@staff_required
@require_POST
def petition_attach(request: StaffRequest, pk: int) -> HttpResponse:
    petition = get_object_or_404(selectors.petitions_visible_to(request.user), pk=pk)
    if not has_role(request.user, Role.PETITION_CLERK):
        raise PermissionDenied(_("此操作仅限信访干部。"))
    return upload_attachment(request, petition)


@staff_required
def petition_notice(request: StaffRequest, pk: int, kind: str) -> HttpResponse:
    petition = get_object_or_404(selectors.petitions_visible_to(request.user), pk=pk)
    if kind not in notices.available(petition):
        raise Http404
    data = notices.render(petition, kind)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="petition-{petition.pk}-{kind}.pdf"'
    return response


# --- Ledger -----------------------------------------------------------------------------------


@staff_required
def ledger_export(request: StaffRequest) -> HttpResponseBase:
    if not has_role(request.user, Role.PETITION_CLERK):
        raise PermissionDenied(_("台账导出仅限信访干部。"))
    qs = selectors.filter_petitions(
        selectors.petitions_visible_to(request.user), request.GET, request.user
    )
    return ledger_views.export_with_reason(
        request,
        title=ledgers.TITLE,
        identities=ledgers.identities_in(qs),
        unmasked=True,  # the clerks' register holds ID numbers and phones as written
        download=lambda reason: xlsx_response(
            ledgers.COLUMNS,
            ledgers.export_rows(qs, user=request.user, reason=reason),
            title=ledgers.TITLE,
            filename="petitions-ledger.xlsx",
        ),
    )


# --- Reception days ---------------------------------------------------------------------------


def _month(request: StaffRequest) -> dt.date:
    try:
        year, month = map(int, request.GET.get("month", "").split("-"))
        return dt.date(year, month, 1)
    except ValueError:
        return timezone.localdate().replace(day=1)


@staff_required
def reception_day_list(request: StaffRequest) -> HttpResponse:
    """The reception-day calendar, one month at a time."""
    _require_reader(request.user)
    first = _month(request)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    days = (
        selectors.reception_days_visible_to(request.user)
        .filter(date__gte=first, date__lte=last)
        .prefetch_related("records")
        .order_by("date")
    )
    by_date: dict[dt.date, list] = {}
    for day in days:
        by_date.setdefault(day.date, []).append(day)
    weeks = [
        [(d, by_date.get(d, [])) if d.month == first.month else (None, []) for d in week]
        for week in calendar.Calendar().monthdatescalendar(first.year, first.month)
    ]
    prev_month = (first - dt.timedelta(days=1)).replace(day=1)
    next_month = last + dt.timedelta(days=1)
    return render(
        request,
        "petitions/reception_day_list.html",
        {
            "weeks": weeks,
            "first": first,
            "days": days,
            "prev": f"{prev_month:%Y-%m}",
            "next": f"{next_month:%Y-%m}",
            "can_create": has_role(request.user, Role.PETITION_CLERK, Role.LEADER),
        },
    )


@staff_required
def reception_day_create(request: StaffRequest) -> HttpResponse:
    return _create(
        request,
        forms.ReceptionDayForm,
        services.create_reception_day,
        _("安排领导接访日"),
        lambda d: _("接访日已安排。"),
        roles=CLERK_OR_LEADER,
    )


@staff_required
def reception_day_detail(request: StaffRequest, pk: int) -> HttpResponse:
    day = get_object_or_404(selectors.reception_days_visible_to(request.user), pk=pk)
    form = forms.ReceptionRecordForm(request.POST or None, version=day.version)
    return form_page(
        request,
        form,
        lambda: once(services.add_reception_record, day)(actor=request.user, **form.cleaned_data),
        done=_("接访记录已登记。"),
        then=day,
        template="petitions/reception_day_detail.html",
        context={
            "day": day,
            "records": day.records.select_related("petition"),
            "timeline": _timeline(day, request.user),
            "void_form": forms.VoidForm(),
            "can_act": has_role(request.user, Role.PETITION_CLERK, Role.LEADER),
            "petitions": selectors.petitions_visible_to(request.user).filter(reception_day=day),
        },
    )


RECEPTION_DAY_STEPS = Steps(
    "petitions:reception-day-{slug}",
    [void_step(services.void_reception_day, CLERK_OR_LEADER)],
    context_name="day",
)


@staff_required
@require_POST
def reception_day_void(request: StaffRequest, pk: int) -> HttpResponse:
    """The day's inline void form posts here; a refusal is shown on the step page."""
    day = get_object_or_404(selectors.reception_days_visible_to(request.user), pk=pk)
    return step_page(request, RECEPTION_DAY_STEPS, day, "void")


# --- Deputies' suggestions --------------------------------------------------------------------


class SuggestionListView(StaffRequiredMixin, ListView):
    template_name = "petitions/suggestion_list.html"
    paginate_by = 30

    def get_queryset(self):
        _require_reader(self.request.user)
        qs = selectors.suggestions_visible_to(self.request.user)
        params = self.request.GET
        if status := params.get("status"):
            qs = qs.filter(status=status)
        if year := parse_year(params.get("year")):
            by = "replied_on" if params.get("by") == "replied" else "assigned_on"
            qs = qs.filter(**{f"{by}__year": year}).exclude(status="voided")
        if q := params.get("q", "").strip():
            qs = qs.filter(deputy_name__icontains=q) | qs.filter(summary__icontains=q)
        return qs

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "statuses": DeputySuggestion.Status.choices}


@staff_required
def suggestion_create(request: StaffRequest) -> HttpResponse:
    return _create(
        request,
        forms.SuggestionForm,
        services.create_suggestion,
        _("登记人大代表建议"),
        lambda s: _("代表建议已登记。"),
    )


DS = DeputySuggestion.Status
SUGGESTION_STEPS = Steps(
    "petitions:suggestion-{slug}",
    [
        Step(
            "reply",
            forms.SuggestionReplyForm,
            services.reply_suggestion,
            _("答复"),
            _("已答复。"),
            CLERK,
            target=DS.REPLIED,
        ),
        Step(
            "feedback",
            forms.SuggestionFeedbackForm,
            services.record_suggestion_feedback,
            _("代表反馈与公开"),
            _("已登记。"),
            CLERK,
            states=(DS.REPLIED,),
        ),
        void_step(services.void_suggestion, CLERK, target=DS.VOIDED),
    ],
    context_name="suggestion",
)


@staff_required
def suggestion_detail(request: StaffRequest, pk: int) -> HttpResponse:
    suggestion = get_object_or_404(selectors.suggestions_visible_to(request.user), pk=pk)
    return render(
        request,
        "petitions/suggestion_detail.html",
        {
            "suggestion": suggestion,
            "timeline": _timeline(suggestion, request.user),
            "forms": {slug: SUGGESTION_STEPS[slug].form() for slug in SUGGESTION_STEPS},
            "is_clerk": has_role(request.user, Role.PETITION_CLERK),
        },
    )


@staff_required
def suggestion_step(request: StaffRequest, pk: int, step: str) -> HttpResponse:
    suggestion = get_object_or_404(selectors.suggestions_visible_to(request.user), pk=pk)
    return step_page(request, SUGGESTION_STEPS, suggestion, step)
