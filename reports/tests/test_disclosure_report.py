import pytest
from django.urls import reverse

from huanghe_portal.exceptions import TransitionNotAllowed
from reports import disclosure_tables, rendering, selectors, services
from reports.tests.pdftools import text

pytestmark = pytest.mark.django_db


def _row(natural, company=0, other=0):
    return [natural, company, 0, 0, 0, other, natural + company + other]


def consistent_tables() -> dict:
    section3 = {code: _row(0) for code in disclosure_tables.S3_CODES}
    section3 |= {
        "new": _row(5, 1),
        "carried_in": _row(1),
        "disclosed": _row(3, 1),
        "partial": _row(1),
        "unable_1": _row(1),
        "total": _row(5, 1),
        "carry_over": _row(1),
    }
    return {
        "section2": {
            "行政规范性文件": {"本年制发件数": 2, "本年废止件数": 0, "现行有效件数": 7},
            "行政处罚": {"本年处理决定数量": 4},
        },
        "section3": section3,
        "section4": {"行政复议": [1, 0, 0, 0, 1]},
        "failures": [],
    }


@pytest.fixture
def disclosure_report(areas, report_office, today):
    areas.tables = consistent_tables()
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
    tables = disclosure_tables.layout(selectors.report_tables(disclosure_report))
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
    tables = disclosure_tables.layout(selectors.report_tables(disclosure_report))
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
    assert problems["table_failures"] == ["需手工录入：行政许可“本年处理决定数量”。"]

    services.set_manual_figure(
        disclosure_report,
        actor=report_office,
        key="s2_licence_decisions",
        label="行政许可本年处理决定数量",
        value=12,
        unit="件",
    )

    assert selectors.report_problems(disclosure_report)["table_failures"] == []
    tables = disclosure_tables.layout(selectors.report_tables(disclosure_report))
    assert [c["text"] for c in tables[1]["rows"][0]] == ["行政许可", "12"]


def test_identities_are_checked_and_shown_before_approval(
    areas, report_office, leader, today, client
):
    broken = consistent_tables()
    broken["section3"]["total"] = _row(4, 1)
    broken["section4"] = {"行政复议": [1, 0, 0, 0, 2]}
    broken["failures"] = ["上年结转与上年度结转下年度不一致"]
    areas.tables = broken
    report = services.create_report(actor=report_office, year=2022, kind="disclosure")
    services.submit_report(report, actor=report_office)

    failures = selectors.report_problems(report)["table_failures"]
    assert "上年结转与上年度结转下年度不一致" in failures
    assert "第三部分“自然人”列：第一项加第二项之和不等于第三项加第四项之和。" in failures
    assert "第三部分“自然人”列：（七）总计不等于各项办理结果之和。" in failures
    assert "第四部分“行政复议”：总计不等于维持、纠正、其他、尚未审结之和。" in failures
    client.force_login(leader)
    assert "第四部分“行政复议”" in client.get(report.get_absolute_url()).content.decode()
    with pytest.raises(TransitionNotAllowed):
        services.approve_report(report, actor=leader)


def test_disclosure_report_without_the_disclosure_module_gives_zero_tables(
    no_areas, report_office, today
):
    report = services.create_report(actor=report_office, year=2022, kind="disclosure")
    assert any("统计表" in n for n in report.notices)
    assert report.tables["section3"]["new"] == [0] * 7


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


def test_rows_the_layout_does_not_know_are_flagged_not_zeroed():
    tables = disclosure_tables.normalise(
        {"section3": {"一、本年新收政府信息公开申请数量": [1] * 7}}
    )
    assert tables["failures"] == [
        "统计表中有无法识别的行：一、本年新收政府信息公开申请数量，请核对政府信息公开模块的数据。"
    ]
