"""The applications API: public create with a tracking code, staff steps, errors."""

import pytest
from django.urls import reverse

from disclosure.models import Application

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db

PUBLIC = {
    "applicant_kind": "natural_person",
    "applicant_name": "李晓明",
    "phone": "13812345678",
    "description": "2023年黄鹤镇低保资金发放名单",
    "delivery": "email",
    "email": "lixm@example.com",
}


def test_public_can_apply_and_gets_a_code(api_client, today):
    response = api_client.post(reverse("api:disclosure-application-list"), PUBLIC, format="json")

    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"tracking_code", "received_on", "reply_due"}
    assert body["received_on"] == "2024-12-20" and body["reply_due"] == "2025-01-20"
    app = Application.objects.get()
    assert app.tracking_code == body["tracking_code"] and app.channel == "online"


def test_public_application_without_description_is_400(api_client, today):
    response = api_client.post(
        reverse("api:disclosure-application-list"), {**PUBLIC, "description": ""}, format="json"
    )
    assert response.status_code == 400
    assert "description" in response.json()["fields"]
    assert Application.objects.count() == 0


def test_track_by_code_and_phone_digits(api_client, today):
    app = ApplicationFactory(replied=True)
    url = reverse("api:public-track", args=[app.tracking_code])

    ok = api_client.get(url, {"phone_last4": "5678"})
    wrong = api_client.get(url, {"phone_last4": "0000"})
    unknown = api_client.get(
        reverse("api:public-track", args=["ABCDEFGHJKMN"]), {"phone_last4": "5678"}
    )

    assert ok.status_code == 200
    assert ok.json()["status_display"] == "已答复" and ok.json()["replied_on"] == "2024-10-10"
    assert "phone" not in ok.json() and "applicant_name" not in ok.json()
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json()


