"""Snapshots store the statutory tables as laid out by their area (huanghe_portal.reporting
`StatutoryTables`: cells with spans, hand-entered cells by manual-figure key). Snapshots taken
before stored the numbers in reports' own shape; they are laid out here once, with the layout
they were printed with then (frozen below), so that no stored report changes its text."""

from django.db import migrations

S2_BLOCKS = [
    ("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "行政规范性文件"]),
    ("第二十条第（五）项", ["本年处理决定数量"], ["行政许可"]),
    ("第二十条第（六）项", ["本年处理决定数量"], ["行政处罚", "行政强制"]),
    ("第二十条第（八）项", ["本年收费金额（单位：万元）"], ["行政事业性收费"]),
]
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
S3_ROWS = [
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
    ("other_2", [_R, _G6, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"]),
    ("other_3", [_R, _G6, "3.其他"]),
    ("total", [_R, "（七）总计"]),
    ("carry_over", ["四、结转下年度继续办理"]),
]
S4_GROUPS = ["行政复议", "未经复议直接起诉", "复议后起诉"]
S4_COLUMNS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def _cell(text, *, rowspan=1, colspan=1, left=False, number=False, manual_key=""):
    if number and text is None:
        text = "—"
    cell = {"text": "" if text is None else str(text), "rowspan": rowspan, "colspan": colspan}
    cell["left"] = left
    if manual_key:
        cell["manual_key"] = manual_key
    return cell


def _table(section, caption, header, rows):
    return {"section": section, "caption": caption, "header": header, "rows": rows}


def laid_out(stored: dict) -> dict:
    """reports' former snapshot shape ({section2, section3, section4, failures, manual}) as
    printed by its former layout."""
    s2 = stored.get("section2", {})
    manual = {(label, column) for _s, label, column in stored.get("manual", [])}
    tables = []
    for caption, columns, rows in S2_BLOCKS:
        body = []
        for label in rows:
            row = [_cell(label, left=True)]
            for column in columns:
                if (label, column) in manual:
                    key = f"s2_{S2_CODES[label]}_{S2_CODES[column]}"
                    row.append(_cell(None, number=True, manual_key=key))
                else:
                    row.append(_cell(s2.get(label, {}).get(column), number=True))
            body.append(row)
        header = [[_cell("信息内容")] + [_cell(c) for c in columns]]
        tables.append(_table("section2", caption, header, body))
    s3 = stored.get("section3", {})
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
    tables.append(_table("section3", "", header3, rows3))
    header4 = [
        [_cell("行政复议", colspan=5), _cell("行政诉讼", colspan=10)],
        [_cell(c, rowspan=2) for c in S4_COLUMNS]
        + [_cell(S4_GROUPS[1], colspan=5), _cell(S4_GROUPS[2], colspan=5)],
        [_cell(c) for c in S4_COLUMNS * 2],
    ]
    rows4 = [[_cell(v, number=True) for v in stored.get("section4", [0] * 15)]]
    tables.append(_table("section4", "", header4, rows4))
    return {"tables": tables, "failures": [str(f) for f in stored.get("failures", [])]}


def forwards(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    for report in Report.objects.exclude(tables={}).only("pk", "tables").iterator():
        if "section3" in report.tables:
            Report.objects.filter(pk=report.pk).update(tables=laid_out(report.tables))


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_merge_20261205_0006")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
