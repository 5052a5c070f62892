"""PDF rendering shared by every area (froide's PDFGenerator pattern): a template rendered to
HTML, then WeasyPrint. Layout lives in templates and CSS (templates/pdf/), never in Python."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string


def render_html(template_name: str, context: dict) -> str:
    from .models import Township

    context = {"township": Township.current(), **context}
    return render_to_string(template_name, context)


def html_to_pdf(html: str) -> bytes:
    import weasyprint  # imported lazily: it takes half a second

    base_url = str(settings.BASE_DIR / "static")
    return weasyprint.HTML(string=html, base_url=base_url).write_pdf()


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render `template_name` (which extends pdf/base.html) to PDF bytes."""
    return html_to_pdf(render_html(template_name, context))
