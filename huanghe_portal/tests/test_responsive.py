"""Every screen: the menu is visible, readable (contrast >= 4.5:1) and keyboard-usable at phone,
tablet, office-PC and wide widths, on public pages inside a WeChat-like WebView and on staff
pages; public pages never scroll sideways at 320-375 px. Screenshots go to test-results/."""

import pytest
from django.urls import reverse

from .browser_helpers import (
    SCREENSHOTS,
    WECHAT_UA,
    WIDTHS,
    contrast,
    horizontal_overflow,
    login_cookie,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    "home",
    "public-track",
    "login",
    "disclosure:public-catalogue",
    "disclosure:public-guide",
    "disclosure:public-apply",
    "petitions:public-reception-days",
    "petitions:public-submit",
    "decisions:public-drafts",
    "legal_education:public-events",
    "reports:public-list",
]


@pytest.fixture
def wechat(browser):
    contexts = []

    def open_page(width: int, **kwargs):
        context = browser.new_context(
            viewport={"width": width, "height": 800}, user_agent=WECHAT_UA, **kwargs
        )
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_public_menu_is_visible_readable_and_keyboard_usable(
    live_server, wechat, township, width
):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = wechat(width)
    page.goto(live_server.url + "/")
    page.screenshot(path=SCREENSHOTS / f"public-home-{width}.png")
    toggle = page.get_by_role("button", name="菜单")
    petitions_link = page.locator("#publicNav").get_by_role("link", name="网上信访")

    if width < 1200:
        assert toggle.is_visible()
        assert contrast(toggle) >= 4.5
        assert not petitions_link.is_visible()
        toggle.focus()
        page.keyboard.press("Enter")
        petitions_link.wait_for(state="visible")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('#publicNav') !== null")
        page.wait_for_timeout(400)  # the collapse animation, for the screenshot only
        page.screenshot(path=SCREENSHOTS / f"public-home-{width}-menu.png")
    else:
        assert not toggle.is_visible()
    assert petitions_link.is_visible() and contrast(petitions_link) >= 4.5
    staff_entry = page.get_by_role("link", name="工作人员入口")
    assert staff_entry.is_visible() and contrast(staff_entry) >= 4.5

    petitions_link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/petitions/public/submit/")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_staff_menu_is_visible_readable_and_keyboard_usable(
    live_server, browser, superuser, township, width
):
    context = browser.new_context(viewport={"width": width, "height": 800})
    context.add_cookies([login_cookie(live_server, superuser)])
    page = context.new_page()
    page.goto(live_server.url + reverse("dashboard"))
    toggle = page.get_by_role("button", name="菜单")
    area_link = page.locator("#staffNav").get_by_role("link", name="政府信息公开")

    if width < 992:
        assert toggle.is_visible() and contrast(toggle) >= 4.5
        toggle.focus()
        page.keyboard.press("Enter")
        area_link.wait_for(state="visible")
        page.wait_for_timeout(400)
    else:
        assert not toggle.is_visible()
    page.screenshot(path=SCREENSHOTS / f"staff-dashboard-{width}.png")
    assert area_link.is_visible() and contrast(area_link) >= 4.5
    area_link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/disclosure/")
    context.close()


@pytest.mark.parametrize("width", [320, 375])
def test_public_pages_never_scroll_sideways_on_a_phone(live_server, wechat, township, width):
    page = wechat(width)
    too_wide = {}
    for name in PUBLIC_PAGES:
        page.goto(live_server.url + reverse(name))
        if overflow := horizontal_overflow(page):
            too_wide[name] = overflow
    assert too_wide == {}
