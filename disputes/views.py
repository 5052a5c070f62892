"""Staff pages of the mediation area; thin: a selector to fetch, a service to write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from huanghe_portal import attachments
from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.ledgers import XLSX_CONTENT_TYPE, LedgerImportError
from huanghe_portal.limits import parse_year
from huanghe_portal.roles import Role, has_role, require_role
from huanghe_portal.versioning import StaleVersion, form_status, once, run_form_service
from huanghe_portal.views import StaffRequest, StaffRequiredMixin, staff_required, upload_attachment

from . import documents, forms, ledgers, selectors, services
from .models import Committee, CommitteeMember, Dispute

# --- List and detail ------------------------------------------------------------------------


class DisputeListView(StaffRequiredMixin, ListView):
    template_name = "disputes/dispute_list.html"
    paginate_by = 20

    def get_queryset(self):
        require_role(self.request.user, *selectors.READERS)
        queryset, self.filterset = selectors.dispute_list(self.request.user, self.request.GET)
        return queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter=self.filterset,
            can_write=has_role(self.request.user, Role.MEDIATOR),
            today=timezone.localdate(),
            **kwargs,
        )


@staff_required
def dispute_detail(request: StaffRequest, pk: int) -> HttpResponse:
    dispute = get_object_or_404(selectors.dispute_detail(request.user), pk=pk)
    can_write = has_role(request.user, Role.MEDIATOR)
    reveal = can_write and request.GET.get("reveal") == "1"
    entries = selectors.timeline_for(dispute)
    return render(
        request,
        "disputes/dispute_detail.html",
        {
            "dispute": dispute,
            "parties": documents.party_rows(request.user, dispute, reveal=reveal),
            "revealed": reveal,
            "can_write": can_write,
            "can_see_history": has_role(request.user, Role.LEADER),
            "timeline": entries,
            # A follow-up's details travel with its timeline entry: no query of their own.
            "follow_ups": [e.data for e in entries if e.action == "followed_up"],
            "attachments": attachments.attachments_of(dispute),
            "upload_url": (f"{dispute.get_absolute_url()}attachments/" if can_write else ""),
        },
    )


# --- Registration ---------------------------------------------------------------------------


@staff_required
def dispute_create(request: StaffRequest) -> HttpResponse:
    require_role(request.user, Role.MEDIATOR)
    form = forms.DisputeForm(request.POST or None)
    parties = forms.PartyFormSet(
        request.POST or None,
        prefix="parties",
        initial=[{"role": "applicant"}, {"role": "respondent"}],
    )
    if request.method == "POST" and form.is_valid() and parties.is_valid():
        try:
            dispute = services.create_dispute(
                actor=request.user,
                parties=[p.cleaned_data for p in parties.forms],
                **form.cleaned_data,
            )
        except ValidationError as exc:
            forms.apply_errors(form, exc)
        else:
            messages.success(request, _("已登记，案号 %(number)s。") % {"number": dispute.number})
            return redirect(dispute)
    return render(
        request,
        "disputes/dispute_form.html",
        {"form": form, "parties": parties},
        status=400 if request.method == "POST" else 200,
    )


def _form_page(
    request: HttpRequest,
    dispute: Dispute,
    form,
    call: Callable[..., Any],
    *,
    title,
    done,
    step: str,
) -> HttpResponse:
    """The page of one form about a case: a valid POST calls the service (a wrong state is
    told as a message on the case, bad input on the form's fields); otherwise the form."""
    if request.method == "POST" and form.is_valid():
        try:
            call(actor=request.user, **form.cleaned_data)
        except StaleVersion as exc:
            form.show_conflict(exc.record)
        except TransitionNotAllowed as exc:
            messages.error(request, str(exc))
            return redirect(dispute)
        except ValidationError as exc:
            forms.apply_errors(form, exc)
        else:
            messages.success(request, str(done))
            return redirect(dispute)
    return render(
        request,
        "disputes/dispute_step.html",
        {"dispute": dispute, "form": form, "form_title": title, "step": step},
        status=form_status(form),
    )


@staff_required
def dispute_edit(request: StaffRequest, pk: int) -> HttpResponse:
    dispute = get_object_or_404(selectors.disputes_visible_to(request.user), pk=pk)
    require_role(request.user, Role.MEDIATOR)
    initial = {name: getattr(dispute, name) for name in services.EDITABLE}
    form = forms.DisputeEditForm(request.POST or None, initial=initial, version=dispute.version)
    return _form_page(
        request,
        dispute,
        form,
        partial(services.update_dispute, dispute),
        title=_("修改案件信息"),
        done=_("案件信息已保存。"),
        step="edit",
    )


@staff_required
def party_edit(request: StaffRequest, pk: int, party_id: int) -> HttpResponse:
    dispute = get_object_or_404(selectors.disputes_visible_to(request.user), pk=pk)
    party = get_object_or_404(dispute.parties, pk=party_id)
    require_role(request.user, Role.MEDIATOR)
    initial = {
        "role": party.role,
        "kind": party.kind,
        "name": party.name,
        "credit_code": party.credit_code,
        "address": party.address,
        **documents.personal_fields(request.user, party, reveal=True),
    }
    form = forms.PartyEditForm(request.POST or None, initial=initial, version=party.version)
    return _form_page(
        request,
        dispute,
        form,
        partial(services.update_party, party),
        title=_("修改当事人"),
        done=_("当事人信息已保存。"),
        step="party-edit",
    )


# --- Workflow steps -------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    form: type
    service: Callable[..., Any]
    title: str | Promise
    done: str | Promise


STEPS = {
    "accept": Step(
        forms.AcceptForm, services.accept_dispute, gettext_lazy("受理"), gettext_lazy("已受理。")
    ),
    "reject": Step(
        forms.RejectForm,
        services.reject_dispute,
        gettext_lazy("不予受理"),
        gettext_lazy("已决定不予受理。"),
    ),
    "session": Step(
        forms.SessionForm,
        services.add_session,
        gettext_lazy("记录调解"),
        gettext_lazy("调解记录已保存。"),
    ),
    "succeed": Step(
        forms.SucceedForm,
        services.succeed_dispute,
        gettext_lazy("调解成功"),
        gettext_lazy("已结案：调解成功。"),
    ),
    "fail": Step(
        forms.FailForm,
        services.fail_dispute,
        gettext_lazy("调解不成，终止调解"),
        gettext_lazy("已结案：调解不成。"),
    ),
    "withdraw": Step(
        forms.WithdrawForm,
        services.withdraw_dispute,
        gettext_lazy("撤回"),
        gettext_lazy("已结案：撤回。"),
    ),
    "follow-up": Step(
        forms.FollowUpForm,
        services.add_follow_up,
        gettext_lazy("回访"),
        gettext_lazy("回访记录已保存。"),
    ),
    "confirmation": Step(
        forms.ConfirmationForm,
        services.record_judicial_confirmation,
        gettext_lazy("司法确认"),
        gettext_lazy("司法确认情况已保存。"),
    ),
    "party": Step(
        forms.AddPartyForm,
        services.add_party,
        gettext_lazy("补充当事人"),
        gettext_lazy("已补充当事人。"),
    ),
    "archive": Step(
        forms.ArchiveForm, services.archive_dispute, gettext_lazy("归档"), gettext_lazy("已归档。")
    ),
    "void": Step(
        forms.VoidForm, services.void_dispute, gettext_lazy("作废"), gettext_lazy("已作废。")
    ),
}


@staff_required
def dispute_step(request: StaffRequest, pk: int, step: str) -> HttpResponse:
    """One page per workflow step: a GET shows its form, a POST calls its service."""
    dispute = get_object_or_404(selectors.disputes_visible_to(request.user), pk=pk)
    spec = STEPS[step]
    # Only mediators take steps; the form is not shown to anyone who may not submit it.
    require_role(request.user, Role.MEDIATOR)
    form = spec.form(request.POST or None, version=dispute.version)
    return _form_page(
        request,
        dispute,
        form,
        once(spec.service, dispute),
        title=spec.title,
        done=spec.done,
        step=step,
    )


@staff_required
@require_POST
def dispute_attachment(request: StaffRequest, pk: int) -> HttpResponse:
    dispute = get_object_or_404(selectors.disputes_visible_to(request.user), pk=pk)
    return upload_attachment(request, dispute, add=services.add_dispute_attachment)


@staff_required
def agreement_pdf(request: StaffRequest, pk: int) -> HttpResponse:
    dispute = get_object_or_404(selectors.dispute_detail(request.user), pk=pk)
    return documents.agreement_pdf_response(request.user, dispute)


# --- Ledger ---------------------------------------------------------------------------------


@staff_required
def ledger_export(request: StaffRequest) -> HttpResponse:
    require_role(request.user, *selectors.READERS)
    queryset, _filterset = selectors.dispute_list(request.user, request.GET)
    data = ledgers.export(request.user, queryset)
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="disputes-ledger-{stamp}.xlsx"'
    return response


@staff_required
def ledger_import(request: StaffRequest) -> HttpResponse:
    require_role(request.user, Role.MEDIATOR)
    form = forms.LedgerImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = ledgers.import_ledger(form.cleaned_data["file"], actor=request.user)
        except LedgerImportError as exc:
            errors = exc.errors
        else:
            messages.success(
                request, _("导入完成：新增 %(created)s 件，已存在 %(skipped)s 件。") % result
            )
            return redirect("disputes:index")
    return render(
        request,
        "disputes/ledger_import.html",
        {"form": form, "errors": errors},
        status=400 if errors else 200,
    )


# --- Committees -----------------------------------------------------------------------------


@staff_required
def committee_list(request: StaffRequest) -> HttpResponse:
    require_role(request.user, *selectors.READERS)
    committees = selectors.committees_visible_to(request.user).prefetch_related("members")
    rows = [
        {
            "committee": c,
            "warnings": selectors.committee_warnings(c),
            "members": [m for m in c.members.all() if m.is_active],
        }
        for c in committees
    ]
    return render(
        request,
        "disputes/committee_list.html",
        {"rows": rows, "can_write": has_role(request.user, Role.MEDIATOR)},
    )


@staff_required
def committee_edit(request: StaffRequest, pk: int | None = None) -> HttpResponse:
    require_role(request.user, Role.MEDIATOR)
    committee = (
        get_object_or_404(selectors.committees_visible_to(request.user), pk=pk)
        if pk
        else Committee()
    )
    form = forms.CommitteeForm(request.POST or None, instance=committee)
    if request.method == "POST" and form.is_valid():
        saved = run_form_service(
            form, lambda: services.save_committee(committee, actor=request.user, **form.cleaned_data)
        )
        if saved:
            messages.success(request, _("调委会已保存。"))
            return redirect(saved)
    return render(
        request,
        "staff/simple_form.html",
        {"form": form, "form_title": _("调委会")},
        status=form_status(form),
    )


@staff_required
def committee_detail(request: StaffRequest, pk: int) -> HttpResponse:
    committee = get_object_or_404(
        selectors.committees_visible_to(request.user).prefetch_related("members"), pk=pk
    )
    can_write = has_role(request.user, Role.MEDIATOR)
    form = forms.MemberForm(request.POST or None)
    if request.method == "POST":
        require_role(request.user, Role.MEDIATOR)
        if form.is_valid():
            try:
                services.save_member(
                    CommitteeMember(committee=committee), actor=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                forms.apply_errors(form, exc)
            else:
                messages.success(request, _("已增加委员。"))
                return redirect(committee)
    return render(
        request,
        "disputes/committee_detail.html",
        {
            "committee": committee,
            "members": committee.members.all(),
            "form": form,
            "can_write": can_write,
            "warnings": selectors.committee_warnings(committee),
            "timeline": selectors.timeline_for(committee),
        },
    )


# --- Screening rounds -----------------------------------------------------------------------


class ScreeningListView(StaffRequiredMixin, ListView):
    template_name = "disputes/screening_list.html"
    paginate_by = 20

    def get_queryset(self):
        require_role(self.request.user, *selectors.READERS)
        queryset = selectors.screening_rounds_visible_to(self.request.user).prefetch_related(
            "villages"
        )
        if year := parse_year(self.request.GET.get("year")):
            queryset = queryset.filter(held_on__year=year)
        return queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_write=has_role(self.request.user, Role.MEDIATOR), **kwargs
        )


@staff_required
def screening_create(request: StaffRequest) -> HttpResponse:
    require_role(request.user, Role.MEDIATOR)
    form = forms.ScreeningRoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_screening_round(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            forms.apply_errors(form, exc)
        else:
            messages.success(request, _("排查记录已保存。"))
            return redirect("disputes:screening-list")
    return render(
        request, "staff/simple_form.html", {"form": form, "form_title": _("登记矛盾纠纷排查")}
    )


@staff_required
@require_POST
def screening_void(request: StaffRequest, pk: int) -> HttpResponse:
    screening = get_object_or_404(selectors.screening_rounds_visible_to(request.user), pk=pk)
    form = forms.VoidForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写作废原因。"))
    else:
        try:
            services.void_screening_round(screening, actor=request.user, **form.cleaned_data)
        except TransitionNotAllowed as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("已作废。"))
    return redirect("disputes:screening-list")
