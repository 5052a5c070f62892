"""Simple bar charts as SVG for the PDF: text stays text (the Chinese labels extract from the
PDF) and the fonts are the same installed CJK stacks as the body."""

from __future__ import annotations

from django.utils.html import escape

FONT = "'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif"
LABEL_SIZE = 10  # px; a CJK character is about as wide as the font size
LINE = 12  # px between the lines of a wrapped label


def wrap(label: str, width: int) -> list[str]:
    """A label on lines of at most `width` characters, as even as can be: whole, never cut."""
    lines = -(-len(label) // max(width, 1))  # as few lines as fit, then of even length
    width = -(-len(label) // max(lines, 1)) or 1
    return [label[i : i + width] for i in range(0, len(label), width)] or [""]


def _label(x: float, y: float, label: str, width: int, anchor: str) -> str:
    lines = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else LINE}">{escape(line)}</tspan>'
        for i, line in enumerate(wrap(label, width))
    )
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{LABEL_SIZE}" text-anchor="{anchor}">'
        f"{lines}</text>"
    )


def bar_chart(
    title: str, items: list[tuple[str, float]], *, width: int = 440, height: int = 220
) -> str:
    """A vertical bar chart; `items` are (label, value)."""
    left, top = 36, 42  # room above the tallest bar for its value under the title
    plot_w = width - left - 10
    step = plot_w / max(len(items), 1)
    per_line = int(step // LABEL_SIZE)
    lines = max([len(wrap(label, per_line)) for label, _v in items] + [1])
    bottom = 30 + LINE * lines
    plot_h = height - top - bottom
    peak = max([v for _label, v in items] + [1])
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
        out.append(_label(x + bar / 2, top + plot_h + 14, label, per_line, "middle"))
    out.append("</svg>")
    return "".join(out)


def hbar_chart(title: str, items: list[tuple[str, float]], *, width: int = 440) -> str:
    """A horizontal bar chart, for long category names; `items` are (label, value)."""
    label_w, top = 120, 30
    per_line = (label_w - 6) // LABEL_SIZE
    rows = [max(18, 6 + LINE * len(wrap(label, per_line))) for label, _v in items]
    height = top + sum(rows) + 10
    plot_w = width - label_w - 40
    peak = max([v for _label, v in items] + [1])
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{FONT}">',
        f'<text x="{width / 2}" y="18" font-size="13" text-anchor="middle">{escape(title)}</text>',
    ]
    y = top
    for (label, value), row_h in zip(items, rows, strict=True):
        w = plot_w * value / peak
        out.append(_label(label_w - 6, y + 12, label, per_line, "end"))
        out.append(f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="12" fill="#8a8a8a"/>')
        out.append(
            f'<text x="{label_w + w + 4:.1f}" y="{y + 12}" font-size="10">'
            f"{escape(_number(value))}</text>"
        )
        y += row_h
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
        items = sorted(
            ((str(k), float(v or 0)) for k, v in series.items() if v), key=lambda item: -item[1]
        )
        if not items:
            return ""
        return hbar_chart(f"{year}年矛盾纠纷受理情况（按类别，起）", items)
    if name == "disputes_by_month":
        series = _month_breakdown(figures)
        if not series:
            return ""
        items = [(f"{m}月", float(series.get(str(m), series.get(m, 0)) or 0)) for m in range(1, 13)]
        return bar_chart(f"{year}年矛盾纠纷按月受理情况（起）", items)
    if name == "education_by_kind":
        figure = figures.get("legal_education.events") or {}
        series = (figure.get("breakdown") or {}).get("kind") or {}
        items = sorted(
            ((str(k), float(v or 0)) for k, v in series.items() if v), key=lambda item: -item[1]
        )
        if not items:
            return ""
        return hbar_chart(
            f"{year}年法治宣传活动开展情况（按形式，{figure.get('unit', '')}）", items
        )
    if name == "figures_by_area":
        return "".join(
            hbar_chart(f"{year}年主要工作数据（{unit}）", items)
            for unit, items in _by_unit(figures, AREA_KEYS).items()
            if any(v for _label, v in items)
        )
    return ""


AREA_KEYS = [
    "legal_education.events",
    "legal_education.consultations",
    "disputes.succeeded",
    "petitions.received",
    "petitions.deputy_suggestions",
    "decisions.legality_reviews",
]


def _by_unit(figures: dict[str, dict], keys: list[str]) -> dict[str, list[tuple[str, float]]]:
    """One chart per unit: counts of different things share an axis only if counted alike."""
    groups: dict[str, list[tuple[str, float]]] = {}
    for key in keys:
        if key in figures:
            figure = figures[key]
            groups.setdefault(figure["unit"], []).append(
                (figure["label"], float(figure["value"] or 0))
            )
    return groups
