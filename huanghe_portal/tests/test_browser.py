"""The shells in a real browser: Chinese pages, a staff login, and a Content-Security-Policy
that the pages satisfy (no inline script or style is blocked)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_reads_the_home_page_and_a_mediator_logs_in_without_csp_violations(
    live_server, page, township, mediator
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

    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", name="石柱土家族自治县黄鹤镇人民政府").is_visible()
    # Bootstrap's CSS was loaded from the portal itself: the navbar is laid out as a flexbox.
    assert page.locator("nav.navbar").evaluate("e => getComputedStyle(e).display") == "flex"

    page.get_by_role("link", name="工作人员入口").click()
    page.get_by_label("用户名").fill("t_mediator")
    page.get_by_label("密码").fill("pw-for-tests-1")
    page.get_by_role("button", name="登录").click()

    assert page.get_by_role("heading", name="工作台").is_visible()
    assert page.get_by_role("link", name="矛盾纠纷调处").first.is_visible()
    assert violations == []
