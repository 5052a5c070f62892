"""Compiling a report: every area's figures through `huanghe_portal.reporting` (no area's models
are imported here), zeros and a notice for what an area does not offer, and the default
narrative of each outline part written with figure references."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from huanghe_portal import reporting
from huanghe_portal.reporting import Figure

from . import disclosure_tables, refs
from .outlines import OUTLINES, PLACEHOLDER, Part

logger = logging.getLogger(__name__)

# API.md's figure table: the minimum every rule-of-law report carries (zero when unoffered).
EXPECTED: list[tuple[str, str, str, str]] = [
    ("disputes.received", "受理矛盾纠纷", "起", "按受理日期统计的纠纷案件数"),
    ("disputes.succeeded", "成功调处矛盾纠纷", "起", "按结案日期统计的调解成功案件数"),
    ("disputes.failed", "调解不成矛盾纠纷", "起", "按结案日期统计的调解不成案件数"),
    ("disputes.success_rate", "调解成功率", "%", "调解成功 ÷（成功 + 不成）× 100"),
    ("legal_education.events", "开展法治宣传活动", "次", "按举办日期统计的普法活动场次"),
    ("legal_education.participants", "普法活动参与", "人次", "按举办日期统计的活动参与人数"),
    ("legal_education.consultations", "提供法治咨询服务", "人次", "按咨询日期统计的法律咨询人次"),
    ("petitions.received", "收到信访事项", "件", "按收到日期统计的信访件数，不含12345热线工单"),
    ("petitions.leader_receptions", "领导接访日", "次", "按接访日期统计的领导接访日"),
    ("petitions.deputy_suggestions", "收集代表意见建议", "条", "按交办日期统计的代表建议条数"),
    ("decisions.legality_reviews", "合法性审核", "件", "按审核办结日期统计的件数"),
    ("decisions.collective_decisions", "集体讨论决定", "次", "按会议日期统计的集体讨论次数"),
    ("decisions.hearings", "听证会", "次", "按举行日期统计的听证会次数"),
    ("decisions.legal_advisers", "法律顾问", "名", "聘期与本年度有交集的法律顾问人数"),
    ("disclosure.items_published", "主动公开政府信息", "条", "按发布日期统计的公开条目数"),
    ("disclosure.applications", "收到政府信息公开申请", "件", "按收到日期统计的申请件数"),
]

SECTION_LABELS = {
    "disputes": _("矛盾纠纷调处"),
    "petitions": _("信访与领导接访"),
    "decisions": _("依法决策"),
    "disclosure": _("政府信息公开"),
    "legal_education": _("普法宣传"),
}


@dataclass
class Compiled:
    figures: list[dict]
    paragraphs: dict[str, str] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    tables: dict = field(default_factory=dict)


def compile_year(year: int, kind: str) -> Compiled:
    """The snapshot of `year`: figures as dicts, default paragraphs (with references), notices."""
    modules = reporting.report_modules()
    figures: dict[str, Figure] = {}
    paragraphs: dict[str, str] = {}
    notices: list[str] = []
    for app, module in modules.items():
        try:
            offered = list(module.figures(year))
            for figure in offered:
                figures[figure.key] = figure
            by_key = {f.key: refs.as_reference(f) for f in offered}
            paragraphs[app] = module.paragraph(year, by_key) or ""
        except Exception as exc:  # one broken area must not stop the annual report
            logger.exception("report figures of %s failed", app)
            notices.append(
                _("“%(area)s”的数据未能取得（%(error)s），相关数据按0计。")
                % {"area": SECTION_LABELS.get(app, app), "error": exc}
            )
    missing_apps = [a for a in SECTION_LABELS if a not in modules]
    if missing_apps:
        notices.append(
            _("以下领域尚未提供数据，相关数据按0计：%(areas)s。")
            % {"areas": "、".join(str(SECTION_LABELS[a]) for a in missing_apps)}
        )
    missing = []
    for key, label, unit, definition in EXPECTED:
        if key not in figures:
            figures[key] = Figure(key=key, label=label, value=0, unit=unit, definition=definition)
            missing.append(label)
    if missing and not missing_apps:
        notices.append(
            _("以下数据项暂无来源，按0计：%(labels)s。") % {"labels": "、".join(missing)}
        )
    if not any(float(f.value or 0) for f in figures.values()):
        notices.append(_("%(year)s年没有任何业务记录，报告中的数据均为0。") % {"year": year})
    tables = {}
    if kind == "disclosure":
        tables = disclosure_tables.collect(year, modules.get("disclosure"), notices)
    return Compiled(
        figures=[f.as_dict() | {"manual": False} for f in figures.values()],
        paragraphs=paragraphs,
        notices=notices,
        tables=tables,
    )


def _sentence_mediation(figures: dict[str, dict]) -> str:
    clauses = []
    if "legal_education.events" in figures:
        clauses.append("开展法治宣传活动{{ legal_education.events }}")
    if "legal_education.consultations" in figures:
        clauses.append("提供法治咨询服务{{ legal_education.consultations }}")
    clauses.append("成功调处矛盾纠纷事件{{ disputes.succeeded }}")
    return "全年，工作站" + "、".join(clauses) + "，调解成功率达{{ disputes.success_rate }}。"


def _value(figures: dict[str, dict], key: str) -> float:
    figure = figures.get(key)
    return float(figure["value"] or 0) if figure else 0.0


def _sentence_fees(figures: dict[str, dict]) -> str:
    """Section 六: the 信息处理费 as the records show it (国办函〔2020〕109号)."""
    if _value(figures, "disclosure.fees_collected") > 0:
        return (
            "本年度依据《政府信息公开信息处理费管理办法》收取信息处理费"
            "{{ disclosure.fees_collected }}，共计{{ disclosure.fee_amount }}。"
        )
    return "本年度未收取信息处理费。"


# Sentences composed from figures: each gets the snapshot's figures by key.
SENTENCES = {
    "mediation": _sentence_mediation,
    "advisers": lambda figures: (
        "落实行政规范性文件合法性审核机制、重大行政执法决定法制审核制度，"
        "聘请{{ decisions.legal_advisers }}专业律师担任政府法律顾问，做到“应审必审”。"
    ),
    "deputies": lambda figures: (
        "全力支持配合各级人大代表开展询问、视察、调研工作，"
        "累计收集代表意见建议{{ petitions.deputy_suggestions }}，推动解决了一批群众关心的问题。"
    ),
    "disclosure_proactive": lambda figures: (
        "全年主动公开政府信息{{ disclosure.items_published }}。"
    ),
    "disclosure_applications": lambda figures: (
        "全年收到政府信息公开申请"
        "{{ disclosure.applications }}，办结{{ disclosure.replied }}，"
        "按期答复率{{ disclosure.on_time_rate }}。"
    ),
    "disclosure_management": lambda figures: (
        "发布前经保密审查和个人信息审查的公开信息"
        "{{ disclosure.items_checked }}，撤回公开信息{{ disclosure.items_withdrawn }}。"
    ),
    "disclosure_oversight": lambda figures: (
        "全年发生政府信息公开行政复议"
        "{{ disclosure.reconsiderations }}、行政诉讼{{ disclosure.lawsuits }}。"
    ),
    "disclosure_fees": _sentence_fees,
}


def default_text(part: Part, compiled: Compiled, year: int) -> str:
    figures = {f["key"]: f for f in compiled.figures}
    lines = [SENTENCES[name](figures) for name in part.compose]
    if part.text:
        lines.insert(0 if not part.text.startswith(PLACEHOLDER) else len(lines), part.text)
    lines = [line.replace("{year}", str(year)) for line in lines]
    lines += [compiled.paragraphs[app] for app in part.feeds if compiled.paragraphs.get(app)]
    return "\n".join(line for line in lines if line)


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
