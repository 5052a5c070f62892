"""Figures for the rule-of-law report and the tables of the 政府信息公开工作年度报告
(国办公开办函〔2021〕30号; DOMAIN §2.5, §2.6), computed with grouped queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, cast

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from huanghe_portal import figure_records, reporting, roles
from huanghe_portal.reporting import Cell, Figure, Paragraph, StatutoryTables, Table, written

from . import selectors
from .models import Application, Item, Remedy

SECTION = "政府信息公开"  # a plain str, as the reporting contract says

Outcome = Application.Outcome
KIND_COLUMNS = [
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "public_interest_org",
    "legal_service_org",
    "other",
]
COLUMN_LABELS = [
    _l("自然人"),
    _l("商业企业"),
    _l("科研机构"),
    _l("社会公益组织"),
    _l("法律服务机构"),
    _l("其他"),
    _l("总计"),
]
HEADER_NOTE = _l("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")

# (key, label, subgroup) of the section 三 rows under 三、本年度办理结果, in the official order.
RESULT_ROWS = [
    (Outcome.GRANTED, _l("（一）予以公开"), ""),
    (Outcome.PARTIAL, _l("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"), ""),
    (Outcome.WITHHELD_STATE_SECRET, _l("1.属于国家秘密"), _l("（三）不予公开")),
    (Outcome.WITHHELD_PROHIBITED, _l("2.其他法律行政法规禁止公开"), _l("（三）不予公开")),
    (Outcome.WITHHELD_SECURITY_STABILITY, _l("3.危及“三安全一稳定”"), _l("（三）不予公开")),
    (Outcome.WITHHELD_THIRD_PARTY, _l("4.保护第三方合法权益"), _l("（三）不予公开")),
    (Outcome.WITHHELD_INTERNAL_AFFAIRS, _l("5.属于三类内部事务信息"), _l("（三）不予公开")),
    (Outcome.WITHHELD_PROCESS_INFO, _l("6.属于四类过程性信息"), _l("（三）不予公开")),
    (Outcome.WITHHELD_ENFORCEMENT_FILE, _l("7.属于行政执法案卷"), _l("（三）不予公开")),
    (Outcome.WITHHELD_INQUIRY, _l("8.属于行政查询事项"), _l("（三）不予公开")),
    (Outcome.UNAVAILABLE_NOT_HELD, _l("1.本机关不掌握相关政府信息"), _l("（四）无法提供")),
    (Outcome.UNAVAILABLE_NEEDS_CREATION, _l("2.没有现成信息需要另行制作"), _l("（四）无法提供")),
    (Outcome.UNAVAILABLE_UNCLEAR, _l("3.补正后申请内容仍不明确"), _l("（四）无法提供")),
    (Outcome.NOT_PROCESSED_PETITION, _l("1.信访举报投诉类申请"), _l("（五）不予处理")),
    (Outcome.NOT_PROCESSED_REPEAT, _l("2.重复申请"), _l("（五）不予处理")),
    (Outcome.NOT_PROCESSED_PUBLICATION, _l("3.要求提供公开出版物"), _l("（五）不予处理")),
    (Outcome.NOT_PROCESSED_EXCESSIVE, _l("4.无正当理由大量反复申请"), _l("（五）不予处理")),
    (
        Outcome.NOT_PROCESSED_CONFIRMATION,
        _l("5.要求行政机关确认或重新出具已获取信息"),
        _l("（五）不予处理"),
    ),
    (
        Outcome.OTHER_NO_CORRECTION,
        _l("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        _l("（六）其他处理"),
    ),
    (
        Outcome.OTHER_NO_FEE,
        _l("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        _l("（六）其他处理"),
    ),
    (Outcome.OTHER, _l("3.其他"), _l("（六）其他处理")),
]
ROW_NEW = ("received", _l("一、本年新收政府信息公开申请数量"))
ROW_CARRIED_IN = ("carried_in", _l("二、上年结转政府信息公开申请数量"))
RESULTS_GROUP = _l("三、本年度办理结果")
ROW_TOTAL = ("total", _l("（七）总计"))
ROW_CARRIED_OUT = ("carried_out", _l("四、结转下年度继续办理"))

REMEDY_RESULTS = ["upheld", "corrected", "other", "pending"]
REMEDY_RESULT_LABELS = [_l("结果维持"), _l("结果纠正"), _l("其他结果"), _l("尚未审结"), _l("总计")]
REMEDY_GROUPS = [
    (Remedy.Kind.RECONSIDERATION, _l("行政复议")),
    (Remedy.Kind.LITIGATION_DIRECT, _l("行政诉讼 · 未经复议直接起诉")),
    (Remedy.Kind.LITIGATION_AFTER, _l("行政诉讼 · 复议后起诉")),
]


def _plain(obj):
    """The tables as plain data (labels translated now), ready for JSON and templates."""
    if isinstance(obj, Promise):
        return str(obj)
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_plain(v) for v in obj]
    return obj


def _cell(value: int | float = 0, *, manual: bool = False) -> dict:
    return {"value": value, "manual": manual}


def _year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _applications():
    return Application.objects.exclude(status=Application.Status.VOIDED)


def _by_kind(qs) -> list[dict]:
    counts = dict(qs.values_list("applicant_kind").annotate(n=Count("pk")).order_by())
    values = [counts.get(kind, 0) for kind in KIND_COLUMNS]
    return [_cell(v) for v in [*values, sum(values)]]


# --- Section 二 -----------------------------------------------------------------------------


def _normative_documents(year: int) -> dict:
    module = reporting.report_modules().get("decisions")
    if module is not None and hasattr(module, "normative_documents"):
        return module.normative_documents(year)
    return {"issued": 0, "repealed": 0, "in_force": 0}


def section_two(year: int) -> list[dict]:
    docs = _normative_documents(year)
    return _plain(
        [
            {
                "key": "art20_1",
                "caption": _l("第二十条第（一）项"),
                "columns": [
                    _l("信息内容"),
                    _l("本年制发件数"),
                    _l("本年废止件数"),
                    _l("现行有效件数"),
                ],
                "column_keys": ["issued", "repealed", "in_force"],
                "rows": [
                    {"key": "rules", "label": _l("规章"), "cells": [_cell(0), _cell(0), _cell(0)]},
                    {
                        "key": "normative",
                        "label": _l("行政规范性文件"),
                        "cells": [
                            _cell(docs.get("issued", 0)),
                            _cell(docs.get("repealed", 0)),
                            _cell(docs.get("in_force", 0)),
                        ],
                    },
                ],
            },
            {
                "key": "art20_5",
                "caption": _l("第二十条第（五）项"),
                "columns": [_l("信息内容"), _l("本年处理决定数量")],
                "column_keys": ["decisions"],
                "rows": [
                    {"key": "licence", "label": _l("行政许可"), "cells": [_cell(manual=True)]}
                ],
            },
            {
                "key": "art20_6",
                "caption": _l("第二十条第（六）项"),
                "columns": [_l("信息内容"), _l("本年处理决定数量")],
                "column_keys": ["decisions"],
                "rows": [
                    {"key": "penalty", "label": _l("行政处罚"), "cells": [_cell(manual=True)]},
                    {"key": "coercion", "label": _l("行政强制"), "cells": [_cell(manual=True)]},
                ],
            },
            {
                "key": "art20_8",
                "caption": _l("第二十条第（八）项"),
                "columns": [_l("信息内容"), _l("本年收费金额（单位：万元）")],
                "column_keys": ["amount"],
                "rows": [
                    {"key": "fees", "label": _l("行政事业性收费"), "cells": [_cell(manual=True)]}
                ],
            },
        ]
    )


# --- Section 三 -----------------------------------------------------------------------------


def section_three(year: int) -> dict:
    """7 columns × the rows of DOMAIN §2.5; an application counts in the year it was concluded
    (replied, or deemed abandoned); one still open at the year's end is carried over."""
    first, last = _year_bounds(year)
    apps = _applications()
    open_at = Q(concluded_on__isnull=True)
    new = _by_kind(apps.filter(received_on__gte=first, received_on__lte=last))
    carried_in = _by_kind(
        apps.filter(received_on__lt=first).filter(open_at | Q(concluded_on__gte=first))
    )
    carried_out = _by_kind(
        apps.filter(received_on__lte=last).filter(open_at | Q(concluded_on__gt=last))
    )
    grouped: dict[tuple[str, str], int] = {
        (outcome, kind): n
        for outcome, kind, n in apps.filter(concluded_on__gte=first, concluded_on__lte=last)
        .values_list("outcome", "applicant_kind")
        .annotate(n=Count("pk"))
        .order_by()
    }
    rows: list[dict[str, Any]] = [
        {"key": ROW_NEW[0], "label": ROW_NEW[1], "group": "", "subgroup": "", "cells": new},
        {
            "key": ROW_CARRIED_IN[0],
            "label": ROW_CARRIED_IN[1],
            "group": "",
            "subgroup": "",
            "cells": carried_in,
        },
    ]
    totals = [0] * len(KIND_COLUMNS)
    for outcome, label, subgroup in RESULT_ROWS:
        values = [grouped.get((outcome.value, kind), 0) for kind in KIND_COLUMNS]
        totals = [a + b for a, b in zip(totals, values, strict=True)]
        rows.append(
            {
                "key": outcome.value,
                "label": label,
                "group": RESULTS_GROUP,
                "subgroup": subgroup,
                "cells": [_cell(v) for v in [*values, sum(values)]],
            }
        )
    rows.append(
        {
            "key": ROW_TOTAL[0],
            "label": ROW_TOTAL[1],
            "group": RESULTS_GROUP,
            "subgroup": "",
            "cells": [_cell(v) for v in [*totals, sum(totals)]],
        }
    )
    rows.append(
        {
            "key": ROW_CARRIED_OUT[0],
            "label": ROW_CARRIED_OUT[1],
            "group": "",
            "subgroup": "",
            "cells": carried_out,
        }
    )
    return _plain(
        {
            "key": "section3",
            "caption": _l("收到和处理政府信息公开申请情况"),
            "header_note": HEADER_NOTE,
            "columns": COLUMN_LABELS,
            "rows": rows,
        }
    )


