import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from decisions import ledgers
from decisions.models import Matter
from decisions.tests.factories import (
    CommentWindowFactory,
    HearingFactory,
    MatterFactory,
    MeetingFactory,
    discussed_matter,
)
from huanghe_portal.ledgers import LedgerImportError
from huanghe_portal.tests.helpers import assert_no_live_formula, import_through_pages

pytestmark = pytest.mark.django_db
D = dt.date


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_minutes_pdf_from_the_structured_record(client, educator, township):
    meeting = MeetingFactory(
        views=["副书记甲", "副镇长乙", "书记丙"], matter__title="集镇农贸市场改造方案"
    )
    meeting.views.filter(position=2).update(stance="disagree", opinion="资金来源不明确")
    client.force_login(educator)
    response = client.get(reverse("decisions:meeting-minutes-pdf", args=[meeting.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content).replace(" ", "").replace("\n", "")
    assert "党委会议纪要" in text
    assert "集镇农贸市场改造方案" in text
    assert (
        text.index("副书记甲")
        < text.index("副镇长乙")
        < text.index("书记丙（主要负责人，最后表态）")
    )
    assert "资金来源不明确" in text and "不同意" in text
    assert "会议结果：通过" in text


def test_minutes_pdf_carries_the_risk_statement_put_before_the_meeting(client, educator, township):
    meeting = MeetingFactory(
        views=["副书记甲", "书记丙"],
        matter__exploratory_reform=True,
        matter__legal_risk_statement="无上位法依据，存在越权风险",
        legal_risk_statement="无上位法依据，存在越权风险",
    )
    client.force_login(educator)
    response = client.get(reverse("decisions:meeting-minutes-pdf", args=[meeting.pk]))
    text = pdf_text(response.content).replace(" ", "").replace("\n", "")
    assert "明示法律风险" in text and "无上位法依据，存在越权风险" in text


def test_decision_file_pdf_holds_every_record(client, report_office, legal_reviewer, township):
    matter = discussed_matter(legal_reviewer, title="黄鹤镇河道管理方案")
    CommentWindowFactory(matter=matter, adoption_summary="采纳2条")
    HearingFactory(matter=matter)
    client.force_login(report_office)
    response = client.get(reverse("decisions:matter-file-pdf", args=[matter.pk]))
    text = pdf_text(response.content).replace(" ", "").replace("\n", "")
    for expected in [
        "黄鹤镇河道管理方案",
        "决策档案",
        "采纳2条",
        "听证会",
        "合法性审核",
        "集体讨论决定",
        "委员甲",
        "尚未签发",
    ]:
        assert expected in text, expected


def _upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("ledger.xlsx", data)


def _rows(data: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    return [tuple(r) for r in sheet.iter_rows(values_only=True)]


def test_ledger_round_trip(leader, legal_reviewer, legal_adviser):
    # An enforcement decision needs only the legality review before its meeting, which the
    # ledger records; a major decision's other steps are not in it (see the next test).
    discussed_matter(legal_reviewer, title="集镇污水处理方案", kind="enforcement_decision")
    MatterFactory(title="食堂承包合同", kind="contract")
    first = ledgers.export(Matter.objects.order_by("pk"))
    result = ledgers.import_ledger(_upload(first), actor=leader)
    assert result == {"created": 2, "skipped": 0}
    imported = Matter.objects.order_by("pk")[2:]
    assert [m.title for m in imported] == ["集镇污水处理方案", "食堂承包合同"]
    assert imported[0].status == "discussed" and imported[0].reviews.get().result == "lawful"
    second = ledgers.export(imported)
    assert _rows(second) == _rows(first)


def _ledger(*rows: list) -> SimpleUploadedFile:
    book = load_workbook(io.BytesIO(ledgers.export([])))
    for row in rows:
        book.worksheets[0].append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return _upload(buffer.getvalue())


def _discussed_row(reviewer: str, result: str) -> list:
    head = ["决策乙", "重大行政决策", "党政办", "摘要", "2022-03-01", "否", "", "已集体讨论"]
    review = [reviewer, "2022-03-02", "2022-03-20", result, "意见", ""]
    meeting = ["党委会议", "2022-04-01", "通过", "委员甲：同意；书记：同意"]
    return [*head, *review, *meeting]


def test_ledger_import_is_all_or_nothing_with_errors_by_row(
    report_office, leader, mediator, legal_reviewer
):
    draft = ["合同甲", "重要合同", "党政办", "摘要", "2022-03-01", "否", "", "草案拟订"]
    bad = ["决策丙", "秘密决策", "党政办", "摘要", "2022-13-01", "否", "", "草案拟订"]
    with pytest.raises(LedgerImportError) as exc:
        ledgers.import_ledger(_ledger(draft, bad), actor=report_office)
    messages = [str(e) for e in exc.value.errors]
    assert any(m.startswith("第3行“事项类型”") for m in messages)
    assert any(m.startswith("第3行“启动日期”") for m in messages)
    assert not Matter.objects.exists()

    with pytest.raises(LedgerImportError) as exc:
        ledgers.import_ledger(
            _ledger(draft, _discussed_row(mediator.username, "合法")), actor=leader
        )
    assert [str(e) for e in exc.value.errors] == [
        "第3行“审核人账号”：不是法制审核员或法律顾问的账号。"
    ]
    assert not Matter.objects.exists()


def test_ledger_import_meets_the_same_rules_as_the_pages(leader, report_office, legal_reviewer):
    """The services decide: 应审必审, the procedure steps, and who may record a meeting."""
    unlawful = _discussed_row(legal_reviewer.username, "不合法")
    lawful = _discussed_row(legal_reviewer.username, "合法")

    with pytest.raises(LedgerImportError) as exc:
        ledgers.import_ledger(_ledger(unlawful, lawful), actor=leader)
    messages = [str(e) for e in exc.value.errors]
    assert "应审必审" in messages[0] and messages[0].startswith("第2行")
    assert "必经程序" in messages[1] and messages[1].startswith("第3行")  # no public comment etc.
    with pytest.raises(LedgerImportError) as exc:
        ledgers.import_ledger(_ledger(lawful), actor=report_office)
    assert str(exc.value.errors[0]).startswith("第2行")
    assert not Matter.objects.exists()


def test_ledger_pages(client, report_office, educator):
    MatterFactory(title="食堂承包合同", kind="contract")
    client.force_login(educator)
    response = client.get(reverse("decisions:ledger-export"))
    content = response.getvalue()
    assert _rows(content)[1][0] == "食堂承包合同"
    assert client.get(reverse("decisions:ledger-import")).status_code == 403
    client.force_login(report_office)
    upload = SimpleUploadedFile("ledger.xlsx", content)
    response = import_through_pages(client, reverse("decisions:ledger-import"), upload)
    assert "导入完成：新增 1 条，已存在 0 条。" in response.content.decode()


def test_titles_and_summaries_like_formulas_stay_text_in_the_ledger(client, report_office):
    MatterFactory(title="=cmd|' /C calc'!A0", summary="+1+1")
    client.force_login(report_office)

    content = client.get(reverse("decisions:ledger-export")).getvalue()

    assert_no_live_formula(content, "=cmd|' /C calc'!A0", "+1+1")
