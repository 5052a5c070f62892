"""Staff pages of the mediation area; thin: a selector to fetch, a service to write."""

from __future__ import annotations

from django.db.models import Model
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from huanghe_portal import attachments, ledger_views, reveal, timeline
from huanghe_portal.ledgers import xlsx_response
from huanghe_portal.limits import parse_year
from huanghe_portal.roles import Role, has_role, require_role
from huanghe_portal.steps import Step, Steps, form_page, step_page, void_step
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
    parties: list[Model] = list(dispute.parties.all())
    personal = reveal.values_of(request, parties, documents.PARTY_FIELDS, owner_role=Role.MEDIATOR)
    entries = timeline.labelled(dispute)
    return render(
        request,
        "disputes/dispute_detail.html",
        {
            "dispute": dispute,
            "parties": [{"party": p, **personal[p.pk]} for p in parties],
            "can_reveal": any(v.can_reveal for p in parties for v in personal[p.pk].values()),
            "can_write": can_write,
            "buttons": STEPS.buttons(request.user, dispute),
            "may_edit_parties": STEPS["party-edit"].may(request.user, dispute),
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
    parties_valid = request.method == "POST" and parties.is_valid()
    return form_page(
        request,
        form,
        lambda: services.create_dispute(
            actor=request.user,
            parties=[p.cleaned_data for p in parties.forms],
            **form.cleaned_data,
        ),
        done=lambda dispute: _("已登记，案号 %(number)s。") % {"number": dispute.number},
        template="disputes/dispute_form.html",
        context={"parties": parties},
        valid=parties_valid,
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
        **documents.personal_fields(request.user, party),
    }
    return step_page(request, STEPS, dispute, "party-edit", subject=party, initial=initial)


# --- Workflow steps -------------------------------------------------------------------------

MEDIATOR = (Role.MEDIATOR,)
S = Dispute.Status

STEPS = Steps(
    "disputes:dispute-{slug}",
    [
        Step(
            "accept",
            forms.AcceptForm,
            services.accept_dispute,
            gettext_lazy("受理"),
            gettext_lazy("已受理。"),
            MEDIATOR,
            target=S.ACCEPTED,
            style="btn-primary",
        ),
        Step(
            "reject",
            forms.RejectForm,
            services.reject_dispute,
            gettext_lazy("不予受理"),
            gettext_lazy("已决定不予受理。"),
            MEDIATOR,
            target=S.REJECTED,
            style="btn-outline-secondary",
        ),
        Step(
            "session",
            forms.SessionForm,
            services.add_session,
            gettext_lazy("记录调解"),
            gettext_lazy("调解记录已保存。"),
            MEDIATOR,
            states=(S.ACCEPTED,),
            style="btn-primary",
        ),
        Step(
            "succeed",
            forms.SucceedForm,
            services.succeed_dispute,
            gettext_lazy("调解成功"),
            gettext_lazy("已结案：调解成功。"),
            MEDIATOR,
            target=S.SUCCEEDED,
            style="btn-success",
        ),
        Step(
            "fail",
            forms.FailForm,
            services.fail_dispute,
            gettext_lazy("调解不成，终止调解"),
            gettext_lazy("已结案：调解不成。"),
            MEDIATOR,
            target=S.FAILED,
            style="btn-outline-secondary",
        ),
        Step(
            "withdraw",
            forms.WithdrawForm,
            services.withdraw_dispute,
            gettext_lazy("撤回"),
            gettext_lazy("已结案：撤回。"),
            MEDIATOR,
            target=S.WITHDRAWN,
            style="btn-outline-secondary",
        ),
        Step(
            "party",
            forms.AddPartyForm,
            services.add_party,
            gettext_lazy("补充当事人"),
            gettext_lazy("已补充当事人。"),
            MEDIATOR,
            states=Dispute.OPEN,
            style="btn-outline-secondary",
        ),
        Step(
            "edit",
            forms.DisputeEditForm,
            services.update_dispute,
            gettext_lazy("修改案件信息"),
            gettext_lazy("案件信息已保存。"),
            MEDIATOR,
            states=Dispute.OPEN,
            repeatable=False,
            initial=lambda d: {name: getattr(d, name) for name in services.EDITABLE},
            style="btn-outline-secondary",
        ),
        Step(
            "party-edit",
            forms.PartyEditForm,
            services.update_party,
            gettext_lazy("修改当事人"),
            gettext_lazy("当事人信息已保存。"),
            MEDIATOR,
            states=Dispute.OPEN,
            repeatable=False,
            button=False,
            url_name="disputes:party-edit",
        ),
        Step(
            "follow-up",
            forms.FollowUpForm,
            services.add_follow_up,
            gettext_lazy("回访"),
            gettext_lazy("回访记录已保存。"),
            MEDIATOR,
            states=Dispute.AGREED,
            when=lambda d: bool(d.agreement_form),
        ),
        Step(
            "confirmation",
            forms.ConfirmationForm,
            services.record_judicial_confirmation,
            gettext_lazy("司法确认"),
            gettext_lazy("司法确认情况已保存。"),
            MEDIATOR,
            states=Dispute.AGREED,
            when=lambda d: bool(d.agreement_form),
        ),
        Step(
            "archive",
            forms.ArchiveForm,
            services.archive_dispute,
            gettext_lazy("归档"),
            gettext_lazy("已归档。"),
            MEDIATOR,
            target=S.ARCHIVED,
            style="btn-outline-dark",
        ),
        void_step(services.void_dispute, MEDIATOR, target=S.VOIDED),
    ],
    context_name="dispute",
)


@staff_required
def dispute_step(request: StaffRequest, pk: int, step: str) -> HttpResponse:
    """One page per workflow step: a GET shows its form, a POST calls its service."""
    dispute = get_object_or_404(selectors.disputes_visible_to(request.user), pk=pk)
    return step_page(request, STEPS, dispute, step, template="disputes/dispute_step.html")


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
def ledger_export(request: StaffRequest) -> HttpResponseBase:
    require_role(request.user, *selectors.READERS)
    queryset, _filterset = selectors.dispute_list(request.user, request.GET)
    stamp = timezone.localdate().isoformat()
    return ledger_views.export_with_reason(
        request,
        title=ledgers.TITLE,
        identities=ledgers.identities_in(queryset),
        unmasked=has_role(request.user, Role.MEDIATOR),
        download=lambda reason: xlsx_response(
            ledgers.columns(),
            ledgers.export_rows(request.user, queryset, reason=reason),
            title=ledgers.TITLE,
            filename=f"disputes-ledger-{stamp}.xlsx",
        ),
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
    return form_page(
        request,
        form,
        lambda: services.save_committee(committee, actor=request.user, **form.cleaned_data),
        done=_("调委会已保存。"),
        template="staff/simple_form.html",
        context={"form_title": _("调委会")},
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
    return form_page(
        request,
        form,
        lambda: services.save_member(
            CommitteeMember(committee=committee), actor=request.user, **form.cleaned_data
        ),
        done=_("已增加委员。"),
        then=committee,
        template="disputes/committee_detail.html",
        context={
            "committee": committee,
            "members": committee.members.all(),
            "can_write": can_write,
            "warnings": selectors.committee_warnings(committee),
            "timeline": timeline.labelled(committee),
        },
        invalid=200,
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
    return form_page(
        request,
        form,
        lambda: services.create_screening_round(actor=request.user, **form.cleaned_data),
        done=_("排查记录已保存。"),
        then="disputes:screening-list",
        template="staff/simple_form.html",
        context={"form_title": _("登记矛盾纠纷排查")},
        invalid=200,
    )


SCREENING_STEPS = Steps(
    "disputes:screening-{slug}",
    [void_step(services.void_screening_round, MEDIATOR)],
    context_name="screening",
    back="disputes:screening-list",
)


@staff_required
@require_POST
def screening_void(request: StaffRequest, pk: int) -> HttpResponse:
    """The list's inline void form posts here; a refusal is shown on the step page."""
    screening = get_object_or_404(selectors.screening_rounds_visible_to(request.user), pk=pk)
    return step_page(request, SCREENING_STEPS, screening, "void")