# --- Section 四 -----------------------------------------------------------------------------


def section_four(year: int) -> dict:
    """One row of 15 cells: results as they stood at the year's end."""
    first, last = _year_bounds(year)
    remedies = Remedy.objects.filter(voided=False, filed_on__gte=first, filed_on__lte=last).exclude(
        application__status=Application.Status.VOIDED
    )
    pending = (
        Q(result=Remedy.Result.PENDING) | Q(concluded_on__isnull=True) | Q(concluded_on__gt=last)
    )
    counts = (
        remedies.values("kind")
        .annotate(
            upheld=Count("pk", filter=Q(result=Remedy.Result.UPHELD) & ~pending),
            corrected=Count("pk", filter=Q(result=Remedy.Result.CORRECTED) & ~pending),
            other=Count("pk", filter=Q(result=Remedy.Result.OTHER) & ~pending),
            pending=Count("pk", filter=pending),
            total=Count("pk"),
        )
        .order_by()
    )
    by_kind: dict[str, dict[str, Any]] = {row["kind"]: dict(row) for row in counts}
    cells = []
    for kind, _label in REMEDY_GROUPS:
        row = by_kind.get(kind.value, {})
        cells += [_cell(row.get(name, 0)) for name in [*REMEDY_RESULTS, "total"]]
    return _plain(
        {
            "key": "section4",
            "caption": _l("政府信息公开行政复议、行政诉讼情况"),
            "groups": [label for _kind, label in REMEDY_GROUPS],
            "columns": REMEDY_RESULT_LABELS * 3,
            "cells": cells,
        }
    )


