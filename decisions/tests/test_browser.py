"""One journey in headless Chromium: the office opens a matter, the legal adviser concludes
the review, a leader records the meeting (views in speaking order) and signs off."""

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from huanghe_portal import handover

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, live_server, username):
    page.context.clear_cookies()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("pw-for-tests-1")
    page.get_by_role("button", name="登录").click()


def test_matter_from_opening_to_sign_off(
    live_server, page, township, report_office, legal_adviser, leader
):
    violations = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )

    login(page, live_server, "t_office")
    page.goto(live_server.url + "/decisions/new/")
    page.get_by_label("事项名称").fill("对某砂石厂违法占用林地的行政处罚决定")
    page.get_by_label("事项类型").select_option("enforcement_decision")
    page.get_by_label("草案摘要").fill("拟对违法占用林地行为作出罚款决定。")
    page.get_by_label("承办单位").fill("镇综合行政执法办")
    page.get_by_label("启动日期").fill("2022-11-01")
    page.get_by_role("button", name="创建事项").click()
    assert page.get_by_text("事项已创建").is_visible()
    expect(page.locator(".card-footer")).to_contain_text("合法性审核")

    page.get_by_role("link", name="提交合法性审核").click()
    page.get_by_label("审核人").select_option(label="律师甲")
    page.get_by_label("送审日期").fill("2022-11-02")
    page.get_by_role("button", name="提交合法性审核").click()
    expect(page.locator("#matter-status")).to_have_text("合法性审核中")

    login(page, live_server, "t_adviser")
    page.goto(live_server.url + "/decisions/reviews/")
    page.get_by_role("link", name="对某砂石厂违法占用林地的行政处罚决定").click()
    page.get_by_role("link", name="出具合法性审核意见").click()
    page.get_by_label("审核结论").select_option("lawful")
    page.locator("#id_opinion").fill("主体适格，事实清楚，程序合法，适用法律正确。")
    page.get_by_role("button", name="出具审核结论").click()
    expect(page.locator("#matter-status")).to_have_text("已审核")

    login(page, live_server, "t_leader")
    page.goto(live_server.url + "/decisions/?mine=1")
    page.get_by_role("link", name="对某砂石厂违法占用林地的行政处罚决定").click()
    page.get_by_role("link", name="记录集体讨论").click()
    page.get_by_label("会议类型").select_option("party_committee")
    page.get_by_label("会议日期").fill("2022-12-10")
    page.get_by_label("会议结果").select_option("adopted")
    for i, (name, opinion, stance) in enumerate(
        [
            ("副镇长 冉光荣", "同意处罚意见", "agree"),
            ("纪委书记 马秀英", "建议从轻", "abstain"),
            ("镇党委书记 向国栋", "同意，依法作出决定", "agree"),
        ],
        start=1,
    ):
        page.get_by_label(f"第{i}位发言人姓名").fill(name)
        page.get_by_label(f"第{i}位发言人意见").fill(opinion)
        page.get_by_label(f"第{i}位发言人表态").select_option(stance)
    page.get_by_role("button", name="保存会议记录").click()
    rows = page.locator("table tbody tr").all_inner_texts()
    assert [r.split("\t")[1].strip() for r in rows] == [
        "副镇长 冉光荣",
        "纪委书记 马秀英",
        "镇党委书记 向国栋 主要负责人",
    ]

    page.get_by_role("link", name="对某砂石厂违法占用林地的行政处罚决定").click()
    page.get_by_role("link", name="领导签发", exact=True).click()
    page.get_by_role("button", name="签发").click()
    expect(page.locator("#matter-status")).to_have_text("已签发")

    if handover.is_registered("disclosure_item"):
        login(page, live_server, "t_office")
        page.goto(live_server.url + "/decisions/?status=signed_off")
        page.get_by_role("link", name="对某砂石厂违法占用林地的行政处罚决定").click()
        page.get_by_role("link", name="公布决策", exact=True).click()
        page.get_by_role("button", name="公布").click()
        expect(page.locator("#matter-status")).to_have_text("已公布")
        try:
            catalogue = reverse("disclosure:public-catalogue")
        except NoReverseMatch:
            catalogue = None
        if catalogue:
            page.context.clear_cookies()
            title = "对某砂石厂违法占用林地的行政处罚决定"
            page.goto(f"{live_server.url}{catalogue}?q={title}&search={title}")
            assert page.get_by_text(title).first.is_visible()
    assert violations == []
