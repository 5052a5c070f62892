import io

import pytest

from huanghe_portal import demo as foundation_demo
from huanghe_portal.reporting import plain
from legal_education import demo, report
from legal_education.models import Consultation, Event, LegalLiaison, StudySession

pytestmark = pytest.mark.django_db


def test_demo_gives_the_seed_figures_for_2022_and_is_idempotent(settings):
    settings.DEMO_PASSWORD = "demo-pw-1"
    out = io.StringIO()
    foundation_demo.load(out)
    demo.load(out)
    counts = (
        Event.objects.count(),
        Consultation.objects.count(),
        StudySession.objects.count(),
        LegalLiaison.objects.count(),
    )

    demo.load(out)

    assert (
        Event.objects.count(),
        Consultation.objects.count(),
        StudySession.objects.count(),
        LegalLiaison.objects.count(),
    ) == counts
    figures = {f.key: f for f in report.figures(2022)}
    assert figures["legal_education.events"].value == 23
    assert figures["legal_education.consultations"].value == 29
    assert figures["legal_education.tests"].value == 1
    assert figures["legal_education.study_sessions"].value >= 1
    assert plain(report.paragraphs(2022, figures)).startswith(
        "开展法治宣传活动23次、提供法治咨询服务29人次"
    )
    assert {f.key: f.value for f in report.figures(2021)}["legal_education.events"] > 0
    assert {f.key: f.value for f in report.figures(2023)}["legal_education.events"] > 0
