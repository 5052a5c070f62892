"""Simple bar charts as SVG for the PDF: text stays text (the Chinese labels extract from the
PDF) and the fonts are the same installed CJK stacks as the body."""

from __future__ import annotations

from django.utils.html import escape

FONT = "'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif"


def bar_chart(
    title: str, items: list[tuple[str, float]], *, width: int = 440, height: int = 220
) -> str:
    """A vertical bar chart; `items` are (label, value)."""
    left, bottom, top = 36, 44, 42  # room above the tallest bar for its value under the title
    plot_w, plot_h = width - left - 10, height - top - bottom
    peak = max([v for _label, v in items] + [1])
    step = plot_w / max(len(items), 1)
    bar = step * 0.6
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{FONT}">',
        f'<text x="{width / 2}" y="18" font-size="13" text-anchor="middle">{escape(title)}</text>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 10}" y2="{top + plot_h}" '
        'stroke="#000" stroke-width="0.8"/>',
    ]
    for i, (label, value) in enumerate(items):
        h = plot_h * value / peak
        x = left + i * step + (step - bar) / 2
        y = top + plot_h - h
        out.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="#8a8a8a"/>'
        )
        out.append(
            f'<text x="{x + bar / 2:.1f}" y="{y - 3:.1f}" font-size="10" '
            f'text-anchor="middle">{escape(_number(value))}</text>'
        )
        out.append(
            f'<text x="{x + bar / 2:.1f}" y="{top + plot_h + 14}" font-size="10" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def hbar_chart(title: str, items: list[tuple[str, float]], *, width: int = 440) -> str:
    """A horizontal bar chart, for long category names; `items` are (label, value)."""
    label_w, row_h, top = 120, 18, 30
    height = top + row_h * len(items) + 10
    plot_w = width - label_w - 40
    peak = max([v for _label, v in items] + [1])
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{FONT}">',
        f'<text x="{width / 2}" y="18" font-size="13" text-anchor="middle">{escape(title)}</text>',
    ]
    for i, (label, value) in enumerate(items):
        y = top + i * row_h
        w = plot_w * value / peak
        out.append(
            f'<text x="{label_w - 6}" y="{y + 12}" font-size="10" '
            f'text-anchor="end">{escape(label)}</text>'
        )
        out.append(
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" fill="#8a8a8a"/>'
        )
        out.append(
            f'<text x="{label_w + w + 4:.1f}" y="{y + 12}" font-size="10">'
            f"{escape(_number(value))}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def _number(value: float) -> str:
    return str(int(value)) if float(value) == int(value) else f"{value:.1f}"


def _month_breakdown(figures: dict[str, dict]) -> dict | None:
    for key in ("disputes.received", "disputes.succeeded"):
        for name, series in (figures.get(key, {}).get("breakdown") or {}).items():
            if "month" in name and series:
                return series
    return None


def chart_for(name: str, figures: dict[str, dict], year: int) -> str:
    """The SVG of the chart `name` of an outline part ("a+b" for several), or "" when the data
    are not there."""
    if "+" in name:
        return "".join(chart_for(part, figures, year) for part in name.split("+"))
    if name == "disputes_by_category":
        breakdown = figures.get("disputes.received", {}).get("breakdown") or {}
        series = breakdown.get("category") or {}
        items = sorted(((str(k), float(v or 0)) for k, v in series.items() if v),
                       key=lambda item: -item[1])
        if not items:
            return ""
        return hbar_chart(f"{year}年矛盾纠纷受理情况（按类别，起）", items)
    if name == "disputes_by_month":
        series = _month_breakdown(figures)
        if not series:
            return ""
        items = [(f"{m}月", float(series.get(str(m), series.get(m, 0)) or 0)) for m in range(1, 13)]
        return bar_chart(f"{year}年矛盾纠纷按月受理情况（起）", items)
    if name == "figures_by_area":
        keys = [
            "legal_education.events",
            "legal_education.consultations",
            "disputes.succeeded",
            "petitions.received",
            "petitions.deputy_suggestions",
            "decisions.legality_reviews",
        ]
        items = [
            (figures[k]["label"][-6:], float(figures[k]["value"] or 0))
            for k in keys
            if k in figures
        ]
        if not any(v for _label, v in items):
            return ""
        return bar_chart(f"{year}年主要工作数据", items, width=520)
    return ""
