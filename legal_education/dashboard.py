"""This year's 普法 figures on the staff dashboard card, and its charts."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from huanghe_portal.charts import Chart, by_month, by_village

from . import report


def card_lines(user) -> list[dict]:
    year = timezone.localdate().year
    figures = {f.key: f for f in report.figures(year)}
    return [
        {
            "label": _("%(year)s年普法活动") % {"year": year},
            "value": figures["legal_education.events"].text,
        },
        {
            "label": _("%(year)s年法治咨询") % {"year": year},
            "value": figures["legal_education.consultations"].text,
        },
        {
            "label": _("%(year)s年干部学法") % {"year": year},
            "value": figures["legal_education.study_sessions"].text,
        },
    ]


def charts(user, year: int) -> list[Chart]:
    events = report.RECORDS["legal_education.events"]
    return [
        by_month("legal_education.events", events, year, _("开展法治宣传活动（按月）")),
        by_month(
            "legal_education.consultations",
            report.RECORDS["legal_education.consultations"],
            year,
            _("提供法治咨询服务（按月）"),
        ),
        by_village("legal_education.events", events, year, _("开展法治宣传活动（按村、社区）")),
    ]
