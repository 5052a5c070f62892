"""One journey in headless Chromium: register, accept, record a session, close with a written
agreement and download the 调解协议书."""

import pytest

from ..models import Dispute
from .factories import valid_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_mediator_works_a_case_from_registration_to_the_agreement_pdf(
    live_server, page, township, village, mediator
):
    violations = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名").fill("t_mediator")
    page.get_by_label("密码").fill("pw-for-tests-1")
    page.get_by_role("button", name="登录").click()

    page.goto(live_server.url + "/disputes/")
    page.get_by_role("link", name="登记纠纷").click()
    page.locator("#id_received_on").fill("2024-06-03")
    page.locator("#id_category").select_option("02")
    page.locator("#id_village").select_option(str(village.pk))
    page.locator("#id_summary").fill("相邻两户因排水沟堵塞发生争执。")
    page.locator("#id_parties-0-name").fill("张三")
    page.locator("#id_parties-0-id_number").fill(valid_id("50024019800101001"))
    page.locator("#id_parties-0-phone").fill("13812345678")
    page.locator("#id_parties-1-role").select_option("respondent")
    page.locator("#id_parties-1-name").fill("李四")
    page.get_by_role("button", name="登记", exact=True).click()

    assert page.get_by_text("已登记，案号 黄鹤调〔2024〕1号。").is_visible()
    page.get_by_role("link", name="受理", exact=True).click()
    page.locator("#id_accepted_on").fill("2024-06-04")
    page.get_by_role("button", name="受理").click()
    assert page.get_by_text("已受理。").is_visible()

    page.get_by_role("link", name="记录调解").click()
    page.locator("#id_held_on").fill("2024-06-05")
    page.locator("#id_place").fill("镇人民调解室")
    page.locator("#id_record").fill("双方陈述意见，同意协商解决。")
    page.get_by_role("button", name="保存调解记录").click()
    assert page.get_by_text("镇人民调解室").first.is_visible()

    page.get_by_role("link", name="调解成功").click()
    page.locator("#id_closed_on").fill("2024-06-06")
    page.locator("#id_agreement_form").select_option("written")
    page.locator("#id_terms").fill("李四于2024年6月30日前疏通排水沟并赔偿张三300元。")
    page.get_by_role("button", name="调解成功，结案").click()
    assert page.get_by_text("已结案：调解成功。").is_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载调解协议书").click()
    download = download_info.value
    assert download.suggested_filename == "agreement-2024-1.pdf"
    with open(download.path(), "rb") as fh:
        assert fh.read(5) == b"%PDF-"

    dispute = Dispute.objects.get()
    assert (dispute.status, dispute.agreement.form, dispute.sessions.count()) == (
        "succeeded",
        "written",
        1,
    )
    assert violations == []
