"""Staff and public forms of the petitions area: input shape and Chinese messages only."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from huanghe_portal import forms as portal_forms
from huanghe_portal.forms import StepForm, date_field, text_field
from huanghe_portal.limits import NOTE_MAX, SUMMARY_MAX, TOPIC_MAX, column_max
from huanghe_portal.models import Village
from huanghe_portal.roles import Role

from .models import (
    MAX_REPRESENTATIVES,
    DeputySuggestion,
    GuidedTo,
    Petition,
    ReceptionDay,
    ReceptionRecord,
)

# Every area's step table names its forms as forms.<Name>; these are the shared ones.
EmptyForm = portal_forms.EmptyForm
VoidForm = portal_forms.VoidForm


class TimeInput(forms.TimeInput):
    """An HTML time input (hours and minutes, 24-hour)."""

    input_type = "time"

    def __init__(self, attrs=None, format=None):  # noqa: A002 - Django's own argument name
        super().__init__(attrs, format="%H:%M")


class PetitionForm(StepForm):
    submit_label = _("登记")
    received_on = date_field(_("收到日期"))
    channel = forms.ChoiceField(label=_("信访形式"), choices=Petition.Channel.choices)
    source = forms.ChoiceField(label=_("来源"), choices=Petition.Source.choices)
    category = forms.ChoiceField(label=_("类别"), choices=Petition.Category.choices)
    petitioner_name = forms.CharField(label=_("信访人"), max_length=100)
    id_number = forms.CharField(label=_("身份证号码"), required=False, max_length=20)
    phone = forms.CharField(label=_("联系电话"), required=False, max_length=20)
    address = forms.CharField(label=_("住址"), required=False, max_length=200)
    village = forms.ModelChoiceField(
        label=_("村（社区）"), required=False, queryset=Village.objects.filter(is_active=True)
    )
    persons_count = forms.IntegerField(
        label=_("人数"), min_value=1, max_value=column_max(Petition, "persons_count"), initial=1
    )
    representatives = forms.CharField(
        label=_("代表姓名"),
        required=False,
        help_text=_("多人来访时推选的代表，用顿号或逗号分隔，不超过5人。"),
        max_length=NOTE_MAX,
    )
    summary = text_field(_("反映事项"), rows=4, max_length=SUMMARY_MAX)
    hotline_ticket_no = forms.CharField(label=_("12345工单号"), required=False, max_length=40)
    xinfang_system_no = forms.CharField(label=_("信访信息系统编号"), required=False, max_length=40)
    is_skip_level = forms.BooleanField(label=_("越级信访"), required=False)
    reception_day = forms.ModelChoiceField(
        label=_("接访日"), required=False, queryset=ReceptionDay.objects.filter(voided=False)
    )

    def clean_representatives(self):
        raw = self.cleaned_data["representatives"]
        names = [
            n.strip() for n in raw.replace("，", ",").replace("、", ",").split(",") if n.strip()
        ]
        if len(names) > MAX_REPRESENTATIVES:
            raise forms.ValidationError(
                _("多人采用走访形式的，应推选代表，代表人数不超过5人（《信访工作条例》第二十条）。")
            )
        return names


class ClassifyForm(StepForm):
    category = forms.ChoiceField(label=_("类别"), choices=Petition.Category.choices)
    source = forms.ChoiceField(label=_("来源"), choices=Petition.Source.choices)
    village = forms.ModelChoiceField(
        label=_("村（社区）"), required=False, queryset=Village.objects.filter(is_active=True)
    )
    xinfang_system_no = forms.CharField(label=_("信访信息系统编号"), required=False, max_length=40)
    is_skip_level = forms.BooleanField(label=_("越级信访"), required=False)


class AcceptForm(StepForm):
    submit_label = _("受理")
    accepted_on = date_field(_("受理日期"))


class NotAcceptForm(StepForm):
    submit_label = _("不予受理")
    reason = text_field(_("不予受理理由"))
    guided_to = forms.ChoiceField(label=_("引导途径"), choices=GuidedTo.choices)


class ExtendForm(StepForm):
    submit_label = _("延期")
    days = forms.IntegerField(
        label=_("延期天数"),
        min_value=1,
        max_value=30,
        error_messages={
            "min_value": _("延期天数应为1至30日（《信访工作条例》第三十四条）。"),
            "max_value": _("延期天数应为1至30日（《信访工作条例》第三十四条）。"),
        },
    )
    reason = text_field(_("延期理由"))
    approved_by = forms.ModelChoiceField(
        label=_("批准的本机关负责人"),
        queryset=get_user_model().objects.filter(groups__name=Role.LEADER.value, is_active=True),
    )
    approved_on = date_field(_("批准日期"))


class ReplyForm(StepForm):
    submit_label = _("答复")
    replied_on = date_field(_("答复日期"))
    delivered_on = date_field(_("送达日期"), required=False)
    outcome = forms.ChoiceField(label=_("处理结果"), choices=Petition.Outcome.choices)
    opinion = text_field(_("处理意见及依据"), rows=5, max_length=SUMMARY_MAX)


class ReviewRequestForm(StepForm):
    submit_label = _("登记复查申请")
    requested_on = date_field(_("复查申请日期"))


class ReviewResultForm(StepForm):
    submit_label = _("登记复查结果")
    decided_on = date_field(_("复查决定日期"))
    result = forms.ChoiceField(label=_("复查结果"), choices=Petition.ReviewResult.choices)


class SatisfactionForm(StepForm):
    submit_label = _("登记满意度")
    satisfied = forms.TypedChoiceField(
        label=_("信访人评价"),
        coerce=lambda v: v == "1",
        choices=[("1", _("满意")), ("0", _("不满意"))],
    )


class AssignLeaderForm(StepForm):
    submit_label = _("指定包案领导")
    leader = forms.ModelChoiceField(
        label=_("包案领导"),
        queryset=get_user_model().objects.filter(groups__name=Role.LEADER.value, is_active=True),
    )


class MediationForm(StepForm):
    submit_label = _("转人民调解")
    respondent_name = forms.CharField(
        label=_("被申请人"),
        required=False,
        max_length=100,
        help_text=_("不详时留空，记为“待补充”。"),
    )
    note = text_field(_("纠纷简要情况"), required=False)


class ReceptionDayForm(StepForm):
    date = date_field(_("日期"), initial=None)
    start_time = forms.TimeField(label=_("开始时间"), widget=TimeInput)
    end_time = forms.TimeField(label=_("结束时间"), widget=TimeInput)
    leader_name = forms.CharField(label=_("接访领导"), max_length=50)
    place = forms.CharField(label=_("地点"), max_length=200)
    topic = forms.CharField(
        label=_("接访主题"),
        required=False,
        max_length=TOPIC_MAX,
        help_text=_("如：土地征收、惠民政策咨询；不填则为综合接访。"),
    )
    kind = forms.ChoiceField(label=_("方式"), choices=ReceptionDay.Kind.choices)
    note = forms.CharField(label=_("备注"), required=False, max_length=200)


class ReceptionRecordForm(StepForm):
    submit_label = _("登记接访记录")
    petitioner_names = forms.CharField(label=_("来访人"), max_length=200)
    persons_count = forms.IntegerField(
        label=_("来访人数"),
        min_value=1,
        max_value=column_max(ReceptionRecord, "persons_count"),
        initial=1,
    )
    request = text_field(_("反映事项"), max_length=SUMMARY_MAX)
    decision = text_field(_("处理意见"), max_length=SUMMARY_MAX)
    also_register = forms.BooleanField(
        label=_("同时登记为信访件（来源：领导接访）"), required=False
    )


class SuggestionForm(StepForm):
    deputy_name = forms.CharField(label=_("代表姓名"), max_length=50)
    assigned_on = date_field(_("交办日期"))
    complex = forms.BooleanField(label=_("涉及面广、难度大（6个月内答复）"), required=False)
    summary = text_field(_("建议内容"), rows=4, max_length=SUMMARY_MAX)


class SuggestionReplyForm(StepForm):
    submit_label = _("答复")
    replied_on = date_field(_("答复日期"))
    reply = text_field(_("答复内容"), rows=4, max_length=SUMMARY_MAX)


class SuggestionFeedbackForm(StepForm):
    satisfaction = forms.ChoiceField(
        label=_("代表满意度"),
        required=False,
        choices=[("", "—"), *DeputySuggestion.Satisfaction.choices],
    )
    published = forms.BooleanField(label=_("办理情况已公开"), required=False)


class PublicPetitionForm(StepForm):
    submit_label = _("提交")
    petitioner_name = forms.CharField(label=_("姓名"), max_length=100)
    phone = forms.CharField(
        label=_("联系电话"), max_length=20, help_text=_("查询办理进度时需核对电话后四位。")
    )
    village = forms.ModelChoiceField(
        label=_("所在村（社区）"), required=False, queryset=Village.objects.filter(is_active=True)
    )
    summary = text_field(_("反映事项"), rows=6, max_length=5000)
    email = forms.EmailField(
        label=_("电子邮箱"),
        required=False,
        help_text=_("选填。受理、延期、答复时将通过电子邮件和短信告知您。"),
    )
    notify_opt_out = forms.BooleanField(label=_("不接收办理进度通知"), required=False)
    consent = forms.BooleanField(label=_("我已阅读并同意上述个人信息处理说明"))
