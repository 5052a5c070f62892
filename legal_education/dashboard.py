"""This year's 普法 figures on the staff dashboard card."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

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
