"""Issue 16 point 5: the applicant is told of each step by e-mail and SMS (one shared sender)."""

import datetime as dt

import pytest
from django.urls import reverse

from disclosure import services as disclosure_services
from disclosure.models import Application
from huanghe_portal import notify_applicant
from huanghe_portal.timeline import entries_for
from petitions import services as petition_services
from petitions.models import Petition

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 6, 14)


class FakeSms(notify_applicant.SmsBackend):
    sent: list[tuple[str, str]] = []
    fail = False

    def send(self, phone: str, message: str) -> None:
        if FakeSms.fail:
            raise OSError("gateway down")
        FakeSms.sent.append((phone, message))


@pytest.fixture(autouse=True)
def fake_sms(settings, frozen_today):
    frozen_today(DAY)
    settings.SMS_BACKEND = f"{__name__}.FakeSms"
    FakeSms.sent, FakeSms.fail = [], False
    return FakeSms


def petition_online(api_client, **extra):
    data = {"petitioner_name": "陈某", "phone": "13987654321", "summary": "路灯不亮。", **extra}
    response = api_client.post(reverse("api:public-petition-create"), data, format="json")
    assert response.status_code == 201, response.content
    return Petition.objects.get(tracking_code=response.json()["tracking_code"])


def notices(record):
    return [
        (e.data["event"], e.data["channels"])
        for e in entries_for(record).filter(action=notify_applicant.SENT_ACTION)
    ]


def test_petitioner_is_told_of_acceptance_extension_and_reply_by_mail_and_sms(
    api_client, petition_clerk, leader, mailoutbox, django_capture_on_commit_callbacks
):
    petition = petition_online(api_client, email="chen@example.com")
    assert mailoutbox == []  # nothing happened yet that the petitioner needs to hear of
    with django_capture_on_commit_callbacks(execute=True):
        petition = petition_services.accept_petition(
            petition, actor=petition_clerk, accepted_on=DAY
        )
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["chen@example.com"] and "已受理" in mail.subject
    assert petition.tracking_code in mail.body
    assert FakeSms.sent == [("13987654321", mail.body)]

    with django_capture_on_commit_callbacks(execute=True):
        petition = petition_services.extend_petition_deadline(
            petition, actor=petition_clerk, days=10, reason="需现场核实", approved_by=leader
        )
    with django_capture_on_commit_callbacks(execute=True):
        petition_services.reply_petition(
            petition, actor=petition_clerk, replied_on=DAY, outcome="explain", opinion="已解释。"
        )
    assert ["延长" in m.subject for m in mailoutbox] == [False, True, False]
    assert "答复" in mailoutbox[2].subject and len(FakeSms.sent) == 3
    assert notices(petition) == [
        ("accepted", ["email", "sms"]),
        ("extended", ["email", "sms"]),
        ("replied", ["email", "sms"]),
    ]


def test_petitioner_who_opted_out_hears_nothing(
    api_client, petition_clerk, mailoutbox, django_capture_on_commit_callbacks
):
    petition = petition_online(api_client, email="chen@example.com", notify_opt_out=True)
    with django_capture_on_commit_callbacks(execute=True):
        petition_services.accept_petition(petition, actor=petition_clerk, accepted_on=DAY)
    assert mailoutbox == [] and FakeSms.sent == [] and notices(petition) == []


def test_a_petition_registered_by_staff_gets_no_messages(
    petition_clerk, mailoutbox, django_capture_on_commit_callbacks
):
    petition = petition_services.register_petition(
        actor=petition_clerk,
        received_on=DAY,
        channel="visit",
        category="appeal",
        petitioner_name="冉某",
        phone="13987654321",
        summary="灌溉用水。",
    )
    with django_capture_on_commit_callbacks(execute=True):
        petition_services.accept_petition(petition, actor=petition_clerk, accepted_on=DAY)
    assert mailoutbox == [] and FakeSms.sent == [] and notices(petition) == []


def test_public_petition_form_keeps_the_address_private_and_the_opt_out(client):
    response = client.post(
        reverse("petitions:public-submit"),
        {
            "petitioner_name": "陈某",
            "phone": "13987654321",
            "summary": "路灯不亮。",
            "email": "chen@example.com",
            "notify_opt_out": "on",
            "consent": "on",
        },
        follow=True,
    )
    assert response.status_code == 200
    petition = Petition.objects.get()
    assert (petition.email, petition.notify_opt_out) == ("chen@example.com", True)
    assert "chen@example.com" not in response.content.decode()
    tracked = client.get(
        reverse("public-track"), {"code": petition.tracking_code, "phone_last4": "4321"}
    )
    assert tracked.status_code == 200 and "chen@example.com" not in tracked.content.decode()


