"""Issue 17 point 2: every figure opens exactly the records it counts (same queryset, same
count); where the viewer may not see some of them the page says how many and why. Checked for
every figure of every demo year, as the report office and as a leader."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from huanghe_portal import figure_records, reporting
from huanghe_portal.models import StaffProfile
from petitions.models import Petition
from petitions.tests.factories import PetitionFactory

pytestmark = pytest.mark.django_db

DEMO_YEARS = (2021, 2022, 2023)
COUNT = re.compile(r'id="figure-count" data-total="(\d+)" data-shown="(\d+)" data-hidden="(\d+)"')


def _counts(page: str) -> tuple[int, int, int]:
    match = COUNT.search(page)
    assert match, "the drill-down page states no count"
    total, shown, hidden = (int(n) for n in match.groups())
    return total, shown, hidden


@pytest.fixture
def demo(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    call_command("load_demo", stdout=io.StringIO())
    StaffProfile.objects.update(must_change_password=False)
    return get_user_model().objects


@pytest.mark.postgres
def test_every_figure_opens_the_records_it_counts_as_office_and_leader(client, demo):
    mismatches, hidden_seen = [], {}
    for username in ("report_office", "leader"):
        client.force_login(demo.get(username=username))
        for year in DEMO_YEARS:
            for figures in reporting.collect(year).values():
                for figure in figures:
                    if figure.manual or not figure.records_url:
                        continue
                    spec = figure_records.lookup(figure.key)
                    response = client.get(figure.records_url)
                    page = response.content.decode()
                    total, shown, hidden = _counts(page)
                    counted = figure.value if spec.counts_rows else spec.rows(year).count()
                    if (shown + hidden, total) != (counted, counted):
                        mismatches.append((username, year, figure.key, figure.value, shown, hidden))
                    if hidden:
                        assert f"另有{hidden}条记录计入本数字，但您无权查看" in page
                        hidden_seen[(username, figure.key)] = hidden
                    elif not spec.counts_rows:
                        # Everything listed: the figure follows from exactly these rows.
                        shown_rows = response.context["drill"].shown
                        assert spec.measure(shown_rows) == figure.value, (year, figure.key)
    assert mismatches == []
    # The demo holds accusations: the office is told they exist and why it cannot open them,
    # the leader sees them all.
    assert hidden_seen.get(("report_office", "petitions.received"))
    assert not [key for (user, key) in hidden_seen if user == "leader"]


def test_office_is_told_how_many_accusations_are_hidden_and_why(
    client, report_office, leader, petition_clerk
):
    import datetime as dt

    day = dt.date(2024, 3, 4)
    PetitionFactory(received_on=day, registered_by=petition_clerk)
    PetitionFactory(
        received_on=day, registered_by=petition_clerk, category=Petition.Category.ACCUSATION
    )
    url = figure_records.records_url("petitions.received", 2024)

    client.force_login(report_office)
    page = client.get(url).content.decode()
    assert _counts(page) == (2, 1, 1)
    assert "另有1条记录计入本数字，但您无权查看：检举控告类信访仅登记人和镇领导可见" in page

    client.force_login(leader)
    page = client.get(url).content.decode()
    assert _counts(page) == (2, 2, 0)
    assert "无权查看" not in page


def test_a_reader_of_another_area_sees_the_number_but_no_records(client, educator):
    import datetime as dt

    PetitionFactory(received_on=dt.date(2024, 3, 4))
    client.force_login(educator)

    page = client.get(figure_records.records_url("petitions.received", 2024)).content.decode()

    assert _counts(page) == (1, 0, 1)
    assert "您的角色不能查看本领域的记录" in page


def test_unknown_figure_is_404(client, leader):
    client.force_login(leader)
    assert client.get("/staff/figures/petitions.nothing/?year=2024").status_code == 404
