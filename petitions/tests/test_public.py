import pytest
from django.urls import reverse

from huanghe_portal import handover
from petitions import services
from petitions.models import Petition

from .factories import PetitionFactory

pytestmark = pytest.mark.django_db


def submit(api_client, **kw):
    data = {"petitioner_name": "陈某", "phone": "13987654321", "summary": "路灯不亮。", **kw}
    return api_client.post(reverse("api:public-petition-create"), data, format="json")


def test_public_submission_answers_code_and_due(api_client):
    response = submit(api_client)
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"tracking_code", "received_on", "acceptance_due"}
    assert (body["received_on"], body["acceptance_due"]) == ("2024-06-14", "2024-06-29")
    petition = Petition.objects.get()
    assert (petition.channel, petition.tracking_code) == ("online", body["tracking_code"])
    assert len(body["tracking_code"]) >= 10


def test_tracking_right_code_wrong_code_wrong_digits(api_client):
    code = submit(api_client).json()["tracking_code"]

    def track(code_, digits):
        return api_client.get(reverse("api:public-track", args=[code_]), {"phone_last4": digits})

    ok = track(code, "4321")
    assert ok.status_code == 200
    assert ok.json()["kind"] == "petition" and ok.json()["status"] == "registered"
    assert "13987654321" not in ok.content.decode() and "陈某" not in ok.content.decode()
    wrong_code, wrong_digits = track("ZZZZZZZZZZZZ", "4321"), track(code, "4320")
    assert wrong_code.status_code == wrong_digits.status_code == 404
    assert wrong_code.json() == wrong_digits.json()


def test_reissued_code_stops_the_old_one(api_client, petition_clerk):
    code = submit(api_client).json()["tracking_code"]
    petition = services.reissue_tracking_code(Petition.objects.get(), actor=petition_clerk)
    old = api_client.get(reverse("api:public-track", args=[code]), {"phone_last4": "4321"})
    new = api_client.get(
        reverse("api:public-track", args=[petition.tracking_code]), {"phone_last4": "4321"}
    )
    assert (old.status_code, new.status_code) == (404, 200)


@pytest.fixture
def ten_per_hour(monkeypatch):
    """The default public submission rate, whatever THROTTLE_PUBLIC_SUBMIT says here."""
    from huanghe_portal.api.throttles import PublicSubmitThrottle

    monkeypatch.setitem(PublicSubmitThrottle.THROTTLE_RATES, "public_submit", "10/hour")


def test_flood_from_one_address_is_429(api_client, ten_per_hour):
    for _ in range(10):
        assert submit(api_client).status_code == 201
    response = submit(api_client)
    assert response.status_code == 429
    assert Petition.objects.count() == 10


def test_public_form_gives_a_printable_receipt(client, village):
    page = client.get(reverse("petitions:public-submit")).content.decode()
    assert "个人信息处理说明" in page
    response = client.post(
        reverse("petitions:public-submit"),
        {
            "petitioner_name": "陈某",
            "phone": "13987654321",
            "summary": "路灯不亮。",
            "village": village.pk,
            "consent": "on",
        },
        follow=True,
    )
    petition = Petition.objects.get()
    page = response.content.decode()
    assert petition.tracking_code in page and "2024年6月29日" in page


def test_public_form_without_consent_keeps_nothing(client):
    response = client.post(
        reverse("petitions:public-submit"),
        {"petitioner_name": "陈某", "phone": "13987654321", "summary": "x"},
    )
    assert response.status_code == 400
    assert not Petition.objects.exists()


def test_referral_without_disputes_handler_is_refused(client, petition_clerk, monkeypatch):
    # A deployment without the mediation area: no "dispute" hand-over is registered.
    monkeypatch.setattr(handover, "_handlers", {})
    petition = PetitionFactory()
    client.force_login(petition_clerk)
    response = client.post(
        reverse("petitions:petition-refer", args=[petition.pk]),
        {"respondent_name": ""},
        follow=True,
    )
    assert "尚未启用" in response.content.decode()


def test_clerk_hands_a_matter_over_to_mediation(petition_clerk, township):
    from huanghe_portal.timeline import entries_for

    petition = PetitionFactory(summary="邻里宅基地纠纷")
    dispute = services.refer_to_mediation(petition, actor=petition_clerk, respondent_name="邻居某")
    assert dispute.source == "petition_referral"
    assert handover.links_from(petition, "dispute").get().target == dispute
    assert entries_for(petition).filter(action="handed_over_dispute").exists()


def test_flood_on_the_public_form_is_429(client, ten_per_hour):
    data = {"petitioner_name": "陈某", "phone": "13987654321", "summary": "x", "consent": "on"}
    for _ in range(10):
        client.post(reverse("petitions:public-submit"), data)
    response = client.post(reverse("petitions:public-submit"), data)
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert Petition.objects.count() == 10


def test_receipt_has_a_print_button_without_inline_script(client):
    client.post(
        reverse("petitions:public-submit"),
        {"petitioner_name": "陈某", "phone": "13987654321", "summary": "x", "consent": "on"},
    )
    page = client.get(reverse("petitions:public-receipt")).content.decode()
    assert "data-print" in page and "petitions/petitions.js" in page
    assert "onclick" not in page


def test_referral_calls_the_dispute_handover_with_the_fixed_signature(
    monkeypatch, petition_clerk, village
):
    calls = []

    def fake_create(kind, **kwargs):
        calls.append((kind, kwargs))
        return "dispute"

    monkeypatch.setattr(services.handover, "create", fake_create)
    petition = PetitionFactory(
        petitioner_name="谭某",
        phone="13800001234",
        village=village,
        id_number="500240198001010014",
        summary="宅基地界址纠纷",
    )
    assert services.refer_to_mediation(petition, actor=petition_clerk) == "dispute"
    kind, kwargs = calls[0]
    assert kind == "dispute"
    assert kwargs["source"] == petition and kwargs["actor"] == petition_clerk
    assert kwargs["source_code"] == "petition_referral"
    assert kwargs["village"] == village and kwargs["summary"] == "宅基地界址纠纷"
    assert kwargs["received_on"].isoformat() == "2024-06-14"
    applicant, respondent = kwargs["parties"]
    assert applicant == {
        "role": "applicant",
        "kind": "person",
        "name": "谭某",
        "id_number": "500240198001010014",
        "phone": "13800001234",
    }
    assert respondent == {"role": "respondent", "kind": "person", "name": "待补充"}
