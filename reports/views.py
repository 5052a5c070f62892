"""Staff pages of the annual reports (list, compile, detail with figures linked to their
records, edit, manual figures, workflow steps, PDF/DOCX) and the public list of published
reports."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView

from huanghe_portal import timeline
from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.forms import EmptyForm
from huanghe_portal.limits import parse_year
from huanghe_portal.public_cache import public_cache
from huanghe_portal.roles import Role, User, has_role
from huanghe_portal.steps import Button, Step, Steps, inline_forms, step_page
from huanghe_portal.versioning import StaleVersion, form_status
from huanghe_portal.views import StaffRequest, StaffRequiredMixin, staff_required

from . import deadlines, refs, rendering, selectors, services
from .api.serializers import job_data
from .forms import ManualFigureForm, PublishForm, ReportCreateForm, ReportEditForm
from .models import RenderJob, Report

SORTS = {"year": "year", "-year": "-year", "status": "status", "updated": "-updated_at"}


def _errors(exc: ValidationError) -> str:
    return (
        "；".join(m for messages_ in exc.message_dict.values() for m in messages_)
        if hasattr(exc, "error_dict")
        else "；".join(exc.messages)
    )


class ReportListView(StaffRequiredMixin, ListView):
    template_name = "reports/report_list.html"
    paginate_by = 20

    def get_queryset(self):
        qs = selectors.reports_visible_to(self.request.user)
        params = self.request.GET
        if params.get("q"):
            qs = qs.filter(
                Q(title__icontains=params["q"]) | Q(document_number__icontains=params["q"])
            )
        for field in ("year", "kind", "status"):
            if params.get(field):
                qs = qs.filter(**{field: params[field]})
        return qs.order_by(SORTS.get(params.get("sort", ""), "-year"), "kind", "-edition")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            form=ReportCreateForm(),
            kinds=Report.Kind.choices,
            statuses=Report.Status.choices,
            can_compile=has_role(self.request.user, Role.REPORT_OFFICE),
            **deadlines.overview(timezone.localdate()),
        )


@staff_required
@require_POST
def report_create(request: StaffRequest) -> HttpResponse:
    form = ReportCreateForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("reports:index")
    try:
        report = services.create_report(actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
        return redirect("reports:index")
    except TransitionNotAllowed as exc:
        messages.error(request, str(exc))
        return redirect("reports:index")
    messages.success(request, _("报告已编制。"))
    return redirect(report)


class ReportDetailView(StaffRequiredMixin, DetailView):
    template_name = "reports/report_detail.html"
    context_object_name = "report"

    def get_queryset(self):
        return selectors.reports_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        report = self.object
        user = self.request.user
        return super().get_context_data(
            **kwargs,
            **rendering.report_context(report, links=True),
            figures=selectors.report_figures(report),
            problems=selectors.report_problems(report),
            job=selectors.latest_render_job(report),
            offered=_offered(user, report),
            timeline=timeline.labelled(report),
        )


@staff_required
def report_edit(request: StaffRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(selectors.reports_visible_to(request.user), pk=pk)
    initial = {
        "title": report.title,
        "document_number": report.document_number,
        "signer": report.signer,
        "addressee": report.addressee,
        "signed_on": report.signed_on,
    }
    form = ReportEditForm(
        request.POST or None, report=report, initial=initial, version=report.version
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_report(
                report,
                actor=request.user,
                texts=form.texts(),
                title=form.cleaned_data["title"],
                document_number=form.cleaned_data["document_number"],
                signer=form.cleaned_data["signer"],
                addressee=form.cleaned_data["addressee"],
                signed_on=form.cleaned_data["signed_on"],
                version=form.cleaned_data["version"],
            )
        except StaleVersion as exc:
            form.show_conflict(exc.record)
        except TransitionNotAllowed as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, _("正文已保存。"))
            return redirect(report)
    elif request.method == "GET" and not has_role(request.user, Role.REPORT_OFFICE):
        raise PermissionDenied(
            _("此操作仅限以下角色：%(roles)s。") % {"roles": Role.REPORT_OFFICE.label}
        )
    figures = selectors.figures_by_key(report)
    previews = {
        f"section_{i}": [
            refs.render_html(p, figures, links=True) for p in refs.paragraphs(section["text"])
        ]
        for i, section in enumerate(report.sections)
    }
    fields = [(field, previews.get(field.name, [])) for field in form.visible_fields()]
    return render(
        request,
        "reports/report_form.html",
        {"report": report, "form": form, "fields": fields},
        status=form_status(form, invalid=200),
    )


# --- Workflow steps -------------------------------------------------------------------------

OFFICE = (Role.REPORT_OFFICE,)
OFFICE_OR_LEADER = (Role.REPORT_OFFICE, Role.LEADER)
S = Report.Status


def _pdf_failed(report: Report) -> bool:
    return selectors.failed_render_job(report) is not None


def _pdf_step(service: Callable[..., RenderJob]) -> Callable[..., RenderJob]:
    """A PDF step writes a job, nothing of the report: its version stays (an editor's open page
    is not made stale, a published report is not touched). A double click needs no version
    check: the second finds the job already queued."""

    def step(report: Report, *, actor: User, version: int | None = None) -> RenderJob:
        return service(report, actor=actor)

    return step


# Posted from the report's page (each step's form sits on it); a refusal shows the step page.
STEPS = Steps(
    "reports:report-{slug}",
    [
        Step(
            "recompile",
            EmptyForm,
            services.recompile_report,
            gettext_lazy("重新编制"),
            gettext_lazy("已重新编制，数据变化见下方。"),
            OFFICE,
            states=Report.EDITABLE,
            style="btn-outline-secondary",
        ),
        Step(
            "submit",
            EmptyForm,
            services.submit_report,
            gettext_lazy("提交审批"),
            gettext_lazy("已提交领导审批。"),
            OFFICE,
            target=S.SUBMITTED,
            style="btn-primary",
        ),
        Step(
            "approve",
            EmptyForm,
            services.approve_report,
            gettext_lazy("审批通过"),
            gettext_lazy("已审批。"),
            (Role.LEADER,),
            target=S.APPROVED,
            style="btn-success",
        ),
        Step(
            "return",
            EmptyForm,
            services.return_report,
            gettext_lazy("退回修改"),
            gettext_lazy("已退回修改。"),
            (Role.LEADER, Role.REPORT_OFFICE),
            target=S.DRAFT,
            style="btn-outline-warning",
        ),
        Step(
            "publish",
            PublishForm,
            services.publish_report,
            gettext_lazy("发布"),
            gettext_lazy("已发布到公众网站。"),
            OFFICE,
            target=S.PUBLISHED,
            style="btn-success",
        ),
        Step(
            "render",
            EmptyForm,
            _pdf_step(services.request_render),
            gettext_lazy("生成 PDF"),
            gettext_lazy("PDF 已开始生成。"),
            OFFICE_OR_LEADER,
            when=selectors.render_may_start,
            repeatable=False,
            style="btn-outline-secondary",
        ),
        Step(
            "render-retry",
            EmptyForm,
            _pdf_step(services.retry_report_render),
            gettext_lazy("重试"),
            gettext_lazy("已重新排队生成 PDF。"),
            OFFICE_OR_LEADER,
            when=_pdf_failed,
            repeatable=False,
            style="btn-warning",
        ),
        Step(
            "manual-figure",
            ManualFigureForm,
            services.set_manual_figure,
            gettext_lazy("录入手工数据"),
            gettext_lazy("手工数据已保存。"),
            OFFICE,
            states=Report.EDITABLE,
        ),
    ],
    context_name="report",
    back="reports:index",
)
# Where the report's page offers a step: the PDF card, the figures card, else the heading.
STEP_PLACES = {"render": "pdf", "render-retry": "pdf", "manual-figure": "figures"}


def _offered(user: User, report: Report) -> dict[str, list[Button]]:
    """The steps this user may take on the report now, with their forms, by place on the page."""
    places: dict[str, list[Button]] = {"heading": [], "pdf": [], "figures": []}
    for button in inline_forms(STEPS, user, report):
        places[STEP_PLACES.get(button.slug, "heading")].append(button)
    return places


@staff_required
@require_POST
def report_step(request: StaffRequest, pk: int, step: str) -> HttpResponse:
    """A step posted from the report's page: done, back to the report with its message; refused,
    the step page with the reason (409) or the form with its errors beside the fields (400)."""
    report = get_object_or_404(selectors.reports_visible_to(request.user), pk=pk)
    return step_page(request, STEPS, report, step)


@staff_required
def report_submission_pdf(request: StaffRequest, pk: int) -> HttpResponse:
    """The 报送版 (上行文 with its 版头) for the county, rendered on request for staff; the
    公开版 is the render job's file."""
    report = get_object_or_404(selectors.reports_visible_to(request.user), pk=pk)
    response = HttpResponse(
        rendering.render_pdf_now(report, "submission"), content_type="application/pdf"
    )
    name = f"{report.year}-{report.kind}-v{report.version}-submission.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@staff_required