# --- Checks ---------------------------------------------------------------------------------


def check(tables: dict) -> list[str]:
    """The validation rules of DOMAIN §2.5; each failure as a Chinese sentence."""
    failures = []
    rows = {row["key"]: [c["value"] for c in row["cells"]] for row in tables["section3"]["rows"]}
    result_keys = [outcome.value for outcome, _label, _sub in RESULT_ROWS]
    for i, column in enumerate(COLUMN_LABELS):
        left = rows["received"][i] + rows["carried_in"][i]
        right = rows["total"][i] + rows["carried_out"][i]
        if left != right:
            failures.append(
                _("“%(col)s”列：第一项加第二项（%(l)s）不等于第三项加第四项（%(r)s）。")
                % {"col": column, "l": left, "r": right}
            )
        summed = sum(rows[key][i] for key in result_keys)
        if summed != rows["total"][i]:
            failures.append(
                _("“%(col)s”列：（七）总计（%(t)s）不等于各办理结果之和（%(s)s）。")
                % {"col": column, "t": rows["total"][i], "s": summed}
            )
    labels = {row["key"]: row["label"] for row in tables["section3"]["rows"]}
    for key, values in rows.items():
        if sum(values[:-1]) != values[-1]:
            failures.append(
                _("“%(row)s”行：总计（%(t)s）不等于各类申请人之和（%(s)s）。")
                % {"row": labels[key], "t": values[-1], "s": sum(values[:-1])}
            )
    cells = [c["value"] for c in tables["section4"]["cells"]]
    for g, (_kind, label) in enumerate(REMEDY_GROUPS):
        group = cells[g * 5 : (g + 1) * 5]
        if sum(group[:4]) != group[4]:
            failures.append(
                _("“%(group)s”：总计（%(t)s）不等于各结果之和（%(s)s）。")
                % {"group": label, "t": group[4], "s": sum(group[:4])}
            )
    return failures


