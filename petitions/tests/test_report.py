import datetime as dt
import io

import pytest

from huanghe_portal.models import Notification
from huanghe_portal.reporting import plain
from petitions import dashboard, report, services, tasks
from petitions.models import DeputySuggestion, Petition, ReceptionRecord

from .factories import PetitionFactory, ReceptionDayFactory, SuggestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def known_2023():
    """A small known year: 4 petitions received (one voided), replies on time and late."""
    PetitionFactory(
        received_on=dt.date(2023, 1, 5),
        channel="visit",
        replied=True,
        accepted_on=dt.date(2023, 1, 6),
        handling_due=dt.date(2023, 3, 7),
        replied_on=dt.date(2023, 2, 1),
        outcome="support",
    )
    PetitionFactory(
        received_on=dt.date(2023, 2, 5),
        channel="letter",
        replied=True,
        source="hotline_12345",
        accepted_on=dt.date(2023, 2, 6),
        handling_due=dt.date(2023, 4, 7),
        replied_on=dt.date(2023, 4, 20),
        outcome="not_support",
        extended_on=dt.date(2023, 3, 30),
        extension_days=5,
    )
    PetitionFactory(received_on=dt.date(2023, 12, 30), channel="visit")
    PetitionFactory(received_on=dt.date(2023, 6, 1), status="voided", replied=False)
    PetitionFactory(received_on=dt.date(2022, 12, 30), channel="visit")
    held = ReceptionDayFactory(date=dt.date(2023, 3, 1))
    ReceptionDayFactory(date=dt.date(2023, 3, 8))
    ReceptionDayFactory(date=dt.date(2023, 3, 15), voided=True)
    ReceptionRecord.objects.create(
        reception_day=held, petitioner_names="甲", persons_count=3, request="x", decision="y"
    )
    SuggestionFactory(assigned_on=dt.date(2023, 1, 10))
    SuggestionFactory(
        assigned_on=dt.date(2023, 11, 10), status="replied", replied_on=dt.date(2024, 1, 5)
    )
    SuggestionFactory(assigned_on=dt.date(2023, 5, 1), status="voided")


def test_figures_on_a_known_data_set(known_2023):
    figures = {f.key: f for f in report.figures(2023)}
    values = {k: f.value for k, f in figures.items()}
    # the 12345 ticket is counted apart from 信访, never twice
    assert values["petitions.received"] == 2
    assert figures["petitions.received"].breakdown["channel"] == {"来访": 2}
    assert values["petitions.replied"] == 1
    assert values["petitions.overdue"] == 0
    assert values["petitions.on_time_rate"] == 100.0
    assert values["petitions.extended"] == 0
    assert values["petitions.hotline_received"] == 1
    assert values["petitions.hotline_handled"] == 1
    assert values["petitions.leader_receptions"] == 2
    assert values["petitions.persons_received"] == 3
    assert values["petitions.deputy_suggestions"] == 2
    assert values["petitions.deputy_suggestions_answered"] == 0
    assert figures["petitions.received"].records_url == (
        "/staff/figures/petitions.received/?year=2023"
    )
    text = plain(report.paragraphs(2023, figures))
    assert "收到群众信访事项2件" in text and "按期办结率100%" in text
    assert "受理群众信访" not in text
    assert "另收到12345热线工单1件，办结1件（不计入信访件数）" in text


def test_records_url_lists_the_records_behind_the_figure(client, leader, known_2023):
    client.force_login(leader)
    figures = {f.key: f for f in report.figures(2023)}
    for key in ("petitions.replied", "petitions.hotline_handled"):
        page = client.get(figures[key].records_url).content.decode()
        assert page.count("黄鹤信〔2023〕") == figures[key].value == 1


def test_reminders_notify_clerk_and_leader_in_charge_set_based(
    petition_clerk, leader, django_assert_max_num_queries
):
    due_soon = PetitionFactory(
        received_on=dt.date(2024, 6, 1), registered_by=petition_clerk, leader_in_charge=leader
    )  # acceptance due 06-16: within 3 days
    overdue = PetitionFactory(
        accepted=True, received_on=dt.date(2024, 3, 1), registered_by=petition_clerk
    )  # handling due 05-03
    PetitionFactory(received_on=dt.date(2024, 6, 10), registered_by=petition_clerk)  # not yet
    PetitionFactory(replied=True, registered_by=petition_clerk)  # nothing awaited
    SuggestionFactory(reply_due=dt.date(2024, 6, 1), registered_by=petition_clerk)
    with django_assert_max_num_queries(8):
        count = tasks.send_due_reminders_task.delay().get()
    assert count == 4
    mine = Notification.objects.filter(user=petition_clerk)
    assert {n.object_id for n in mine if n.kind.startswith("petition")} == {due_soon.pk, overdue.pk}
    assert "已超期" in mine.get(kind="petition_overdue").message
    assert Notification.objects.get(user=leader).object_id == due_soon.pk
    services.send_due_reminders()
    assert Notification.objects.count() == 4  # one per user, record and kind


def test_dashboard_lines(petition_clerk):
    PetitionFactory(received_on=dt.date(2024, 5, 1))
    lines = {line["label"]: line for line in dashboard.card_lines(petition_clerk)}
    assert lines["今年登记信访件"]["value"] == 1
    assert lines["超期未办"]["value"] == 1 and lines["超期未办"]["warn"]


def test_demo_data_is_idempotent_with_five_suggestions_in_2022(django_user_model):
    from huanghe_portal import demo as foundation_demo
    from petitions import demo

    out = io.StringIO()
    foundation_demo.load(out)
    demo.load(out)
    counts = (Petition.objects.count(), DeputySuggestion.objects.count())
    demo.load(out)
    assert (Petition.objects.count(), DeputySuggestion.objects.count()) == counts
    figures = {f.key: f.value for f in report.figures(2022)}
    assert figures["petitions.deputy_suggestions"] == 5
    assert figures["petitions.leader_receptions"] >= 48
    assert figures["petitions.received"] > 50


def test_dashboard_page_shows_the_petitions_card(client, leader):
    PetitionFactory(received_on=dt.date(2024, 5, 1))
    client.force_login(leader)
    page = client.get("/staff/").content.decode()
    assert "超期未办" in page and "今年登记信访件" in page


def test_reminders_mail_a_daily_digest_to_users_with_an_address(
    petition_clerk, leader, mailoutbox, django_capture_on_commit_callbacks
):
    leader.email = "zhenzhang@example.com"
    leader.save()
    PetitionFactory(
        received_on=dt.date(2024, 5, 1), registered_by=petition_clerk, leader_in_charge=leader
    )
    with django_capture_on_commit_callbacks(execute=True):  # the mail is queued on commit
        services.send_due_reminders()
    assert [m.to for m in mailoutbox] == [["zhenzhang@example.com"]]
    assert "已超期" in mailoutbox[0].body
