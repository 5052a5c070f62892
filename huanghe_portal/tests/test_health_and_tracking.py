import pytest
from django.urls import reverse

from huanghe_portal import tracking

pytestmark = pytest.mark.django_db


def test_healthz_tells_anonymous_callers_only_ok_and_staff_every_component(client, mediator):
    response = client.get("/healthz")

    assert (response.status_code, response.json()) == (200, {"ok": True})

    client.force_login(mediator)
    data = client.get("/healthz").json()
    assert (data["ok"], data["status"]) == (True, "ok")
    assert data["checks"]["database"]["ok"] is True
    assert data["checks"]["cache"]["ok"] is True
    assert data["checks"]["broker"]["mode"] == "eager"


def test_tracking_codes_are_random_long_and_unambiguous():
    codes = {tracking.new_code() for _ in range(200)}

    assert len(codes) == 200
    assert all(len(c) >= 10 and not set(c) & set("01OIL") for c in codes)


@pytest.fixture
def tracked(monkeypatch):
    record = {"code": "ABCDEFGHJK23", "phone": "13812345678"}
    tracker = tracking.Tracker(
        kind="petition",
        find=lambda code: record if code == record["code"] else None,
        describe=lambda obj: {
            "status": "accepted",
            "status_display": "受理",
            "received_on": "2025-03-03",
            "acceptance_due": "2025-03-18",
            "replied_on": None,
        },
        phone_of=lambda obj: obj["phone"],
    )
    monkeypatch.setattr(tracking, "_trackers", [tracker])
    return record


def test_the_right_code_and_digits_show_status_and_dates_only(api_client, tracked):
    response = api_client.get(
        reverse("api:public-track", args=["abcd-efgh-jk23"]), {"phone_last4": "5678"}
    )

    assert response.status_code == 200
    assert response.json()["status_display"] == "受理"
    assert "13812345678" not in response.content.decode()


@pytest.mark.parametrize(
    ("code", "digits"), [("ABCDEFGHJK23", "0000"), ("ZZZZZZZZZZZZ", "5678"), ("ABCDEFGHJK23", "")]
)
def test_a_wrong_code_and_wrong_digits_get_the_same_answer(api_client, tracked, code, digits):
    response = api_client.get(reverse("api:public-track", args=[code]), {"phone_last4": digits})

    assert response.status_code == 404
    assert response.json() == {"detail": "未找到与查询码和电话后四位相符的记录。"}


def test_the_tracking_page_shows_the_status(client, tracked):
    response = client.get(reverse("public-track"), {"code": "ABCDEFGHJK23", "phone_last4": "5678"})

    assert "受理" in response.content.decode()
    assert "13812345678" not in response.content.decode()


def test_tracking_lookups_are_throttled(api_client, tracked, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "public_track": "3/minute",
        },
    }
    from huanghe_portal.api.throttles import PublicTrackThrottle

    PublicTrackThrottle.THROTTLE_RATES = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    try:
        statuses = [
            api_client.get(
                reverse("api:public-track", args=["ZZZZZZZZZZZZ"]), {"phone_last4": "1111"}
            ).status_code
            for _ in range(5)
        ]
    finally:
        from rest_framework.settings import api_settings

        PublicTrackThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    assert statuses[:3] == [404, 404, 404]
    assert statuses[3:] == [429, 429]
