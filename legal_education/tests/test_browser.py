"""The officer's journey in a real browser: log in, record an event, upload a photo, and see the
event with its photo on the public events page (under the strict CSP)."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from .images import jpeg_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_logs_an_event_with_a_photo_and_the_public_sees_it(
    live_server, page, township, educator
):
    violations = []
    page.on(
        "console",
        lambda msg: (
            violations.append(msg.text)
            if "Content Security Policy" in msg.text or "Refused" in msg.text
            else None
        ),
    )
    held_on = dt.date.today() - dt.timedelta(days=3)

    page.goto(live_server.url + "/accounts/login/?next=/legal-education/events/new/")
    page.get_by_label("用户名").fill("t_educator")
    page.get_by_label("密码").fill("pw-for-tests-1")
    page.get_by_role("button", name="登录").click()

    page.get_by_label("活动日期").fill(held_on.isoformat())
    page.get_by_label("活动名称").fill("民法典进村入户宣讲")
    page.get_by_label("活动类型").select_option(label="送法下乡/进校园/进企业")
    page.get_by_label("活动地点").fill("平桥村村委会")
    page.get_by_label("主办单位").fill("黄鹤镇司法所")
    page.get_by_label("参与人数").fill("86")
    page.get_by_label("发放资料（份）").fill("200")
    page.get_by_label("活动简介").fill("讲解民法典中与村民生活密切相关的规定。")
    page.get_by_role("button", name="保存").click()

    expect(page.get_by_role("heading", name="民法典进村入户宣讲")).to_be_visible()
    page.get_by_label("上传照片（JPEG、PNG）").set_input_files(
        {"name": "现场.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}
    )
    page.get_by_label("说明", exact=True).fill("宣讲现场")
    page.get_by_role("button", name="上传照片", exact=True).click()
    expect(page.get_by_text("照片已上传。")).to_be_visible()

    page.get_by_role("button", name="普法专员甲").click()
    page.get_by_role("button", name="退出登录").click()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="普法活动").first.click()

    expect(page.get_by_role("link", name="民法典进村入户宣讲")).to_be_visible()
    photo = page.get_by_role("img", name="宣讲现场")
    photo.wait_for()
    expect(photo).to_have_js_property("complete", True)
    assert photo.evaluate("img => img.naturalWidth") > 0
    assert violations == []
