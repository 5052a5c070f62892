"""The report as HTML (staff and public views, the PDF) and as plain text. Layout lives in
templates/reports/ and the CSS; this module only prepares the context."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.template.loader import render_to_string

from huanghe_portal import pdf
from huanghe_portal.models import Township
from huanghe_portal.reporting import Figure, Table

from . import charts, refs, selectors
from .models import Report


def date_text(day: dt.date | None) -> str:
    """GB/T 9704 7.3.5: Arabic numerals, no padding zeros (2026年1月5日)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def title_lines(report: Report, government_name: str) -> list[str]:
    if (
        government_name
        and report.title.startswith(government_name)
        and len(report.title) > len(government_name)
    ):
        return [government_name, report.title[len(government_name) :]]
    head, sep, tail = report.title.partition("关于")
    if sep and head:  # 梯形 title: the issuing body, then "关于…的报告"
        return [head, sep + tail]
    return [report.title]


def tables_and_figures(report: Report) -> tuple[list[Table], dict[str, Figure]]:
    """What an output (PDF, DOCX, API) prints of a report besides its text: the tables as laid
    out by their area (manual cells filled in) and every figure by key, typed."""
    figures = {k: Figure.from_dict(f) for k, f in selectors.figures_by_key(report).items()}
    return selectors.report_tables(report), figures


def report_context(report: Report, *, links: bool, charts_on: bool = True) -> dict:
    figures = selectors.figures_by_key(report)
    tables = [t.as_dict() for t in selectors.report_tables(report)]
    township = Township.current()
    sections = []
    for section in report.sections:
        sections.append(
            {
                **section,
                "paragraphs": [
                    refs.render_html(p, figures, links=links)
                    for p in refs.paragraphs(section.get("text", ""))
                ],
                "tables": [t for t in tables if t["section"] == section.get("table")],
                "chart": charts.chart_for(section.get("chart", ""), figures, report.year)
                if charts_on
                else "",
            }
        )
    return {
        "report": report,
        "sections": sections,
        "township": township,
        "addressee": report.addressee or settings.REPORTS_ADDRESSEE,
        "issuer_mark": f"{township.government_name}文件",
        "title_lines": title_lines(report, township.government_name),
        "signature": township.government_name,
        "date_text": date_text(report.signed_on),
    }


# Two outputs of one report: 公开版 for the web (no 版头; what the render jobs make and the
# public downloads), and 报送版 for the county (上行文: 版头 with 发文机关标志, 发文字号 and
# 签发人, red separator, 主送机关; GB/T 9704 7.2, 7.3.2).
EDITIONS = ("public", "submission")


def pdf_html(report: Report, edition: str = "public") -> str:
    if edition not in EDITIONS:
        raise ValueError(edition)
    context = report_context(report, links=False) | {"edition": edition}
    return pdf.render_html("reports/report_pdf.html", context)


def html_to_pdf(html: str) -> bytes:
    return pdf.html_to_pdf(html)


def render_pdf_now(report: Report, edition: str = "public") -> bytes:
    """Synchronous rendering, for the command line, the 报送版 download and tests."""
    return html_to_pdf(pdf_html(report, edition))


def plain_text(report: Report) -> str:
    """Every character the PDF shows (title, headings, body with figures, tables, signature)."""
    context = report_context(report, links=False, charts_on=False)
    figures = selectors.figures_by_key(report)
    lines = [*context["title_lines"], report.document_number]
    for section in report.sections:
        lines.append(section["heading"])
        lines += [refs.plain(p, figures) for p in refs.paragraphs(section.get("text", ""))]
    for section in context["sections"]:
        for table in section["tables"]:
            lines.append(table["caption"])
            lines += [c["text"] for row in table["header"] + table["rows"] for c in row]
    lines += [context["signature"], context["date_text"]]
    return "\n".join(line for line in lines if line)


def render_to_docx(report: Report) -> bytes:
    from .docx_export import build

    return build(
        report,
        report_context(report, links=False, charts_on=False),
        selectors.figures_by_key(report),
    )


def render_staff_html(report: Report) -> str:
    return render_to_string("reports/includes/report_body.html", report_context(report, links=True))
