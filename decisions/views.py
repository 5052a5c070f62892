"""Staff pages of the decisions area. Thin: a selector to fetch, a service to act."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from huanghe_portal import attachments, timeline
from huanghe_portal.ledgers import xlsx_response
from huanghe_portal.limits import parse_year
from huanghe_portal.roles import Role, has_role, require_role
from huanghe_portal.steps import Step as StepDef
from huanghe_portal.steps import Steps, form_page, saved_redirect, step_page, void_step
from huanghe_portal.views import StaffRequest, StaffRequiredMixin, staff_required, upload_attachment

from . import forms, ledgers, pdfs, selectors, services
from .models import Kind, LegalityReview, Matter, Step


def _bound(request: HttpRequest) -> tuple[QueryDict | None]:
    """Form data for a POST (even an empty one), nothing for a GET."""
    return (request.POST if request.method == "POST" else None,)


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
    return form_page(
        request,
        form,
        lambda: services.create_matter(actor=request.user, **form.cleaned_data),
        done=_("事项已创建。"),
        template="decisions/matter_step.html",
        context={"form_title": _("新建决策事项")},
        invalid=200,
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
            "timeline": timeline.labelled(matter),
            "attachments": attachments.attachments_of(matter),
            "upload_url": reverse("decisions:matter-attach", args=[matter.pk]),
            "is_office": has_role(user, Role.LEADER, Role.REPORT_OFFICE),
            "buttons": STEPS.buttons(user, matter),
            "risk_stated": selectors.risk_stated(matter),
        },
    )


def _has_document(matter: Matter) -> bool:
    try:
        matter.document  # noqa: B018 - the reverse one-to-one raises when absent
    except Matter.document.RelatedObjectDoesNotExist:
        return False
    return True


def _today(matter: Matter) -> dict:
    return dict.fromkeys(DEFAULT_TODAY, timezone.localdate())


DEFAULT_TODAY = ("submitted_on", "concluded_on", "signed_on", "published_on")
OFFICE = services.OFFICE_ROLES
S = Matter.Status

# The steps of a matter in the order of 决策条例 (Art 10–37): the buttons come in this order.
STEPS = Steps(
    "decisions:matter-step",
    [
        StepDef(
            "opened-on",
            forms.OpenedOnForm,
            services.change_opened_on,
            gettext_lazy("修改启动日期"),
            gettext_lazy("启动日期已修改。"),
            OFFICE,
            states=Matter.OPENING_DATE_STATUSES,
            missing=selectors.opened_on_blockers,
            when=lambda m: not selectors.has_steps(m),
            initial=lambda m: {"opened_on": m.opened_on},
        ),
        StepDef(
            "public-comment",
            forms.CommentWindowForm,
            services.open_comment_window,
            gettext_lazy("公开征求意见"),
            gettext_lazy("征求意见已登记。"),
            OFFICE,
            states=Matter.OPEN_STATUSES,
            initial=_today,
        ),
        StepDef(
            "hearing",
            forms.HearingForm,
            services.record_hearing,
            gettext_lazy("记录听证会"),
            gettext_lazy("听证会已记录。"),
            OFFICE,
            states=Matter.OPEN_STATUSES,
            initial=_today,
        ),
        StepDef(
            "expert-review",
            forms.ExpertReviewForm,
            services.record_expert_review,
            gettext_lazy("记录专家论证"),
            gettext_lazy("专家论证已记录。"),
            OFFICE,
            states=Matter.OPEN_STATUSES,
            initial=_today,
        ),
        StepDef(
            "risk-assessment",
            forms.RiskAssessmentForm,
            services.record_risk_assessment,
            gettext_lazy("记录风险评估"),
            gettext_lazy("风险评估已记录。"),
            OFFICE,
            states=Matter.OPEN_STATUSES,
            initial=_today,
        ),
        StepDef(
            "submit-review",
            forms.SubmitReviewForm,
            services.submit_review,
            gettext_lazy("提交合法性审核"),
            gettext_lazy("已提交合法性审核。"),
            OFFICE,
            target=S.UNDER_REVIEW,
            initial=_today,
            style="btn-primary",
        ),
        StepDef(
            "conclude-review",
            forms.ConcludeReviewForm,
            services.conclude_review,
            gettext_lazy("出具合法性审核意见"),
            gettext_lazy("审核结论已出具。"),
            services.REVIEWER_ROLES,
            target=S.REVIEWED,
            initial=_today,
            style="btn-primary",
        ),
        StepDef(
            "discuss",
            forms.DiscussForm,
            services.discuss_matter,
            gettext_lazy("记录集体讨论"),
            gettext_lazy("集体讨论已记录。"),
            (Role.LEADER,),
            target=S.DISCUSSED,
            missing=selectors.discussion_blockers,
            url_name="decisions:matter-discuss",
            style="btn-primary",
        ),
        StepDef(
            "sign-off",
            forms.SignOffForm,
            services.sign_off_matter,
            gettext_lazy("领导签发"),
            gettext_lazy("已签发。"),
            (Role.LEADER,),
            target=S.SIGNED_OFF,
            missing=selectors.signoff_blockers,
            initial=_today,
            style="btn-success",
        ),
        StepDef(
            "publish",
            forms.PublishForm,
            services.publish_matter,
            gettext_lazy("公布决策"),
            gettext_lazy("已公布。"),
            OFFICE,
            target=S.PUBLISHED,
            initial=_today,
            style="btn-success",
        ),
        StepDef(
            "register-document",
            forms.RegisterDocumentForm,
            services.register_document,
            gettext_lazy("登记规范性文件"),
            gettext_lazy("规范性文件已登记。"),
            OFFICE,
            states=Matter.DECIDED_STATUSES,
            when=lambda m: m.kind == Kind.NORMATIVE_DOCUMENT and not _has_document(m),
        ),
        StepDef(
            "repeal",
            forms.RepealForm,
            services.repeal_document,
            gettext_lazy("废止规范性文件"),
            gettext_lazy("规范性文件已废止。"),
            OFFICE,
            when=lambda m: _has_document(m) and not m.document.repealed_on,
            style="btn-outline-danger",
        ),
        StepDef(
            "evaluation",
            forms.EvaluationForm,
            services.record_evaluation,
            gettext_lazy("决策后评估"),
            gettext_lazy("决策后评估已记录。"),
            OFFICE,
            states=Matter.DECIDED_STATUSES,
        ),
        void_step(services.void_matter, OFFICE, target=S.VOIDED),
    ],
    context_name="matter",
)


@staff_required
def matter_step(request: StaffRequest, pk: int, step: str) -> HttpResponse:
    """Every one-form step of a matter: the form, then the service of API.md's step."""
    if step not in STEPS or STEPS[step].url_name:
        raise Http404
    matter = get_object_or_404(selectors.matters_visible_to(request.user), pk=pk)
    return step_page(request, STEPS, matter, step)


