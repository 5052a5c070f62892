"""The agreement PDF, the ledger both ways, committees and screening rounds."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from huanghe_portal.ledgers import LedgerImportError
from huanghe_portal.tests.helpers import assert_no_live_formula, import_through_pages

from .. import ledgers, services
from ..models import Committee, Dispute, ScreeningRound
from .factories import DisputeFactory, MemberFactory, valid_id

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_agreement_pdf_carries_the_article_29_contents(client, mediator, township):
    dispute = DisputeFactory(succeeded=True, number="黄鹤调〔2024〕7号")
    dispute.mediators.add(mediator)
    client.force_login(mediator)

    response = client.get(reverse("disputes:dispute-agreement-pdf", args=[dispute.pk]))

    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content).replace(" ", "").replace("\n", "")
    for expected in [
        "人民调解协议书",
        "黄鹤调〔2024〕7号",
        "申请人：张三",
        "被申请人：李四",
        "纠纷主要事实、争议事项",
        "排水沟堵塞",
        "李四赔偿张三500元",
        "履行方式",
        "一式3份",
        "调解员甲",
        "黄鹤镇人民调解委员会（印章）",
        "2024年3月20日",
        "申请期限至2024年4月19日",  # the 司法确认 period as stored (rolled when it ends on a day off)
        valid_id("50024019800101001"),
    ]:
        assert expected in text, expected


def test_agreement_pdf_masks_ids_for_the_leader(client, leader, township):
    dispute = DisputeFactory(succeeded=True)
    client.force_login(leader)

    text = pdf_text(
        client.get(reverse("disputes:dispute-agreement-pdf", args=[dispute.pk])).content
    )

    assert valid_id("50024019800101001") not in text.replace(" ", "")
    assert "138****5678" in text.replace(" ", "")


@pytest.mark.parametrize(("subject", "offered"), [("rights", True), ("ownership", False)])
def test_agreement_pdf_offers_judicial_confirmation_only_where_a_court_may_confirm(
    client, mediator, township, subject, offered
):
    dispute = DisputeFactory(succeeded=True, category="07", agreement_subject=subject)
    client.force_login(mediator)

    response = client.get(reverse("disputes:dispute-agreement-pdf", args=[dispute.pk]))

    text = pdf_text(response.content).replace(" ", "").replace("\n", "")
    assert ("共同向人民法院申请司法确认" in text) is offered


def test_no_pdf_for_an_oral_agreement(client, mediator):
    dispute = DisputeFactory(succeeded=True, agreement_form="oral")
    client.force_login(mediator)

    assert (
        client.get(reverse("disputes:dispute-agreement-pdf", args=[dispute.pk])).status_code == 404
    )


def make_cases(mediator, village):
    base = {
        "source": "application",
        "category": "02",
        "village": village,
        "summary": "邻里纠纷",
        "parties": [
            {
                "role": "applicant",
                "kind": "person",
                "name": "张三",
                "id_number": valid_id("50024019800101001"),
                "phone": "13812345678",
                "address": "一组",
            },
            {
                "role": "respondent",
                "kind": "organisation",
                "name": "某建材公司",
                "credit_code": "91500240MA5U8ABC0X"[:17] + "0",
            },
        ],
    }
    from huanghe_portal.personal_data import credit_code_check_char

    code = "91500240MA5U8ABC0"
    base["parties"][1]["credit_code"] = code + credit_code_check_char(code)
    one = services.create_dispute(actor=mediator, received_on=dt.date(2024, 5, 2), **base)
    one = services.accept_dispute(one, actor=mediator, accepted_on=dt.date(2024, 5, 3))
    services.succeed_dispute(
        one,
        actor=mediator,
        closed_on=dt.date(2024, 5, 20),
        agreement_form="written",
        terms="赔偿800元",
        performance_due=dt.date(2024, 6, 1),
    )
    two = services.create_dispute(
        actor=mediator, received_on=dt.date(2024, 5, 6), amount_involved=12, **base
    )
    services.reject_dispute(
        two,
        actor=mediator,
        reason="不属调解范围",
        guided_to="arbitration",
        closed_on=dt.date(2024, 5, 7),
    )
    services.create_dispute(actor=mediator, received_on=dt.date(2024, 5, 8), **base)


def snapshot() -> list[tuple]:
    rows = []
    for d in Dispute.objects.order_by("number").prefetch_related("parties"):
        rows.append(
            (
                d.number,
                d.received_on,
                d.status,
                d.outcome,
                d.accepted_on,
                d.closed_on,
                d.guided_to,
                d.agreement_form,
                d.amount_involved,
                sorted(
                    (p.role, p.kind, p.name, p.id_number, p.credit_code, p.phone, p.address)
                    for p in d.parties.all()
                ),
            )
        )
    return rows


def test_ledger_export_reimports_to_the_same_records(mediator, township, village):
    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            make_cases(mediator, village)
            before = snapshot()
            data = ledgers.export(mediator, Dispute.objects.all())
            raise Rollback
    except Rollback:
        pass
    assert not Dispute.objects.exists()

    result = ledgers.import_ledger(io.BytesIO(data), actor=mediator)

    assert result == {"created": 3, "skipped": 0}
    assert snapshot() == before
    again = ledgers.import_ledger(io.BytesIO(data), actor=mediator)
    assert again == {"created": 0, "skipped": 3}
    assert (
        services.create_dispute(
            actor=mediator,
            received_on=dt.date(2024, 6, 1),
            source="other",
            category="15",
            summary="x",
            parties=[{"role": "applicant", "name": "甲"}, {"role": "respondent", "name": "乙"}],
        ).number
        == "黄鹤调〔2024〕4号"
    )


def test_a_ledger_with_one_bad_row_imports_nothing(mediator, township, village):
    make_cases(mediator, village)
    data = ledgers.export(mediator, Dispute.objects.all())
    sheet_book = load_workbook(io.BytesIO(data))
    sheet = sheet_book.active
    headers = [c.value for c in sheet[1]]
    sheet.cell(2, headers.index("案号") + 1, "")
    sheet.cell(3, headers.index("案号") + 1, "")
    sheet.cell(3, headers.index("纠纷类别") + 1, "吵架纠纷")
    sheet.cell(4, headers.index("案号") + 1, "")
    sheet.cell(4, headers.index("村（社区）") + 1, "不存在村")
    buffer = io.BytesIO()
    sheet_book.save(buffer)
    count = Dispute.objects.count()

    with pytest.raises(LedgerImportError) as caught:
        ledgers.import_ledger(io.BytesIO(buffer.getvalue()), actor=mediator)

    messages = [str(e) for e in caught.value.errors]
    assert any("第3行“纠纷类别”" in m and "吵架纠纷" in m for m in messages)
    assert any("第4行“村（社区）”" in m for m in messages)
    assert Dispute.objects.count() == count


def test_a_ledger_row_closing_before_receiving_is_refused(mediator, township, village):
    make_cases(mediator, village)
    book = load_workbook(io.BytesIO(ledgers.export(mediator, Dispute.objects.all())))
    sheet = book.active
    headers = [c.value for c in sheet[1]]
    for row in (2, 3, 4):
        sheet.cell(row, headers.index("案号") + 1, "")
    statuses = [sheet.cell(r, headers.index("状态") + 1).value for r in (2, 3, 4)]
    row = 2 + statuses.index("调解成功")
    sheet.cell(row, headers.index("结案日期") + 1, dt.date(2024, 5, 1))
    buffer = io.BytesIO()
    book.save(buffer)

    with pytest.raises(LedgerImportError) as caught:
        ledgers.import_ledger(io.BytesIO(buffer.getvalue()), actor=mediator)

    assert [str(e) for e in caught.value.errors] == [
        f"第{row}行“结案日期”：日期不能早于受理日期（2024-05-03）。"
    ]
    assert Dispute.objects.count() == 3


def test_ledger_pages_export_masked_for_the_office_and_import_for_mediators(
    client, mediator, report_office, township, village
):
    make_cases(mediator, village)
    client.force_login(report_office)
    book = load_workbook(io.BytesIO(client.get(reverse("disputes:ledger-export")).getvalue()))
    values = [str(c.value) for row in book.active.iter_rows() for c in row]
    assert "138****5678" in values
    assert client.get(reverse("disputes:ledger-import")).status_code == 403

    client.force_login(mediator)
    upload = io.BytesIO(b"not a spreadsheet")
    upload.name = "ledger.xlsx"
    page = client.post(reverse("disputes:ledger-import"), {"file": upload})
    assert page.status_code == 400
    assert "文件不是有效的 .xlsx 或 .xls 表格" in page.content.decode()


def test_committee_warns_without_a_woman_or_a_minority_member(client, mediator):
    member = MemberFactory(gender="male", ethnic_group="汉族")
    MemberFactory.create_batch(2, committee=member.committee)
    client.force_login(mediator)

    page = client.get(reverse("disputes:committee-detail", args=[member.committee.pk]))

    text = page.content.decode()
    assert "应当有妇女成员" in text
    assert "人数较少民族的成员" in text
    client.post(
        reverse("disputes:committee-detail", args=[member.committee.pk]),
        {"name": "冉秀兰", "position": "member", "gender": "female", "ethnic_group": "土家族"},
    )
    text = client.get(
        reverse("disputes:committee-detail", args=[member.committee.pk])
    ).content.decode()
    assert "应当有妇女成员" not in text
    assert "人数较少民族的成员" not in text


def test_mediator_creates_a_committee_and_the_api_lists_its_warnings(api_as, mediator, leader):
    response = api_as(mediator).post(
        reverse("api:dispute-committee-list"),
        {"name": "平桥村调委会", "level": "township"},
        format="json",
    )
    assert response.status_code == 201
    committee = Committee.objects.get()

    data = api_as(leader).get(reverse("api:dispute-committee-detail", args=[committee.pk])).json()

    assert "调委会应当有妇女成员（人民调解法第八条）。" in data["warnings"]
    assert (
        api_as(leader)
        .post(
            reverse("api:dispute-committee-list"), {"name": "x", "level": "township"}, format="json"
        )
        .status_code
        == 403
    )


def test_screening_rounds_are_logged_and_voided(client, api_as, mediator, village):
    client.force_login(mediator)
    response = client.post(
        reverse("disputes:screening-create"),
        {
            "held_on": "2024-06-01",
            "villages": [village.pk],
            "disputes_found": "4",
            "disputes_prevented": "1",
        },
    )
    assert response.status_code == 302
    screening = ScreeningRound.objects.get()

    listed = api_as(mediator).get(reverse("api:dispute-screening-round-list")).json()
    assert listed["results"][0]["disputes_found"] == 4
    void_url = reverse("disputes:screening-void", args=[screening.pk])
    empty = client.post(void_url, {"reason": ""})
    assert empty.status_code == 400 and "请填写作废原因。" in empty.content.decode()
    assert client.post(void_url, {"reason": "重复"}).status_code == 302
    screening.refresh_from_db()
    assert screening.voided
    page = client.post(void_url, {"reason": "再次"})
    assert page.status_code == 409 and "该记录已作废。" in page.content.decode()
    again = api_as(mediator).post(
        reverse("api:dispute-screening-round-void", args=[screening.pk]),
        {"reason": "再次"},
        format="json",
    )
    assert again.status_code == 409


def test_a_village_committee_needs_its_village(client, mediator, village):
    client.force_login(mediator)

    refused = client.post(
        reverse("disputes:committee-create"), {"name": "平桥村人民调解委员会", "level": "village"}
    )
    created = client.post(
        reverse("disputes:committee-create"),
        {
            "name": "平桥村人民调解委员会",
            "level": "village",
            "village": village.pk,
            "is_active": "on",
        },
    )

    assert "村（社区）调委会须选择所属村（社区）。" in refused.content.decode()
    assert created.status_code == 302
    assert Committee.objects.get().village == village


def test_a_screening_round_in_the_future_is_refused(client, mediator, village):
    client.force_login(mediator)

    response = client.post(
        reverse("disputes:screening-create"),
        {
            "held_on": "2024-07-01",
            "villages": [village.pk],
            "disputes_found": "1",
            "disputes_prevented": "0",
        },
    )

    assert "日期不能晚于今天。" in response.content.decode()
    assert not ScreeningRound.objects.exists()


def test_mediator_imports_a_paper_ledger_through_the_page(client, mediator, township, village):
    from huanghe_portal.ledgers import export_xlsx

    row = {
        "number": "黄鹤调〔2023〕41号",
        "received_on": dt.date(2023, 5, 4),
        "source": "application",
        "category": "07",
        "village": village.name,
        "applicant_names": "谭春华",
        "respondent_names": "冉德成；冉志永",
        "summary": "山林界址争议",
        "status": "succeeded",
        "accepted_on": dt.date(2023, 5, 5),
        "closed_on": dt.date(2023, 5, 20),
        "agreement_form": "written",
        "terms": "按原界址",
    }
    upload = io.BytesIO(export_xlsx(ledgers.columns(), [row], title="台账"))
    upload.name = "台账.xlsx"
    client.force_login(mediator)

    response = import_through_pages(client, reverse("disputes:ledger-import"), upload)

    assert "导入完成：新增 1 条，已存在 0 条。" in response.content.decode()
    dispute = Dispute.objects.get()
    assert (dispute.number, dispute.status, dispute.party_names) == (
        "黄鹤调〔2023〕41号",
        "succeeded",
        "谭春华、冉德成、冉志永",
    )
    assert (
        services.create_dispute(
            actor=mediator,
            received_on=dt.date(2023, 6, 1),
            source="other",
            category="15",
            summary="x",
            parties=[{"role": "applicant", "name": "甲"}, {"role": "respondent", "name": "乙"}],
        ).number
        == "黄鹤调〔2023〕42号"
    )


@pytest.mark.parametrize("number", ["石柱调〔2024〕5号", "黄鹤调〔2023〕5号", "黄鹤调〔2024〕05号"])
def test_an_imported_number_must_be_the_townships_own(mediator, township, number):
    with pytest.raises(ValidationError) as caught:
        services.create_dispute(
            actor=mediator,
            number=number,
            received_on=dt.date(2024, 5, 1),
            source="other",
            category="15",
            summary="x",
            parties=[{"role": "applicant", "name": "甲"}, {"role": "respondent", "name": "乙"}],
        )

    assert "黄鹤调〔2024〕1号" in caught.value.message_dict["number"][0]
    assert not Dispute.objects.exists()


def test_party_names_and_summaries_like_formulas_stay_text_in_the_ledger(mediator_client):
    dispute = DisputeFactory(summary="@SUM(1,2)", with_parties=False)
    dispute.parties.create(role="applicant", name='=HYPERLINK("http://x.example/")')
    dispute.parties.create(role="respondent", name="-李四")

    content = mediator_client.post(
        reverse("disputes:ledger-export"), {"reason": "报送县司法局"}
    ).getvalue()

    assert_no_live_formula(content, "@SUM(1,2)", '=HYPERLINK("http://x.example/")', "-李四")
