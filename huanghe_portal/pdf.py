"""PDF rendering shared by every area (froide's PDFGenerator pattern): a template rendered to
HTML, then WeasyPrint. Layout lives in templates and CSS (templates/pdf/), never in Python."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string


def render_html(template_name: str, context: dict) -> str:
    from .models import Township

    context = {"township": Township.current(), **context}
    return render_to_string(template_name, context)


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
    faces = weasyprint.CSS(string=font_face_css(), font_config=fonts)
    return weasyprint.HTML(string=html, base_url=base_url).write_pdf(
        stylesheets=[faces], font_config=fonts
    )


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render `template_name` (which extends pdf/base.html) to PDF bytes."""
    return html_to_pdf(render_html(template_name, context))
