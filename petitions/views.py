"""Staff pages of the petitions area (thin: selector in, service out) and public pages."""

from __future__ import annotations

import calendar
import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from huanghe_portal import attachments, due_dates, handover, notify_applicant, timeline
from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.ledgers import XLSX_CONTENT_TYPE, LedgerImportError
from huanghe_portal.limits import parse_year
from huanghe_portal.models import Village
from huanghe_portal.personal_data import personal_value
from huanghe_portal.roles import Role, has_role, require_role
from huanghe_portal.versioning import once
from huanghe_portal.views import StaffRequest, StaffRequiredMixin, staff_required, upload_attachment

from . import forms, ledgers, notices, selectors, services
from .models import DeputySuggestion, Petition

ACTION_LABELS = {
    due_dates.TIMELINE_ACTION: due_dates.TIMELINE_LABEL,
    **notify_applicant.TIMELINE_LABELS,
    "registered": _("登记"),
    "accepted": _("受理"),
    "not_accepted": _("不予受理"),
    "extended": _("延期"),
    "replied": _("答复"),
    "review_requested": _("申请复查"),
    "review_decided": _("复查决定"),
    "satisfaction": _("满意度"),
    "voided": _("作废"),
    "leader_assigned": _("包案领导"),
    "tracking_code_reissued": _("补发查询码"),
    "handed_over_dispute": _("转人民调解"),
    "attachment_added": _("上传附件"),
    "scheduled": _("安排接访"),
    "reception_recorded": _("接访记录"),
    "assigned": _("交办"),
    "feedback": _("代表反馈"),
    "classified": _("补充登记"),
}


def _timeline(obj, user) -> list:
    entries = list(timeline.entries_for(obj).select_related("actor__portal_profile"))
    # An earlier petition (a repeat) is named only to those who may see it.
    earlier_ids = {e.data.get("earlier") for e in entries if e.data.get("earlier")}
    earlier = (
        selectors.petitions_visible_to(user).in_bulk(earlier_ids) if earlier_ids else {}
    )
    for entry in entries:
        entry.earlier = earlier.get(entry.data.get("earlier"))
        entry.label = ACTION_LABELS.get(entry.action, entry.action)
        actor = entry.actor
        entry.actor_name = (
            (getattr(getattr(actor, "portal_profile", None), "full_name", "") or actor.username)
            if actor
            else _("公众（网上提交）")
        )
    return entries


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


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