def annual_tables(year: int) -> dict:
    """Sections 二, 三 and 四 of the year's report, with the failures of the checks."""
    tables = {
        "year": year,
        "section2": section_two(year),
        "section3": section_three(year),
        "section4": section_four(year),
    }
    tables["failures"] = check(tables)
    return tables


# --- Layout: the tables as printed (header rows, rowspans, manual cells) ---------------------

TABLE_HEADINGS = {
    "section2": _l("二、主动公开政府信息情况"),
    "section3": _l("三、收到和处理政府信息公开申请情况"),
    "section4": _l("四、政府信息公开行政复议、行政诉讼情况"),
}
S3_APPLICANTS = _l("申请人情况")
S3_ORGANISATIONS = _l("法人或其他组织")
S4_RECONSIDERATION, S4_LITIGATION = _l("行政复议"), _l("行政诉讼")
S4_LITIGATION_GROUPS = [_l("未经复议直接起诉"), _l("复议后起诉")]


def manual_key(row: str, column: str) -> str:
    """The key of the manual figure that fills a hand-entered cell of section 二."""
    return f"s2_{row}_{column}"


def _number_cell(value) -> Cell:
    return Cell("" if value is None else str(value))


def row_spans(labels: list[str]) -> list[int]:
    """Merged row labels: the first of a run of equal non-empty labels spans the run (n),
    the others are covered (0); an empty label is its own row (1)."""
    spans = [1] * len(labels)
    i = 0
    while i < len(labels):
        j = i + 1
        while labels[i] and j < len(labels) and labels[j] == labels[i]:
            spans[j] = 0
            j += 1
        spans[i] = j - i
        i = j
    return spans


def _section_two_tables(blocks: list[dict]) -> list[Table]:
    tables = []
    for block in blocks:
        header = [[Cell(str(c)) for c in block["columns"]]]
        rows = []
        for row in block["rows"]:
            cells = [Cell(str(row["label"]), left=True)]
            for column, cell in zip(block["column_keys"], row["cells"], strict=True):
                if cell["manual"]:
                    cells.append(Cell("—", manual_key=manual_key(row["key"], column)))
                else:
                    cells.append(_number_cell(cell["value"]))
            rows.append(cells)
        tables.append(Table("section2", str(block["caption"]), header, rows))
    return tables


