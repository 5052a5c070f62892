"""Forms of the staff pages: input shape and Chinese messages; the services do the writing."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from huanghe_portal import forms as portal_forms
from huanghe_portal.forms import (
    DateInput,
    PersonChoiceField,
    StaffFormMixin,
    StepForm,
    date_field,
    text_field,
)
from huanghe_portal.limits import BODY_MAX, SUMMARY_MAX, column_max
from huanghe_portal.models import Village
from huanghe_portal.personal_data import (
    normalize_id_number,
    normalize_phone,
    validate_credit_code,
    validate_id_number,
    validate_phone,
)

from . import selectors
from .models import (
    CATEGORY_CHOICES,
    Agreement,
    AgreementSubject,
    Committee,
    CommitteeMember,
    Dispute,
    GuidedTo,
    JudicialConfirmation,
    Party,
    ScreeningRound,
    Source,
)

# Every area's step table names its forms as forms.<Name>; these are the shared ones.
VoidForm = portal_forms.VoidForm


class DisputeForm(forms.Form):
    received_on = date_field(_("登记日期"))
    source = forms.ChoiceField(label=_("来源"), choices=Source.choices)
    category = forms.ChoiceField(label=_("纠纷类别"), choices=CATEGORY_CHOICES)
    village = forms.ModelChoiceField(
        label=_("村（社区）"), required=False, queryset=Village.objects.filter(is_active=True)
    )
    committee = forms.ModelChoiceField(
        label=_("调委会"), required=False, queryset=Committee.objects.filter(is_active=True)
    )
    summary = text_field(_("纠纷简要情况"), rows=4, max_length=SUMMARY_MAX)
    amount_involved = forms.DecimalField(
        label=_("涉及金额（元）"),
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=0,
        error_messages={"min_value": _("涉及金额不能为负数。")},
    )
    is_public = forms.BooleanField(label=_("公开调解"), required=False)
    mediators = PersonChoiceField(label=_("调解员"), required=False, queryset=selectors.mediators())


class DisputeEditForm(StepForm):
    source = DisputeForm.base_fields["source"]
    category = DisputeForm.base_fields["category"]
    village = DisputeForm.base_fields["village"]
    committee = DisputeForm.base_fields["committee"]
    summary = DisputeForm.base_fields["summary"]
    amount_involved = DisputeForm.base_fields["amount_involved"]
    is_public = DisputeForm.base_fields["is_public"]


class PartyForm(forms.Form):
    role = forms.ChoiceField(label=_("当事人类型"), choices=Party.Role.choices)
    kind = forms.ChoiceField(label=_("类别"), choices=Party.Kind.choices, initial="person")
    name = forms.CharField(label=_("姓名（名称）"), max_length=100)
    # Room for spaces and full-width characters; normalised to 18 characters when cleaned.
    id_number = forms.CharField(label=_("身份证号码"), required=False, max_length=24)
    credit_code = forms.CharField(label=_("统一社会信用代码"), required=False, max_length=24)
    phone = forms.CharField(label=_("联系电话"), required=False, max_length=20)
    address = forms.CharField(label=_("住址"), required=False, max_length=200)

    def clean_id_number(self) -> str:
        value = normalize_id_number(self.cleaned_data["id_number"])
        if value:
            validate_id_number(value)
        return value

    def clean_credit_code(self) -> str:
        value = normalize_id_number(self.cleaned_data["credit_code"])
        if value:
            validate_credit_code(value)
        return value

    def clean_phone(self) -> str:
        value = normalize_phone(self.cleaned_data["phone"])
        if value:
            validate_phone(value)
        return value


class BasePartyFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        roles = {
            f.cleaned_data.get("role")
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        }
        if Party.Role.APPLICANT not in roles:
            raise ValidationError(_("至少需要一名申请人。"))
        if Party.Role.RESPONDENT not in roles:
            raise ValidationError(_("至少需要一名被申请人。"))


PartyFormSet = forms.formset_factory(
    PartyForm, formset=BasePartyFormSet, extra=0, min_num=2, validate_min=True
)


class AcceptForm(StepForm):
    submit_label = _("受理")
    accepted_on = date_field(_("受理日期"))
    mediators = PersonChoiceField(label=_("调解员"), required=False, queryset=selectors.mediators())


class RejectForm(StepForm):
    submit_label = _("不予受理")
    closed_on = date_field(_("决定日期"))
    reason = text_field(_("理由"))
    guided_to = forms.ChoiceField(label=_("引导途径"), choices=GuidedTo.choices)


class SessionForm(StepForm):
    submit_label = _("保存调解记录")
    held_on = date_field(_("调解日期"))
    place = forms.CharField(label=_("调解地点"), max_length=200)
    attendees = forms.CharField(label=_("参加人员"), required=False, max_length=300)
    record = text_field(_("调解记录"), rows=5, max_length=BODY_MAX)


class SucceedForm(StepForm):
    submit_label = _("调解成功，结案")
    closed_on = date_field(_("结案日期"))
    agreement_form = forms.ChoiceField(label=_("协议形式"), choices=Dispute.AgreementForm.choices)
    agreement_subject = forms.ChoiceField(
        label=_("协议事项"),
        choices=AgreementSubject.choices,
        initial=AgreementSubject.RIGHTS,
        help_text=_("身份关系、确权事项的协议，人民法院不予司法确认。"),
    )
    facts = text_field(_("纠纷主要事实、争议事项"), max_length=SUMMARY_MAX, required=False)
    responsibilities = text_field(
        _("各方当事人的责任"), rows=2, max_length=SUMMARY_MAX, required=False
    )
    terms = text_field(_("协议内容"), rows=4, max_length=SUMMARY_MAX)
    performance_method = forms.CharField(label=_("履行方式"), required=False, max_length=300)
    performance_due = date_field(_("履行期限"), required=False)
    copies = forms.IntegerField(
        label=_("协议书份数"),
        required=False,
        min_value=1,
        max_value=column_max(Agreement, "copies"),
        help_text=_("留空则为当事人人数加一（调委会留存一份）。"),
    )


class FailForm(RejectForm):
    """Ended without agreement: like a refusal, the reason and where the parties were guided."""

    submit_label = _("调解不成，终止调解")
    closed_on = date_field(_("结案日期"))


class WithdrawForm(StepForm):
    submit_label = _("撤回")
    closed_on = date_field(_("结案日期"))
    reason = text_field(_("原因"))


class FollowUpForm(StepForm):
    submit_label = _("保存回访")
    visited_on = date_field(_("回访日期"))
    performed = forms.BooleanField(label=_("已履行"), required=False)
    satisfied = forms.BooleanField(label=_("当事人满意"), required=False)
    note = text_field(_("回访情况"), required=False)


class ConfirmationForm(StepForm):
    submit_label = _("保存司法确认")
    applied_on = date_field(_("申请日期"))
    court = forms.CharField(label=_("受理法院"), max_length=100)
    result = forms.ChoiceField(label=_("结果"), choices=JudicialConfirmation.Result.choices)
    decided_on = date_field(_("裁定日期"), required=False)


class ArchiveForm(StepForm):
    submit_label = _("归档")
    archived_on = date_field(_("归档日期"))


class AddPartyForm(StaffFormMixin, PartyForm):
    submit_label = _("补充当事人")


class PartyEditForm(StaffFormMixin, PartyForm):
    pass


class CommitteeForm(StaffFormMixin, forms.ModelForm):
    class Meta:
        model = Committee
        fields = ["name", "level", "village", "term_start", "term_end", "is_active"]
        widgets = {"term_start": DateInput(), "term_end": DateInput()}


class MemberForm(StaffFormMixin, forms.ModelForm):
    submit_label = _("增加委员")

    class Meta:
        model = CommitteeMember
        fields = list(CommitteeMember.ENTRY_FIELDS)
        widgets = {"term_start": DateInput(), "term_end": DateInput()}


class ScreeningRoundForm(StepForm):
    held_on = date_field(_("排查日期"))
    committee = forms.ModelChoiceField(
        label=_("调委会"), required=False, queryset=Committee.objects.filter(is_active=True)
    )
    villages = forms.ModelMultipleChoiceField(
        label=_("排查范围"),
        queryset=Village.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
    )
    disputes_found = forms.IntegerField(
        label=_("排查发现纠纷数"),
        min_value=0,
        max_value=column_max(ScreeningRound, "disputes_found"),
        initial=0,
    )
    disputes_prevented = forms.IntegerField(
        label=_("预防纠纷数"),
        min_value=0,
        max_value=column_max(ScreeningRound, "disputes_prevented"),
        initial=0,
    )
    note = text_field(_("排查情况"), required=False)


class LedgerImportForm(StepForm):
    submit_label = _("导入")
    file = forms.FileField(label=_("台账文件（.xlsx）"))