def _create(request: StaffRequest, form_class, create, title, success,
            roles: tuple[Role, ...] = CLERK) -> HttpResponse:
    """A create page: the form, then the service; the service's refusals land on the form.
    A role that may not create is refused before it sees the form."""
    require_role(request.user, *roles)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            obj = create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, success(obj))
            return redirect(obj)
    return render(
        request,
        "petitions/petition_form.html",
        {"form": form, "form_title": title},
        status=400 if request.method == "POST" else 200,
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
    personal = {
        field: personal_value(user, petition, field, kind=kind, owner_role=Role.PETITION_CLERK)
        for field, kind in (("id_number", "id_number"), ("phone", "phone"))
    }
    personal["address"] = petition.address if has_role(user, Role.PETITION_CLERK) else ""
    return render(
        request,
        "petitions/petition_detail.html",
        {
            "petition": petition,
            "personal": personal,
            "timeline": _timeline(petition, user),
            "attachments": attachments.attachments_of(petition),
            "upload_url": reverse("petitions:petition-attach", args=[pk])
            if has_role(user, Role.PETITION_CLERK)
            else "",
            "steps": _available_steps(petition, user),
            "notices": notices.available(petition),
            "links": handover.links_from(petition),
            "mediation_ready": handover.is_registered("dispute"),
            # The earlier petition is named only to those who may see it (it may be an accusation).
            "earlier": selectors.petitions_visible_to(user)
            .filter(pk=petition.earlier_shown_id)
            .first()
            if petition.earlier_shown_id
            else None,
        },
    )


# Each step: (form, service, success message, states it is offered in).
S = Petition.Status
STEPS = {
    "classify": (
        forms.ClassifyForm,
        services.classify_petition,
        _("登记信息已补充。"),
        {S.REGISTERED},
    ),
    "accept": (forms.AcceptForm, services.accept_petition, _("已受理。"), {S.REGISTERED}),
    "not_accept": (
        forms.NotAcceptForm,
        services.not_accept_petition,
        _("已决定不予受理。"),
        {S.REGISTERED},
    ),
    "extend": (
        forms.ExtendForm,
        services.extend_petition_deadline,
        _("办理期限已延长。"),
        {S.ACCEPTED},
    ),
    "reply": (forms.ReplyForm, services.reply_petition, _("已答复。"), {S.ACCEPTED}),
    "review_request": (
        forms.ReviewRequestForm,
        services.request_review,
        _("已登记复查申请。"),
        {S.REPLIED},
    ),
    "review_result": (
        forms.ReviewResultForm,
        services.record_review_result,
        _("已登记复查结果。"),
        {S.UNDER_REVIEW},
    ),
    "satisfaction": (
        forms.SatisfactionForm,
        services.record_satisfaction,
        _("已登记满意度。"),
        {S.REPLIED, S.CLOSED},
    ),
    "assign_leader": (
        forms.AssignLeaderForm,
        services.assign_leader,
        _("已指定包案领导。"),
        {S.REGISTERED, S.ACCEPTED, S.UNDER_REVIEW, S.REPLIED},
    ),
    "reissue_code": (
        forms.EmptyForm,
        services.reissue_tracking_code,
        _("已补发查询码，原查询码停止使用。"),
        {S.REGISTERED, S.ACCEPTED, S.REPLIED, S.UNDER_REVIEW, S.CLOSED},
    ),
    "refer": (
        forms.MediationForm,
        services.refer_to_mediation,
        _("已转人民调解。"),
        {S.REGISTERED, S.ACCEPTED},
    ),
    "void": (forms.VoidForm, services.void_petition, _("已作废。"), set(S) - {S.VOIDED}),
}
STEP_LABELS = {
    "classify": _("补充登记"),
    "accept": _("受理"),
    "not_accept": _("不予受理"),
    "extend": _("延期"),
    "reply": _("答复"),
    "review_request": _("复查申请"),
    "review_result": _("复查结果"),
    "satisfaction": _("满意度"),
    "assign_leader": _("包案领导"),
    "reissue_code": _("补发查询码"),
    "refer": _("转人民调解"),
    "void": _("作废"),
}


# Who may take a step (the services check again); every other step is the clerk's.
STEP_ROLES = {"assign_leader": CLERK_OR_LEADER}


def _available_steps(petition: Petition, user) -> list[dict]:
    steps = []
    for name, (_form, _service, _msg, states) in STEPS.items():
        if name == "refer" and services.explain_referral_refusal(petition):
            continue
        if petition.status in states and has_role(user, *STEP_ROLES.get(name, CLERK)):
            steps.append(
                {
                    "name": name,
                    "label": STEP_LABELS[name],
                    "url": reverse(
                        f"petitions:petition-{name.replace('_', '-')}", args=[petition.pk]
                    ),
                }
            )
    return steps


@staff_required
def petition_step(request: StaffRequest, pk: int, step: str) -> HttpResponse:
    """One form per workflow step; the service decides on role and state."""
    petition = get_object_or_404(selectors.petitions_visible_to(request.user), pk=pk)
    require_role(request.user, *STEP_ROLES.get(step, CLERK))
    form_class, service, success, _states = STEPS[step]
    form = form_class(request.POST or None, version=petition.version)
    if request.method == "POST" and form.is_valid():
        try:
            result = once(service, petition)(actor=request.user, **form.cleaned_data)
        except TransitionNotAllowed as exc:
            messages.error(request, str(exc))
            return redirect(petition)
        except ValidationError as exc:
            _apply_errors(form, exc)
        except handover.NoHandler:
            messages.error(request, _("人民调解模块尚未启用，无法转交。"))
            return redirect(petition)
        else:
            messages.success(request, success)
            if step == "reissue_code":
                messages.info(request, _("新查询码：%(c)s") % {"c": result.tracking_code})
            return redirect(petition)
    return render(
        request,
        "petitions/petition_step.html",
        {
            "form": form,
            "petition": petition,
            "form_title": f"{STEP_LABELS[step]} · {petition.number}",
        },
        status=400 if request.method == "POST" else 200,
    )


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
def ledger_export(request: StaffRequest) -> HttpResponse:
    if not has_role(request.user, Role.PETITION_CLERK):
        raise PermissionDenied(_("台账导出仅限信访干部。"))
    qs = selectors.filter_petitions(
        selectors.petitions_visible_to(request.user), request.GET, request.user
    )
    response = HttpResponse(ledgers.export(qs), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="petitions-ledger.xlsx"'
    return response


@staff_required
def ledger_import(request: StaffRequest) -> HttpResponse:
    if not has_role(request.user, Role.PETITION_CLERK):
        raise PermissionDenied(_("台账导入仅限信访干部。"))
    form = forms.LedgerUploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            created = ledgers.import_ledger(form.cleaned_data["file"], actor=request.user)
        except LedgerImportError as exc:
            errors = exc.errors
        else:
            messages.success(request, _("已导入%(n)s件。") % {"n": len(created)})
            return redirect("petitions:index")
    return render(
        request,
        "petitions/ledger_import.html",
        {"form": form, "errors": errors, "form_title": _("导入信访登记台账")},
        status=400 if errors else 200,
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
    if request.method == "POST" and form.is_valid():
        try:
            once(services.add_reception_record, day)(actor=request.user, **form.cleaned_data)
        except TransitionNotAllowed as exc:
            messages.error(request, str(exc))
            return redirect(day)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("接访记录已登记。"))
            return redirect(day)
    return render(
        request,
        "petitions/reception_day_detail.html",
        {
            "day": day,
            "records": day.records.select_related("petition"),
            "form": form,
            "timeline": _timeline(day, request.user),
            "void_form": forms.VoidForm(),
            "can_act": has_role(request.user, Role.PETITION_CLERK, Role.LEADER),
            "petitions": selectors.petitions_visible_to(request.user).filter(reception_day=day),
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_required
@require_POST
def reception_day_void(request: StaffRequest, pk: int) -> HttpResponse:
    day = get_object_or_404(selectors.reception_days_visible_to(request.user), pk=pk)
    form = forms.VoidForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
        return redirect(day)
    try:
        services.void_reception_day(day, actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("接访日已作废。"))
    return redirect(day)


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


SUGGESTION_STEPS = {
    "reply": (forms.SuggestionReplyForm, services.reply_suggestion, _("已答复。")),
    "feedback": (forms.SuggestionFeedbackForm, services.record_suggestion_feedback, _("已登记。")),
    "void": (forms.VoidForm, services.void_suggestion, _("已作废。")),
}


@staff_required
def suggestion_detail(request: StaffRequest, pk: int) -> HttpResponse:
    suggestion = get_object_or_404(selectors.suggestions_visible_to(request.user), pk=pk)
    return render(
        request,
        "petitions/suggestion_detail.html",
        {
            "suggestion": suggestion,
            "timeline": _timeline(suggestion, request.user),
            "forms": {name: form() for name, (form, _s, _m) in SUGGESTION_STEPS.items()},
            "is_clerk": has_role(request.user, Role.PETITION_CLERK),
        },
    )


@staff_required
def suggestion_step(request: StaffRequest, pk: int, step: str) -> HttpResponse:
    suggestion = get_object_or_404(selectors.suggestions_visible_to(request.user), pk=pk)
    require_role(request.user, *CLERK)
    form_class, service, success = SUGGESTION_STEPS[step]
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service(suggestion, actor=request.user, **form.cleaned_data)
        except TransitionNotAllowed as exc:
            messages.error(request, str(exc))
            return redirect(suggestion)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect(suggestion)
    return render(
        request,
        "petitions/petition_form.html",
        {"form": form, "form_title": str(suggestion)},
        status=400 if request.method == "POST" else 200,
    )