def test_staff_steps_through_the_api(api_client, disclosure_officer, today):
    api_client.force_authenticate(disclosure_officer)
    created = api_client.post(
        reverse("api:disclosure-application-list"),
        {**PUBLIC, "channel": "letter", "received_on": "2024-09-20"},
        format="json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    assert created.json()["reply_due"] == "2024-10-23" and created.json()["phone"] == "13812345678"

    def step(name, data):
        return api_client.post(
            reverse(f"api:disclosure-application-{name}", args=[pk]), data, format="json"
        )

    too_late = step("request-correction", {"notice_on": "2024-10-08", "items": "年份"})
    assert too_late.status_code == 400 and "notice_on" in too_late.json()["fields"]
    assert (
        step("request-correction", {"notice_on": "2024-09-27", "items": "年份"}).status_code == 200
    )
    assert step("request-correction", {"notice_on": "2024-09-27", "items": "再"}).status_code == 409
    corrected = step("correction-received", {"received_on": "2024-10-10"})
    assert corrected.json()["reply_due"] == "2024-11-06"
    assert (
        step("extend", {"approved_by": "镇长甲", "notice_on": "2024-11-01", "days": 21}).status_code
        == 400
    )
    bad = step("reply", {"replied_on": "2024-11-01", "outcome": "maybe"})
    assert bad.status_code == 400 and "年度报告" in bad.json()["fields"]["outcome"][0]
    future = step("reply", {"replied_on": "2030-01-01", "outcome": "granted"})
    assert future.status_code == 400
    replied = step("reply", {"replied_on": "2024-11-01", "outcome": "granted"})
    assert replied.json()["status"] == "replied"
    assert replied.json()["outcome_display"] == "予以公开"
    assert step("reply", {"replied_on": "2024-11-01", "outcome": "granted"}).status_code == 409


def test_leader_reads_masked_and_cannot_step(api_client, leader, today):
    app = ApplicationFactory()
    api_client.force_authenticate(leader)

    detail = api_client.get(reverse("api:disclosure-application-detail", args=[app.pk]))
    step = api_client.post(
        reverse("api:disclosure-application-reply", args=[app.pk]),
        {"outcome": "granted"},
        format="json",
    )

    assert detail.json()["phone"] == "138****5678"
    assert step.status_code == 403


def test_other_staff_get_404(api_client, mediator):
    app = ApplicationFactory()
    api_client.force_authenticate(mediator)
    response = api_client.get(reverse("api:disclosure-application-detail", args=[app.pk]))
    assert response.status_code == 404


def test_list_filters_overdue(api_client, disclosure_officer, today):
    ApplicationFactory(reply_due="2024-12-01")
    ApplicationFactory(reply_due="2025-01-10")
    ApplicationFactory(reply_due="2024-12-01", replied=True)
    api_client.force_authenticate(disclosure_officer)

    response = api_client.get(reverse("api:disclosure-application-list"), {"overdue": "1"})

    assert response.json()["count"] == 1
    assert response.json()["results"][0]["overdue"] is True


STEPS = {
    "request-correction": {"notice_on": "2024-09-23", "items": "年份"},
    "correction-received": {"received_on": "2024-09-25"},
    "consult": {"sent_on": "2024-09-23", "party": "第三方"},
    "consult-replied": {"replied_on": "2024-09-25"},
    "extend": {"approved_by": "镇长甲", "notice_on": "2024-10-08", "days": 5},
    "reply": {"replied_on": "2024-10-10", "outcome": "granted"},
    "void": {"reason": "录入错误"},
}


@pytest.mark.parametrize("step", list(STEPS))
def test_every_step_is_409_on_a_voided_application(api_client, disclosure_officer, today, step):
    app = ApplicationFactory(status=Application.Status.VOIDED)
    api_client.force_authenticate(disclosure_officer)

    response = api_client.post(
        reverse(f"api:disclosure-application-{step}", args=[app.pk]), STEPS[step], format="json"
    )

    assert response.status_code == 409
    assert "已作废" in response.json()["detail"]


@pytest.mark.parametrize("step", list(STEPS))
def test_every_step_is_403_for_the_report_office(api_client, report_office, today, step):
    app = ApplicationFactory()
    api_client.force_authenticate(report_office)

    response = api_client.post(
        reverse(f"api:disclosure-application-{step}", args=[app.pk]), STEPS[step], format="json"
    )

    assert response.status_code == 403
    app.refresh_from_db()
    assert app.status == Application.Status.RECEIVED


def test_consultation_through_the_api_moves_the_due_date(api_client, disclosure_officer, today):
    app = ApplicationFactory(received_on="2024-09-20", reply_due="2024-10-23")
    api_client.force_authenticate(disclosure_officer)

    sent = api_client.post(
        reverse("api:disclosure-application-consult", args=[app.pk]),
        {"sent_on": "2024-09-25", "party": "黄鹤村村委会"},
        format="json",
    )
    replied = api_client.post(
        reverse("api:disclosure-application-consult-replied", args=[app.pk]),
        {"replied_on": "2024-10-09"},
        format="json",
    )

    assert sent.json()["status"] == "consulting"
    assert replied.json()["reply_due"] == "2024-10-31"
    assert replied.json()["consultations"][0]["replied_on"] == "2024-10-09"


def test_officer_reissues_a_lost_code_through_the_api(api_client, disclosure_officer):
    app = ApplicationFactory()
    api_client.force_authenticate(disclosure_officer)
    response = api_client.post(reverse("api:disclosure-application-reissue-code", args=[app.pk]))
    assert response.status_code == 200
    assert response.json()["tracking_code"] != app.tracking_code


def test_delete_is_405(api_client, disclosure_officer):
    app = ApplicationFactory()
    api_client.force_authenticate(disclosure_officer)
    url = reverse("api:disclosure-application-detail", args=[app.pk])
    assert api_client.delete(url).status_code == 405


@pytest.mark.parametrize("status", [Application.Status.RECEIVED, Application.Status.IN_PROGRESS])
def test_reinstating_an_application_never_deemed_abandoned_is_409(
    api_client, disclosure_officer, today, status
):
    # The state map lets a received application move to 待补正 (a correction request); undoing
    # 视为放弃 is another step, refused unless the application was deemed abandoned.
    app = ApplicationFactory(status=status)
    api_client.force_authenticate(disclosure_officer)

    response = api_client.post(
        reverse("api:disclosure-application-reinstate", args=[app.pk]),
        {"reason": "申请人提供了证明"},
        format="json",
    )

    assert response.status_code == 409
    assert "当前状态为" in response.json()["detail"]
    app.refresh_from_db()
    assert app.status == status
