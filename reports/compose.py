"""Compiling a report: every area's figures, paragraphs and tables through
`huanghe_portal.reporting` (no area's models are imported here, and no figure is declared
here: labels and definitions come from the areas), a notice for what an area does not offer,
and each outline part's default text: its own words, then the area paragraphs it is fed."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from huanghe_portal import reporting
from huanghe_portal.reporting import Figure, Paragraph

from . import refs
from .outlines import OUTLINES, PLACEHOLDER, Part

logger = logging.getLogger(__name__)

SECTION_LABELS = {
    "disputes": _("矛盾纠纷调处"),
    "petitions": _("信访与领导接访"),
    "decisions": _("依法决策"),
    "disclosure": _("政府信息公开"),
    "legal_education": _("普法宣传"),
}


@dataclass
class Compiled:
    figures: list[dict]  # Figure.as_dict() of every figure offered
    paragraphs: list[Paragraph] = field(default_factory=list)  # each with its topic
    notices: list[str] = field(default_factory=list)
    tables: dict = field(default_factory=dict)  # StatutoryTables.as_dict(), disclosure only


def _area(app: str, module, year: int) -> tuple[list[Figure], list[Paragraph]]:
    offered = list(module.figures(year))
    by_key = {f.key: f for f in offered}
    paragraphs = [p if p.topic else p.about(app) for p in module.paragraphs(year, by_key)]
    return offered, paragraphs


def compile_year(year: int, kind: str) -> Compiled:
    """The snapshot of `year`: figures as dicts, the areas' paragraphs, tables, notices."""
    modules = reporting.report_modules()
    figures: dict[str, Figure] = {}
    paragraphs: list[Paragraph] = []
    notices: list[str] = []
    for app, module in modules.items():
        try:
            offered, written = _area(app, module, year)
        except Exception as exc:  # one broken area must not stop the annual report
            logger.exception("report figures of %s failed", app)
            notices.append(
                _("“%(area)s”的数据未能取得（%(error)s），报告中暂缺该领域的数据和段落。")
                % {"area": SECTION_LABELS.get(app, app), "error": exc}
            )
            continue
        figures |= {f.key: f for f in offered}
        paragraphs += written
    missing_apps = [a for a in SECTION_LABELS if a not in modules]
    if missing_apps:
        notices.append(
            _("以下领域尚未提供数据，报告中暂缺其数据和段落：%(areas)s。")
            % {"areas": "、".join(str(SECTION_LABELS[a]) for a in missing_apps)}
        )
    if not any(float(f.value or 0) for f in figures.values()):
        notices.append(_("%(year)s年没有任何业务记录，报告中的数据均为0。") % {"year": year})
    tables = {}
    if kind == "disclosure":
        disclosure = modules.get("disclosure")
        if disclosure is not None and hasattr(disclosure, "statutory_tables"):
            tables = disclosure.statutory_tables(year).as_dict()
        else:
            notices.append(_("政府信息公开领域尚未提供年度报告统计表，报告中暂缺统计表。"))
    return Compiled(
        figures=[f.as_dict() | {"manual": False} for f in figures.values()],
        paragraphs=paragraphs,
        notices=notices,
        tables=tables,
    )


def default_text(part: Part, compiled: Compiled, year: int) -> str:
    """The part's own words (a 待填写 mark after the figures), then the paragraphs of the
    topics it is fed, in the order of `feeds`; figures as references into the snapshot."""
    fed = [
        refs.draft_text(p) for topic in part.feeds for p in compiled.paragraphs if p.topic == topic
    ]
    lines = [line for line in fed if line]
    if part.text:
        text = part.text.replace("{year}", str(year))
        lines.insert(len(lines) if part.text.startswith(PLACEHOLDER) else 0, text)
    return "\n".join(lines)


def default_sections(outline: str, compiled: Compiled, year: int) -> list[dict]:
    return [
        {
            "key": p.key,
            "heading": p.heading.format(year=year, next_year=year + 1),
            "level": p.level,
            "requires": p.requires,
            "table": p.table,
            "chart": p.chart,
            "text": default_text(p, compiled, year),
        }
        for p in OUTLINES[outline]
    ]
