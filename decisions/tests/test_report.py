import datetime as dt

import pytest

from decisions import report
from decisions.models import Matter, NormativeDocument, PublicComment
from decisions.tests.factories import (
    CommentWindowFactory,
    HearingFactory,
    LegalAdviserFactory,
    MatterFactory,
    MeetingFactory,
    ReviewFactory,
)
from huanghe_portal.reporting import plain, report_modules

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def known_year(legal_reviewer, legal_adviser):
    """2022: 3 reviews concluded (one by the adviser, one voided matter left out), 2 meetings
    plus one in 2021, 1 hearing, 3 comments (2 adopted), 1 adviser overlapping 2022."""
    adviser = LegalAdviserFactory(user=legal_adviser)
    LegalAdviserFactory(name="旧顾问", term_start=D(2020, 1, 1), term_end=D(2021, 12, 31))
    LegalAdviserFactory(name="作废顾问", voided=True)
    major = MatterFactory(major=True)
    ReviewFactory(matter=major, reviewer=legal_adviser, adviser=adviser, lawful=True)
    MeetingFactory(matter=major, held_on=D(2022, 5, 6))
    enforcement = MatterFactory(
        enforcement=True, exploratory_reform=True, legal_risk_statement="风险可控"
    )
    MeetingFactory(matter=enforcement, held_on=D(2022, 6, 1))  # discussed without review
    ReviewFactory(
        matter=MatterFactory(),
        reviewer=legal_reviewer,
        concluded_on=D(2022, 8, 1),
        result="unlawful",
        opinion="x",
    )
    ReviewFactory(
        matter=MatterFactory(),
        reviewer=legal_reviewer,
        concluded_on=D(2022, 9, 1),
        result="lawful_after_changes",
        opinion="x",
        changes="y",
    )
    ReviewFactory(
        matter=MatterFactory(),
        reviewer=legal_reviewer,
        concluded_on=D(2023, 1, 5),
        result="lawful",
        opinion="x",
    )
    voided = MatterFactory(status=Matter.Status.VOIDED)
    ReviewFactory(matter=voided, reviewer=legal_reviewer, lawful=True)
    MeetingFactory(matter=voided)
    MeetingFactory(matter=MatterFactory(opened_on=D(2021, 3, 1)), held_on=D(2021, 4, 1))
    HearingFactory(matter=major)
    HearingFactory(
        matter=MatterFactory(opened_on=D(2021, 3, 1)),
        held_on=D(2021, 4, 10),
        materials_sent_on=D(2021, 4, 1),
    )
    window = CommentWindowFactory(matter=major)
    for i, adopted in enumerate([True, True, False]):
        PublicComment.objects.create(
            window=window, content=f"意见{i}", adopted=adopted, submitted_on=D(2022, 3, 10)
        )


def test_figures_on_a_known_data_set(known_year):
    figures = {f.key: f for f in report.figures(2022)}
    assert figures["decisions.legality_reviews"].value == 3
    assert figures["decisions.legality_reviews"].breakdown["result"] == {
        "合法": 1,
        "修改后合法": 1,
        "不合法": 1,
    }
    assert figures["decisions.adviser_opinions"].value == 1
    assert figures["decisions.collective_decisions"].value == 2
    assert figures["decisions.hearings"].value == 1
    assert figures["decisions.legal_advisers"].value == 1
    assert figures["decisions.legal_advisers"].text == "1名"
    assert figures["decisions.public_comments"].value == 3
    assert figures["decisions.public_comments_adopted"].value == 2
    # two required matters discussed, one without a review (exploratory reform)
    assert figures["decisions.review_rate"].value == 50.0
    assert figures["decisions.matters"].breakdown["kind"]["重大行政决策"] == 1
    assert figures["decisions.legality_reviews"].records_url == (
        "/staff/figures/decisions.legality_reviews/?year=2022"
    )


def test_records_behind_a_figure_are_listed(client, educator, known_year):
    client.force_login(educator)
    figure = next(f for f in report.figures(2022) if f.key == "decisions.collective_decisions")
    response = client.get(figure.records_url)
    assert response.context["paginator"].count == figure.value
    figure = next(f for f in report.figures(2022) if f.key == "decisions.legal_advisers")
    assert client.get(figure.records_url).context["paginator"].count == 1


def test_paragraph_uses_the_seed_wording(legal_adviser):
    LegalAdviserFactory(user=legal_adviser)
    figures = {f.key: f for f in report.figures(2022)}
    text = plain(report.paragraphs(2022, figures))
    assert "聘请1名专业律师担任政府法律顾问" in text and "做到“应审必审”" in text


def test_paragraph_states_a_rate_below_100(known_year):
    figures = {f.key: f for f in report.figures(2022)}
    assert "应审必审率为50%" in plain(report.paragraphs(2022, figures))


def test_normative_documents_for_the_disclosure_report(legal_reviewer):
    def doc(issued, repealed=None, expires=None, **kw):
        NormativeDocument.objects.create(
            matter=MatterFactory(normative=True, **kw),
            document_number="黄鹤府发〔2022〕1号",
            issued_on=issued,
            effective_on=issued + dt.timedelta(days=10),
            repealed_on=repealed,
            expires_on=expires,
        )

    doc(D(2021, 3, 1))
    doc(D(2021, 5, 1), repealed=D(2022, 6, 1))
    doc(D(2022, 2, 1))
    doc(D(2022, 4, 1), expires=D(2022, 10, 1))
    doc(D(2022, 7, 1), status=Matter.Status.VOIDED)
    assert report.normative_documents(2022) == {"issued": 2, "repealed": 1, "in_force": 2}
    assert report_modules()["decisions"].normative_documents(2022)["issued"] == 2
