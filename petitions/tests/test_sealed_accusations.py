"""Accusations (检举控告) stay sealed on every path that copies petition data: referral to
mediation, the repeat mark and link, timelines, list filters, search, ledger, PDF notices and
history (issue 12, HIGH-3 and MEDIUM-5; 信访工作条例 Art 30, 46)."""

import datetime as dt
import io
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from huanghe_portal import handover, timeline
from petitions import services
from petitions.models import Petition

from .factories import PetitionFactory

pytestmark = pytest.mark.django_db

ACCUSER_PHONE = "13700001111"
REFER_REASON = "检举控告类信访件不得转人民调解"


@pytest.fixture
def accusation(other_petition_clerk):
    return PetitionFactory(
        category=Petition.Category.ACCUSATION,
        received_on=dt.date(2023, 11, 1),  # apart from the numbers the service gives in 2024
        petitioner_name="王检举",
        phone=ACCUSER_PHONE,
        summary="举报村干部王某某贪污",
        registered_by=other_petition_clerk,
    )


def register(api_client, clerk, **fields):
    api_client.force_authenticate(clerk)
    data = {
        "received_on": "2024-06-03",
        "channel": "visit",
        "category": "appeal",
        "petitioner_name": "王某",
        "phone": ACCUSER_PHONE,
        "summary": "反映路灯损坏",
        **fields,
    }
    return api_client.post(reverse("api:petition-list"), data, format="json")


# --- Referral to mediation -------------------------------------------------------------------


def test_an_accusation_cannot_be_referred_to_mediation_through_the_api(
    api_client, other_petition_clerk, accusation, township
):
    api_client.force_authenticate(other_petition_clerk)

    response = api_client.post(
        reverse("api:petition-refer-to-mediation", args=[accusation.pk]),
        {"respondent_name": "王某某"},
        format="json",
    )

    assert response.status_code == 409
    assert REFER_REASON in response.json()["detail"]
    assert not handover.links_from(accusation, "dispute").exists()


def test_the_page_offers_no_referral_of_an_accusation_and_refuses_one_posted(
    client, other_petition_clerk, accusation, township
):
    client.force_login(other_petition_clerk)
    refer_url = reverse("petitions:petition-refer", args=[accusation.pk])

    page = client.get(accusation.get_absolute_url()).content.decode()
    answer = client.post(refer_url, {"respondent_name": "王某某"}, follow=True)

    assert refer_url not in page
    assert REFER_REASON in answer.content.decode()
    assert not handover.links_from(accusation, "dispute").exists()
    # An ordinary petition still offers the step.
    appeal = PetitionFactory(registered_by=other_petition_clerk)
    assert (
        reverse("petitions:petition-refer", args=[appeal.pk])
        in client.get(appeal.get_absolute_url()).content.decode()
    )


# --- The repeat mark and link ----------------------------------------------------------------


def test_a_repeat_of_a_sealed_accusation_is_neither_marked_nor_linked_for_other_clerks(
    api_client, client, petition_clerk, accusation
):
    created = register(api_client, petition_clerk)
    assert created.status_code == 201
    body = created.json()
    repeat = Petition.objects.get(pk=body["id"])
    client.force_login(petition_clerk)

    page = client.get(repeat.get_absolute_url()).content.decode()
    listed = client.get(reverse("petitions:index"), {"repeat": "1"}).context["object_list"]
    by_api = api_client.get(reverse("api:petition-detail", args=[repeat.pk])).json()

    assert repeat.earlier_id == accusation.pk  # kept for those who may see it
    assert (body["is_repeat"], body["earlier"]) == (False, None)
    assert (by_api["is_repeat"], by_api["earlier"]) == (False, None)
    assert accusation.number not in page and "重复信访" not in page
    assert list(listed) == []


@pytest.mark.parametrize("reader", ["leader", "other_petition_clerk"])
def test_those_who_may_see_the_accusation_see_the_repeat_link(
    request, api_client, client, petition_clerk, accusation, reader
):
    repeat = Petition.objects.get(pk=register(api_client, petition_clerk).json()["id"])
    user = request.getfixturevalue(reader)
    api_client.force_authenticate(user)
    client.force_login(user)

    by_api = api_client.get(reverse("api:petition-detail", args=[repeat.pk])).json()
    page = client.get(repeat.get_absolute_url()).content.decode()

    assert (by_api["is_repeat"], by_api["earlier"]) == (True, accusation.pk)
    assert f'重复信访，前次：<a href="{accusation.get_absolute_url()}">{accusation.number}' in page


def test_the_report_office_sees_no_trace_of_the_accusation(
    api_client, client, petition_clerk, report_office, accusation
):
    repeat = Petition.objects.get(pk=register(api_client, petition_clerk).json()["id"])
    client.force_login(report_office)

    page = client.get(repeat.get_absolute_url()).content.decode()
    history = client.get(reverse("record-history", args=["petitions", "petition", repeat.pk]))
    search = client.get(reverse("petitions:index"), {"q": "王检举"}).context["object_list"]

    assert accusation.number not in page and "重复信访" not in page
    assert history.status_code == 403
    assert list(search) == []


def test_old_repeat_notes_become_references_named_per_viewer(
    client, petition_clerk, leader, accusation
):
    repeat = PetitionFactory(phone=ACCUSER_PHONE, is_repeat=True, earlier=accusation)
    timeline.record(
        repeat,
        actor=petition_clerk,
        action="registered",
        note=f"重复信访，前次：{accusation.number}",
    )
    migration = import_module("petitions.migrations.0003_repeat_note_as_reference")

    migration.note_to_reference(apps, None)

    client.force_login(petition_clerk)
    assert accusation.number not in client.get(repeat.get_absolute_url()).content.decode()
    client.force_login(leader)
    assert accusation.number in client.get(repeat.get_absolute_url()).content.decode()


# --- Ledger, PDF notices and history of the clerk who may not see the accusation -------------


def test_the_other_clerks_ledger_notices_and_history_carry_nothing_of_the_accusation(
    api_client, client, petition_clerk, accusation, township
):
    repeat = Petition.objects.get(pk=register(api_client, petition_clerk).json()["id"])
    repeat = services.accept_petition(repeat, actor=petition_clerk, accepted_on=dt.date(2024, 6, 5))
    client.force_login(petition_clerk)

    ledger = client.post(reverse("petitions:ledger-export"), {"reason": "核对登记台账"}).getvalue()
    cells = [
        str(v)
        for row in load_workbook(io.BytesIO(ledger)).active.iter_rows(values_only=True)
        for v in row
        if v is not None
    ]
    notice = client.get(reverse("petitions:petition-notice", args=[repeat.pk, "acceptance"]))
    notice_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(notice.content)).pages)
    history = client.get(reverse("record-history", args=["petitions", "petition", repeat.pk]))

    assert not {accusation.number, "王检举", "举报村干部王某某贪污"} & set(cells)
    assert "受理" in notice_text and accusation.number not in notice_text
    assert history.status_code == 403  # the change history is for leaders and superusers
    accusation = services.accept_petition(
        accusation, actor=accusation.registered_by, accepted_on=dt.date(2024, 6, 5)
    )
    assert (
        client.get(
            reverse("petitions:petition-notice", args=[accusation.pk, "acceptance"])
        ).status_code
        == 404
    )
