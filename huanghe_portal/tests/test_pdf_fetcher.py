"""WeasyPrint may read the portal's own static files and media, nothing else (issue 12.8)."""

import http.server
import io
import threading
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from huanghe_portal import pdf

STATIC_CSS = (settings.BASE_DIR / "static" / "pdf" / "official.css").as_uri()


@pytest.fixture
def media_file(settings):
    path = Path(settings.MEDIA_ROOT) / "attachments" / "seal.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("seal")
    return path


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/style.css",
        "https://127.0.0.1:8000/static/pdf/official.css",
        "ftp://example.com/x",
        "file:///etc/passwd",
        "file://otherhost" + str(settings.BASE_DIR / "static" / "pdf" / "official.css"),
        STATIC_CSS.replace("/pdf/official.css", "/../../../../etc/passwd"),
        STATIC_CSS.replace("/pdf/official.css", "/%2e%2e/manage.py"),
    ],
)
def test_anything_outside_static_and_media_is_refused(url):
    assert not pdf.is_allowed_url(url)
    with pytest.raises(ValueError, match="refused"):
        pdf.url_fetcher().fetch(url)


def test_static_files_media_and_data_uris_are_served(media_file):
    assert b"@page" in pdf.url_fetcher().fetch(STATIC_CSS).read()
    assert pdf.url_fetcher().fetch(media_file.as_uri()).read() == b"seal"
    assert pdf.is_allowed_url("data:text/css,p{color:red}")


def test_a_symlink_inside_media_cannot_lead_out(settings, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    link = Path(settings.MEDIA_ROOT) / "link.txt"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside)
    assert not pdf.is_allowed_url(link.as_uri())


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - the http.server API
        _Counter.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args):
        pass


def _page_width(document: bytes) -> float:
    return float(PdfReader(io.BytesIO(document)).pages[0].mediabox.width)


def test_rendering_never_calls_a_host_nor_reads_a_local_file(tmp_path):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    outside = tmp_path / "a3.css"
    outside.write_text("@page { size: A3 }")  # would make the page 842 pt wide if read
    inside = "data:text/css,@page%20%7B%20size%3A%20A5%20%7D"  # an allowed source, for contrast
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        refused = pdf.html_to_pdf(
            f'<link rel="stylesheet" href="{url}/evil.css"><img src="{url}/pixel.png">'
            f'<link rel="stylesheet" href="{outside.as_uri()}"><p>正文</p>'
        )
        allowed = pdf.html_to_pdf(f'<link rel="stylesheet" href="{inside}"><p>正文</p>')
    finally:
        server.shutdown()
        server.server_close()
    assert _Counter.hits == []
    assert round(_page_width(refused)) == 595  # A4, the default: a3.css was not read
    assert round(_page_width(allowed)) == 420  # A5: allowed sources are read
