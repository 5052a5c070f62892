import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth import models as auth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .limits import NOTE_MAX
from .models import Holiday, StaffProfile, Township, Village
from .people import display_name
from .roles import ROLE_LABELS, Role
from .versioning import Versioned, VersionedFormMixin

if TYPE_CHECKING:  # what the mixins below are mixed into
    _FormBase = forms.BaseForm
else:
    _FormBase = object

User = get_user_model()
ROLE_CHOICES = [(r.value, ROLE_LABELS[r]) for r in Role]


class PortalFormHelperMixin(_FormBase):
    """The crispy helper of every staff form: a submit button labelled `submit_label`. A form
    that sits inside a page's own <form> sets `form_tag = False`: no tag, token nor button."""

    submit_label = _("保存")
    form_tag = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        if self.form_tag:
            self.helper.add_input(Submit("submit", self.submit_label))
        else:
            self.helper.form_tag = False
            self.helper.disable_csrf = True


class StaffFormMixin(VersionedFormMixin, PortalFormHelperMixin):
    """Every staff form that writes a record: the helper's button, and with `version=` the
    record's version as a hidden field (a stale or repeated POST is refused)."""


class StepForm(StaffFormMixin, forms.Form):
    """A workflow step's form (huanghe_portal.steps)."""


class DateInput(forms.DateInput):
    """An HTML date input: its value is ISO whatever the locale's display format (<input
    type="date"> rejects the zh-hans 2024/10/01 rendering)."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:  # noqa: A002 - Django's own argument name
        super().__init__(attrs, format="%Y-%m-%d")


def _today() -> dt.date:
    return timezone.localdate()  # looked up at each call: the tests' frozen clock applies


def date_field(label: Any, *, required: bool = True, **kwargs: Any) -> forms.DateField:
    """A step's date: an HTML date input that starts at today when the date is required."""
    kwargs.setdefault("initial", _today if required else None)
    return forms.DateField(label=label, required=required, widget=DateInput(), **kwargs)


def text_field(
    label: Any, *, rows: int = 3, max_length: int = NOTE_MAX, required: bool = True, **kwargs: Any
) -> forms.CharField:
    """A free-text field several lines high, bounded like its column."""
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


class PersonChoiceField(forms.ModelMultipleChoiceField[auth.User]):
    """Several staff accounts, each shown by its display name."""

    def label_from_instance(self, obj: Any) -> str:
        return display_name(obj)


class VoidForm(StepForm):
    """作废: every area's void step (the reason is kept on the record and in its timeline)."""

    submit_label = _("作废")
    reason = text_field(
        _("作废原因"),
        rows=2,
        max_length=200,
        error_messages={"required": _("请填写作废原因。")},
    )


class EmptyForm(StepForm):
    """A step with nothing to enter but its confirmation."""

    submit_label = _("确认")


class TownshipForm(StaffFormMixin, forms.ModelForm[Township]):
    class Meta:
        model = Township
        fields = [
            "name",
            "government_name",
            "county",
            "address",
            "reception_phone",
            "office_hours",
            "doc_prefix",
            "introduction",
        ]


class VillageForm(StaffFormMixin, forms.ModelForm[Village]):
    class Meta:
        model = Village
        fields = ["name", "code", "kind", "is_active"]


class HolidayForm(StaffFormMixin, forms.ModelForm[Holiday]):
    class Meta:
        model = Holiday
        fields = ["date", "is_workday", "name", "source_notice"]
        widgets = {"date": DateInput()}


class AccountRolesMixin(_FormBase):
    """Offer only the roles the signed-in manager may grant (services.grantable_roles), and the
    superuser switch only to superusers; the service enforces the same rule."""

    def __init__(self, *args: Any, actor: auth.User, **kwargs: Any) -> None:
        from .services import grantable_roles

        super().__init__(*args, **kwargs)
        allowed = {r.value for r in grantable_roles(actor)}
        roles = self.fields["roles"]
        assert isinstance(roles, forms.ChoiceField)
        roles.choices = [c for c in ROLE_CHOICES if c[0] in allowed]
        if actor.is_superuser:
            self.fields["is_superuser"] = forms.BooleanField(
                label=_("系统管理员"),
                required=False,
                help_text=_("系统管理员可以做任何操作，包括进入后台管理。"),
            )


class StaffCreateForm(AccountRolesMixin, PortalFormHelperMixin, forms.Form):
    username = forms.RegexField(
        label=_("登录名"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("登录名只能包含字母、数字和 @/./+/-/_。")},
    )
    full_name = forms.CharField(label=_("姓名"), max_length=50)
    title = forms.CharField(label=_("职务"), max_length=50, required=False)
    roles = forms.MultipleChoiceField(
        label=_("角色"), choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple
    )

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("该登录名已被使用。"))
        return username


