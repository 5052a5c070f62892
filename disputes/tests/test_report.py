"""Figures on a known data set, the paragraph, the demo's 2022 figures and the dashboard."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from huanghe_portal.models import Village
from huanghe_portal.reporting import collect, plain

from .. import report
from ..models import JudicialConfirmation, ScreeningRound
from .factories import DisputeFactory

pytestmark = pytest.mark.django_db


def known_2022():
    closed = {
        "received_on": dt.date(2022, 3, 1),
        "accepted_on": dt.date(2022, 3, 2),
        "closed_on": dt.date(2022, 3, 20),
    }
    for i in range(4):
        DisputeFactory(
            succeeded=True,
            **closed,
            amount_involved=Decimal("100.50"),
            agreement_form="oral" if i == 0 else "written",
        )
    DisputeFactory(archived=True, **closed)  # succeeded, then archived: still counted
    DisputeFactory(failed=True, **closed)
    DisputeFactory(status="withdrawn", outcome="withdrawn", **closed)
    DisputeFactory(succeeded=True, **closed, status="voided")  # never counted
    DisputeFactory(
        succeeded=True,
        received_on=dt.date(2021, 12, 20),
        accepted_on=dt.date(2021, 12, 21),
        closed_on=dt.date(2022, 1, 5),
    )
    DisputeFactory(
        accepted=True, received_on=dt.date(2022, 12, 28), accepted_on=dt.date(2022, 12, 29)
    )
    round_ = ScreeningRound.objects.create(held_on=dt.date(2022, 5, 1), disputes_found=6)
    round_.villages.set([Village.objects.create(name="排查村", code="PC")])
    ScreeningRound.objects.create(held_on=dt.date(2022, 6, 1), disputes_found=9, voided=True)


def test_figures_count_by_their_dates_and_leave_voided_out():
    known_2022()
    first = DisputeFactory(
        succeeded=True,
        closed_on=dt.date(2022, 2, 1),
        received_on=dt.date(2022, 1, 3),
        accepted_on=dt.date(2022, 1, 4),
    )
    JudicialConfirmation.objects.create(
        dispute=first, applied_on=dt.date(2022, 2, 3), court="石柱县人民法院"
    )

    figures = {f.key: f for f in report.figures(2022)}

    assert figures["disputes.received"].value == 9
    assert figures["disputes.succeeded"].value == 7
    assert figures["disputes.failed"].value == 1
    assert figures["disputes.withdrawn"].value == 1
    assert figures["disputes.success_rate"].value == 87.5
    assert figures["disputes.success_rate"].text == "88%"
    assert figures["disputes.amount_involved"].value == Decimal("402.00")
    assert figures["disputes.written_agreements"].value == 6
    assert figures["disputes.oral_agreements"].value == 1
    assert figures["disputes.judicial_confirmations"].value == 1
    assert figures["disputes.screening_rounds"].value == 1
    assert figures["disputes.screening_found"].value == 6
    assert figures["disputes.received"].breakdown["month"] == {"1": 1, "3": 7, "12": 1}


def test_records_url_lists_exactly_the_records_behind_the_figure(client, leader):
    known_2022()
    client.force_login(leader)

    for figure in report.figures(2022):
        if figure.key.startswith("disputes.screening") or figure.unit == "%":
            continue
        if figure.key in (
            "disputes.amount_involved",
            "disputes.written_agreements",
            "disputes.oral_agreements",
            "disputes.judicial_confirmations",
        ):
            continue
        page = client.get(figure.records_url)
        assert page.context["paginator"].count == figure.value, figure.key


def test_paragraph_reads_like_the_seed_report():
    figures = {f.key: f for f in report.figures(2022)}
    figures["disputes.succeeded"].value = 128
    figures["disputes.success_rate"].value = 99.2

    text = plain(report.paragraphs(2022, figures))

    assert "成功调处矛盾纠纷事件128起，调解成功率达99%" in text


def test_demo_2022_matches_the_seed_report(township):
    from django.contrib.auth.models import Group, User

    from huanghe_portal.models import Village as V

    from .. import demo

    mediator = User.objects.create(username="mediator")
    mediator.groups.add(Group.objects.get(name="mediator"))
    for i in range(3):
        V.objects.create(name=f"演示村{i}", code=f"D{i}")
    demo.load(io.StringIO())
    demo.load(io.StringIO())  # idempotent

    figures = {f.key: f for f in report.figures(2022)}
    assert (figures["disputes.succeeded"].value, figures["disputes.failed"].value) == (128, 1)
    assert figures["disputes.withdrawn"].value == 0
    assert figures["disputes.success_rate"].text == "99%"
    assert figures["disputes.received"].value > 129  # some still open at the end of 2022
    assert "成功调处矛盾纠纷事件128起，调解成功率达99%" in plain(report.paragraphs(2022, figures))
    assert "disputes" in collect(2022)


def test_dashboard_card_shows_overdue_cases(client, mediator):
    DisputeFactory(accepted=True)  # accepted 2024-03-02; today is 2024-06-14
    client.force_login(mediator)

    page = client.get(reverse("dashboard")).content.decode()

    assert "超过一个月未结" in page
