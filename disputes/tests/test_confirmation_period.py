"""The 司法确认 period binds the parties: its last day rolls off a 法定休假日 or weekend (民事诉讼法
Art 85; issue 14), and a stored period follows later changes of the holiday data."""

import datetime as dt

import pytest
from django.urls import reverse

from huanghe_portal import due_dates, timeline
from huanghe_portal.models import Holiday

from ..models import Dispute
from .factories import DisputeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def late_october(monkeypatch):
    import django.utils.timezone as tz

    monkeypatch.setattr(tz, "localdate", lambda *a, **k: dt.date(2024, 10, 31))


def test_an_agreement_of_1_september_may_be_taken_to_court_on_8_october(
    api_as, mediator, late_october
):
    # Day 30 is 2024-10-01 (国庆 1–7 Oct): the period ends on the first working day after it.
    dispute = DisputeFactory(accepted=True, accepted_on=dt.date(2024, 8, 20))
    client = api_as(mediator)
    data = client.post(
        reverse("api:dispute-succeed", args=[dispute.pk]),
        {"closed_on": "2024-09-01", "agreement_form": "written", "terms": "赔偿3000元"},
        format="json",
    ).json()
    assert data["confirmation_due"] == "2024-10-08"

    response = client.post(
        reverse("api:dispute-judicial-confirmation", args=[dispute.pk]),
        {"applied_on": "2024-10-08", "court": "石柱县人民法院"},
        format="json",
    )

    assert response.status_code == 200, response.json()
    refused = client.post(
        reverse(
            "api:dispute-judicial-confirmation",
            args=[
                DisputeFactory(
                    succeeded=True,
                    closed_on=dt.date(2024, 9, 1),
                    confirmation_due=dt.date(2024, 10, 8),
                ).pk
            ],
        ),
        {"applied_on": "2024-10-09", "court": "石柱县人民法院"},
        format="json",
    )
    assert refused.status_code == 400
    assert "2024-10-08" in refused.json()["fields"]["applied_on"][0]


def test_a_day_off_entered_later_moves_a_stored_confirmation_period(report_office):
    # Closed 2025-03-04: day 30 is Thu 2025-04-03. A local day off on 04-03 moves it to 04-07
    # (4–6 Apr are 清明 and the weekend).
    dispute = DisputeFactory(
        succeeded=True, closed_on=dt.date(2025, 3, 4), confirmation_due=dt.date(2025, 4, 3)
    )
    change = due_dates.schedule([dt.date(2025, 4, 3)], reason="测试", actor=report_office)
    Holiday.objects.create(date=dt.date(2025, 4, 3), name="防汛停工（测试）")

    due_dates.run(change.pk)

    dispute.refresh_from_db()
    assert dispute.confirmation_due == dt.date(2025, 4, 7)
    entry = timeline.entries_for(dispute).get(action=due_dates.TIMELINE_ACTION)
    assert entry.data["previous_due"] == "2025-04-03" and entry.data["due"] == "2025-04-07"
    assert Dispute.objects.get(pk=dispute.pk).confirmation_due == dt.date(2025, 4, 7)
