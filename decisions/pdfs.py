"""The meeting minutes (会议纪要) and the decision file (决策档案, 决策条例 Art 33) as PDFs in the
official layout (templates/decisions/pdf/, extending pdf/base.html)."""

from __future__ import annotations

from huanghe_portal.pdf import render_pdf

from . import selectors
from .models import Matter, Meeting, NormativeDocument


def minutes_pdf(meeting: Meeting) -> bytes:
    return render_pdf(
        "decisions/pdf/minutes.html",
        {
            "meeting": meeting,
            "matter": meeting.matter,
            "views": meeting.views.order_by("position"),
        },
    )


def matter_file_pdf(matter: Matter) -> bytes:
    """All records of one matter, in procedure order, for the archive."""
    meetings = [(m, m.views.order_by("position")) for m in matter.meetings.all()]
    return render_pdf(
        "decisions/pdf/matter_file.html",
        {
            "matter": matter,
            "checklist": selectors.checklist(matter),
            "windows": matter.comment_windows.prefetch_related("comments"),
            "hearings": matter.hearings.all(),
            "expert_reviews": matter.expert_reviews.all(),
            "risk_assessments": matter.risk_assessments.all(),
            "reviews": matter.reviews.select_related("reviewer__portal_profile"),
            "meetings": meetings,
            "document": NormativeDocument.objects.filter(matter=matter).first(),
            "evaluations": matter.evaluations.all(),
        },
    )
