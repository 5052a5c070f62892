"""Printing staff pages (static/css/print.css): no navigation, filters or pagination controls,
the content over the full width, and the record's number and date on every printed page."""

import io

import pypdf
import pytest

from disputes.tests.factories import DisputeFactory

from .browser_helpers import login_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# long enough to fill more than one A4 page
LONG_SUMMARY = "\n".join(
    f"第{n}次走访：双方就排水沟堵塞、宅基地界址和赔偿数额分别陈述意见，调解员逐项记录并核实现场情况。"
    for n in range(1, 61)
)


@pytest.fixture
def signed_in(page, live_server, mediator):
    page.context.add_cookies([login_cookie(live_server, mediator)])
    return page


def _main_fills_the_page(page) -> None:
    widths = page.evaluate(
        "() => [document.querySelector('main').getBoundingClientRect().width,"
        " document.documentElement.clientWidth]"
    )
    assert widths[0] >= widths[1] - 2


def test_printed_list_has_no_navigation_filters_or_page_links(signed_in, live_server, village):
    for n in range(30):
        DisputeFactory(village=village, number=f"黄鹤调〔2024〕{n + 1}号")
    page = signed_in
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + "/disputes/?page=2")
    assert page.locator("nav.navbar").is_visible()  # on screen

    page.emulate_media(media="print")

    assert not page.locator("nav.navbar").is_visible()
    assert not page.locator("main form[method=get]").is_visible()
    assert not page.locator("main .btn").first.is_visible()
    assert not page.locator("body > footer").is_visible()
    if page.locator(".pagination").count():
        assert not page.locator(".pagination").is_visible()
    assert page.locator("main table tbody tr").first.is_visible()
    _main_fills_the_page(page)


def test_printed_detail_names_the_record_on_every_page(signed_in, live_server, village):
    dispute = DisputeFactory(village=village, summary=LONG_SUMMARY)
    page = signed_in
    page.goto(live_server.url + dispute.get_absolute_url())
    page.emulate_media(media="print")
    assert not page.locator("nav.navbar").is_visible()
    _main_fills_the_page(page)

    reader = pypdf.PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))

    assert len(reader.pages) >= 2
    for number, pdf_page in enumerate(reader.pages, start=1):
        text = pdf_page.extract_text().replace(" ", "")
        # (the case number's 黄 may extract as a radical look-alike; compare the rest)
        assert f"〔2024〕{dispute.sequence}号" in text
        assert "2024-03-01" in text
        assert f"{number}/{len(reader.pages)}" in text
    assert "法治政府建设综合平台" not in "".join(p.extract_text() for p in reader.pages)
