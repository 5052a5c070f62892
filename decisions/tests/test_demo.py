import io

import pytest

from decisions import demo, report
from decisions.models import LegalityReview, Matter
from huanghe_portal import demo as portal_demo
from huanghe_portal.reporting import plain

pytestmark = pytest.mark.django_db


def test_demo_gives_the_seed_figures_and_is_idempotent(settings):
    settings.DEMO_PASSWORD = "pw-demo-1"
    out = io.StringIO()
    portal_demo.load(out)
    demo.load(out)
    counts = (Matter.objects.count(), LegalityReview.objects.count())
    demo.load(out)
    assert (Matter.objects.count(), LegalityReview.objects.count()) == counts
    published = Matter.objects.filter(status=Matter.Status.PUBLISHED)
    assert published.exists()
    from disclosure.selectors import items_published

    assert items_published().filter(title=published.first().title).exists()
    figures = {f.key: f for f in report.figures(2022)}
    assert figures["decisions.legal_advisers"].text == "1名"
    assert figures["decisions.review_rate"].value == 100.0
    assert figures["decisions.collective_decisions"].breakdown["meeting_kind"]["党委会议"] >= 5
    assert figures["decisions.hearings"].value >= 1
    assert "聘请1名专业律师担任政府法律顾问" in plain(report.paragraphs(2022, figures))
