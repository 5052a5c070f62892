"""The statutory tables of the 政府信息公开工作年度报告 (国办公开办函〔2021〕30号; DOMAIN §2.5):
the layout (labels verbatim, the three-level header, the rowspans) lives here; the numbers
come from `disclosure/report.py`'s `annual_tables(year)`, read leniently:

    {"section2": {"<row label>": {"<column label>": n | None}},       # None: entered by hand
     "section3": {"<row code>": [7 numbers] | {"<column label>": n}} or 26 rows in order,
     "section4": [15 numbers] | {"<group>": [5 numbers] | {"<column label>": n}},
     "failures": ["<Chinese message>", ...],   # disclosure's own validation
     "manual": [["section2", "<row label>", "<column label>"], ...]}

Identities (一 + 二 = （七）总计 + 四, 总计 = Σ, …) are checked here again before approval."""

from __future__ import annotations

from django.utils.translation import gettext as _

S2_BLOCKS = [
    (
        "第二十条第（一）项",
        ["本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "行政规范性文件"],
    ),
    ("第二十条第（五）项", ["本年处理决定数量"], ["行政许可"]),
    ("第二十条第（六）项", ["本年处理决定数量"], ["行政处罚", "行政强制"]),
    ("第二十条第（八）项", ["本年收费金额（单位：万元）"], ["行政事业性收费"]),
]
S2_MANUAL_DEFAULT = [("行政许可", "本年处理决定数量")]
S2_CODES = {
    "规章": "rules",
    "行政规范性文件": "normative",
    "行政许可": "licence",
    "行政处罚": "penalty",
    "行政强制": "coercion",
    "行政事业性收费": "fees",
    "本年制发件数": "issued",
    "本年废止件数": "repealed",
    "现行有效件数": "in_force",
    "本年处理决定数量": "decisions",
    "本年收费金额（单位：万元）": "amount",
}

S3_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
S3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
_R = "三、本年度办理结果"
_G3, _G4, _G5, _G6 = "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"
S3_ROWS: list[tuple[str, list[str]]] = [
    ("new", ["一、本年新收政府信息公开申请数量"]),
    ("carried_in", ["二、上年结转政府信息公开申请数量"]),
    ("disclosed", [_R, "（一）予以公开"]),
    ("partial", [_R, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"]),
    ("withheld_1", [_R, _G3, "1.属于国家秘密"]),
    ("withheld_2", [_R, _G3, "2.其他法律行政法规禁止公开"]),
    ("withheld_3", [_R, _G3, "3.危及“三安全一稳定”"]),
    ("withheld_4", [_R, _G3, "4.保护第三方合法权益"]),
    ("withheld_5", [_R, _G3, "5.属于三类内部事务信息"]),
    ("withheld_6", [_R, _G3, "6.属于四类过程性信息"]),
    ("withheld_7", [_R, _G3, "7.属于行政执法案卷"]),
    ("withheld_8", [_R, _G3, "8.属于行政查询事项"]),
    ("unable_1", [_R, _G4, "1.本机关不掌握相关政府信息"]),
    ("unable_2", [_R, _G4, "2.没有现成信息需要另行制作"]),
    ("unable_3", [_R, _G4, "3.补正后申请内容仍不明确"]),
    ("not_handled_1", [_R, _G5, "1.信访举报投诉类申请"]),
    ("not_handled_2", [_R, _G5, "2.重复申请"]),
    ("not_handled_3", [_R, _G5, "3.要求提供公开出版物"]),
    ("not_handled_4", [_R, _G5, "4.无正当理由大量反复申请"]),
    ("not_handled_5", [_R, _G5, "5.要求行政机关确认或重新出具已获取信息"]),
    ("other_1", [_R, _G6, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"]),
    (
        "other_2",
        [_R, _G6, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"],
    ),
    ("other_3", [_R, _G6, "3.其他"]),
    ("total", [_R, "（七）总计"]),
    ("carry_over", ["四、结转下年度继续办理"]),
]
S3_CODES = [code for code, _labels in S3_ROWS]

S4_GROUPS = ["行政复议", "未经复议直接起诉", "复议后起诉"]
S4_COLUMNS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def _num(value) -> float | int | None:
    if value is None or value == "":
        return None
    number = float(value)
    return int(number) if number == int(number) else number


def _row(values, columns: list[str]) -> list:
    if isinstance(values, dict):
        return [_num(values.get(c, 0)) for c in columns]
    values = list(values or [])
    return [_num(v) for v in values] + [0] * (len(columns) - len(values))


def _cell_value(cell):
    return cell.get("value") if isinstance(cell, dict) else cell


def _from_table_blocks(raw: dict) -> dict:
    """disclosure/report.py's own shape — section2 a list of blocks with labelled rows of
    {value, manual} cells, section3 {"rows": [...]} in DOMAIN order, section4 {"cells": [15]} —
    turned into the lenient shape read below."""
    converted = {key: value for key, value in raw.items()
                 if key not in ("section2", "section3", "section4")}
    section2, manual = {}, [list(cell) for cell in raw.get("manual", [])]
    for block in raw.get("section2") or []:
        columns = [str(c) for c in block.get("columns", [])][1:]  # the first is 信息内容
        for row in block.get("rows", []):
            label = str(row.get("label", ""))
            cells = {}
            for column, cell in zip(columns, row.get("cells", []), strict=False):
                if isinstance(cell, dict) and cell.get("manual"):
                    cells[column] = None
                    manual.append(["section2", label, column])
                else:
                    cells[column] = _cell_value(cell)
            section2[label] = cells
    converted["section2"], converted["manual"] = section2, manual
    s3 = raw.get("section3") or {}
    rows = s3.get("rows", []) if isinstance(s3, dict) else s3
    if rows and isinstance(rows[0], dict):
        values = [[_cell_value(c) for c in row.get("cells", [])] for row in rows]
        converted["section3"] = values
        if len(values) != len(S3_CODES):
            converted.setdefault("failures", []).append(
                _("第三部分统计表应有%(n)s行，实际为%(m)s行，请核对政府信息公开模块的数据。")
                % {"n": len(S3_CODES), "m": len(values)})
    else:
        converted["section3"] = s3
    s4 = raw.get("section4") or []
    converted["section4"] = ([_cell_value(c) for c in s4.get("cells", [])]
                             if isinstance(s4, dict) and "cells" in s4 else s4)
    return converted


def normalise(raw: dict) -> dict:
    """disclosure's annual_tables(year) in the shape stored in the report's snapshot."""
    if isinstance(raw.get("section2"), list):
        raw = _from_table_blocks(raw)
    s2_raw = raw.get("section2") or {}
    section2 = {}
    manual = [list(cell) for cell in raw.get("manual", [])]
    for _caption, columns, rows in S2_BLOCKS:
        for label in rows:
            given = s2_raw.get(label, {})
            section2[label] = {
                c: _num(given.get(c, 0)) if isinstance(given, dict) else 0 for c in columns
            }
    for label, column in S2_MANUAL_DEFAULT:
        if label not in s2_raw and ["section2", label, column] not in manual:
            section2[label][column] = None
    for label, cells in section2.items():
        for column, value in cells.items():
            if value is None and ["section2", label, column] not in manual:
                manual.append(["section2", label, column])
    s3_raw = raw.get("section3") or {}
    if isinstance(s3_raw, list):
        s3_raw = dict(zip(S3_CODES, s3_raw, strict=False))
    section3 = {code: _row(s3_raw.get(code, []), S3_COLUMNS) for code in S3_CODES}
    s4_raw = raw.get("section4") or []
    if isinstance(s4_raw, dict):
        section4 = sum((_row(s4_raw.get(g, []), S4_COLUMNS) for g in S4_GROUPS), [])
    else:
        section4 = _row(s4_raw, S4_COLUMNS * 3)
    failures = [str(f) for f in raw.get("failures", raw.get("validation", []))]
    # A shape this module cannot read must not turn into silent zeros.
    unknown = [str(k) for k in s3_raw if k not in S3_CODES]
    unknown += [str(k) for k in s2_raw if k not in section2]
    if isinstance(s4_raw, dict):
        unknown += [str(k) for k in s4_raw if k not in S4_GROUPS]
    if unknown:
        failures.append(
            _("统计表中有无法识别的行：%(rows)s，请核对政府信息公开模块的数据。")
            % {"rows": "、".join(unknown)}
        )
    return {
        "section2": section2,
        "section3": section3,
        "section4": section4,
        "failures": failures,
        "manual": manual,
    }


def collect(year: int, module, notices: list[str]) -> dict:
    if module is None or not hasattr(module, "annual_tables"):
        notices.append(_("政府信息公开领域尚未提供年度报告统计表，表格按0填列。"))
        return normalise({})
    return normalise(module.annual_tables(year))


def manual_key(label: str, column: str) -> str:
    return f"s2_{S2_CODES.get(label, 'row')}_{S2_CODES.get(column, 'col')}"


def resolved(tables: dict, manual_values: dict[str, float]) -> dict:
    """The stored tables with the manual cells filled in from the report's manual figures."""
    section2 = {label: dict(cells) for label, cells in tables.get("section2", {}).items()}
    for _section, label, column in tables.get("manual", []):
        if label in section2:
            section2[label][column] = manual_values.get(manual_key(label, column))
    return {**tables, "section2": section2}


def validate(tables: dict) -> list[str]:
    """The identities of DOMAIN §2.5, plus disclosure's own failures and empty manual cells."""
    problems = list(tables.get("failures", []))
    for label, cells in tables.get("section2", {}).items():
        for column, value in cells.items():
            if value is None:
                problems.append(_("需手工录入：%(row)s“%(col)s”。") % {"row": label, "col": column})
    s3 = tables.get("section3", {})
    if s3:

        def col(code, i):
            return s3.get(code, [0] * 7)[i] or 0

        results = S3_CODES[2:23]
        for i, name in enumerate(S3_COLUMNS):
            if col("new", i) + col("carried_in", i) != col("total", i) + col("carry_over", i):
                problems.append(
                    _("第三部分“%(col)s”列：第一项加第二项之和不等于第三项加第四项之和。")
                    % {"col": name}
                )
            if sum(col(code, i) for code in results) != col("total", i):
                problems.append(
                    _("第三部分“%(col)s”列：（七）总计不等于各项办理结果之和。") % {"col": name}
                )
        for code, labels in S3_ROWS:
            row = [v or 0 for v in s3.get(code, [0] * 7)]
            if sum(row[:6]) != row[6]:
                problems.append(
                    _("第三部分“%(row)s”行：总计不等于各类申请人之和。") % {"row": labels[-1]}
                )
    s4 = [v or 0 for v in tables.get("section4", [])]
    for g, group in enumerate(S4_GROUPS):
        cells = s4[g * 5 : g * 5 + 5]
        if len(cells) == 5 and sum(cells[:4]) != cells[4]:
            problems.append(
                _("第四部分“%(group)s”：总计不等于维持、纠正、其他、尚未审结之和。")
                % {"group": group}
            )
    return problems


def layout(tables: dict) -> list[dict]:
    """The tables ready for a template: header rows and body rows of cells with spans."""
    s2 = tables.get("section2", {})
    out = []
    for caption, columns, rows in S2_BLOCKS:
        out.append(
            {
                "section": "section2",
                "caption": caption,
                "header": [[_cell("信息内容")] + [_cell(c) for c in columns]],
                "rows": [
                    [_cell(label, left=True)]
                    + [_cell(s2.get(label, {}).get(c), number=True) for c in columns]
                    for label in rows
                ],
            }
        )
    s3 = tables.get("section3", {})
    header3 = [
        [_cell(S3_NOTE, rowspan=3, colspan=3), _cell("申请人情况", colspan=7)],
        [_cell("自然人", rowspan=2), _cell("法人或其他组织", colspan=5), _cell("总计", rowspan=2)],
        [_cell(c) for c in S3_COLUMNS[1:6]],
    ]
    rows3 = []
    for index, (code, labels) in enumerate(S3_ROWS):
        row = []
        if len(labels) == 1:
            row.append(_cell(labels[0], colspan=3, left=True))
        else:
            if index == 0 or S3_ROWS[index - 1][1][0] != labels[0]:
                span = sum(1 for _c, other in S3_ROWS if other[0] == labels[0])
                row.append(_cell(labels[0], rowspan=span, left=True))
            if len(labels) == 2:
                row.append(_cell(labels[1], colspan=2, left=True))
            else:
                if S3_ROWS[index - 1][1][1:2] != labels[1:2]:
                    span = sum(1 for _c, other in S3_ROWS if other[1:2] == labels[1:2])
                    row.append(_cell(labels[1], rowspan=span, left=True))
                row.append(_cell(labels[2], left=True))
        row += [_cell(v, number=True) for v in s3.get(code, [0] * 7)]
        rows3.append(row)
    out.append({"section": "section3", "caption": "", "header": header3, "rows": rows3})
    header4 = [
        [_cell("行政复议", colspan=5), _cell("行政诉讼", colspan=10)],
        [_cell(c, rowspan=2) for c in S4_COLUMNS]
        + [_cell(S4_GROUPS[1], colspan=5), _cell(S4_GROUPS[2], colspan=5)],
        [_cell(c) for c in S4_COLUMNS * 2],
    ]
    rows4 = [[_cell(v, number=True) for v in tables.get("section4", [0] * 15)]]
    out.append({"section": "section4", "caption": "", "header": header4, "rows": rows4})
    return out


def _cell(
    text, *, rowspan: int = 1, colspan: int = 1, left: bool = False, number: bool = False
) -> dict:
    if number and text is None:
        text = "—"
    return {
        "text": "" if text is None else str(text),
        "rowspan": rowspan,
        "colspan": colspan,
        "left": left,
    }
