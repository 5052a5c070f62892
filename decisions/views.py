"""Staff pages of the decisions area. Thin: a selector to fetch, a service to act."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from huanghe_portal import attachments, timeline
from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.ledgers import XLSX_CONTENT_TYPE, LedgerImportError
from huanghe_portal.limits import parse_year
from huanghe_portal.personal_data import PersonalDataFound
from huanghe_portal.roles import Role, has_role, require_role
from huanghe_portal.versioning import StaleVersion, form_status, once
from huanghe_portal.views import StaffRequest, StaffRequiredMixin, staff_required, upload_attachment

from . import forms, ledgers, pdfs, selectors, services
from .models import DecisionCatalogItem, Kind, LegalAdviser, LegalityReview, Matter, Step

ACTION_LABELS = {
    "created": gettext_lazy("创建事项"),
    "comment_window_opened": gettext_lazy("公开征求意见"),
    "comment_received": gettext_lazy("收到公众意见"),
    "adoption_summarised": gettext_lazy("记录意见采纳情况"),
    "hearing_recorded": gettext_lazy("记录听证会"),
    "expert_review_recorded": gettext_lazy("记录专家论证"),
    "risk_assessed": gettext_lazy("记录风险评估"),
    "review_submitted": gettext_lazy("提交合法性审核"),
    "review_concluded": gettext_lazy("出具合法性审核意见"),
    "opened_on_changed": gettext_lazy("修改启动日期"),
    "discussed": gettext_lazy("集体讨论"),
    "signed_off": gettext_lazy("领导签发"),
    "published": gettext_lazy("公布"),
    "voided": gettext_lazy("作废"),
    "document_registered": gettext_lazy("登记规范性文件"),
    "document_repealed": gettext_lazy("废止规范性文件"),
    "evaluated": gettext_lazy("决策后评估"),
    "attachment_added": gettext_lazy("上传附件"),
    "handed_over_disclosure_item": gettext_lazy("推送至政府信息公开目录"),
    "imported": gettext_lazy("台账导入"),
}


def labelled_timeline(obj) -> list:
    entries = list(timeline.entries_for(obj))
    for entry in entries:
        entry.label = ACTION_LABELS.get(entry.action, entry.action)
    return entries


def _bound(request: StaffRequest, *, files: bool = False) -> tuple:
    """Form data for a POST (even an empty one), nothing for a GET."""
    if request.method != "POST":
        return (None, None) if files else (None,)
    return (request.POST, request.FILES) if files else (request.POST,)


def apply_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (or the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def run_step(
    request: HttpRequest, form, call: Callable, *, done: str, back, then: Callable | None = None
) -> HttpResponse | None:
    """Call a step's service: on success (or a refused transition) redirect with the message;
    on bad input put the service's messages on the form and return None to show it again."""
    try:
        result = call()
    except StaleVersion as exc:
        form.show_conflict(exc.record)
        return None
    except ValidationError as exc:
        apply_errors(form, exc)
        return None
    except PersonalDataFound as exc:
        # Stay on the form: the findings are shown above it, with the field to acknowledge them.
        form.add_error(None, str(exc))
        return None
    except TransitionNotAllowed as exc:
        messages.error(request, str(exc))
        return redirect(back)
    messages.success(request, done)
    return redirect(then(result) if then else back)


# --- Lists and queues ---------------------------------------------------------------------


class MatterListView(StaffRequiredMixin, ListView):
    template_name = "decisions/matter_list.html"
    paginate_by = 20

    def get_queryset(self):
        return selectors.matter_list(self.request.user, self.request.GET)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            kinds=Kind.choices,
            statuses=Matter.Status.choices,
            results=LegalityReview.Result.choices,
            reviewers=forms.reviewer_queryset(),
            year_by=[
                ("opened", _("启动日期")),
                ("concluded", _("审核完成日期")),
                ("discussed", _("会议日期")),
                ("hearing", _("听证日期")),
                ("comment", _("公众意见提交日期")),
                ("published", _("公布日期")),
            ],
            sorts=[
                ("-opened", _("启动日期（新→旧）")),
                ("opened", _("启动日期（旧→新）")),
                ("title", _("事项名称")),
                ("status", _("状态")),
                ("kind", _("类型")),
            ],
            can_create=has_role(self.request.user, Role.LEADER, Role.REPORT_OFFICE),
        )
        return context


index = MatterListView.as_view()


@staff_required
def review_queue(request: StaffRequest) -> HttpResponse:
    """The legal adviser's (and the 司法所's) queue of reviews to conclude."""
    reviews = selectors.review_queue(request.user)
    return render(request, "decisions/review_queue.html", {"reviews": reviews})