def test_a_failing_sms_gateway_never_blocks_the_step_and_is_recorded(
    api_client, petition_clerk, mailoutbox, django_capture_on_commit_callbacks
):
    FakeSms.fail = True
    petition = petition_online(api_client, email="chen@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        petition_services.accept_petition(petition, actor=petition_clerk, accepted_on=DAY)
    petition.refresh_from_db()
    assert petition.status == Petition.Status.ACCEPTED and len(mailoutbox) == 1
    assert notices(petition) == [("accepted", ["email"])]
    failed = entries_for(petition).get(action=notify_applicant.FAILED_ACTION)
    assert failed.data == {"event": "accepted", "channels": ["sms"]}


def test_with_the_broker_down_the_notice_is_sent_in_the_request(
    monkeypatch, api_client, petition_clerk, mailoutbox, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(notify_applicant.send_applicant_notice, "apply_async", refuse)
    FakeSms.fail = True
    petition = petition_online(api_client, email="chen@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        petition_services.accept_petition(petition, actor=petition_clerk, accepted_on=DAY)
    assert len(mailoutbox) == 1 and notices(petition) == [("accepted", ["email"])]
    assert entries_for(petition).filter(action=notify_applicant.FAILED_ACTION).count() == 1


def test_staff_sees_the_notice_on_the_timeline(
    client, api_client, petition_clerk, django_capture_on_commit_callbacks
):
    petition = petition_online(api_client)
    with django_capture_on_commit_callbacks(execute=True):
        petition_services.accept_petition(petition, actor=petition_clerk, accepted_on=DAY)
    client.force_login(petition_clerk)
    page = client.get(reverse("petitions:petition-detail", args=[petition.pk])).content.decode()
    assert "已通知申请人" in page


PUBLIC_APPLICATION = {
    "applicant_kind": "natural_person",
    "applicant_name": "李晓明",
    "phone": "13812345678",
    "description": "2023年黄鹤镇低保资金发放名单",
    "delivery": "email",
}


def test_delivery_by_email_without_an_address_is_refused_by_api_and_form(api_client, client):
    response = api_client.post(
        reverse("api:disclosure-application-list"), PUBLIC_APPLICATION, format="json"
    )
    assert response.status_code == 400
    assert "email" in response.json()["fields"]

    page = client.post(reverse("disclosure:public-apply"), PUBLIC_APPLICATION)
    text = page.content.decode()
    assert "请填写电子邮箱" in text and "2023年黄鹤镇低保资金发放名单" in text
    assert Application.objects.count() == 0


def test_disclosure_applicant_is_told_of_receipt_and_correction(
    api_client, disclosure_officer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(
            reverse("api:disclosure-application-list"),
            {**PUBLIC_APPLICATION, "email": "li@example.com"},
            format="json",
        )
    assert response.status_code == 201
    app = Application.objects.get()
    assert [m.to for m in mailoutbox] == [["li@example.com"]]
    assert "已收到" in mailoutbox[0].subject and app.tracking_code in mailoutbox[0].body
    assert "li@example.com" not in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        disclosure_services.request_correction(
            app, actor=disclosure_officer, notice_on=DAY, items="请写明年份"
        )
    assert "补正" in mailoutbox[1].subject
    assert [p for p, _ in FakeSms.sent] == ["13812345678", "13812345678"]
    assert notices(app) == [
        ("received", ["email", "sms"]),
        ("correction_requested", ["email", "sms"]),
    ]


def test_disclosure_applicant_can_opt_out_on_the_form(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("disclosure:public-apply"),
            {**PUBLIC_APPLICATION, "email": "li@example.com", "notify_opt_out": "on"},
        )
    assert Application.objects.get().notify_opt_out is True
    assert mailoutbox == [] and FakeSms.sent == []


def test_the_default_sms_backend_only_logs_with_the_number_masked(settings, caplog):
    settings.SMS_BACKEND = "huanghe_portal.notify_applicant.LoggingSmsBackend"
    with caplog.at_level("INFO", logger="huanghe_portal.notify_applicant"):
        notify_applicant.sms_backend().send("13812345678", "您的申请已收到。")
    assert "您的申请已收到" in caplog.text and "13812345678" not in caplog.text
