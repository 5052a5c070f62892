import re

from reports import charts

FIGURES = {
    "disputes.received": {
        "label": "受理矛盾纠纷",
        "value": 30,
        "breakdown": {
            "category": {"邻里纠纷": 20, "婚姻家庭纠纷": 9, "物业纠纷": 0, "合同纠纷": 1},
            "month": {str(m): 2 for m in range(1, 13)},
        },
    },
}


def test_the_category_chart_lists_categories_with_cases_largest_first():
    svg = charts.chart_for("disputes_by_category", FIGURES, 2022)

    assert "2022年矛盾纠纷受理情况（按类别，起）" in svg
    assert svg.index("邻里纠纷") < svg.index("婚姻家庭纠纷") < svg.index("合同纠纷")
    assert "物业纠纷" not in svg


def test_several_charts_of_one_part_are_drawn_one_after_the_other():
    svg = charts.chart_for("disputes_by_month+disputes_by_category", FIGURES, 2022)

    assert svg.count("<svg") == 2
    assert "12月" in svg and "邻里纠纷" in svg


def test_a_chart_without_data_is_left_out():
    assert charts.chart_for("disputes_by_category", {}, 2022) == ""


def _figure(label, value, unit):
    return {"label": label, "value": value, "unit": unit}


def test_area_figures_are_charted_one_unit_per_chart_with_whole_labels():
    figures = {
        "legal_education.events": _figure("开展法治宣传活动", 23, "次"),
        "legal_education.consultations": _figure("提供法治咨询服务", 29, "人次"),
        "petitions.received": _figure("收到群众信访事项", 14, "件"),
        "decisions.legality_reviews": _figure("开展行政规范性文件合法性审核", 3, "件"),
    }

    svg = charts.chart_for("figures_by_area", figures, 2022)

    assert svg.count("<svg") == 3  # 次, 人次, 件: never counts of another unit on one axis
    cases = svg[svg.index("2022年主要工作数据（件）") :]
    assert "收到群众信访事项" in cases and "开展法治宣传活动" not in cases
    # the long label wrapped onto lines, every character kept (not cut to its last six)
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", cases)
    assert "开展行政规范性文件合法性审核" in "".join(lines)
    assert all(len(line) <= 11 for line in lines)


def test_wrapping_never_drops_a_character():
    assert charts.wrap("开展行政规范性文件合法性审核", 5) == [
        "开展行政规",
        "范性文件合",
        "法性审核",
    ]
