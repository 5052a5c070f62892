"""axe-core (from the npm lock) finds no WCAG 2.1 A/AA violation on any public or staff page
type, each page has one <h1>, and a form sent with errors ties each message to its field.

One page per type, over the demo data; staff pages as a superuser. The detail pages are reached
from their lists, so the test needs no knowledge of the areas' models."""

import io
import re

import pytest
from django.core.management import call_command

from .browser_helpers import axe_violations, login_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# (page, detail pages reached from it: a link pattern each)
PUBLIC = [
    ("/", []),
    ("/track/", []),
    ("/accounts/login/", []),
    ("/no-such-page/", []),
    (
        "/disclosure/public/",
        [r"/disclosure/public/items/\d+/$", r"/disclosure/public/category/[\w-]+/$"],
    ),
    ("/disclosure/public/guide/", []),
    ("/petitions/public/reception-days/", []),
    ("/petitions/public/suggestions/", []),
    ("/decisions/public/drafts/", [r"/decisions/public/drafts/\d+/$"]),
    ("/legal-education/public/events/", [r"/legal-education/public/events/\d+/$"]),
    ("/reports/public/", [r"/reports/public/\d+/$"]),
]
PUBLIC_FORMS = ["/disclosure/public/apply/", "/petitions/public/submit/"]
STAFF = [
    ("/staff/", []),
    ("/staff/notifications/", []),
    ("/staff/figures/petitions.received/?year=2022", []),
    ("/staff/township/", []),
    ("/staff/villages/", [r"/staff/villages/\d+/$"]),
    ("/staff/holidays/", []),
    ("/staff/holidays/new/", []),
    ("/staff/accounts/", [r"/staff/accounts/\d+/$"]),
    ("/staff/accounts/audit/", []),
    ("/accounts/password/", []),
    ("/disputes/", [r"/disputes/\d+/$"]),
    ("/disputes/committees/", [r"/disputes/committees/\d+/$"]),
    ("/disputes/screening/", []),
    ("/disputes/ledger/import/", []),
    ("/petitions/", [r"/petitions/\d+/$"]),
    ("/petitions/new/", []),
    ("/petitions/reception-days/", [r"/petitions/reception-days/\d+/$"]),
    ("/petitions/suggestions/", [r"/petitions/suggestions/\d+/$"]),
    ("/decisions/", [r"/decisions/\d+/$"]),
    ("/decisions/new/", []),
    ("/decisions/reviews/", []),
    ("/decisions/sign-offs/", []),
    ("/decisions/advisers/", []),
    ("/decisions/catalogue/", []),
    ("/decisions/procedure/", []),
    ("/disclosure/", []),
    ("/disclosure/applications/", [r"/disclosure/applications/\d+/$"]),
    ("/disclosure/applications/new/", []),
    ("/disclosure/items/", [r"/disclosure/items/\d+/$"]),
    ("/disclosure/items/new/", []),
    ("/disclosure/categories/", []),
    ("/disclosure/report/", []),
    ("/legal-education/", []),
    ("/legal-education/events/", [r"/legal-education/events/\d+/$"]),
    ("/legal-education/events/new/", []),
    ("/legal-education/consultations/", [r"/legal-education/consultations/\d+/$"]),
    ("/legal-education/study/", [r"/legal-education/study/\d+/$"]),
    ("/legal-education/tests/", [r"/legal-education/tests/\d+/$"]),
    ("/legal-education/liaisons/", [r"/legal-education/liaisons/\d+/$"]),
    ("/legal-education/ledgers/events/", []),
    ("/reports/", [r"/reports/\d+/$"]),
]
STAFF_FORMS = ["/disputes/new/"]


@pytest.fixture
def demo(transactional_db, settings):
    settings.DEMO_PASSWORD = "demo-pw-for-tests-1"
    call_command("load_demo", stdout=io.StringIO())


def tracked_record_url() -> str:
    """The tracking page showing the answer for one of the demo applications."""
    from urllib.parse import urlencode

    from django.apps import apps

    application = apps.get_model("disclosure", "Application").objects.order_by("pk").first()
    assert application is not None
    query = {"code": application.tracking_code, "phone_last4": application.phone[-4:]}
    return "/track/?" + urlencode(query)


class Audit:
    """Opens pages and collects what is wrong with them, by page."""

    def __init__(self, page, base_url):
        self.page, self.base_url, self.problems = page, base_url, {}

    def check(self, path: str) -> None:
        page = self.page
        if path:
            page.goto(self.base_url + path)
        here = page.url.removeprefix(self.base_url)
        found = axe_violations(page)
        headings = page.locator("h1").count()
        if headings != 1:
            found.append(f"{headings} <h1>")
        if found:
            self.problems[here] = found

    def visit(self, path: str, details: list[str]) -> None:
        self.check(path)
        hrefs = self.page.eval_on_selector_all("main a[href]", "as => as.map(a => a.pathname)")
        for pattern in details:
            match = next((h for h in hrefs if re.search(pattern, h)), None)
            if match is None:
                self.problems[f"{path} → {pattern}"] = ["no such link on the page"]
            else:
                self.check(match)

    def send_empty(self, path: str) -> None:
        """Send the page's main form without filling it in, then check the error page."""
        page = self.page
        page.goto(self.base_url + path)
        form = page.locator("main form[method=post]").first
        form.evaluate("f => { f.noValidate = true; }")
        form.locator("button[type=submit], input[type=submit]").last.click()
        page.wait_for_load_state()
        self.check("")
        invalid = page.locator("[aria-invalid=true]")
        if invalid.count() == 0:
            self.problems[f"{path} (sent empty)"] = ["no field marked invalid"]
        untied = invalid.evaluate_all("""els => els.filter(el => !(el.getAttribute('aria-describedby') || '')
            .split(' ').some(id => { const d = document.getElementById(id);
                                     return d && d.textContent.trim() && d.classList.contains('invalid-feedback'); }))
            .map(el => el.name)""")
        if untied:
            self.problems[f"{path} (sent empty)"] = [f"error not tied to field {n}" for n in untied]


def test_every_public_and_staff_page_type_passes_axe_with_one_h1(
    live_server, browser, demo, superuser
):
    public = browser.new_context(bypass_csp=True)  # the CSP would block the injected axe script
    audit = Audit(public.new_page(), live_server.url)
    for path, details in PUBLIC:
        audit.visit(path, details)
    for path in PUBLIC_FORMS:
        audit.check(path)
        audit.send_empty(path)
    audit.check(tracked_record_url())
    assert audit.page.locator("#track-steps li").count() >= 1  # the answer, not "not found"
    public.close()

    staff = browser.new_context(bypass_csp=True)
    staff.add_cookies([login_cookie(live_server, superuser)])
    audit.page = staff.new_page()
    for path, details in STAFF:
        audit.visit(path, details)
    for path in STAFF_FORMS:
        audit.check(path)
        audit.send_empty(path)
    staff.close()

    assert audit.problems == {}, "\n".join(
        f"{page}: {found}" for page, found in audit.problems.items()
    )
