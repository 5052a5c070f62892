"""One journey in headless Chromium: apply online, 补正, reply, and track the answer."""

import pytest
from playwright.sync_api import expect

from disclosure.models import Application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_applies_officer_corrects_and_replies_and_tracking_shows_the_answer(
    live_server, page, township, disclosure_officer
):
    violations = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )

    # A member of the public applies online and gets a tracking code.
    page.goto(live_server.url + "/disclosure/public/apply/")
    page.get_by_label("申请人类型").select_option("natural_person")
    page.get_by_label("申请人姓名或名称").fill("谭小明")
    page.get_by_label("联系电话").fill("13912345678")
    page.get_by_label("所需信息的内容描述").fill("黄鹤村2023年低保对象名单")
    page.get_by_label("获取方式").select_option("email")
    page.get_by_label("电子邮箱").fill("tan@example.com")
    page.get_by_role("button", name="提交申请").click()
    code = page.locator("#tracking-code").inner_text().strip()
    assert len(code) >= 10
    app = Application.objects.get(tracking_code=code)

    # The officer asks for a correction …
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名").fill("t_disclosure")
    page.get_by_label("密码").fill("pw-for-tests-1")
    page.get_by_role("button", name="登录").click()
    page.goto(live_server.url + app.get_absolute_url())
    page.get_by_label("需补正事项").fill("请写明所需信息所属的村民小组")
    page.get_by_role("button", name="发出补正通知").click()
    expect(page.locator("#app-status")).to_have_text("待补正")

    # … registers the applicant's correction (today), then replies.
    page.get_by_role("button", name="登记补正材料").click()
    expect(page.locator("#app-status")).to_have_text("办理中")
    page.get_by_label("办理结果").select_option("granted")
    page.get_by_role("button", name="答复", exact=True).click()
    expect(page.locator("#app-status")).to_have_text("已答复")

    # The tracking page shows the answer.
    page.goto(live_server.url + "/track/")
    page.get_by_label("查询码").fill(code)
    page.get_by_label("电话后四位").fill("5678")
    page.get_by_role("button", name="查询").click()
    expect(page.locator("#track-status")).to_have_text("已答复")
    assert violations == []
