import datetime as dt
from decimal import Decimal

import pytest

from huanghe_portal import reporting
from huanghe_portal.reporting import plain
from legal_education import report
from legal_education.models import LiaisonTraining

from .factories import (
    ConsultationFactory,
    EventFactory,
    KnowledgeTestFactory,
    LegalLiaisonFactory,
    StudySessionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(village, leader, mediator, report_office, educator):
    """A small year 2022 with one of each thing in 2021 and one voided record of each kind."""
    EventFactory(
        held_on=dt.date(2022, 1, 3), kind="lecture", village=village, participants=40, materials=10
    )
    EventFactory(
        held_on=dt.date(2022, 12, 4), kind="constitution_week", participants=160, materials=400
    )
    EventFactory(held_on=dt.date(2022, 12, 31), kind="lecture", participants=0, materials=0)
    EventFactory(held_on=dt.date(2021, 12, 31), participants=999)
    EventFactory(held_on=dt.date(2022, 6, 1), participants=999, voided=True)
    for outcome in ["answered", "answered", "to_legal_aid", "to_litigation"]:
        ConsultationFactory(consulted_on=dt.date(2022, 3, 1), outcome=outcome)
    ConsultationFactory(consulted_on=dt.date(2023, 1, 1))
    ConsultationFactory(consulted_on=dt.date(2022, 3, 1), voided=True)
    StudySessionFactory(
        held_on=dt.date(2022, 2, 1),
        attendees=[leader, mediator, report_office],
        absentees=[educator],
    )
    StudySessionFactory(
        held_on=dt.date(2022, 9, 1),
        kind="court_hearing",
        attendees=[leader, mediator, report_office, educator],
    )
    StudySessionFactory(
        held_on=dt.date(2022, 10, 1), attendees=[leader], absentees=[mediator], status="voided"
    )
    KnowledgeTestFactory(
        held_on=dt.date(2022, 11, 1), pass_mark=Decimal("60"), scores=[90, 60, 59.5, 30]
    )
    KnowledgeTestFactory(held_on=dt.date(2022, 11, 2), pass_mark=Decimal("80"), scores=[85])
    KnowledgeTestFactory(held_on=dt.date(2022, 11, 3), scores=[0], status="voided")
    trained = LegalLiaisonFactory(village=village)
    twice = LegalLiaisonFactory(village=village)
    LegalLiaisonFactory(village=village)  # never trained
    removed = LegalLiaisonFactory(village=village, status="voided")
    for liaison, day in [(trained, 1), (twice, 2), (twice, 3), (removed, 4)]:
        LiaisonTraining.objects.create(
            liaison=liaison, trained_on=dt.date(2022, 5, day), subject="培训"
        )


def test_figures_on_a_known_data_set(known):
    figures = {f.key: f for f in report.figures(2022)}

    assert figures["legal_education.events"].value == 3
    assert figures["legal_education.events"].breakdown["kind"] == {"专题讲座": 2, "宪法宣传周": 1}
    assert figures["legal_education.events"].breakdown["village"] == {
        "平桥村": 1,
        "未指定村（社区）": 2,
    }
    assert figures["legal_education.participants"].value == 200
    assert figures["legal_education.materials"].value == 410
    assert figures["legal_education.consultations"].value == 4
    assert figures["legal_education.consultations"].breakdown["outcome"] == {
        "当场解答": 2,
        "转法律援助": 1,
        "引导诉讼": 1,
    }
    assert figures["legal_education.study_sessions"].value == 2
    assert figures["legal_education.study_attendance_rate"].value == 87.5
    assert figures["legal_education.tests"].value == 2
    assert figures["legal_education.test_participants"].value == 5
    assert figures["legal_education.test_pass_rate"].value == 60.0
    assert figures["legal_education.liaisons_trained"].value == 2


def test_records_url_lists_the_records_behind_the_figure(client, leader, known):
    figure = next(f for f in report.figures(2022) if f.key == "legal_education.events")
    client.force_login(leader)

    page = client.get(figure.records_url)

    assert page.context["paginator"].count == 3


def test_paragraph_reads_like_the_seed(known):
    figures = {f.key: f for f in report.figures(2022)}
    text = plain(report.paragraphs(2022, figures))
    assert text.startswith("开展法治宣传活动3次、提供法治咨询服务4人次，参与群众200人次")
    assert "参学率88%" in text and "及格率60%" in text and "培训法律明白人2名" in text


def test_the_report_collector_finds_the_section():
    keys = {f.key for f in reporting.collect(2022)["legal_education"]}
    assert {
        "legal_education.events",
        "legal_education.participants",
        "legal_education.consultations",
    } <= keys


def test_an_empty_year_gives_zeros_and_the_short_paragraph():
    figures = {f.key: f for f in report.figures(2020)}
    assert figures["legal_education.study_attendance_rate"].value == 0.0
    assert plain(report.paragraphs(2020, figures)) == "开展法治宣传活动0次、提供法治咨询服务0人次。"


def test_dashboard_card(client, educator, today, known):
    client.force_login(educator)
    assert "普法活动" in client.get("/staff/").text


def test_paragraph_accepts_short_keys_or_only_some_figures(known):
    figures = {f.key: f for f in report.figures(2022)}
    short = {key.partition(".")[2]: f for key, f in figures.items()}
    only_two = {k: figures[k] for k in ("legal_education.events", "legal_education.consultations")}

    expected = plain(report.paragraphs(2022, figures))

    assert plain(report.paragraphs(2022, short)) == expected
    assert plain(report.paragraphs(2022, only_two)) == expected