@staff_required
def signoff_queue(request: StaffRequest) -> HttpResponse:
    """The leaders' queue of adopted matters waiting for the signature."""
    return render(
        request, "decisions/signoff_queue.html", {"matters": selectors.signoff_queue(request.user)}
    )


# --- Matter ---------------------------------------------------------------------------------


@staff_required
def matter_create(request: StaffRequest) -> HttpResponse:
    require_role(request.user, Role.LEADER, Role.REPORT_OFFICE)
    form = forms.MatterForm(*_bound(request))
    if request.method == "POST" and form.is_valid():
        call = partial(services.create_matter, actor=request.user, **form.cleaned_data)
        response = run_step(
            request,
            form,
            call,
            done=_("事项已创建。"),
            back="decisions:index",
            then=lambda matter: matter,
        )
        if response:
            return response
    return render(
        request, "decisions/matter_step.html", {"form": form, "form_title": _("新建决策事项")}
    )


@staff_required
def matter_detail(request: StaffRequest, pk: int) -> HttpResponse:
    matter = get_object_or_404(
        selectors.with_records(selectors.matters_visible_to(request.user)), pk=pk
    )
    user = request.user
    checklist = selectors.checklist(matter)
    return render(
        request,
        "decisions/matter_detail.html",
        {
            "matter": matter,
            "checklist": checklist,
            "missing": [row["label"] for row in checklist if row["missing"]],
            "document": getattr(matter, "document", None) if _has_document(matter) else None,
            "timeline": labelled_timeline(matter),
            "attachments": attachments.attachments_of(matter),
            "upload_url": reverse("decisions:matter-attach", args=[matter.pk]),
            "is_office": has_role(user, Role.LEADER, Role.REPORT_OFFICE),
            "is_leader": has_role(user, Role.LEADER),
            "is_reviewer": has_role(user, Role.LEGAL_REVIEWER, Role.LEGAL_ADVISER),
            "open": matter.status in Matter.OPEN_STATUSES,
            "risk_stated": selectors.risk_stated(matter),
        },
    )


def _has_document(matter: Matter) -> bool:
    try:
        matter.document  # noqa: B018 - the reverse one-to-one raises when absent
    except Matter.document.RelatedObjectDoesNotExist:
        return False
    return True


@dataclass(frozen=True)
class StepPage:
    form: type
    service: Callable
    title: Promise
    done: Promise
    roles: tuple[Role, ...] = services.OFFICE_ROLES  # who may open the form (the service checks too)


STEPS = {
    "public-comment": StepPage(
        forms.CommentWindowForm,
        services.open_comment_window,
        gettext_lazy("公开征求意见"),
        gettext_lazy("征求意见已登记。"),
    ),
    "hearing": StepPage(
        forms.HearingForm,
        services.record_hearing,
        gettext_lazy("记录听证会"),
        gettext_lazy("听证会已记录。"),
    ),
    "expert-review": StepPage(
        forms.ExpertReviewForm,
        services.record_expert_review,
        gettext_lazy("记录专家论证"),
        gettext_lazy("专家论证已记录。"),
    ),
    "risk-assessment": StepPage(
        forms.RiskAssessmentForm,
        services.record_risk_assessment,
        gettext_lazy("记录风险评估"),
        gettext_lazy("风险评估已记录。"),
    ),
    "submit-review": StepPage(
        forms.SubmitReviewForm,
        services.submit_review,
        gettext_lazy("提交合法性审核"),
        gettext_lazy("已提交合法性审核。"),
    ),
    "conclude-review": StepPage(
        forms.ConcludeReviewForm,
        services.conclude_review,
        gettext_lazy("出具合法性审核意见"),
        gettext_lazy("审核结论已出具。"),
        services.REVIEWER_ROLES,
    ),
    "sign-off": StepPage(
        forms.SignOffForm, services.sign_off_matter, gettext_lazy("领导签发"), gettext_lazy("已签发。"),
        (Role.LEADER,),
    ),
    "publish": StepPage(
        forms.PublishForm, services.publish_matter, gettext_lazy("公布决策"), gettext_lazy("已公布。")
    ),
    "void": StepPage(
        forms.VoidForm, services.void_matter, gettext_lazy("作废事项"), gettext_lazy("已作废。")
    ),
    "register-document": StepPage(
        forms.RegisterDocumentForm,
        services.register_document,
        gettext_lazy("登记规范性文件"),
        gettext_lazy("规范性文件已登记。"),
    ),
    "repeal": StepPage(
        forms.RepealForm,
        services.repeal_document,
        gettext_lazy("废止规范性文件"),
        gettext_lazy("规范性文件已废止。"),
    ),
    "evaluation": StepPage(
        forms.EvaluationForm,
        services.record_evaluation,
        gettext_lazy("决策后评估"),
        gettext_lazy("决策后评估已记录。"),
    ),
}


