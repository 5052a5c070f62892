"""HTML forms: input shape only; the services decide and raise ValidationError per field."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from huanghe_portal import forms as portal_forms
from huanghe_portal.forms import StepForm, acknowledge_field, date_field, text_field
from huanghe_portal.limits import BODY_MAX, SUMMARY_MAX
from huanghe_portal.people import display_name

from .models import (
    DecisionCatalogItem,
    Kind,
    LegalAdviser,
    LegalityReview,
    Matter,
    Meeting,
    MeetingView,
    RiskAssessment,
    Step,
)

User = get_user_model()


# Every area's step table names its forms as forms.<Name>; these are the shared ones.
VoidForm = portal_forms.VoidForm


class LinesField(forms.CharField):
    """One name per line → a list of names."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value):
        text = super().to_python(value)
        return [line.strip() for line in text.splitlines() if line.strip()]


class MatterForm(StepForm):
    submit_label = _("创建事项")
    title = forms.CharField(label=_("事项名称"), max_length=200)
    kind = forms.ChoiceField(label=_("事项类型"), choices=Kind.choices)
    summary = text_field(_("草案摘要"), rows=4, max_length=SUMMARY_MAX)
    sponsor_unit = forms.CharField(label=_("承办单位"), max_length=100)
    opened_on = date_field(_("启动日期"), required=False)
    catalogue_item = forms.ModelChoiceField(
        label=_("决策事项目录"), required=False, queryset=DecisionCatalogItem.objects.all()
    )
    exploratory_reform = forms.BooleanField(label=_("探索性改革事项"), required=False)
    legal_risk_statement = text_field(
        _("法律风险说明"),
        rows=2,
        max_length=SUMMARY_MAX,
        required=False,
        help_text=_("探索性改革事项须载明（决策条例第二十七条）。"),
    )
    art58_trigger = forms.ChoiceField(
        label=_("法制审核情形（重大执法决定）"),
        required=False,
        choices=[("", "—"), *Matter.Art58Trigger.choices],
    )
    case_number = forms.CharField(label=_("执法案件编号"), max_length=60, required=False)


class OpenedOnForm(StepForm):
    submit_label = _("保存启动日期")
    opened_on = date_field(_("启动日期"))


class CommentWindowForm(StepForm):
    opens_on = date_field(_("征求意见开始日期"))
    closes_on = date_field(_("征求意见截止日期"), initial=None)
    where_published = forms.CharField(label=_("发布渠道"), max_length=200, required=False)
    shortening_reason = text_field(
        _("期限少于30日的理由"),
        rows=2,
        required=False,
        help_text=_("征求意见期限一般不少于30日（含首尾两日）；少于30日的须说明理由。"),
    )
    acknowledge = acknowledge_field()


class HearingForm(StepForm):
    held_on = date_field(_("听证日期"))
    materials_sent_on = date_field(_("材料送达日期"))
    participants = LinesField(label=_("听证参加人（每行一人）"))
    record = text_field(_("听证笔录"), rows=4, max_length=BODY_MAX)
    record_signed = forms.BooleanField(
        label=_("笔录经参加人确认签字"), required=False, initial=True
    )


class ExpertReviewForm(StepForm):
    held_on = date_field(_("论证日期"))
    experts = LinesField(label=_("论证专家（每行一人）"))
    opinion = text_field(_("论证意见"), rows=4, max_length=SUMMARY_MAX)


class RiskAssessmentForm(StepForm):
    assessed_on = date_field(_("评估日期"))
    level = forms.ChoiceField(label=_("风险等级"), choices=RiskAssessment.Level.choices)
    points = text_field(_("风险点"), max_length=SUMMARY_MAX)
    measures = text_field(_("防范措施"), max_length=SUMMARY_MAX)
    plan = text_field(_("处置预案"), rows=2, max_length=SUMMARY_MAX, required=False)


class ReviewerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return display_name(obj)


def reviewer_queryset():
    return (
        User.objects.filter(is_active=True)
        .filter(Q(groups__name="legal_reviewer") | Q(groups__name="legal_adviser"))
        .distinct()
        .select_related("portal_profile")
        .order_by("username")
    )


