"""PDF rendering shared by every area (froide's PDFGenerator pattern): a template rendered to
HTML, then WeasyPrint. Layout lives in templates and CSS (templates/pdf/), never in Python."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string


def render_html(template_name: str, context: dict[str, Any]) -> str:
    from .models import Township

    context = {"township": Township.current(), **context}
    return render_to_string(template_name, context)


def allowed_roots() -> list[str]:
    """The directories a PDF may read: the portal's static files (collected and source) and
    its media. Real paths, so that a symlink cannot lead out of them."""
    roots = [
        settings.STATIC_ROOT,
        settings.MEDIA_ROOT,
        settings.BASE_DIR / "static",
        *(os.path.dirname(path) for path in font_files().values()),
    ]
    for entry in settings.STATICFILES_DIRS:
        roots.append(entry[1] if isinstance(entry, (tuple, list)) else entry)
    return [os.path.realpath(root) for root in roots if root]


def is_allowed_url(url: str) -> bool:
    """data: URIs, and file: URLs of a file inside `allowed_roots()`; nothing from the network."""
    parts = urlsplit(url)
    if parts.scheme == "data":
        return True
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = os.path.realpath(url2pathname(unquote(parts.path)))
    return any(Path(path).is_relative_to(root) for root in allowed_roots())


@cache
def _fetcher_class() -> type[Any]:
    from weasyprint.urls import URLFetcher  # imported lazily: weasyprint takes half a second

    class PortalURLFetcher(URLFetcher):
        """WeasyPrint's fetcher, refusing every URL but the portal's static files and media
        (LOW-6 of the security review): a template can never make the renderer read a local
        file or call a host."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if not is_allowed_url(url):
                raise ValueError(f"URL refused by the portal's PDF fetcher: {url[:200]}")
            return super().fetch(url, headers)

    return PortalURLFetcher


def url_fetcher() -> Any:
    return _fetcher_class()(allowed_protocols=("file", "data"), allow_redirects=False)


# Faces fontconfig does not index (TeX Live's fonts), declared to WeasyPrint by file: the
# family name used in static/pdf/official.css → the file a Debian package installs. A family
# whose file is absent is left out, and the CSS stacks fall back to the next installed face.
FONT_FILES = {
    # 仿宋 with full GB2312 coverage, from texlive-lang-chinese (Makefile SYSTEM_PACKAGES)
    "FandolFang": "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/"
    "FandolFang-Regular.otf",
}


def font_files() -> dict[str, str]:
    return {**FONT_FILES, **getattr(settings, "PDF_FONT_FILES", {})}


def font_face_css() -> str:
    return "\n".join(
        f'@font-face {{ font-family: "{family}"; src: url("{Path(path).as_uri()}"); }}'
        for family, path in font_files().items()
        if Path(path).is_file()
    )


def html_to_pdf(html: str) -> bytes:
    import weasyprint  # imported lazily: it takes half a second

    base_url = str(settings.BASE_DIR / "static")
    fonts = weasyprint.text.fonts.FontConfiguration()
    faces = weasyprint.CSS(string=font_face_css(), font_config=fonts, url_fetcher=url_fetcher())
    pdf: bytes = weasyprint.HTML(
        string=html, base_url=base_url, url_fetcher=url_fetcher()
    ).write_pdf(stylesheets=[faces], font_config=fonts)
    return pdf


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """Render `template_name` (which extends pdf/base.html) to PDF bytes."""
    return html_to_pdf(render_html(template_name, context))


def svg_to_png(svg: str, *, dpi: int = 192) -> bytes:
    """An SVG drawing (e.g. a report chart) as PNG, for documents that take only raster images
    (Word): WeasyPrint lays it out on a page of its own size with the same fonts as the PDFs,
    and poppler's `pdftocairo` (poppler-utils, a Makefile SYSTEM_PACKAGE) rasterises that page."""
    import re
    import subprocess

    size = re.search(r'<svg[^>]*\bwidth="([\d.]+)"[^>]*\bheight="([\d.]+)"', svg)
    if not size:
        raise ValueError("the SVG names no width and height")
    width, height = size.groups()
    html = (
        f"<style>@page {{ size: {width}px {height}px; margin: 0 }} "
        f"body {{ margin: 0 }} svg {{ display: block }}</style>{svg}"
    )
    return subprocess.run(
        ["pdftocairo", "-png", "-singlefile", "-r", str(dpi), "-", "-"],
        input=html_to_pdf(html),
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