def _section_three_table(section: dict) -> Table:
    columns = [str(c) for c in section["columns"]]
    header = [
        [
            Cell(str(section["header_note"]), rowspan=3, colspan=3),
            Cell(str(S3_APPLICANTS), colspan=7),
        ],
        [
            Cell(columns[0], rowspan=2),
            Cell(str(S3_ORGANISATIONS), colspan=5),
            Cell(columns[-1], rowspan=2),
        ],
        [Cell(c) for c in columns[1:6]],
    ]
    rows = section["rows"]
    group_spans = row_spans([str(r["group"]) for r in rows])
    subgroup_spans = row_spans([str(r["subgroup"]) for r in rows])
    body = []
    for row, group_span, subgroup_span in zip(rows, group_spans, subgroup_spans, strict=True):
        cells = []
        if not row["group"]:
            cells.append(Cell(str(row["label"]), colspan=3, left=True))
        else:
            if group_span:
                cells.append(Cell(str(row["group"]), rowspan=group_span, left=True))
            if not row["subgroup"]:
                cells.append(Cell(str(row["label"]), colspan=2, left=True))
            else:
                if subgroup_span:
                    cells.append(Cell(str(row["subgroup"]), rowspan=subgroup_span, left=True))
                cells.append(Cell(str(row["label"]), left=True))
        cells += [_number_cell(c["value"]) for c in row["cells"]]
        body.append(cells)
    return Table("section3", "", header, body)


def _section_four_table(section: dict) -> Table:
    results = [str(c) for c in REMEDY_RESULT_LABELS]
    header = [
        [Cell(str(S4_RECONSIDERATION), colspan=5), Cell(str(S4_LITIGATION), colspan=10)],
        [Cell(c, rowspan=2) for c in results]
        + [Cell(str(label), colspan=5) for label in S4_LITIGATION_GROUPS],
        [Cell(c) for c in results * 2],
    ]
    return Table("section4", "", header, [[_number_cell(c["value"]) for c in section["cells"]]])


def layout(tables: dict) -> list[Table]:
    """`annual_tables(year)` as printed: labels verbatim, the three-level headers, the
    rowspans of 三、本年度办理结果 and （三）…（六）, the hand-entered cells of section 二."""
    return [
        *_section_two_tables(tables["section2"]),
        _section_three_table(tables["section3"]),
        _section_four_table(tables["section4"]),
    ]


def statutory_tables(year: int) -> StatutoryTables:
    """The tables of the year's 政府信息公开工作年度报告 for the report's snapshot."""
    tables = annual_tables(year)
    return StatutoryTables(layout(tables), tables["failures"])


# --- Figures for the rule-of-law report -----------------------------------------------------


def _items(year: int):
    first, last = _year_bounds(year)
    return Item.objects.filter(published_on__gte=first, published_on__lte=last)


def _concluded(year: int):
    first, last = _year_bounds(year)
    return _applications().filter(concluded_on__gte=first, concluded_on__lte=last)


def _replied(year: int):
    return _concluded(year).filter(replied_on__isnull=False)


def _with_fee(year: int):
    return _concluded(year).filter(fee_amount__gt=0)


def _remedies(year: int):
    first, last = _year_bounds(year)
    return Remedy.objects.filter(voided=False, filed_on__gte=first, filed_on__lte=last)


def _received(year: int):
    first, last = _year_bounds(year)
    return _applications().filter(received_on__gte=first, received_on__lte=last)


_on_time = Q(replied_on__lte=F("reply_due"))


_apps = selectors.applications_visible_to
_items_visible = selectors.items_visible_to


def _remedies_visible(user: roles.User) -> QuerySet[Remedy]:
    return Remedy.objects.filter(application__in=_apps(user))


def _remedy_link(remedy) -> str:
    return remedy.application.get_absolute_url()


def _remedy(rows) -> figure_records.Records:
    return figure_records.Records(rows, _remedies_visible, "filed_on", link=_remedy_link)