def report_job_status(request: StaffRequest, pk: int) -> JsonResponse:
    report = get_object_or_404(selectors.reports_visible_to(request.user), pk=pk)
    return JsonResponse({"pdf": job_data(selectors.latest_render_job(report))})


def _report_for_download(request: HttpRequest, pk: int) -> Report:
    """Published: public; before that only for those who may see the report."""
    report = selectors.reports_published().filter(pk=pk).first()
    if report is None:
        if not request.user.is_authenticated:
            raise Http404
        report = get_object_or_404(selectors.reports_visible_to(request.user), pk=pk)
    return report


def report_pdf(request: HttpRequest, pk: int) -> FileResponse:
    report = _report_for_download(request, pk)
    job = selectors.latest_done_job(report)
    if job is None or not job.file:
        raise Http404(_("PDF 尚未生成。"))
    return FileResponse(
        job.file.open("rb"),
        content_type="application/pdf",
        filename=f"{report.year}-{report.kind}-v{report.edition}.pdf",
    )


@staff_required
def report_docx(request: StaffRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(selectors.reports_visible_to(request.user), pk=pk)
    response = HttpResponse(
        rendering.render_to_docx(report),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{report.year}-{report.kind}-v{report.edition}.docx"'
    )
    return response


# --- Public ---------------------------------------------------------------------------------


@method_decorator(public_cache("reports"), name="dispatch")
class PublicReportListView(ListView):
    template_name = "reports/public_report_list.html"
    paginate_by = 20

    def get_queryset(self):
        qs = selectors.reports_published()
        if year := parse_year(self.request.GET.get("year")):
            qs = qs.filter(year=year)
        return qs.order_by("-year", "kind", "-edition")

    def get_context_data(self, **kwargs):
        years = selectors.reports_published().values_list("year", flat=True).distinct()
        return super().get_context_data(**kwargs, years=sorted(set(years), reverse=True))


@public_cache("reports")
def public_report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(selectors.reports_published(), pk=pk)
    context = rendering.report_context(report, links=False)
    return render(
        request,
        "reports/public_report_detail.html",
        {**context, "job": selectors.latest_done_job(report)},
    )
