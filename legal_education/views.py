"""Staff pages of the 普法 area: lists with filters, detail pages with timeline and photos,
forms whose saving goes through services, photo thumbnails and the ledgers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

from django.contrib import messages
from django.db.models import Q, QuerySet
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView, ListView

from huanghe_portal import attachments, ledger_views, reveal, timeline, visibility
from huanghe_portal.ledgers import xlsx_response
from huanghe_portal.models import Attachment
from huanghe_portal.roles import Role, has_role
from huanghe_portal.steps import Step, Steps, step_page, void_step
from huanghe_portal.versioning import once, run_form_service
from huanghe_portal.views import StaffRequest, StaffRequiredMixin, staff_required

from . import forms, ledgers, selectors, services, thumbnails
from .kinds import KINDS, Kind
from .models import Consultation, Event, RecordStatus, StudySession, VoidableRecord

# --- Lists ----------------------------------------------------------------------------------


class RecordListView(StaffRequiredMixin, ListView):
    paginate_by = 20
    selector: Callable[..., QuerySet[Any]]
    date_field = "held_on"
    kinds: list = []
    search_fields: tuple[str, ...] = ()
    filter_fields: tuple[str, ...] = ("kind", "status")
    sorts: dict[str, str] = {}

    def get_queryset(self) -> QuerySet:
        qs = type(self).selector(self.request.user)
        self.filters = forms.ListFilterForm(self.request.GET or None, kinds=self.kinds)
        data = self.filters.cleaned_data if self.filters.is_valid() else {}
        if (q := (data.get("q") or "").strip()) and self.search_fields:
            cond = Q()
            for name in self.search_fields:
                cond |= Q(**{f"{name}__icontains": q})
            qs = qs.filter(cond)
        for name in self.filter_fields:
            if data.get(name):
                qs = qs.filter(**{name: data[name]})
        qs = selectors.filter_by_date(
            qs, self.date_field, year=data.get("year"), month=data.get("month")
        )
        sort = self.request.GET.get("sort", "")
        return qs.order_by(self.sorts.get(sort, f"-{self.date_field}"), "-pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filters=self.filters, may_write=has_role(self.request.user, Role.EDUCATOR), **kwargs
        )


class EventListView(RecordListView):
    template_name = "legal_education/event_list.html"
    selector = staticmethod(selectors.events_visible_to)
    kinds = Event.Kind.choices
    search_fields = ("title", "place", "organiser", "laws_covered", "summary")
    filter_fields = ("kind", "village", "status")
    sorts = {"date": "held_on", "-date": "-held_on", "participants": "-participants"}


class ConsultationListView(RecordListView):
    template_name = "legal_education/consultation_list.html"
    selector = staticmethod(selectors.consultations_visible_to)
    date_field = "consulted_on"
    kinds = Consultation.Topic.choices
    search_fields = ("question", "answer_summary", "answered_by")
    filter_fields = ("village", "outcome", "status")
    sorts = {"date": "consulted_on", "-date": "-consulted_on"}

    def get_queryset(self) -> QuerySet:
        qs = super().get_queryset()
        data = self.filters.cleaned_data if self.filters.is_valid() else {}
        return qs.filter(topic=data["kind"]) if data.get("kind") else qs


class StudySessionListView(RecordListView):
    template_name = "legal_education/study_list.html"
    selector = staticmethod(selectors.study_sessions_visible_to)
    kinds = StudySession.Kind.choices
    search_fields = ("subject", "materials")

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().prefetch_related("attendees", "absentees")


class KnowledgeTestListView(RecordListView):
    template_name = "legal_education/test_list.html"
    selector = staticmethod(selectors.tests_visible_to)
    search_fields = ("subject",)
    filter_fields = ("status",)


class LiaisonListView(RecordListView):
    template_name = "legal_education/liaison_list.html"
    selector = staticmethod(selectors.liaisons_visible_to)
    date_field = "appointed_on"
    search_fields = ("name", "occupation")
    filter_fields = ("village", "status")

    def get_queryset(self) -> QuerySet:
        qs = type(self).selector(self.request.user)
        self.filters = forms.ListFilterForm(self.request.GET or None)
        data = self.filters.cleaned_data if self.filters.is_valid() else {}
        if q := (data.get("q") or "").strip():
            qs = qs.filter(Q(name__icontains=q) | Q(occupation__icontains=q))
        for name in self.filter_fields:
            if data.get(name):
                qs = qs.filter(**{name: data[name]})
        if data.get("year"):
            qs = qs.filter(trainings__trained_on__year=data["year"]).distinct()
        return qs.prefetch_related("trainings").order_by("village__code", "name")


# --- Detail pages ---------------------------------------------------------------------------


class RecordDetailView(StaffRequiredMixin, DetailView):
    selector: Callable[..., QuerySet[Any]]

    def get_queryset(self) -> QuerySet:
        return type(self).selector(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            timeline=timeline.labelled(self.object),
            void_form=forms.VoidForm(),
            may_write=has_role(self.request.user, Role.EDUCATOR),
            **kwargs,
        )


class EventDetailView(RecordDetailView):
    template_name = "legal_education/event_detail.html"
    selector = staticmethod(selectors.events_visible_to)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            photos=attachments.attachments_of(self.object),
            photo_form=forms.PhotoForm(),
            consultations=self.object.consultations.all(),
            **kwargs,
        )


class ConsultationDetailView(RecordDetailView):
    template_name = "legal_education/consultation_detail.html"
    selector = staticmethod(selectors.consultations_visible_to)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            personal=reveal.values(
                self.request, self.object, {"person_name": "name"}, owner_role=Role.EDUCATOR
            ),
            dispute_id=services.linked_dispute_id(self.object),
            **kwargs,
        )


class StudySessionDetailView(RecordDetailView):
    template_name = "legal_education/study_detail.html"
    selector = staticmethod(selectors.study_sessions_visible_to)


class KnowledgeTestDetailView(RecordDetailView):
    template_name = "legal_education/test_detail.html"
    selector = staticmethod(selectors.tests_visible_to)

    def get_context_data(self, **kwargs):
        return super().get_context_data(stats=self.object.stats(), **kwargs)


class LiaisonDetailView(RecordDetailView):
    template_name = "legal_education/liaison_detail.html"
    selector = staticmethod(selectors.liaisons_visible_to)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            training_form=forms.TrainingForm(version=self.object.version), **kwargs
        )


# --- Record steps: create, edit, void (huanghe_portal/steps.py) -----------------------------

EDUCATOR = (Role.EDUCATOR,)
SAVED = gettext_lazy("已保存。")
FORM_PAGE = "legal_education/record_form.html"  # the create and edit pages, with the area's tabs


def _own_copy(record: VoidableRecord) -> dict[str, Any]:
    """The edit form's instance: its own copy, so `record` stays as it was until the service
    saves."""
    return {"instance": type(record)._default_manager.get(pk=record.pk)}


def _record_steps(
    noun: str, kind: Kind, create_title: Promise, edit_title: Promise | None
) -> Steps:
    """One kind of record's table: its create and edit pages (their own URLs) and its void step
    (the detail page's inline form, whose refusal the step page explains)."""
    steps = [Step("create", kind.form, kind.create, create_title, SAVED, EDUCATOR, button=False)]
    if kind.update is not None and edit_title is not None:
        steps.append(
            Step(
                "edit",
                kind.form,
                kind.update,
                edit_title,
                SAVED,
                EDUCATOR,
                repeatable=False,
                form_kwargs=_own_copy,
                button=False,
            )
        )
    # No button: the detail pages show the void form inline (_void.html), posting to
    # legal_education:record-void, one URL for every kind.
    steps.append(void_step(kind.void, EDUCATOR, target=RecordStatus.VOIDED, button=False))
    return Steps(
        f"legal_education:{noun}-{{slug}}",
        steps,
        context_name=noun,
        back=f"legal_education:{noun}-list",
    )


# noun: the titles of its create and edit pages
TITLES = {
    "event": (gettext_lazy("登记普法活动"), gettext_lazy("修改普法活动")),
    "consultation": (gettext_lazy("登记法治咨询"), gettext_lazy("修改法治咨询")),
    "study": (gettext_lazy("登记干部学法"), gettext_lazy("修改干部学法")),
    "test": (gettext_lazy("登记法律知识测试"), None),
    "liaison": (gettext_lazy("新增法律明白人"), gettext_lazy("修改法律明白人信息")),
}
STEPS = {noun: _record_steps(noun, kind, *TITLES[noun]) for noun, kind in KINDS.items()}


@staff_required
def record_step(request: StaffRequest, noun: str, step: str, pk: int | None = None) -> HttpResponse:
    """A step of one kind of record: create (no pk), edit or void."""
    if step == "void" and request.method != "POST":
        return HttpResponseNotAllowed(["POST"])  # voiding is the detail page's inline form
    if noun not in KINDS:
        raise Http404
    steps = STEPS[noun]
    record = None if pk is None else get_object_or_404(KINDS[noun].visible_to(request.user), pk=pk)
    if step not in ("create", "edit"):
        return step_page(request, steps, record, step)
    # The area's form page: bad input is shown again with 200, the way back leaves unsaved.
    back = reverse(steps.back) if record is None else record.get_absolute_url()
    return step_page(
        request,
        steps,
        record,
        step,
        template=FORM_PAGE,
        context={"cancel_url": back},
        invalid=200,
    )


def _errors_text(form: BaseForm) -> str:
    """A form's errors in one line, for a message above the page the inline form sits on."""
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


@staff_required
@require_POST
def event_photo_upload(request: StaffRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(selectors.events_visible_to(request.user), pk=pk)
    form = forms.PhotoForm(request.POST, request.FILES)
    if form.is_valid() and run_form_service(
        form,
        lambda: services.add_event_photo(
            event,
            form.cleaned_data["file"],
            actor=request.user,
            description=form.cleaned_data["description"],
            is_public=form.cleaned_data["is_public"],
        ),
    ):
        messages.success(request, _("照片已上传。"))
    else:
        messages.error(request, _errors_text(form))
    return redirect(event)


@staff_required
@require_POST
def liaison_training_add(request: StaffRequest, pk: int) -> HttpResponse:
    liaison = get_object_or_404(selectors.liaisons_visible_to(request.user), pk=pk)
    form = forms.TrainingForm(request.POST, version=liaison.version)
    if form.is_valid() and run_form_service(
        form,
        lambda: once(services.add_liaison_training, liaison)(
            actor=request.user, **form.cleaned_data
        ),
    ):
        messages.success(request, _("培训记录已添加。"))
    else:
        messages.error(request, _errors_text(form))
    return redirect(liaison)


# --- Photos ---------------------------------------------------------------------------------


def _thumbnail_response(attachment: Attachment) -> HttpResponse:
    response = HttpResponse(thumbnails.thumbnail_of(attachment), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@staff_required
@require_GET
def photo_thumb(request: StaffRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(
        Attachment, pk=pk, voided=False, content_kind__in=services.PHOTO_KINDS
    )
    if attachment.record is None or not visibility.can_see(request.user, attachment.record):
        raise Http404
    return _thumbnail_response(attachment)


# --- Ledgers --------------------------------------------------------------------------------

LEDGERS = {"events": ledgers.EVENTS, "consultations": ledgers.CONSULTATIONS}


@staff_required
def ledger_page(request: StaffRequest, which: str) -> HttpResponseBase:
    """The register's export (GET ?download=1) and the way to its import."""
    register = LEDGERS.get(which) or _not_found()
    if request.GET.get("download"):
        params = request.GET
        return xlsx_response(
            register.columns,
            register.export_rows(request.user, year=params.get("year"), month=params.get("month")),
            title=register.title,
            filename=register.filename,
        )
    return render(
        request,
        "legal_education/ledger.html",
        {"ledger": register, "which": which, "may_write": register.ledger.may_import(request.user)},
    )


def ledger_import(request: HttpRequest, which: str) -> HttpResponseBase:
    register = LEDGERS.get(which) or _not_found()
    return ledger_views.ledger_upload(request, key=register.ledger.key)


def _not_found() -> NoReturn:
    raise Http404