DEFAULT_TODAY = ("submitted_on", "concluded_on", "signed_on", "published_on")


@staff_required
def matter_step(request: StaffRequest, pk: int, step: str) -> HttpResponse:
    """Every one-form step of a matter: the form, then the service of API.md's step."""
    if step not in STEPS:
        raise Http404
    page = STEPS[step]
    matter = get_object_or_404(selectors.matters_visible_to(request.user), pk=pk)
    require_role(request.user, *page.roles)
    today = timezone.localdate()
    form = page.form(
        *_bound(request), initial=dict.fromkeys(DEFAULT_TODAY, today), version=matter.version
    )
    if request.method == "POST" and form.is_valid():
        call = partial(once(page.service, matter), actor=request.user, **form.cleaned_data)
        response = run_step(request, form, call, done=str(page.done), back=matter)
        if response:
            return response
    return render(
        request,
        "decisions/matter_step.html",
        {"form": form, "form_title": page.title, "matter": matter},
    )


@staff_required
def matter_discuss(request: StaffRequest, pk: int) -> HttpResponse:
    """The meeting page: each attendee's view in speaking order, the principal last."""
    matter = get_object_or_404(selectors.matters_visible_to(request.user), pk=pk)
    require_role(request.user, Role.LEADER)
    form = forms.DiscussForm(*_bound(request))
    formset = forms.AttendeeFormSet(*_bound(request), prefix="att")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        attendees = [row for row in formset.cleaned_data if row and row.get("name")]
        call = partial(
            services.discuss_matter, matter, actor=request.user, attendees=attendees, **form.cleaned_data
        )
        response = run_step(
            request,
            form,
            call,
            done=_("集体讨论已记录。"),
            back=matter,
            then=lambda meeting: meeting,
        )
        if response:
            return response
    return render(
        request, "decisions/meeting_form.html", {"matter": matter, "form": form, "formset": formset}
    )


@staff_required
def adoption(request: StaffRequest, pk: int, window_pk: int) -> HttpResponse:
    matter = get_object_or_404(selectors.matters_visible_to(request.user), pk=pk)
    require_role(request.user, *services.OFFICE_ROLES)
    window = get_object_or_404(matter.comment_windows, pk=window_pk)
    form = forms.AdoptionForm(*_bound(request), window=window)
    if request.method == "POST" and form.is_valid():
        call = partial(services.summarise_adoption, window, actor=request.user, **form.cleaned_data)
        response = run_step(request, form, call, done=_("意见采纳情况已记录。"), back=matter)
        if response:
            return response
    return render(
        request,
        "decisions/matter_step.html",
        {"form": form, "form_title": _("意见采纳情况"), "matter": matter},
    )


@staff_required
@require_POST
def matter_attach(request: StaffRequest, pk: int) -> HttpResponse:
    matter = get_object_or_404(selectors.matters_visible_to(request.user), pk=pk)
    return _attach(request, matter)


