from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huanghe_portal.forms import StepForm, acknowledge_field
from huanghe_portal.versioning import Versioned, VersionedFormMixin

from .models import Report
from .outlines import OUTLINE_LABELS


class ReportCreateForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("报告类型"), choices=Report.Kind.choices)
    outline = forms.ChoiceField(
        label=_("提纲模板"),
        required=False,
        choices=[("", _("默认"))] + list(OUTLINE_LABELS.items()),
    )


class PublishForm(StepForm):
    submit_label = _("发布")
    acknowledge = acknowledge_field()


class ReportEditForm(VersionedFormMixin, forms.Form):
    """One textarea per outline part (plain text: one paragraph per line)."""

    title = forms.CharField(label=_("标题"), max_length=200)
    document_number = forms.CharField(label=_("发文字号"), max_length=50, required=False)
    signer = forms.CharField(label=_("签发人"), max_length=50, required=False)
    addressee = forms.CharField(
        label=_("主送机关"),
        max_length=100,
        required=False,
        help_text=_("报送版使用；留空则为系统设置的上级机关（默认石柱土家族自治县人民政府）。"),
    )
    signed_on = forms.DateField(
        label=_("成文日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        for index, section in enumerate(report.sections):
            self.fields[f"section_{index}"] = forms.CharField(
                label=section["heading"],
                required=False,
                initial=section["text"],
                strip=False,
                widget=forms.Textarea(attrs={"rows": 5}),
                help_text=_("每行一段；用 {{ disputes.succeeded }} 这样的写法引用数据。"),
            )

    def current_values(self, current: Versioned) -> dict[str, Any]:
        assert isinstance(current, Report)
        values: dict[str, Any] = {
            name: getattr(current, name) for name in ("title", "document_number", "signed_on")
        }
        keys = {s["key"]: i for i, s in enumerate(self.report.sections)}
        for section in current.sections:
            if section["key"] in keys:
                values[f"section_{keys[section['key']]}"] = section["text"]
        return values

    def texts(self) -> dict[str, str]:
        return {
            s["key"]: self.cleaned_data[f"section_{i}"] for i, s in enumerate(self.report.sections)
        }

    def clean_signed_on(self):
        value = self.cleaned_data["signed_on"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("成文日期不能晚于今天。"))
        return value


class ManualFigureForm(StepForm):
    key = forms.RegexField(
        label=_("引用名"),
        regex=r"^[a-z][a-z0-9_]{0,59}$",
        error_messages={"invalid": _("引用名只能由小写字母、数字和下划线组成，并以字母开头。")},
    )
    label = forms.CharField(label=_("名称"), max_length=100)
    value = forms.DecimalField(label=_("数值"), max_digits=12, decimal_places=2, min_value=0)
    unit = forms.CharField(label=_("单位"), max_length=10, required=False)