def _basis(text: Promise) -> str:
    """A lazy `Records.basis` (typed str): shown in the language of the page's viewer."""
    return cast(str, text)


# The records each figure is computed from, shared by the figure and its drill-down page.
RECORDS = {
    "disclosure.items_published": figure_records.Records(_items, _items_visible, "published_on"),
    "disclosure.applications": figure_records.Records(_received, _apps, "received_on"),
    "disclosure.replied": figure_records.Records(_concluded, _apps, "concluded_on"),
    "disclosure.answered_on_time": figure_records.Records(
        lambda year: _replied(year).filter(_on_time), _apps, "replied_on"
    ),
    "disclosure.on_time_rate": figure_records.Records(
        _replied,
        _apps,
        "replied_on",
        measure=figure_records.rate(_on_time),
        basis=_basis(_l("下列为本年度答复的申请（比率的分母）。")),
    ),
    "disclosure.outcomes": figure_records.Records(_concluded, _apps, "concluded_on"),
    "disclosure.items_checked": figure_records.Records(
        lambda year: _items(year).filter(secrecy_checked=True, privacy_checked=True),
        _items_visible,
        "published_on",
    ),
    "disclosure.items_withdrawn": figure_records.Records(
        lambda year: Item.objects.filter(withdrawn_at__year=year),
        _items_visible,
        "withdrawn_at",
    ),
    "disclosure.fees_collected": figure_records.Records(_with_fee, _apps, "concluded_on"),
    "disclosure.fee_amount": figure_records.Records(
        _with_fee,
        _apps,
        "concluded_on",
        measure=lambda rows: rows.aggregate(n=Sum("fee_amount"))["n"] or Decimal(0),
        basis=_basis(_l("数字为下列申请记录的信息处理费金额之和。")),
    ),
    "disclosure.reconsiderations": _remedy(
        lambda year: _remedies(year).filter(kind=Remedy.Kind.RECONSIDERATION)
    ),
    "disclosure.lawsuits": _remedy(
        lambda year: _remedies(year).exclude(kind=Remedy.Kind.RECONSIDERATION)
    ),
}


def figures(year: int) -> list[Figure]:
    value, url = figure_records.bound(RECORDS, year)

    by_category = dict(
        _items(year).values_list("category__name").annotate(n=Count("pk")).order_by()
    )
    outcomes = dict(_concluded(year).values_list("outcome").annotate(n=Count("pk")).order_by())
    labels = dict(Application.Outcome.choices)
    return [
        Figure(
            "disclosure.items_published",
            _("主动公开政府信息"),
            value("disclosure.items_published"),
            _("条"),
            _("发布日期在本年度的公开信息条数"),
            url("disclosure.items_published"),
            breakdown={"by_category": by_category},
        ),
        Figure(
            "disclosure.applications",
            _("收到政府信息公开申请"),
            value("disclosure.applications"),
            _("件"),
            _("收到日期在本年度的申请（不含作废）"),
            url("disclosure.applications"),
        ),
        Figure(
            "disclosure.replied",
            _("办结政府信息公开申请"),
            value("disclosure.replied"),
            _("件"),
            _("答复或视为放弃日期在本年度的申请"),
            url("disclosure.replied"),
        ),
        Figure(
            "disclosure.answered_on_time",
            _("按期答复"),
            value("disclosure.answered_on_time"),
            _("件"),
            _("答复日期不晚于答复期限的申请"),
            url("disclosure.answered_on_time"),
        ),
        Figure(
            "disclosure.on_time_rate",
            _("按期答复率"),
            value("disclosure.on_time_rate"),
            "%",
            _("按期答复 ÷ 本年答复 × 100"),
            url("disclosure.on_time_rate"),
        ),
        Figure(
            "disclosure.outcomes",
            _("办理结果"),
            value("disclosure.outcomes"),
            _("件"),
            _("按年度报告办理结果分类"),
            url("disclosure.outcomes"),
            breakdown={"by_outcome": {str(labels.get(k, k)): n for k, n in outcomes.items()}},
        ),
        Figure(
            "disclosure.items_checked",
            _("发布前经保密审查和个人信息审查的公开信息"),
            value("disclosure.items_checked"),
            _("条"),
            _("发布日期在本年度、发布前记录了保密审查和个人信息审查的公开信息条数"),
            url("disclosure.items_checked"),
        ),
        Figure(
            "disclosure.items_withdrawn",
            _("撤回公开信息"),
            value("disclosure.items_withdrawn"),
            _("条"),
            _("撤回日期在本年度的公开信息条数"),
            url("disclosure.items_withdrawn"),
        ),
        Figure(
            "disclosure.fees_collected",
            _("收取信息处理费的申请"),
            value("disclosure.fees_collected"),
            _("件"),
            _("办结日期在本年度、记录了信息处理费金额（大于0）的申请件数（国办函〔2020〕109号）"),
            url("disclosure.fees_collected"),
        ),
        Figure(
            "disclosure.fee_amount",
            _("收取信息处理费金额"),
            value("disclosure.fee_amount"),
            _("元"),
            _("办结日期在本年度的申请所记录的信息处理费金额之和"),
            url("disclosure.fee_amount"),
        ),
        Figure(
            "disclosure.reconsiderations",
            _("政府信息公开行政复议"),
            value("disclosure.reconsiderations"),
            _("件"),
            _("立案日期在本年度的行政复议"),
            url("disclosure.reconsiderations"),
        ),
        Figure(
            "disclosure.lawsuits",
            _("政府信息公开行政诉讼"),
            value("disclosure.lawsuits"),
            _("件"),
            _("立案日期在本年度的行政诉讼"),
            url("disclosure.lawsuits"),
        ),
    ]