@staff_required
@require_POST
def meeting_attach(request: StaffRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(selectors.meetings_visible_to(request.user), pk=pk)
    return _attach(request, meeting)


def _attach(request: StaffRequest, record) -> HttpResponse:
    require_role(request.user, Role.LEADER, Role.REPORT_OFFICE)
    return upload_attachment(request, record)


@staff_required
def meeting_detail(request: StaffRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(
        selectors.meetings_visible_to(request.user).select_related("matter"), pk=pk
    )
    return render(
        request,
        "decisions/meeting_detail.html",
        {
            "meeting": meeting,
            "views": meeting.views.order_by("position"),
            "attachments": attachments.attachments_of(meeting),
            "upload_url": reverse("decisions:meeting-attach", args=[meeting.pk]),
            "timeline": labelled_timeline(meeting),
        },
    )


# --- PDFs and ledger --------------------------------------------------------------------------


def _pdf(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{filename}"
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
def meeting_minutes_pdf(request: StaffRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(selectors.meetings_visible_to(request.user), pk=pk)
    return _pdf(pdfs.minutes_pdf(meeting), f"minutes-{meeting.pk}.pdf")


@staff_required
def matter_file_pdf(request: StaffRequest, pk: int) -> HttpResponse:
    matter = get_object_or_404(selectors.matters_visible_to(request.user), pk=pk)
    return _pdf(pdfs.matter_file_pdf(matter), f"decision-file-{matter.pk}.pdf")


@staff_required
def ledger_export(request: StaffRequest) -> HttpResponse:
    matters = selectors.matter_list(request.user, request.GET)
    response = HttpResponse(ledgers.export(matters), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''decisions-ledger.xlsx"
    return response


@staff_required
def ledger_import(request: StaffRequest) -> HttpResponse:
    require_role(request.user, Role.LEADER, Role.REPORT_OFFICE)
    form = forms.LedgerImportForm(*_bound(request, files=True))
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            count = ledgers.import_ledger(form.cleaned_data["file"], actor=request.user)
        except LedgerImportError as exc:
            errors = exc.errors
        else:
            messages.success(request, _("已导入%(n)s个事项。") % {"n": count})
            return redirect("decisions:index")
    return render(
        request,
        "decisions/ledger_import.html",
        {"form": form, "errors": errors, "form_title": _("导入台账")},
    )


# --- Legal advisers and configuration ---------------------------------------------------------


class AdviserListView(StaffRequiredMixin, ListView):
    template_name = "decisions/adviser_list.html"
    paginate_by = 50

    def get_queryset(self):
        qs = selectors.advisers_visible_to(self.request.user)
        year = parse_year(self.request.GET.get("year"))
        return selectors.advisers_in_year(qs, year) if year else qs


@staff_required
def adviser_edit(request: StaffRequest, pk: int | None = None) -> HttpResponse:
    require_role(request.user, Role.LEADER, Role.REPORT_OFFICE)
    adviser = (
        get_object_or_404(selectors.advisers_visible_to(request.user), pk=pk)
        if pk
        else LegalAdviser()
    )
    initial = forms.AdviserForm.initial_of(adviser) if pk else {}
    form = forms.AdviserForm(
        *_bound(request), initial=initial, version=adviser.version if pk else None
    )
    if request.method == "POST" and form.is_valid():
        call = partial(services.save_adviser, adviser, actor=request.user, **form.cleaned_data)
        response = run_step(
            request, form, call, done=_("法律顾问信息已保存。"), back="decisions:adviser-list"
        )
        if response:
            return response
    return render(
        request,
        "decisions/matter_step.html",
        {"form": form, "form_title": _("法律顾问")},
        status=form_status(form, invalid=200),
    )


class CatalogueListView(StaffRequiredMixin, ListView):
    """The 重大行政决策事项目录, year by year."""

    template_name = "decisions/catalogue_list.html"
    paginate_by = 50

    def get_queryset(self):
        return selectors.catalogue_visible_to(self.request.user)


@staff_required
def catalogue_edit(request: StaffRequest, pk: int | None = None) -> HttpResponse:
    require_role(request.user, Role.LEADER, Role.REPORT_OFFICE)
    qs = selectors.catalogue_visible_to(request.user)
    item = get_object_or_404(qs, pk=pk) if pk else DecisionCatalogItem()
    initial = forms.CatalogueItemForm.initial_of(item) if pk else {}
    form = forms.CatalogueItemForm(
        *_bound(request), initial=initial, version=item.version if pk else None
    )
    if request.method == "POST" and form.is_valid():
        call = partial(services.save_catalogue_item, item, actor=request.user, **form.cleaned_data)
        response = run_step(
            request, form, call, done=_("决策事项目录已保存。"), back="decisions:catalogue-list"
        )
        if response:
            return response
    return render(
        request,
        "decisions/matter_step.html",
        {"form": form, "form_title": _("决策事项目录")},
        status=form_status(form, invalid=200),
    )


@staff_required
def procedure_config(request: StaffRequest) -> HttpResponse:
    """Which steps each kind requires before discussion (the office's configuration)."""
    current = {kind: selectors.required_steps(kind) for kind in Kind.values}
    form = forms.RequirementsForm(*_bound(request), current=current)
    if request.method == "POST" and form.is_valid():
        services.set_required_steps(actor=request.user, required=form.cleaned_data)
        messages.success(request, _("决策程序配置已保存。"))
        return redirect("decisions:procedure")
    return render(
        request,
        "decisions/matter_step.html",
        {
            "form": form,
            "form_title": _("决策程序配置"),
            "help": _("合法性审核对重大行政决策、行政规范性文件、重大行政执法决定始终为必经程序。"),
            "steps": Step.choices,
        },
    )
