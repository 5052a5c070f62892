"""Issue 17 point 5 in headless Chromium with a real worker: an educator uploads a ledger with
title rows above its header, reads the preview, confirms, watches the progress, sees the outcome."""

import io

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from huanghe_portal import services
from legal_education import ledgers
from legal_education.models import Event

pytestmark = [
    pytest.mark.browser,
    pytest.mark.celery_worker,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


def ledger_file(tmp_path, rows: int):
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["黄鹤镇普法活动台账"])
    sheet.append(["填报单位：黄鹤镇司法所"])
    sheet.append([c.header for c in ledgers.EVENT_COLUMNS])
    for i in range(rows):
        sheet.append(
            [
                "2024-05-01",
                f"民法典宣传{i}",
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
        )
    path = tmp_path / "普法活动台账.xlsx"
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def test_upload_preview_confirm_progress_done(
    celery_worker, live_server, page, tmp_path, township, village, educator
):
    violations = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    rows = services.LEDGER_INLINE_ROWS + 20  # large enough for the background job
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名").fill("t_educator")
    page.get_by_label("密码").fill("pw-for-tests-1")
    page.get_by_role("button", name="登录").click()
    expect(page).not_to_have_url(live_server.url + "/accounts/login/")

    page.goto(live_server.url + "/legal-education/ledgers/events/import/")
    page.get_by_label("台账文件（.xlsx、.xls 或 .csv）").set_input_files(
        ledger_file(tmp_path, rows)
    )
    page.get_by_role("button", name="上传并预览").click()

    expect(page.locator("#ledger-ready")).to_contain_text(f"将导入以下 {rows} 行，尚未写入任何记录")
    expect(page.locator("#ledger-preview")).to_contain_text("民法典宣传0")
    assert Event.objects.count() == 0
    page.get_by_role("button", name="确认导入").click()

    expect(page.locator("#ledger-job")).to_be_visible()
    expect(page.locator("#ledger-job-done")).to_contain_text(
        f"导入完成：新增 {rows} 条，已存在 0 条。", timeout=60_000
    )
    assert Event.objects.count() == rows
    assert violations == []
