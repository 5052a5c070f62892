"""Step pages in headless Chromium at a phone's and a desktop's width (issue 15, issue 17.4)."""

import pytest
from playwright.sync_api import expect

from decisions.tests.factories import MatterFactory
from disclosure.tests.factories import submit
from disputes.tests.factories import DisputeFactory
from disputes.views import STEPS as DISPUTE_STEPS
from huanghe_portal.workflow import can_transition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])


def log_in(page, live_server, username: str) -> None:
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("pw-for-tests-1")
    page.get_by_role("button", name="登录").click()


@WIDTHS
def test_the_meeting_page_lists_the_missing_steps_and_offers_no_form(
    live_server, page, leader, width
):
    page.set_viewport_size({"width": width, "height": 900})
    matter = MatterFactory(major=True)
    log_in(page, live_server, "t_leader")

    page.goto(f"{live_server.url}/decisions/{matter.pk}/discuss/")

    missing = page.locator("#step-missing")
    expect(missing).to_be_visible()
    expect(missing).to_contain_text("应审必审")
    expect(missing).to_contain_text("公众参与（征求意见）")
    expect(page.locator("[name=meeting_kind]")).to_have_count(0)
    expect(page.get_by_role("button", name="保存会议记录")).to_have_count(0)


@WIDTHS
def test_a_refused_disclosure_step_shows_the_error_beside_the_field_and_keeps_the_input(
    live_server, page, township, disclosure_officer, width
):
    page.set_viewport_size({"width": width, "height": 900})
    app = submit(disclosure_officer)  # received on 2024-09-20
    log_in(page, live_server, "t_disclosure")
    page.goto(live_server.url + app.get_absolute_url())

    step = page.locator('[data-step="request-correction"]')
    step.get_by_label("补正通知日期").fill("2024-09-01")
    step.get_by_label("需补正事项").fill("请写明所需信息所属的村民小组")
    step.get_by_role("button", name="发出补正通知").click()

    field = page.locator("#div_id_notice_on")
    expect(field).to_contain_text("不能早于")
    expect(page.locator("#id_notice_on")).to_have_value("2024-09-01")
    expect(page.locator("#id_items")).to_have_value("请写明所需信息所属的村民小组")
    app.refresh_from_db()
    assert app.correction_notice_on is None


@WIDTHS
@pytest.mark.parametrize("state", ["registered", "accepted", "succeeded", "archived"])
def test_the_case_page_offers_the_steps_the_state_map_allows(
    live_server, page, mediator, width, state
):
    page.set_viewport_size({"width": width, "height": 900})
    dispute = DisputeFactory(
        **({"status": state} if state in ("registered", "archived") else {state: True})
    )
    log_in(page, live_server, "t_mediator")

    page.goto(live_server.url + dispute.get_absolute_url())

    buttons = page.locator("#step-buttons [data-step]")
    shown = buttons.evaluate_all("els => els.map(e => e.dataset.step)")
    for step in DISPUTE_STEPS.steps.values():
        if step.target is not None:
            assert (step.slug in shown) == can_transition(dispute, step.target), step.slug
    assert shown == [b.slug for b in DISPUTE_STEPS.buttons(mediator, dispute)]
    for index in range(buttons.count()):  # every button within the screen's width
        box = buttons.nth(index).bounding_box()
        assert box is not None and box["x"] + box["width"] <= width
