"""Issue 17 point 5 and point 9 (exports): spreadsheets as offices keep them (title rows, .xls,
whole numbers), the one import flow (upload → preview → confirm → job with progress), the
template, the printed export, and the reason asked before an unmasked export."""

import datetime as dt
import io
import time

import pytest
import xlrd
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from disputes.tests.factories import DisputeFactory
from huanghe_portal import ledgers as xl
from huanghe_portal import services
from huanghe_portal.models import LedgerImport, PersonalDataAccess
from legal_education import ledgers
from legal_education.models import Event

from .xls import xls_bytes

pytestmark = pytest.mark.django_db

HEADERS = [c.header for c in ledgers.EVENT_COLUMNS]
TITLE_ROWS = [["黄鹤镇普法活动台账"], ["填报单位：黄鹤镇司法所", None, "填报日期：2024年12月"], []]


def event_row(title: str, participants=100) -> list:
    return [
        "2024-05-01",
        title,
        "民法典宣传月",
        "平桥村",
        "场镇",
        "司法所",
        "",
        "",
        "民法典",
        participants,
        50,
        2,
        "简介",
    ]


def xlsx(rows: list[list], name: str = "台账.xlsx") -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


EVENTS_URL = reverse("legal_education:ledger-import", args=["events"])


# --- Reading spreadsheets as offices keep them ---------------------------------------------


def test_the_header_is_found_below_the_offices_title_rows(educator, village):
    upload = xlsx([*TITLE_ROWS, HEADERS, event_row("宪法宣传"), event_row("民法典进村")])

    result = ledgers.EVENT_LEDGER.import_file(upload, actor=educator)

    assert result == {"created": 2, "skipped": 0}
    assert sorted(Event.objects.values_list("title", flat=True)) == ["宪法宣传", "民法典进村"]


def test_errors_name_the_rows_as_numbered_in_the_sheet_below_title_rows(educator, village):
    upload = xlsx([*TITLE_ROWS, HEADERS, event_row("宪法宣传"), event_row("民法典进村", 12.5)])

    with pytest.raises(xl.LedgerImportError) as caught:
        ledgers.EVENT_LEDGER.import_file(upload, actor=educator)

    assert [str(e) for e in caught.value.errors] == ["第6行“参与人数”：应为整数，“12.5”不是整数。"]
    assert not Event.objects.exists()


@pytest.mark.parametrize("value", [12.5, "12.5", "十二", "12人"])
def test_a_non_integer_is_refused_never_cut_down(educator, village, value):
    upload = xlsx([HEADERS, event_row("宪法宣传", value)])

    with pytest.raises(xl.LedgerImportError) as caught:
        ledgers.EVENT_LEDGER.import_file(upload, actor=educator)

    assert [str(e) for e in caught.value.errors] == [
        f"第2行“参与人数”：应为整数，“{value}”不是整数。"
    ]


@pytest.mark.parametrize("value", [12, "12", 12.0, "12.0"])
def test_whole_numbers_are_read_however_the_sheet_stores_them(value):
    assert xl.non_negative_int(value) == 12


def test_an_xls_file_from_wps_or_old_excel_imports(educator, village):
    data = xls_bytes([*TITLE_ROWS, HEADERS, event_row("宪法宣传", 120), event_row("以案释法", 30)])
    assert xlrd.open_workbook(file_contents=data).sheet_by_index(0).nrows == 6  # a real .xls

    result = ledgers.EVENT_LEDGER.import_file(SimpleUploadedFile("台账.xls", data), actor=educator)

    assert result == {"created": 2, "skipped": 0}
    event = Event.objects.get(title="宪法宣传")
    assert (event.participants, event.held_on, event.village.name) == (
        120,
        dt.date(2024, 5, 1),
        "平桥村",
    )


def test_an_xls_file_with_a_fraction_is_refused_by_row_and_column(educator, village):
    data = xls_bytes([HEADERS, event_row("宪法宣传", 12.5)])

    with pytest.raises(xl.LedgerImportError) as caught:
        ledgers.EVENT_LEDGER.import_file(SimpleUploadedFile("台账.xls", data), actor=educator)

    assert str(caught.value.errors[0]) == "第2行“参与人数”：应为整数，“12.5”不是整数。"


def test_a_damaged_xls_is_refused_with_a_message():
    data = xls_bytes([HEADERS])[:1000]

    with pytest.raises(xl.LedgerImportError) as caught:
        xl.read_table(SimpleUploadedFile("台账.xls", data), ledgers.EVENT_COLUMNS)

    assert str(caught.value.errors[0]).endswith("文件不是有效的 .xlsx 或 .xls 表格。")


