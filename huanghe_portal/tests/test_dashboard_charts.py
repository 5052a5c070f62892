"""Issue 17 point 7: the staff dashboard draws each area's charts with the bundled Chart.js from
JSON the page carries (no inline script, the CSP kept), with a table of the same numbers, and a
chart's year adds up to the report's figure for that year."""

import datetime as dt
import io
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from huanghe_portal import reporting
from huanghe_portal.models import StaffProfile
from petitions.tests.factories import PetitionFactory

from .browser_helpers import login_cookie

AREAS = ("disputes", "petitions", "decisions", "disclosure", "legal_education")


def _chart_data(page: str) -> dict[str, dict]:
    found = re.findall(r'<script id="([\w-]+-data)" type="application/json">(.*?)</script>', page)
    return {key: json.loads(text) for key, text in found}


@pytest.mark.django_db
def test_dashboard_month_chart_adds_up_to_the_report_figure(client, leader, petition_clerk):
    for day in (dt.date(2024, 1, 5), dt.date(2024, 1, 20), dt.date(2024, 3, 1)):
        PetitionFactory(received_on=day, registered_by=petition_clerk)
    PetitionFactory(received_on=dt.date(2023, 3, 9), registered_by=petition_clerk)
    client.force_login(leader)

    page = client.get("/staff/?year=2024").content.decode()

    chart = _chart_data(page)["petitions-received-month-data"]
    last_year, this_year = chart["series"]
    assert (last_year["label"], this_year["label"]) == ("2023年", "2024年")
    assert this_year["data"][:3] == [2, 0, 1] and last_year["data"][2] == 1
    figure = next(f for f in reporting.collect(2024)["petitions"] if f.key == "petitions.received")
    assert sum(this_year["data"]) == figure.value == 3
    # The numbers as a table too, for screen readers and for reading.
    assert 'id="petitions-received-month-table"' in page and "查看数据表" in page
    assert "<script>" not in page  # only JSON blocks and external scripts


@pytest.mark.django_db
def test_a_mediator_gets_only_the_charts_of_areas_they_read(client, mediator):
    client.force_login(mediator)
    charts = _chart_data(client.get("/staff/").content.decode())
    assert "disputes-received-month-data" in charts
    assert not [key for key in charts if key.startswith("petitions")]


@pytest.fixture
def demo_leader(transactional_db, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    call_command("load_demo", stdout=io.StringIO())
    StaffProfile.objects.update(must_change_password=False)
    return get_user_model().objects.get(username="leader")


DRAWN = """canvas => {
  const chart = Chart.getChart(canvas);
  const box = canvas.getBoundingClientRect();
  return {width: box.width, height: box.height, drawn: !!chart,
          data: chart ? chart.data.datasets.map(d => d.data) : null};
}"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1366, 375])
def test_each_area_draws_its_charts_without_csp_violation(live_server, browser, demo_leader, width):
    year = 2023
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_cookies([login_cookie(live_server, demo_leader)])
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: console.append(f"pageerror: {error}"))

    page.goto(f"{live_server.url}/staff/?year={year}")
    page.wait_for_load_state("networkidle")

    figures = {f.key: f for area in reporting.collect(year).values() for f in area}
    for area in AREAS:
        canvases = page.locator(f".portal-chart-section[data-area={area}] canvas")
        assert canvases.count() >= 2, area
        for i in range(canvases.count()):
            canvas = canvases.nth(i)
            canvas.scroll_into_view_if_needed()
            state = canvas.evaluate(DRAWN)
            assert state["drawn"] and state["width"] > 0 and state["height"] > 0, (area, i)
        month = page.locator(f".portal-chart-section[data-area={area}] canvas").first
        spec = json.loads(page.locator(f"#{month.get_attribute('data-chart')}").text_content())
        drawn = month.evaluate(DRAWN)["data"]
        assert sum(drawn[-1]) == figures[spec["figure"]].value, area
    assert page.locator("#dashboard-charts details").count() >= 2 * len(AREAS)
    refused = [line for line in console if "Content Security Policy" in line or "Refused" in line]
    assert refused == [] and not [line for line in console if line.startswith("pageerror")]
    context.close()
