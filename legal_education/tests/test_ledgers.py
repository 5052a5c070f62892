import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from huanghe_portal.tests.helpers import assert_no_live_formula, import_through_pages
from legal_education import ledgers
from legal_education.models import Consultation, Event

from .factories import ConsultationFactory, EventFactory

pytestmark = pytest.mark.django_db


def _upload(content: bytes, name="ledger.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def _rows(content: bytes) -> list[tuple]:
    return list(_first_sheet(load_workbook(io.BytesIO(content))).iter_rows(values_only=True))


def _first_sheet(book: Workbook) -> Worksheet:
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    return sheet


def _snapshot(qs, fields):
    return sorted(tuple(str(getattr(r, f)) for f in fields) for r in qs)


def test_event_ledger_round_trip(educator, village):
    EventFactory(
        title="宪法宣传周",
        kind="constitution_week",
        village=village,
        held_on=dt.date(2022, 12, 4),
        participants=200,
        materials=500,
        laws_covered="宪法",
        co_organisers="派出所",
    )
    EventFactory(
        title="以案释法",
        kind="case_explanation",
        held_on=dt.date(2022, 6, 1),
        consultations_on_site=3,
    )
    EventFactory(title="作废的", voided=True)
    fields = [c.key for c in ledgers.EVENT_COLUMNS]
    before = _snapshot(Event.objects.filter(status="recorded"), fields)

    content = ledgers.EVENTS.export(educator)
    assert _rows(content)[0][:3] == ("活动日期", "活动名称", "活动类型")
    assert len(_rows(content)) == 3  # header + the two records not voided
    Event.objects.all().delete()  # test set-up: an empty portal receives the ledger
    result = ledgers.EVENTS.ledger.import_file(_upload(content), actor=educator)

    assert result == {"created": 2, "skipped": 0}
    assert _snapshot(Event.objects.all(), fields) == before
    assert ledgers.EVENTS.export(educator) != b""
    assert _rows(ledgers.EVENTS.export(educator)) == _rows(content)


def test_consultation_ledger_round_trip(educator, village):
    ConsultationFactory(
        person_name="张小明", village=village, outcome="to_litigation", answer_summary="建议起诉"
    )
    ConsultationFactory(topic="labour")
    content = ledgers.CONSULTATIONS.export(educator)
    fields = [c.key for c in ledgers.CONSULTATION_COLUMNS]
    before = _snapshot(Consultation.objects.all(), fields)

    Consultation.objects.all().delete()
    result = ledgers.CONSULTATIONS.ledger.import_file(_upload(content), actor=educator)
    assert result == {"created": 2, "skipped": 0}

    assert _snapshot(Consultation.objects.all(), fields) == before


def test_consultation_export_masks_names_for_other_roles(leader):
    ConsultationFactory(person_name="张小明")
    rows = _rows(ledgers.CONSULTATIONS.export(leader))
    assert rows[1][2] == "张*明"


def _sheet(rows) -> bytes:
    book = Workbook()
    sheet = _first_sheet(book)
    sheet.append([c.header for c in ledgers.EVENT_COLUMNS])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GOOD = [
    "2022-05-01",
    "民法典宣传",
    "民法典宣传月",
    "平桥村",
    "场镇",
    "司法所",
    "",
    "",
    "民法典",
    100,
    50,
    2,
    "简介",
]


def test_import_is_all_or_nothing_with_errors_by_row_and_column(educator, village):
    bad_count = [*GOOD[:9], -5, *GOOD[10:]]
    bad_village = [*GOOD[:3], "不存在村", *GOOD[4:]]
    bad_date = ["2022/13/45", *GOOD[1:]]

    with pytest.raises(ledgers.LedgerImportError) as exc:
        ledgers.EVENTS.ledger.import_file(
            _upload(_sheet([GOOD, bad_count, bad_village, bad_date])), actor=educator
        )

    assert [str(e) for e in exc.value.errors] == [
        "第3行“参与人数”：不能为负数。",
        "第4行“村（社区）”：“不存在村”不是本镇的村（社区）。",
        "第5行“活动日期”：日期格式应为 YYYY-MM-DD，且须为真实存在的日期。",
    ]
    assert not Event.objects.exists()


def test_leader_cannot_import(client, leader):
    client.force_login(leader)
    response = client.post(
        reverse("legal_education:ledger-import", args=["events"]),
        {"file": _upload(_sheet([GOOD]))},
    )
    assert response.status_code == 403
    assert not Event.objects.exists()


def test_import_page_lists_the_errors_and_export_downloads(client, educator, village):
    client.force_login(educator)
    url = reverse("legal_education:ledger", args=["events"])
    upload_url = reverse("legal_education:ledger-import", args=["events"])

    bad = import_through_pages(client, upload_url, _upload(_sheet([[*GOOD[:9], -1, *GOOD[10:]]])))
    good = import_through_pages(client, upload_url, _upload(_sheet([GOOD])))
    download = client.get(url, {"download": "1", "year": "2022"})

    assert "第2行“参与人数”：不能为负数。" in bad.text
    assert "导入完成：新增 1 条" in good.text and Event.objects.count() == 1
    assert _rows(download.getvalue())[1][1] == "民法典宣传"


def test_text_like_formulas_stays_text_in_both_ledgers(client, educator):
    EventFactory(title="=1+1", place="@A1", organiser="-司法所")
    ConsultationFactory(question='=HYPERLINK("http://x.example/")', answered_by="+刘")
    client.force_login(educator)

    for which, values in (("events", ["=1+1", "@A1", "-司法所"]), ("consultations", ["+刘"])):
        url = reverse("legal_education:ledger", args=[which]) + "?download=1"
        assert_no_live_formula(client.get(url).getvalue(), *values)
