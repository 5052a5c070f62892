"""Input shapes of the disclosure pages; workflow state is changed only by services."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huanghe_portal import forms as portal_forms
from huanghe_portal.forms import (
    DateInput,
    PortalFormHelperMixin,
    StaffFormMixin,
    acknowledge_field,
    date_field,
    text_field,
)
from huanghe_portal.limits import NOTE_MAX
from huanghe_portal.roles import Role

from .models import Application, Category, Item, Remedy

# Every area's step table names its forms as forms.<Name>; these are the shared ones.
EmptyForm = portal_forms.EmptyForm
VoidForm = portal_forms.VoidForm


class PastDateFormField(forms.DateField):
    """A step's date: today when empty, never in the future."""

    widget = DateInput()

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value) or timezone.localdate()
        if value > timezone.localdate():
            raise forms.ValidationError(_("日期不能晚于今天。"))
        return value


class ItemForm(StaffFormMixin, forms.ModelForm):
    class Meta:
        model = Item
        fields = [
            "title",
            "category",
            "document_number",
            "generated_on",
            "publisher",
            "summary",
            "body",
            "validity",
            "publish_on",
        ]
        widgets = {
            "generated_on": DateInput(),
            "publish_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(is_active=True)


class CategoryForm(StaffFormMixin, forms.ModelForm):
    class Meta:
        model = Category
        fields = ["code", "name", "parent", "basis", "order", "is_active"]


class StepForm(portal_forms.StepForm):
    """The small forms of the detail pages sit inside the page's own <form> (`_step.html`)."""

    submit_label = _("提交")
    form_tag = False


class ReviewForm(StepForm):
    secrecy_checked = forms.BooleanField(label=_("已完成保密审查"), required=False)
    privacy_checked = forms.BooleanField(label=_("已完成个人信息审查"), required=False)
    note = forms.CharField(label=_("审查意见"), required=False, max_length=NOTE_MAX)
    acknowledge = acknowledge_field()


class ReasonForm(StepForm):
    reason = forms.CharField(label=_("原因"), required=False, max_length=200)


class ValidityForm(StepForm):
    validity = forms.ChoiceField(label=_("有效性"), choices=Item.Validity.choices)


class ApplicationForm(PortalFormHelperMixin, forms.Form):
    """Public online application and staff registration (条例 Art 29)."""

    submit_label = _("提交申请")
    applicant_kind = forms.ChoiceField(
        label=_("申请人类型"), choices=Application.ApplicantKind.choices
    )
    applicant_name = forms.CharField(label=_("申请人姓名或名称"), max_length=100)
    id_number = forms.CharField(
        label=_("身份证号码"), max_length=18, required=False, help_text=_("自然人填写")
    )
    credit_code = forms.CharField(
        label=_("统一社会信用代码"),
        max_length=18,
        required=False,
        help_text=_("法人或其他组织填写"),
    )
    phone = forms.CharField(label=_("联系电话"), max_length=20)
    address = forms.CharField(label=_("通信地址"), max_length=200, required=False)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    description = text_field(
        _("所需信息的内容描述"),
        rows=4,
        max_length=5000,
        error_messages={"required": _("请描述所需政府信息的名称、文号或便于查询的特征。")},
    )
    delivery = forms.ChoiceField(label=_("获取方式"), choices=Application.Delivery.choices)
    notify_opt_out = forms.BooleanField(
        label=_("不接收办理进度通知"),
        required=False,
        help_text=_("未勾选时，收到、补正、延期、答复时将通过电子邮件和短信告知您。"),
    )


class StaffApplicationForm(ApplicationForm):
    submit_label = _("登记")
    channel = forms.ChoiceField(label=_("申请方式"), choices=Application.Channel.choices)
    received_on = PastDateFormField(
        label=_("收到日期"),
        help_text=_(
            "当面提交为提交当日；邮寄为签收之日；平常信函为与申请人确认之日；传真、网络为双方确认之日。"
        ),
    )


class CorrectionForm(StepForm):
    notice_on = PastDateFormField(label=_("补正通知日期"))
    items = text_field(_("需补正事项"))
    deadline = date_field(_("补正期限"), required=False, help_text=_("留空则为通知后10个工作日。"))


class ReceivedOnForm(StepForm):
    received_on = PastDateFormField(label=_("补正材料收到日期"))


class ConsultForm(StepForm):
    sent_on = PastDateFormField(label=_("征求意见书发送日期"))
    party = forms.CharField(label=_("征求意见对象"), max_length=100)


class ConsultRepliedForm(StepForm):
    replied_on = PastDateFormField(label=_("回复日期"))


class ExtendForm(StepForm):
    approved_by = forms.ModelChoiceField(
        label=_("批准人（工作机构负责人）"),
        queryset=get_user_model().objects.filter(groups__name=Role.LEADER.value, is_active=True),
    )
    notice_on = PastDateFormField(label=_("告知申请人日期"))
    days = forms.IntegerField(
        label=_("延长工作日数"),
        min_value=1,
        max_value=20,
        error_messages={
            "min_value": _("延长期限为1至20个工作日。"),
            "max_value": _("延长期限为1至20个工作日。"),
        },
    )


class ReplyForm(StepForm):
    replied_on = PastDateFormField(label=_("答复日期"))
    outcome = forms.ChoiceField(
        label=_("办理结果"),
        choices=Application.Outcome.choices,
        error_messages={"invalid_choice": _("办理结果须为年度报告所列情形之一。")},
    )
    note = text_field(_("答复说明"), required=False)
    fee_amount = forms.DecimalField(
        label=_("信息处理费（元）"), required=False, min_value=0, max_digits=10, decimal_places=2
    )


class PublishForm(StepForm):
    acknowledge = acknowledge_field()


class AbandonForm(StepForm):
    submit_label = _("视为放弃申请")
    reason = forms.CharField(
        label=_("认定无正当理由的依据"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("条例第三十条：申请人无正当理由逾期不补正的，视为放弃申请。"),
    )


class ReinstateForm(StepForm):
    submit_label = _("撤销视为放弃")
    reason = forms.CharField(label=_("撤销理由"), widget=forms.Textarea(attrs={"rows": 2}))


class FeeNoticeForm(StepForm):
    notice_on = PastDateFormField(label=_("收费通知日期"))
    amount = forms.DecimalField(label=_("收费金额（元）"), min_value=0, decimal_places=2)


class FeePaidForm(StepForm):
    paid_on = PastDateFormField(label=_("缴费日期"))


class RemedyForm(StepForm):
    kind = forms.ChoiceField(label=_("类型"), choices=Remedy.Kind.choices)
    filed_on = PastDateFormField(label=_("立案日期"))
    body = forms.CharField(label=_("复议机关或法院"), max_length=100, required=False)
    result = forms.ChoiceField(label=_("结果"), choices=Remedy.Result.choices)
    concluded_on = date_field(_("审结日期"), required=False)
    note = forms.CharField(label=_("说明"), required=False, max_length=NOTE_MAX)


class ApplicationFilterForm(forms.Form):
    q = forms.CharField(label=_("搜索"), required=False, max_length=NOTE_MAX)
    status = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部状态")), *Application.Status.choices]
    )
    outcome = forms.ChoiceField(
        label=_("办理结果"),
        required=False,
        choices=[("", _("全部结果")), *Application.Outcome.choices],
    )
    due_within = forms.IntegerField(
        label=_("N个工作日内到期"), required=False, min_value=1, max_value=60
    )
    overdue = forms.BooleanField(label=_("已逾期"), required=False)
    year = forms.IntegerField(label=_("年度"), required=False, min_value=2000, max_value=2100)


class RemedyConcludeForm(StepForm):
    result = forms.ChoiceField(label=_("结果"), choices=Remedy.Result.choices)
    concluded_on = PastDateFormField(label=_("审结日期"))
