"""Figures inside the narrative: `{{ disputes.succeeded }}` in the text the office writes is
replaced by the snapshot's figure ("128起"), so that the text and the figure cannot disagree.
An unknown name is shown as written and flagged, never an error."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from huanghe_portal.reporting import Figure, Paragraph

REFERENCE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")


def reference(key: str) -> str:
    return "{{ " + key + " }}"


def draft_text(paragraph: Paragraph) -> str:
    """An area's paragraph in the draft the office edits: each figure it states becomes the
    reference to that figure, so that the number stays live in the draft."""
    return "".join(
        reference(s.key) if isinstance(s, Figure) else s for s in paragraph.segments
    ).strip()


def figure_text(data: dict) -> str:
    """The written form of a snapshot figure (a dict of Figure.as_dict or a manual one)."""
    return Figure.from_dict(data).text


def references_in(text: str) -> list[str]:
    return [m.group(1) for m in REFERENCE.finditer(text or "")]


def unknown_references(text: str, known: dict) -> list[str]:
    seen = []
    for name in references_in(text):
        if name not in known and name not in seen:
            seen.append(name)
    return seen


@dataclass
class Segment:
    text: str
    figure: dict | None = None
    unknown: bool = False


def segments(text: str, figures: dict[str, dict]) -> list[Segment]:
    out, pos = [], 0
    for match in REFERENCE.finditer(text):
        if match.start() > pos:
            out.append(Segment(text[pos : match.start()]))
        figure = figures.get(match.group(1))
        if figure is None:
            out.append(Segment(match.group(0), unknown=True))
        else:
            out.append(Segment(figure_text(figure), figure=figure))
        pos = match.end()
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


def paragraphs(text: str) -> list[str]:
    """Plain text with paragraphs: every non-blank line is one paragraph."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def plain(text: str, figures: dict[str, dict]) -> str:
    return "".join(s.text for s in segments(text, figures))


def hover_text(figure: dict) -> str:
    """What a figure means, shown on hover in the staff pages and the editor."""
    label, definition = figure.get("label", ""), figure.get("definition", "")
    return f"{label}：{definition}" if definition else label


def render_html(paragraph: str, figures: dict[str, dict], *, links: bool) -> SafeString:
    """One paragraph as escaped HTML. With `links` (staff pages, the editor) every figure shows
    its definition on hover and links to the records behind it."""
    parts = []
    for seg in segments(paragraph, figures):
        if seg.unknown:
            parts.append(format_html('<mark class="unknown-ref">{}</mark>', seg.text))
        elif seg.figure is not None and links and seg.figure.get("records_url"):
            parts.append(
                format_html(
                    '<a class="figure" href="{}" title="{}">{}</a>',
                    seg.figure["records_url"],
                    hover_text(seg.figure),
                    seg.text,
                )
            )
        elif seg.figure is not None and links:
            parts.append(
                format_html(
                    '<span class="figure" title="{}">{}</span>', hover_text(seg.figure), seg.text
                )
            )
        elif seg.figure is not None:
            parts.append(format_html('<span class="figure">{}</span>', seg.text))
        else:
            parts.append(escape(seg.text))
    return mark_safe("".join(parts))  # every part above was escaped
