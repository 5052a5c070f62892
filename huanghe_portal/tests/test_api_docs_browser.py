"""The offline API documentation works in a real browser under the portal's CSP."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_shows_the_operations_without_csp_violations(live_server, page):
    violations, external = [], []
    page.on(
        "console",
        lambda msg: (
            violations.append(msg.text)
            if "Content Security Policy" in msg.text or "Refused" in msg.text
            else None
        ),
    )
    page.on(
        "request",
        lambda request: (
            external.append(request.url)
            if not request.url.startswith((live_server.url, "data:"))
            else None
        ),
    )

    page.goto(live_server.url + "/api/docs/")

    operations = page.locator(".opblock")
    operations.first.wait_for(timeout=20000)
    # The page shows the operations (Swagger UI renders a long list as the reader scrolls, so
    # count what is drawn at first) from the whole schema it loaded.
    assert operations.count() >= 5
    assert page.locator(".opblock-summary-path", has_text="/api/v1/decisions/").count() > 0
    schema = page.request.get(live_server.url + "/api/schema/?format=json").json()
    assert "/api/v1/disputes/" in schema["paths"] and len(schema["paths"]) > 100
    assert violations == []
    assert external == []
