import pytest
from django.urls import reverse

from disclosure import report as disclosure
from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.reporting import StatutoryTables
from reports import rendering, selectors, services
from reports.tests.pdftools import text

pytestmark = pytest.mark.django_db


def _row(natural, company=0, other=0):
    return [natural, company, 0, 0, 0, other, natural + company + other]


def _set(cells: list[dict], values: list[int]) -> None:
    for cell, value in zip(cells, values, strict=True):
        cell["value"] = value


def consistent_values(year: int = 2022) -> dict:
    """disclosure's annual_tables of a year without records, then filled in as in 2022."""
    values = disclosure.annual_tables(year)
    rows = {row["key"]: row for row in values["section3"]["rows"]}
    for key, numbers in {
        "received": _row(5, 1),
        "carried_in": _row(1),
        "granted": _row(3, 1),
        "partial": _row(1),
        "unavailable_not_held": _row(1),
        "total": _row(5, 1),
        "carried_out": _row(1),
    }.items():
        _set(rows[key]["cells"], numbers)
    normative = values["section2"][0]["rows"][1]["cells"]
    _set(normative, [2, 0, 7])
    _set(values["section4"]["cells"][:5], [1, 0, 0, 0, 1])
    return values


def statutory(values: dict) -> StatutoryTables:
    return StatutoryTables(disclosure.layout(values), disclosure.check(values))


@pytest.fixture
def disclosure_report(areas, report_office, today):
    areas.tables = statutory(consistent_values())
    return services.create_report(actor=report_office, year=2022, kind="disclosure")


def test_disclosure_report_has_the_six_sections(disclosure_report):
    assert [s["heading"] for s in disclosure_report.sections] == [
        "一、总体情况",
        # 国办公开办函〔2021〕30号: section 一 covers these five subjects
        "（一）主动公开",
        "（二）依申请公开",
        "（三）政府信息管理",
        "（四）政府信息公开平台建设",
        "（五）监督保障",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]


def test_section_three_has_the_exact_labels_header_and_rowspans(disclosure_report):
    tables = [t.as_dict() for t in selectors.report_tables(disclosure_report)]
    s3 = next(t for t in tables if t["section"] == "section3")

    header = [[(c["text"], c["rowspan"], c["colspan"]) for c in row] for row in s3["header"]]
    assert header == [
        [
            ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
            ("申请人情况", 1, 7),
        ],
        [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)],
        [
            ("商业企业", 1, 1),
            ("科研机构", 1, 1),
            ("社会公益组织", 1, 1),
            ("法律服务机构", 1, 1),
            ("其他", 1, 1),
        ],
    ]
    labels = [[c["text"] for c in row if c["left"]] for row in s3["rows"]]
    assert labels[0] == ["一、本年新收政府信息公开申请数量"]
    assert labels[2] == ["三、本年度办理结果", "（一）予以公开"]
    assert labels[4] == ["（三）不予公开", "1.属于国家秘密"]
    assert labels[6] == ["3.危及“三安全一稳定”"]
    assert labels[20] == [
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ]
    assert labels[-2:] == [["（七）总计"], ["四、结转下年度继续办理"]]
    assert len(s3["rows"]) == 25 and all(
        len([c for c in r if not c["left"]]) == 7 for r in s3["rows"]
    )
    spans = {c["text"]: c["rowspan"] for row in s3["rows"] for c in row if c["rowspan"] > 1}
    assert spans == {
        "三、本年度办理结果": 22,
        "（三）不予公开": 8,
        "（四）无法提供": 3,
        "（五）不予处理": 5,
        "（六）其他处理": 3,
    }
    assert [c["text"] for c in s3["rows"][0] if not c["left"]] == [
        "5",
        "1",
        "0",
        "0",
        "0",
        "0",
        "6",
    ]


def test_sections_two_and_four_have_their_labels(disclosure_report):
    tables = [t.as_dict() for t in selectors.report_tables(disclosure_report)]
    captions = [t["caption"] for t in tables if t["section"] == "section2"]
    assert captions == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]
    first = tables[0]
    assert [c["text"] for c in first["header"][0]] == [
        "信息内容",
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
    ]
    assert [c["text"] for c in first["rows"][1]] == ["行政规范性文件", "2", "0", "7"]
    s4 = next(t for t in tables if t["section"] == "section4")
    assert [c["text"] for c in s4["header"][2]] == [
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
    ] * 2
    assert len(s4["rows"][0]) == 15