# --- Upload → preview → confirm → outcome ----------------------------------------------------


def test_the_preview_lists_rows_and_errors_and_writes_nothing(client, educator, village):
    client.force_login(educator)
    upload = xlsx([*TITLE_ROWS, HEADERS, event_row("宪法宣传"), event_row("民法典进村", -3)])

    response = client.post(EVENTS_URL, {"file": upload}, follow=True)

    page = response.content.decode()
    assert "宪法宣传" in page and "民法典进村" in page  # the rows to be created
    assert "第6行“参与人数”：不能为负数。" in page
    assert "确认导入" not in page
    assert not Event.objects.exists()
    job = LedgerImport.objects.get()
    assert (job.status, job.total_rows, job.user) == ("uploaded", 2, educator)
    confirm = client.post(reverse("ledger-import-confirm", args=[job.pk]), follow=True)
    assert "表格中有1处错误，请改正后重新上传。" in confirm.content.decode()
    assert not Event.objects.exists()


def test_a_clean_file_is_imported_once_confirmed(client, educator, village):
    client.force_login(educator)
    upload = xlsx([*TITLE_ROWS, HEADERS, event_row("宪法宣传"), event_row("民法典进村")])

    preview = client.post(EVENTS_URL, {"file": upload}, follow=True)
    assert "预览：将导入以下 2 行，尚未写入任何记录。" in preview.content.decode()
    assert not Event.objects.exists()
    job = LedgerImport.objects.get()

    done = client.post(reverse("ledger-import-confirm", args=[job.pk]), follow=True)

    assert "导入完成：新增 2 条，已存在 0 条。" in done.content.decode()
    assert Event.objects.count() == 2
    job.refresh_from_db()
    assert job.status == "done" and not job.file  # the uploaded copy is gone
    status = client.get(reverse("ledger-import-status", args=[job.pk])).json()
    assert (status["status"], status["rows_done"], status["total_rows"]) == ("done", 2, 2)
    again = client.post(reverse("ledger-import-confirm", args=[job.pk]), follow=True)
    assert Event.objects.count() == 2 and "不能变更" in again.content.decode()


def test_an_upload_is_seen_and_confirmed_by_its_uploader_only(
    client, educator, django_user_model, village
):
    job = services.upload_ledger(
        "legal-education-events", xlsx([HEADERS, event_row("宪法宣传")]), actor=educator
    )
    other = django_user_model.objects.create_user("educator2")
    other.groups.add(*educator.groups.all())
    client.force_login(other)

    assert client.get(reverse("ledger-import", args=[job.pk])).status_code == 404
    assert client.post(reverse("ledger-import-confirm", args=[job.pk])).status_code == 404
    assert not Event.objects.exists()


def test_an_expired_upload_cannot_be_confirmed_and_is_purged(client, educator, village):
    job = services.upload_ledger(
        "legal-education-events", xlsx([HEADERS, event_row("宪法宣传")]), actor=educator
    )
    LedgerImport.objects.filter(pk=job.pk).update(expires_at=timezone.now())
    client.force_login(educator)

    response = client.post(reverse("ledger-import-confirm", args=[job.pk]), follow=True)

    assert "上传的文件已过期，请重新上传。" in response.content.decode()
    assert services.purge_expired_ledger_imports() == 1
    assert not Event.objects.exists()


def test_a_large_file_goes_to_the_background_job_after_the_commit(
    client, educator, village, django_capture_on_commit_callbacks
):
    rows = [event_row(f"活动{i}") for i in range(services.LEDGER_INLINE_ROWS + 1)]
    job = services.upload_ledger("legal-education-events", xlsx([HEADERS, *rows]), actor=educator)
    client.force_login(educator)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page = client.post(reverse("ledger-import-confirm", args=[job.pk]), follow=True)

    assert "排队中" in page.content.decode() and 'id="ledger-job-bar"' in page.content.decode()
    assert not Event.objects.exists() and len(callbacks) == 1
    callbacks[0]()  # the broker in tests is eager: the job runs here
    job.refresh_from_db()
    assert (job.status, job.created_count) == ("done", services.LEDGER_INLINE_ROWS + 1)