@staff_required
def matter_discuss(request: StaffRequest, pk: int) -> HttpResponse:
    """The meeting page: each attendee's view in speaking order, the principal last. What stops
    the meeting is listed instead of the form (the service refuses on the same rule)."""
    matter = get_object_or_404(selectors.matters_visible_to(request.user), pk=pk)
    step = STEPS["discuss"]
    require_role(request.user, *step.roles)
    missing = step.blockers(matter)
    form = forms.DiscussForm(*_bound(request))
    formset = forms.AttendeeFormSet(*_bound(request), prefix="att")
    if not missing and request.method == "POST" and form.is_valid() and formset.is_valid():
        attendees = [row for row in formset.cleaned_data if row and row.get("name")]
        call = partial(
            services.discuss_matter,
            matter,
            actor=request.user,
            attendees=attendees,
            **form.cleaned_data,
        )
        response = saved_redirect(request, form, call, done=step.done)
        if response:
            return response
    return render(
        request,
        "decisions/meeting_form.html",
        {"matter": matter, "form": form, "formset": formset, "missing": missing},
        status=409 if missing and request.method == "POST" else 200,
    )


@staff_required
def adoption(request: StaffRequest, pk: int, window_pk: int) -> HttpResponse:
    matter = get_object_or_404(selectors.matters_visible_to(request.user), pk=pk)
    require_role(request.user, *services.OFFICE_ROLES)
    window = get_object_or_404(matter.comment_windows, pk=window_pk)
    form = forms.AdoptionForm(*_bound(request), window=window)
    return form_page(
        request,
        form,
        lambda: services.summarise_adoption(window, actor=request.user, **form.cleaned_data),
        done=_("意见采纳情况已记录。"),
        then=matter,
        template="decisions/matter_step.html",
        context={"form_title": _("意见采纳情况"), "matter": matter},
        invalid=200,
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
            "timeline": timeline.labelled(meeting),
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
def ledger_export(request: StaffRequest) -> FileResponse:
    matters = selectors.matter_list(request.user, request.GET)
    return xlsx_response(
        ledgers.COLUMNS,
        ledgers.export_rows(matters),
        title=ledgers.TITLE,
        filename="decisions-ledger.xlsx",
    )


# --- Legal advisers and configuration ---------------------------------------------------------


class AdviserListView(StaffRequiredMixin, ListView):
    template_name = "decisions/adviser_list.html"
    paginate_by = 50

    def get_queryset(self):
        qs = selectors.advisers_visible_to(self.request.user)
        year = parse_year(self.request.GET.get("year"))
        return selectors.advisers_in_year(qs, year) if year else qs


def _office_record_edit(
    request: StaffRequest,
    qs: QuerySet,
    pk: int | None,
    form_class,
    save: Callable,
    *,
    title: str,
    done: str,
    back: str,
) -> HttpResponse:
    """The office's edit page of a register row (an adviser, a catalogue entry): row `pk` of
    `qs` (the rows the user may see), or a new one."""
    require_role(request.user, *services.OFFICE_ROLES)
    record = get_object_or_404(qs, pk=pk) if pk else qs.model()
    initial = form_class.initial_of(record) if record.pk else {}
    form = form_class(
        *_bound(request), initial=initial, version=record.version if record.pk else None
    )
    return form_page(
        request,
        form,
        lambda: save(record, actor=request.user, **form.cleaned_data),
        done=done,
        then=back,
        template="decisions/matter_step.html",
        context={"form_title": title},
        invalid=200,
    )


@staff_required
def adviser_edit(request: StaffRequest, pk: int | None = None) -> HttpResponse:
    return _office_record_edit(
        request,
        selectors.advisers_visible_to(request.user),
        pk,
        forms.AdviserForm,
        services.save_adviser,
        title=_("法律顾问"),
        done=_("法律顾问信息已保存。"),
        back="decisions:adviser-list",
    )


class CatalogueListView(StaffRequiredMixin, ListView):
    """The 重大行政决策事项目录, year by year."""

    template_name = "decisions/catalogue_list.html"
    paginate_by = 50

    def get_queryset(self):
        return selectors.catalogue_visible_to(self.request.user)


@staff_required
def catalogue_edit(request: StaffRequest, pk: int | None = None) -> HttpResponse:
    return _office_record_edit(
        request,
        selectors.catalogue_visible_to(request.user),
        pk,
        forms.CatalogueItemForm,
        services.save_catalogue_item,
        title=_("决策事项目录"),
        done=_("决策事项目录已保存。"),
        back="decisions:catalogue-list",
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