def paragraphs(year: int, figures: dict[str, Figure]) -> list[Paragraph]:
    """The summary a rule-of-law report states (topic "disclosure"), and the sentences of the
    disclosure report's section 一 and 六, one topic each."""
    f = figures.get  # a figure not given reads "0" (see `written`)
    fees = f("disclosure.fees_collected")
    if fees is not None and fees.value:
        fee_sentence = written(
            _("本年度依据《政府信息公开信息处理费管理办法》收取信息处理费%(n)s，共计%(amount)s。"),
            n=fees,
            amount=f("disclosure.fee_amount"),
        )
    else:
        fee_sentence = written(_("本年度未收取信息处理费。"))
    return [
        written(
            _(
                "全年主动公开政府信息%(items)s，收到政府信息公开申请%(apps)s，办结%(done)s，"
                "按期答复率%(rate)s；发生政府信息公开行政复议%(rec)s、行政诉讼%(law)s。"
            ),
            items=f("disclosure.items_published"),
            apps=f("disclosure.applications"),
            done=f("disclosure.replied"),
            rate=f("disclosure.on_time_rate"),
            rec=f("disclosure.reconsiderations"),
            law=f("disclosure.lawsuits"),
        ),
        written(_("全年主动公开政府信息%(items)s。"), items=f("disclosure.items_published")).about(
            "disclosure.proactive"
        ),
        written(
            _("全年收到政府信息公开申请%(apps)s，办结%(done)s，按期答复率%(rate)s。"),
            apps=f("disclosure.applications"),
            done=f("disclosure.replied"),
            rate=f("disclosure.on_time_rate"),
        ).about("disclosure.applications"),
        written(
            _("发布前经保密审查和个人信息审查的公开信息%(checked)s，撤回公开信息%(withdrawn)s。"),
            checked=f("disclosure.items_checked"),
            withdrawn=f("disclosure.items_withdrawn"),
        ).about("disclosure.management"),
        written(
            _("全年发生政府信息公开行政复议%(rec)s、行政诉讼%(law)s。"),
            rec=f("disclosure.reconsiderations"),
            law=f("disclosure.lawsuits"),
        ).about("disclosure.oversight"),
        fee_sentence.about("disclosure.fees"),
    ]
