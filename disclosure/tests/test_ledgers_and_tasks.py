"""依申请公开登记台账 both ways, and the reminder task."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from disclosure import tasks
from disclosure.models import Application
from huanghe_portal.models import Notification
from huanghe_portal.tests.helpers import assert_no_live_formula, import_through_pages

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db

ROW = [dt.date(2024, 9, 20), "信函", "自然人", "王某", "13800001111", "低保名单", "邮寄"]
HEADER = [
    "收到日期",
    "申请方式",
    "申请人类型",
    "申请人姓名或名称",
    "联系电话",
    "所需信息的内容描述",
    "获取方式",
    "答复日期",
    "办理结果",
]


def upload(rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("ledger.xlsx", buffer.getvalue())


def test_export_has_the_rows_with_masked_phones(client, disclosure_officer):
    ApplicationFactory(replied=True, applicant_name="李晓明")
    client.force_login(disclosure_officer)

    response = client.get(reverse("disclosure:application-ledger-export"))

    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("查询码", "收到日期", "申请方式")
    assert "李晓明" in rows[1] and "138****5678" in rows[1] and "予以公开" in rows[1]


def test_import_registers_rows_through_the_services(client, disclosure_officer, today):
    client.force_login(disclosure_officer)
    file = upload([[*ROW, dt.date(2024, 10, 10), "予以公开"]])

    response = import_through_pages(client, reverse("disclosure:application-ledger-import"), file)

    assert "导入完成：新增 1 条，已存在 0 条。" in response.content.decode()
    app = Application.objects.get()
    assert (app.reply_due, app.status, app.outcome) == (dt.date(2024, 10, 23), "replied", "granted")


def test_import_with_a_bad_row_imports_nothing(client, disclosure_officer, today):
    client.force_login(disclosure_officer)
    file = upload([ROW, [ROW[0], ROW[1], "外星人", *ROW[3:]]])

    response = import_through_pages(client, reverse("disclosure:application-ledger-import"), file)

    assert "外星人" in response.content.decode() and "第3行" in response.content.decode()
    assert "确认导入" not in response.content.decode()
    assert Application.objects.count() == 0


def test_reminders_notify_officers_once(disclosure_officer, today):
    ApplicationFactory(reply_due=dt.date(2024, 12, 23))
    ApplicationFactory(reply_due=dt.date(2025, 3, 1))

    assert tasks.send_due_reminders_task() == 1
    assert tasks.send_due_reminders_task() == 0
    note = Notification.objects.get(user=disclosure_officer)
    assert "2024-12-23" in note.message


def test_reimporting_an_export_leaves_the_records_unchanged(client, disclosure_officer, today):
    ApplicationFactory(replied=True)
    client.force_login(disclosure_officer)
    exported = client.get(reverse("disclosure:application-ledger-export")).getvalue()

    response = import_through_pages(
        client,
        reverse("disclosure:application-ledger-import"),
        SimpleUploadedFile("ledger.xlsx", exported),
    )

    assert "导入完成：新增 0 条，已存在 1 条。" in response.content.decode()
    assert Application.objects.count() == 1


def test_a_public_application_named_like_a_formula_stays_text_in_the_ledger(
    client, api_client, disclosure_officer, today
):
    name, description = '=HYPERLINK("http://attacker.example/","点击")', "=1+1"
    response = api_client.post(
        reverse("api:disclosure-application-list"),
        {
            "applicant_kind": "natural_person",
            "applicant_name": name,
            "phone": "13812345678",
            "description": description,
            "delivery": "email",
            "email": "a@example.com",
        },
        format="json",
    )
    assert response.status_code == 201
    client.force_login(disclosure_officer)

    content = client.get(reverse("disclosure:application-ledger-export")).getvalue()

    assert_no_live_formula(content, name, description)
