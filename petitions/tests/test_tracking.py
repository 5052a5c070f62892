"""The public tracking answer of a petition speaks Chinese: model field names, one sentence per
step with its date, the extended deadline on the extension's sentence."""

import datetime as dt

import pytest
from django.urls import reverse

from .factories import PetitionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def extended_petition():
    return PetitionFactory(
        accepted=True,
        received_on=dt.date(2024, 3, 1),
        tracking_code="ABCDEFGHJK23",
        extended_on=dt.date(2024, 4, 20),
        extension_days=30,
        handling_due=dt.date(2024, 6, 3),
    )


def test_the_tracking_page_names_every_field_in_chinese_and_tells_each_step(
    client, extended_petition
):
    response = client.get(reverse("public-track"), {"code": "ABCDEFGHJK23", "phone_last4": "1234"})
    text = response.content.decode()

    assert "受理告知期限" in text and "办理期限" in text
    for internal in ("acceptance_due", "handling_due", "review_due", "received_on"):
        assert internal not in text
    sentences = [s["text"] for s in response.context["result"]["steps"]]
    assert sentences == [
        "已收到信访事项 2024-03-01，依法应于 2024-03-16 前告知是否受理",
        "已受理 2024-03-04",
        "已延长办理期限 2024-04-20，依法应于 2024-06-03 前答复",
    ]
    for sentence in sentences:
        assert sentence in text


def test_the_tracking_api_gives_labels_and_steps(api_client, extended_petition):
    body = api_client.get(
        reverse("api:public-track", args=["ABCDEFGHJK23"]), {"phone_last4": "1234"}
    ).json()

    assert body["labels"]["acceptance_due"] == "受理告知期限"
    assert body["labels"]["handling_due"] == "办理期限"
    assert body["labels"]["status_display"] == "状态"
    assert body["steps"][1] == {
        "date": "2024-03-04",
        "text": "已受理 2024-03-04",
        "due": None,
        "calendar_known": True,
        "calendar_note": "",
    }
    assert body["steps"][2]["due"] == "2024-06-03"


def test_an_accepted_petition_says_by_when_the_answer_comes(client):
    PetitionFactory(accepted=True, received_on=dt.date(2024, 3, 1), tracking_code="ABCDEFGHJK24")

    text = client.get(
        reverse("public-track"), {"code": "ABCDEFGHJK24", "phone_last4": "1234"}
    ).content.decode()

    assert "已受理 2024-03-04，依法应于 2024-05-03 前答复" in text