def test_a_row_refused_by_a_service_rolls_back_the_whole_file(mediator, township, village):
    from disputes import ledgers as dispute_ledgers
    from disputes.models import Dispute

    def case(number: int, closed_on: dt.date) -> dict:
        return {
            "received_on": dt.date(2023, 5, 4),
            "source": "application",
            "category": "07",
            "applicant_names": f"甲{number}",
            "respondent_names": f"乙{number}",
            "summary": "山林界址争议",
            "status": "succeeded",
            "accepted_on": dt.date(2023, 5, 5),
            "closed_on": closed_on,
            "agreement_form": "written",
            "terms": "按原界址",
        }

    data = xl.export_xlsx(
        dispute_ledgers.columns(),
        [case(1, dt.date(2023, 5, 20)), case(2, dt.date(2023, 5, 1))],
        title="台账",
    )
    job = services.upload_ledger("disputes", SimpleUploadedFile("台账.xlsx", data), actor=mediator)
    assert services.ledger_import_table(job).errors == []  # only the service knows the rule

    job = services.confirm_ledger_import(job, actor=mediator)

    assert job.status == "failed"
    assert job.errors == ["第3行“结案日期”：日期不能早于受理日期（2023-05-05）。"]
    assert not Dispute.objects.exists()  # the first row, accepted by the services, is gone too


@pytest.mark.celery_worker
@pytest.mark.postgres
def test_a_large_import_runs_on_a_real_worker_with_progress(
    celery_worker, client, educator, village
):
    total = services.LEDGER_INLINE_ROWS + 30
    rows = [event_row(f"活动{i}") for i in range(total)]
    job = services.upload_ledger("legal-education-events", xlsx([HEADERS, *rows]), actor=educator)
    client.force_login(educator)

    client.post(reverse("ledger-import-confirm", args=[job.pk]))
    seen = []
    for _attempt in range(120):  # the worker finishes within 60 s or the test fails
        status = client.get(reverse("ledger-import-status", args=[job.pk])).json()
        seen.append(status["status"])
        if status["status"] in ("done", "failed"):
            break
        time.sleep(0.5)

    assert status == {**status, "status": "done", "created": total, "rows_done": total}
    assert Event.objects.count() == total
    assert set(seen) <= {"queued", "running", "done"}


# --- Template and export ------------------------------------------------------------------


def test_each_ledger_offers_a_template_with_title_header_example_and_choice_lists(client, mediator):
    client.force_login(mediator)

    response = client.get(reverse("ledger-template", args=["disputes"]))

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "人民调解登记台账"
    assert rows[1][:3] == ("案号", "登记日期", "来源")
    assert "（示例，导入前请删除此行）" in "".join(str(v) for v in rows[2] if v)
    lists = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert "当事人申请" in lists["C3"]  # 来源
    assert sheet.print_title_rows == "$1:$2"


def test_every_ledger_has_a_template_that_reads_back_without_missing_columns():
    for key in xl.LEDGERS:
        ledger = xl.get_ledger(key)
        table = xl.parse_table(SimpleUploadedFile("t.xlsx", ledger.template()), ledger.columns())
        assert table.header_row == 2, key
        assert len(table.rows) == (1 if ledger.example else 0), key


def test_the_export_prints_landscape_fitted_to_width_with_the_header_repeated(client, educator):
    client.force_login(educator)

    response = client.get(reverse("legal_education:ledger", args=["events"]), {"download": "1"})

    assert response.streaming  # written to a temporary file and streamed, not built in memory
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.freeze_panes == "A2"
    assert "普法活动台账" in sheet.oddHeader.center.text


# --- Unmasked exports ask a reason (issue 17 point 9) ---------------------------------------


def test_an_unmasked_export_asks_a_reason_and_says_how_many_identities(client, mediator):
    DisputeFactory.create_batch(2)  # two parties each, with ID numbers and phones
    client.force_login(mediator)
    url = reverse("disputes:ledger-export")

    form = client.get(url)
    refused = client.post(url, {"reason": ""})

    assert "此文件将包含 4 人的完整身份信息" in form.content.decode()
    assert refused.status_code == 400 and "请填写导出理由。" in refused.content.decode()
    assert not PersonalDataAccess.objects.filter(purpose="export").exists()
    download = client.post(url, {"reason": "报送县司法局季度统计"})
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    load_workbook(io.BytesIO(download.getvalue()))
    audit = PersonalDataAccess.objects.filter(purpose="export")
    assert audit.count() == 4
    assert set(audit.values_list("user", "reason")) == {(mediator.pk, "报送县司法局季度统计")}


def test_a_masked_export_downloads_at_once_and_audits_nothing(client, report_office):
    DisputeFactory()
    client.force_login(report_office)

    response = client.get(reverse("disputes:ledger-export"))

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert not PersonalDataAccess.objects.exists()
