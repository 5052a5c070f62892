import pytest
from playwright.sync_api import expect

from petitions.models import Petition


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_public_submits_clerk_answers_tracking_shows_it(
    live_server, page, petition_clerk, township, village
):
    # A member of the public submits online and gets a code on the receipt.
    page.goto(live_server.url + "/petitions/public/submit/")
    page.get_by_label("姓名").fill("陈某")
    page.get_by_label("联系电话").fill("13987654321")
    page.get_by_label("反映事项").fill("村口路灯损坏，夜间出行不便。")
    page.get_by_label("我已阅读并同意上述个人信息处理说明").check()
    page.get_by_role("button", name="提交").click()
    code = page.locator("#tracking-code").inner_text().strip()
    assert len(code) >= 10
    expect(page.locator("#acceptance-due")).to_contain_text("2024年6月29日")

    # The clerk accepts and replies.
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名").fill(petition_clerk.username)
    page.get_by_label("密码").fill("pw-for-tests-1")
    page.get_by_role("button", name="登录").click()
    petition = Petition.objects.get()
    page.goto(live_server.url + petition.get_absolute_url())
    page.get_by_role("link", name="受理", exact=True).click()
    page.get_by_role("button", name="受理").click()
    expect(page.locator("#petition-status")).to_have_text("已受理")
    page.get_by_role("link", name="答复", exact=True).click()
    page.get_by_label("处理结果").select_option("support")
    page.get_by_label("处理意见及依据").fill("已安排电工修复路灯。")
    page.get_by_role("button", name="答复").click()
    expect(page.locator("#petition-status")).to_have_text("已答复")

    # The public tracking page shows it answered, with no personal data.
    page.goto(live_server.url + "/track/")
    page.get_by_label("查询码").fill(code)
    page.get_by_label("电话后四位").fill("4321")
    page.get_by_role("button", name="查询").click()
    expect(page.locator("#track-status")).to_have_text("已答复")
    assert "陈某" not in page.content()
