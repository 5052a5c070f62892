from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import Holiday, StaffProfile, Township, Village
from .roles import ROLE_LABELS, Role
from .versioning import VersionedFormMixin

User = get_user_model()
ROLE_CHOICES = [(r.value, ROLE_LABELS[r]) for r in Role]


class PortalFormHelperMixin:
    submit_label = _("保存")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", self.submit_label))


class TownshipForm(VersionedFormMixin, PortalFormHelperMixin, forms.ModelForm):
    class Meta:
        model = Township
        fields = ["name", "government_name", "county", "address", "reception_phone",
                  "office_hours", "doc_prefix", "introduction"]


class VillageForm(VersionedFormMixin, PortalFormHelperMixin, forms.ModelForm):
    class Meta:
        model = Village
        fields = ["name", "code", "kind", "is_active"]


class HolidayForm(VersionedFormMixin, PortalFormHelperMixin, forms.ModelForm):
    class Meta:
        model = Holiday
        fields = ["date", "is_workday", "name", "source_notice"]
        # ISO format: <input type="date"> rejects the zh-hans 2024/10/01 rendering.
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class StaffCreateForm(PortalFormHelperMixin, forms.Form):
    username = forms.RegexField(label=_("登录名"), max_length=150, regex=r"^[\w.@+-]+$",
                                error_messages={"invalid": _("登录名只能包含字母、数字和 @/./+/-/_。")})
    full_name = forms.CharField(label=_("姓名"), max_length=50)
    title = forms.CharField(label=_("职务"), max_length=50, required=False)
    roles = forms.MultipleChoiceField(label=_("角色"), choices=ROLE_CHOICES,
                                      widget=forms.CheckboxSelectMultiple)

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("该登录名已被使用。"))
        return username


class StaffUpdateForm(VersionedFormMixin, PortalFormHelperMixin, forms.Form):
    full_name = forms.CharField(label=_("姓名"), max_length=50)
    title = forms.CharField(label=_("职务"), max_length=50, required=False)
    roles = forms.MultipleChoiceField(label=_("角色"), choices=ROLE_CHOICES, required=False,
                                      widget=forms.CheckboxSelectMultiple)
    is_active = forms.BooleanField(label=_("账号启用"), required=False)

    def _started_from(self, current: StaffProfile) -> None:
        return None  # roles and the active flag live outside the profile's history

    def current_values(self, current: StaffProfile) -> dict:
        return {"full_name": current.full_name, "title": current.title,
                "roles": list(current.user.groups.values_list("name", flat=True)),
                "is_active": current.user.is_active}


class StaffSearchForm(forms.Form):
    q = forms.CharField(label=_("搜索"), required=False)
    role = forms.ChoiceField(label=_("角色"), required=False,
                             choices=[("", _("全部角色")), *ROLE_CHOICES])


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("文件"))
    description = forms.CharField(label=_("说明"), max_length=200, required=False)


class TrackForm(forms.Form):
    code = forms.CharField(label=_("查询码"), max_length=20)
    phone_last4 = forms.RegexField(label=_("电话后四位"), regex=r"^\d{4}$",
                                   error_messages={"invalid": _("请输入提交时所留电话的后四位数字。")})