class StaffUpdateForm(AccountRolesMixin, StaffFormMixin, forms.Form):
    full_name = forms.CharField(label=_("姓名"), max_length=50)
    title = forms.CharField(label=_("职务"), max_length=50, required=False)
    roles = forms.MultipleChoiceField(
        label=_("角色"), choices=ROLE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    is_active = forms.BooleanField(label=_("账号启用"), required=False)

    def _started_from(self, current: Versioned) -> None:
        return None  # roles and the active flag live outside the profile's history

    def current_values(self, current: Versioned) -> dict[str, Any]:
        assert isinstance(current, StaffProfile)
        return {
            "full_name": current.full_name,
            "title": current.title,
            "roles": list(current.user.groups.values_list("name", flat=True)),
            "is_active": current.user.is_active,
        }


class ProfileForm(StaffFormMixin, forms.Form):
    """The staff member's own contact data and reminder preference (services.update_own_profile
    validates and normalises)."""

    email = forms.CharField(
        label=_("电子邮箱"),
        max_length=254,
        required=False,
        help_text=_("到期和超期提醒会同时发送到这个邮箱。"),
    )
    phone = forms.CharField(
        label=_("联系电话"),
        max_length=20,
        required=False,
        help_text=_("手机号为11位，固定电话如 023-73330000。"),
    )
    email_reminders = forms.BooleanField(label=_("通过电子邮件接收工作提醒"), required=False)

    def current_values(self, current: Versioned) -> dict[str, Any]:
        assert isinstance(current, StaffProfile)
        return {
            "email": current.user.email,
            "phone": current.phone,
            "email_reminders": current.email_reminders,
        }


class StaffSearchForm(forms.Form):
    q = forms.CharField(label=_("搜索"), required=False)
    role = forms.ChoiceField(
        label=_("角色"), required=False, choices=[("", _("全部角色")), *ROLE_CHOICES]
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("文件"))
    description = forms.CharField(label=_("说明"), max_length=200, required=False)


class TrackForm(forms.Form):
    code = forms.CharField(label=_("查询码"), max_length=20)
    phone_last4 = forms.RegexField(
        label=_("电话后四位"),
        regex=r"^\d{4}$",
        error_messages={"invalid": _("请输入提交时所留电话的后四位数字。")},
    )


def acknowledge_field() -> forms.CharField:
    """The form side of AcknowledgeSerializer, for every step that publishes."""
    return forms.CharField(
        label=_("确认公开的理由"),
        required=False,
        max_length=200,
        help_text=_("检查发现手机号码或当事人姓名而确需公开时填写；身份证号码一律不得公开。"),
    )


_DATE = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
_RANGE_LINE = re.compile(rf"^{_DATE}(?:\s*(?:至|到|~|～|—|－)\s*{_DATE})?\s*(.*)$")


def _parse_lines(text: str, *, ranges: bool, default_name: str = "") -> list[tuple[Any, ...]]:
    """Lines of "2027-01-01 至 2027-01-03 元旦" (or one date); errors name the line number."""
    rows, errors = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        match = _RANGE_LINE.match(line)
        try:
            if match is None:
                raise ValueError
            parts = match.groups()
            first = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
            last = dt.date(int(parts[3]), int(parts[4]), int(parts[5])) if parts[3] else first
            name = (parts[6] or "").strip() or default_name
        except ValueError:
            errors.append(_("第%(n)s行“%(line)s”不是有效的日期。") % {"n": number, "line": line})
            continue
        if not name:
            errors.append(_("第%(n)s行缺少节日名称。") % {"n": number})
        elif last < first:
            errors.append(_("第%(n)s行的结束日期早于开始日期。") % {"n": number})
        elif not ranges and last != first:
            errors.append(_("第%(n)s行：调休上班日请逐日填写。") % {"n": number})
        elif (last - first).days > 15:
            errors.append(_("第%(n)s行的放假区间超过16天，请核对。") % {"n": number})
        else:
            rows.append((first, last, name[:50]) if ranges else (first, name[:50]))
    if errors:
        raise forms.ValidationError(errors)
    return rows


class HolidayNoticeForm(PortalFormHelperMixin, forms.Form):
    """A whole 国务院办公厅 notice on one page: the holiday ranges and the 调休 working days."""

    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    source = forms.CharField(
        label=_("通知名称"),
        max_length=200,
        help_text=_("例如：国务院办公厅关于2027年部分节假日安排的通知"),
    )
    holidays = forms.CharField(
        label=_("放假安排"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "每行一个节日：开始日期 至 结束日期 节日名称，例如“2027-01-01 至 2027-01-03 元旦”；"
            "只放一天的写一个日期。"
        ),
    )
    makeup_days = forms.CharField(
        label=_("调休上班日"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("每行一个日期，可附说明，例如“2027-02-07 春节调休上班”。"),
    )
    complete = forms.BooleanField(
        label=_("本年度放假通知已全部录入"),
        required=False,
        help_text=_("勾选后该年度视为已掌握，页面顶部的提示不再显示。"),
    )

    def clean_holidays(self) -> list[tuple[Any, ...]]:
        return _parse_lines(self.cleaned_data["holidays"], ranges=True)

    def clean_makeup_days(self) -> list[tuple[Any, ...]]:
        return _parse_lines(
            self.cleaned_data["makeup_days"], ranges=False, default_name=str(_("调休上班"))
        )


class LedgerUploadForm(forms.Form):
    """The upload step of every ledger import (huanghe_portal/ledger_views.py)."""

    file = forms.FileField(
        label=_("台账文件（.xlsx、.xls 或 .csv）"),
        error_messages={"required": _("请选择台账文件。")},
    )


class ExportReasonForm(forms.Form):
    """Asked before a file with unmasked personal data leaves the system (PIPL Art 51)."""

    reason = forms.CharField(
        label=_("导出理由"),
        max_length=200,
        min_length=4,
        help_text=_("如：报送县司法局季度统计、案件移送。理由记入个人信息查看记录。"),
        error_messages={"required": _("请填写导出理由。")},
    )
