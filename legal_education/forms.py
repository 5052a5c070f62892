"""Staff forms of the 普法 area: they check input and leave every write to services."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from huanghe_portal import forms as portal_forms
from huanghe_portal.forms import (
    DateInput,
    PersonChoiceField,
    PortalFormHelperMixin,
    StaffFormMixin,
    date_field,
    text_field,
)
from huanghe_portal.limits import NOTE_MAX
from huanghe_portal.models import Village
from huanghe_portal.versioning import VersionedFormMixin

from .models import Consultation, Event, KnowledgeTest, LegalLiaison, StudySession
from .services import EVENT_FIELDS

User = get_user_model()

# Every area's step table names its forms as forms.<Name>; these are the shared ones.
VoidForm = portal_forms.VoidForm


DATE_ERRORS = {
    "invalid": _("日期格式应为 YYYY-MM-DD，且须为真实存在的日期。"),
    "required": _("请填写日期。"),
}
COUNT_ERRORS = {"min_value": _("不能为负数。"), "invalid": _("应为整数。")}


def _staff_users():
    return (
        User.objects.filter(is_active=True, groups__isnull=False)
        .distinct()
        .select_related("portal_profile")
        .order_by("username")
    )


class EventForm(StaffFormMixin, forms.ModelForm):
    class Meta:
        model = Event
        fields = list(EVENT_FIELDS)
        widgets = {"held_on": DateInput(), "summary": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "held_on": DATE_ERRORS,
            "participants": COUNT_ERRORS,
            "materials": COUNT_ERRORS,
            "consultations_on_site": COUNT_ERRORS,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Village.objects.filter(is_active=True)


class PhotoForm(forms.Form):
    file = forms.FileField(
        label=_("照片（JPEG/PNG）"), error_messages={"required": _("请选择照片文件。")}
    )
    description = forms.CharField(label=_("说明"), max_length=200, required=False)
    is_public = forms.BooleanField(label=_("在公众页面展示"), required=False, initial=True)


class ConsultationForm(StaffFormMixin, forms.ModelForm):
    respondent_name = forms.CharField(
        label=_("对方当事人（转人民调解时）"),
        max_length=50,
        required=False,
        help_text=_("不知道时留空，纠纷案件中登记为“待补充”。"),
    )

    class Meta:
        model = Consultation
        fields = [
            "consulted_on",
            "topic",
            "person_name",
            "village",
            "question",
            "answer_summary",
            "answered_by",
            "outcome",
            "event",
        ]
        widgets = {
            "consulted_on": DateInput(),
            "person_name": forms.TextInput(),
            "question": forms.Textarea(attrs={"rows": 3}),
            "answer_summary": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"consulted_on": DATE_ERRORS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Village.objects.filter(is_active=True)
        self.fields["event"].queryset = Event.objects.filter(status=Event.Status.RECORDED)


class StudySessionForm(StaffFormMixin, forms.ModelForm):
    attendees = PersonChoiceField(
        widget=forms.CheckboxSelectMultiple,
        label=_("参加人员"),
        queryset=User.objects.none(),
        error_messages={"required": _("请至少选择一名参加人员。")},
    )
    absentees = PersonChoiceField(
        widget=forms.CheckboxSelectMultiple,
        label=_("缺席人员"),
        queryset=User.objects.none(),
        required=False,
    )

    class Meta:
        model = StudySession
        fields = ["held_on", "kind", "subject", "materials", "absence_note"]
        widgets = {"held_on": DateInput(), "materials": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"held_on": DATE_ERRORS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = _staff_users()
        self.fields["absentees"].queryset = _staff_users()
        if self.instance.pk:
            self.initial["attendees"] = list(self.instance.attendees.all())
            self.initial["absentees"] = list(self.instance.absentees.all())


SCORE_LINE = re.compile(r"^\s*(?P<name>[^\s,，:：]+)[\s,，:：]+(?P<score>\S+)\s*$")


class KnowledgeTestForm(PortalFormHelperMixin, forms.ModelForm):
    scores = text_field(
        _("参加人员及成绩"),
        rows=8,
        help_text=_("每行一人：姓名 成绩，例如“张三 92”。"),
        error_messages={"required": _("测试须至少有一名参加人员及其成绩。")},
    )

    class Meta:
        model = KnowledgeTest
        fields = ["held_on", "subject", "max_score", "pass_mark"]
        widgets = {"held_on": DateInput()}
        error_messages = {"held_on": DATE_ERRORS}

    def clean_scores(self) -> list[dict]:
        rows, problems = [], []
        for number, line in enumerate(self.cleaned_data["scores"].splitlines(), start=1):
            if not line.strip():
                continue
            match = SCORE_LINE.match(line)
            try:
                score = Decimal(match["score"]) if match else None
            except InvalidOperation:
                score = None
            if match is None or score is None or not score.is_finite():
                problems.append(_("第%(n)s行应为“姓名 成绩”。") % {"n": number})
            else:
                rows.append({"name": match["name"], "score": score})
        if problems:
            raise forms.ValidationError(problems)
        return rows


class LiaisonForm(StaffFormMixin, forms.ModelForm):
    class Meta:
        model = LegalLiaison
        fields = ["village", "name", "appointed_on", "occupation"]
        widgets = {"appointed_on": DateInput()}
        error_messages = {"appointed_on": DATE_ERRORS}


class TrainingForm(VersionedFormMixin, forms.Form):
    trained_on = date_field(_("培训日期"), initial=None, error_messages=DATE_ERRORS)
    subject = forms.CharField(label=_("培训内容"), max_length=200)
    hours = forms.DecimalField(
        label=_("学时"), max_digits=4, decimal_places=1, min_value=0, initial=2
    )


class ListFilterForm(forms.Form):
    """Search and filters of the staff lists; each list uses the fields it has."""

    q = forms.CharField(label=_("搜索"), required=False, max_length=NOTE_MAX)
    kind = forms.ChoiceField(label=_("类型"), required=False)
    village = forms.ModelChoiceField(
        label=_("村（社区）"), required=False, queryset=Village.objects.all()
    )
    outcome = forms.ChoiceField(
        label=_("处理结果"),
        required=False,
        choices=[("", _("全部"))] + Consultation.Outcome.choices,
    )
    status = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部"))] + Event.Status.choices
    )
    year = forms.IntegerField(label=_("年度"), required=False, min_value=2000, max_value=2100)
    month = forms.IntegerField(label=_("月份"), required=False, min_value=1, max_value=12)

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("全部"))] + list(kinds)