def test_licence_count_is_manual_and_blocks_approval_until_entered(
    disclosure_report, report_office
):
    problems = selectors.report_problems(disclosure_report)
    # the four counts no record gives (DOMAIN §2.5), named by their row and column
    assert problems["table_failures"] == [
        "需手工录入：行政许可“本年处理决定数量”。",
        "需手工录入：行政处罚“本年处理决定数量”。",
        "需手工录入：行政强制“本年处理决定数量”。",
        "需手工录入：行政事业性收费“本年收费金额（单位：万元）”。",
    ]

    for key, value in {
        "s2_licence_decisions": 12,
        "s2_penalty_decisions": 3,
        "s2_coercion_decisions": 0,
        "s2_fees_amount": 1.5,
    }.items():
        services.set_manual_figure(
            disclosure_report, actor=report_office, key=key, label=key, value=value, unit="件"
        )

    assert selectors.report_problems(disclosure_report)["table_failures"] == []
    tables = [t.as_dict() for t in selectors.report_tables(disclosure_report)]
    assert [c["text"] for c in tables[1]["rows"][0]] == ["行政许可", "12"]
    assert [c["text"] for c in tables[3]["rows"][0]] == ["行政事业性收费", "1.5"]


def test_identities_are_checked_and_shown_before_approval(
    areas, report_office, leader, today, client
):
    broken = consistent_values()
    total = next(r for r in broken["section3"]["rows"] if r["key"] == "total")
    _set(total["cells"], _row(4, 1))
    _set(broken["section4"]["cells"][:5], [1, 0, 0, 0, 2])
    areas.tables = statutory(broken)
    report = services.create_report(actor=report_office, year=2022, kind="disclosure")
    services.submit_report(report, actor=report_office)

    # disclosure's own checks (disclosure/report.py `check`), stored with the tables
    failures = selectors.report_problems(report)["table_failures"]
    assert "“自然人”列：第一项加第二项（6）不等于第三项加第四项（5）。" in failures
    assert "“自然人”列：（七）总计（4）不等于各办理结果之和（5）。" in failures
    assert "“行政复议”：总计（2）不等于各结果之和（1）。" in failures
    client.force_login(leader)
    assert "“行政复议”：总计（2）" in client.get(report.get_absolute_url()).content.decode()
    with pytest.raises(TransitionNotAllowed):
        services.approve_report(report, actor=leader)


def test_disclosure_report_without_the_disclosure_module_says_so(no_areas, report_office, today):
    report = services.create_report(actor=report_office, year=2022, kind="disclosure")
    assert any("统计表" in n for n in report.notices)
    assert selectors.report_tables(report) == []


def test_api_carries_the_tables(api_client, disclosure_report, report_office):
    api_client.force_authenticate(report_office)
    data = api_client.get(reverse("api:report-detail", args=[disclosure_report.pk])).json()
    assert [t["section"] for t in data["tables"]] == ["section2"] * 4 + ["section3", "section4"]


def test_disclosure_pdf_shows_the_tables(disclosure_report):
    content = text(rendering.render_pdf_now(disclosure_report)).replace("\n", "")
    assert "申请人情况" in content and "结转下年度继续办理" in content
    assert "未经复议直接起诉" in content


def test_disclosure_docx_keeps_the_tables_and_merged_header(disclosure_report):
    import io

    import docx

    document = docx.Document(io.BytesIO(rendering.render_to_docx(disclosure_report)))

    assert len(document.tables) == 6
    s3 = document.tables[4]
    assert s3.cell(0, 0).text.startswith("（本列数据的勾稽关系为")
    assert s3.cell(2, 2).text == s3.cell(0, 0).text  # the 3×3 merged note
    assert s3.cell(1, 3).text == "自然人" and s3.cell(2, 3).text == "自然人"
    assert s3.cell(3, 0).text == "一、本年新收政府信息公开申请数量"
    assert [c.text for c in document.tables[4].rows[3].cells][-1] == "6"


def test_a_snapshot_stored_before_the_tables_were_laid_out_prints_as_before(
    disclosure_report,
):
    """Migration 0005: the former snapshot shape, laid out as it was printed then."""
    from importlib import import_module

    migration = import_module("reports.migrations.0005_statutory_tables_laid_out")
    section3 = {code: _row(0) for code, _labels in migration.S3_ROWS}
    section3 |= {"new": _row(5, 1), "carried_in": _row(1), "disclosed": _row(3, 1)}
    section3 |= {"partial": _row(1), "unable_1": _row(1), "total": _row(5, 1)}
    section3 |= {"carry_over": _row(1)}
    stored = {
        "section2": {
            "规章": {"本年制发件数": 0, "本年废止件数": 0, "现行有效件数": 0},
            "行政规范性文件": {"本年制发件数": 2, "本年废止件数": 0, "现行有效件数": 7},
            "行政许可": {"本年处理决定数量": None},
            "行政处罚": {"本年处理决定数量": None},
            "行政强制": {"本年处理决定数量": None},
            "行政事业性收费": {"本年收费金额（单位：万元）": None},
        },
        "section3": section3,
        "section4": [1, 0, 0, 0, 1] + [0] * 10,
        "failures": [],
        "manual": [
            ["section2", "行政许可", "本年处理决定数量"],
            ["section2", "行政处罚", "本年处理决定数量"],
            ["section2", "行政强制", "本年处理决定数量"],
            ["section2", "行政事业性收费", "本年收费金额（单位：万元）"],
        ],
    }

    assert migration.laid_out(stored) == disclosure_report.tables
