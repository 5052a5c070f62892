"""An application's tracking answer and receipt say when a working-day deadline crosses a year
whose holidays are not yet entered, and stop saying so once the office enters them."""

import datetime as dt

import pytest
from django.urls import reverse

from huanghe_portal.models import Holiday, HolidayYear

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db

NOTE = "2027年的法定节假日安排尚未录入"


def track(client, app):
    return client.get(reverse("public-track"), {"code": app.tracking_code, "phone_last4": "5678"})


def test_a_due_date_in_a_year_without_holidays_is_flagged_on_the_tracking_page(client):
    app = ApplicationFactory(received_on=dt.date(2026, 12, 21), reply_due=dt.date(2027, 1, 18))

    response = track(client, app)
    text = response.content.decode()

    assert "已收到申请 2026-12-21，依法应于 2027-01-18 前答复" in text
    assert NOTE in text
    assert "答复期限" in text and "reply_due" not in text
    assert response.context["result"]["steps"][0]["calendar_known"] is False


def test_the_note_goes_once_the_years_holidays_are_entered(client):
    # A year is known once the office marks its notice complete (DOMAIN §0), not after one row.
    Holiday.objects.create(date=dt.date(2027, 1, 1), name="元旦", is_workday=False)
    HolidayYear.objects.create(
        year=2027, source="国务院办公厅关于2027年部分节假日安排的通知", complete=True
    )
    app = ApplicationFactory(received_on=dt.date(2026, 12, 21), reply_due=dt.date(2027, 1, 18))

    text = track(client, app).content.decode()

    assert "依法应于 2027-01-18 前答复" in text and NOTE not in text


def test_the_correction_deadline_is_named_and_the_reply_follows_the_correction(client):
    app = ApplicationFactory(
        received_on=dt.date(2024, 9, 20),
        correction_notice_on=dt.date(2024, 9, 25),
        correction_deadline=dt.date(2024, 10, 16),
        correction_received_on=dt.date(2024, 10, 8),
        reply_due=dt.date(2024, 11, 5),
        status="in_progress",
    )

    result = track(client, app).context["result"]

    assert [s["text"] for s in result["steps"]] == [
        "已收到申请 2024-09-20",
        "已通知补正 2024-09-25，依法应于 2024-10-16 前提交补正材料",
        "已收到补正材料 2024-10-08，依法应于 2024-11-05 前答复",
    ]
    assert result["labels"]["correction_due"] == "补正期限"


def test_the_receipt_warns_when_the_due_date_lies_in_a_year_without_holidays(client, today):
    today(dt.date(2026, 12, 21))
    response = client.post(
        reverse("disclosure:public-apply"),
        {
            "applicant_kind": "natural_person",
            "applicant_name": "李晓明",
            "phone": "13812345678",
            "description": "2026年低保名单",
            "delivery": "post",
            "address": "黄鹤镇平桥村",
        },
    )

    assert NOTE in response.content.decode()
