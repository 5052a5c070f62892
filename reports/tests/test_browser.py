"""One journey in headless Chromium: the office compiles 2022, edits a paragraph, submits; a
leader approves; the office publishes (API.md: publish is the office's step); the public page
offers the PDF."""

import pytest
from django.contrib.auth.models import Group

from huanghe_portal.models import StaffProfile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _user(django_user_model, username, role):
    user = django_user_model.objects.create_user(username=username, password="pw-for-tests-1")
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    StaffProfile.objects.create(user=user, full_name=username)
    return user


def _login(page, base, username):
    page.goto(base + "/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("pw-for-tests-1")
    page.get_by_role("button", name="登录").click()


def _logout(page):
    page.context.clear_cookies()


def _step(page, base, username, button, done):
    """Log in, open the 2022 report from the staff list, press `button`, see `done`."""
    _login(page, base, username)
    page.goto(base + "/reports/")
    page.get_by_role("link", name="关于2022年法治政府建设情况的报告").click()
    page.get_by_role("button", name=button).click()
    page.get_by_text(done).wait_for()
    _logout(page)


def test_office_compiles_edits_submits_leader_approves_and_public_gets_the_pdf(
    live_server, page, django_user_model, areas, today, monkeypatch
):
    monkeypatch.setattr("reports.rendering.html_to_pdf", lambda html: b"%PDF-1.7 journey")
    _user(django_user_model, "office", "report_office")
    _user(django_user_model, "boss", "leader")
    base = live_server.url

    _login(page, base, "office")
    page.goto(base + "/reports/")
    page.get_by_label("年度").first.fill("2022")
    page.get_by_role("button", name="编制报告").click()
    page.get_by_text("报告已编制。").wait_for()
    assert (
        page.locator("a.figure", has_text="128起").first.get_attribute("href")
        == "/disputes/?year=2022"
    )

    page.get_by_role("link", name="修改正文").click()
    page.get_by_label("五、其他需要报告的情况").fill("本年度无其他需要报告的情况。")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("本年度无其他需要报告的情况。").wait_for()
    page.get_by_role("button", name="提交审批").click()
    page.get_by_text("已提交领导审批。").wait_for()
    _logout(page)

    _step(page, base, "boss", "审批通过", "已审批。")
    _step(page, base, "office", "发布", "已发布到公众网站。")

    page.goto(base + "/reports/public/")
    link = page.get_by_role("link", name="下载 PDF")
    response = page.request.get(base + link.get_attribute("href"))
    assert response.status == 200 and response.body() == b"%PDF-1.7 journey"
    page.get_by_role("link", name="关于2022年法治政府建设情况的报告").click()
    page.get_by_text("本年度无其他需要报告的情况。").wait_for()