class SubmitReviewForm(StepForm):
    submit_label = _("提交合法性审核")
    reviewer = ReviewerChoiceField(label=_("审核人"), queryset=User.objects.none())
    submitted_on = date_field(_("送审日期"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewer_queryset()


class ConcludeReviewForm(StepForm):
    submit_label = _("出具审核结论")
    concluded_on = date_field(_("审核完成日期"))
    result = forms.ChoiceField(label=_("审核结论"), choices=LegalityReview.Result.choices)
    opinion = text_field(_("审核意见"), rows=4, max_length=SUMMARY_MAX)
    changes = text_field(_("据审核意见所作修改"), rows=2, max_length=SUMMARY_MAX, required=False)
    reviewer_qualification = forms.CharField(
        label=_("审核人法律职业资格证号"), max_length=60, required=False
    )


class DiscussForm(forms.Form):
    meeting_kind = forms.ChoiceField(label=_("会议类型"), choices=Meeting.MeetingKind.choices)
    held_on = date_field(_("会议日期"))
    result = forms.ChoiceField(label=_("会议结果"), choices=Meeting.Result.choices)
    absentees = LinesField(label=_("缺席人员（每行一人）"), required=False)
    agenda = forms.CharField(label=_("议题"), required=False, max_length=SUMMARY_MAX)
    principal_reason = text_field(
        _("主要负责人决定与多数意见不一致的理由"), rows=2, max_length=SUMMARY_MAX, required=False
    )


class AttendeeForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50, required=False)
    opinion = forms.CharField(label=_("发表意见"), required=False, max_length=SUMMARY_MAX)
    stance = forms.ChoiceField(
        label=_("表态"), choices=[("", "—"), *MeetingView.Stance.choices], required=False
    )


AttendeeFormSet = forms.formset_factory(AttendeeForm, extra=9, max_num=30)


class SignOffForm(StepForm):
    submit_label = _("签发")
    signed_on = date_field(_("签发日期"), required=False)
    note = text_field(_("签发意见"), rows=2, required=False)


class PublishForm(StepForm):
    submit_label = _("公布")
    published_on = date_field(_("公布日期"), required=False)
    acknowledge = acknowledge_field()


class RegisterDocumentForm(StepForm):
    document_number = forms.CharField(label=_("文号"), max_length=60)
    registration_number = forms.CharField(label=_("登记编号"), max_length=60, required=False)
    issued_on = date_field(_("印发日期"))
    effective_on = date_field(_("施行日期"), initial=None)
    expires_on = date_field(_("有效期至"), required=False)


class RepealForm(StepForm):
    submit_label = _("废止")
    repealed_on = date_field(_("废止日期"))
    reason = forms.CharField(label=_("废止理由"), max_length=200)


class EvaluationForm(StepForm):
    evaluated_on = date_field(_("评估日期"))
    evaluator = forms.CharField(label=_("评估单位"), max_length=100)
    findings = text_field(_("评估结论"), rows=4, max_length=SUMMARY_MAX)


class AdoptionForm(StepForm):
    adoption_summary = text_field(_("意见采纳情况"), max_length=SUMMARY_MAX)
    adopted = forms.MultipleChoiceField(
        label=_("采纳的意见"), required=False, widget=forms.CheckboxSelectMultiple
    )
    acknowledge = acknowledge_field()

    def __init__(self, *args, window, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adopted"].choices = [
            (c.pk, f"{c.submitted_on} {c.commenter_name or '匿名'}：{c.content[:60]}")
            for c in window.comments.all()
        ]
        self.initial.setdefault("adoption_summary", window.adoption_summary)
        self.initial.setdefault("adopted", [c.pk for c in window.comments.all() if c.adopted])

    def clean_adopted(self) -> list[int]:
        return [int(v) for v in self.cleaned_data["adopted"]]


class AdviserForm(StepForm):
    name = forms.CharField(label=_("姓名"), max_length=50)
    firm = forms.CharField(label=_("所在律师事务所"), max_length=100)
    term_start = date_field(_("聘期开始"))
    term_end = date_field(_("聘期结束"), initial=None)
    contract_number = forms.CharField(label=_("聘用合同编号"), max_length=60, required=False)
    user = ReviewerChoiceField(label=_("平台账号"), required=False, queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(
            groups__name="legal_adviser"
        ).select_related("portal_profile")

    @classmethod
    def initial_of(cls, adviser: LegalAdviser) -> dict:
        return {name: getattr(adviser, name) for name in cls.base_fields}


class CatalogueItemForm(StepForm):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("事项名称"), max_length=200)
    approved_by_party_committee_on = date_field(_("党委同意日期"), required=False)
    published_on = date_field(_("目录公布日期"), required=False)

    @classmethod
    def initial_of(cls, item: DecisionCatalogItem) -> dict:
        return {name: getattr(item, name) for name in cls.base_fields}


class RequirementsForm(StepForm):
    """A checkbox per kind: the steps required before discussion."""

    def __init__(self, *args, current: dict[str, set[str]], **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in Kind.choices:
            self.fields[kind] = forms.MultipleChoiceField(
                label=label,
                required=False,
                choices=Step.choices,
                widget=forms.CheckboxSelectMultiple,
                initial=sorted(current.get(kind, set())),
            )


class PublicCommentForm(forms.Form):
    commenter_name = forms.CharField(label=_("称呼（可不填）"), max_length=50, required=False)
    content = text_field(_("意见建议"), rows=6, max_length=5000)
    privacy_consent = forms.BooleanField(
        label=_("我已阅读并同意上述个人信息处理说明"),
        error_messages={"required": _("请阅读并同意个人信息处理说明。")},
    )
