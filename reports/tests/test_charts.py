from reports import charts

FIGURES = {
    "disputes.received": {
        "label": "受理矛盾纠纷", "value": 30,
        "breakdown": {"category": {"邻里纠纷": 20, "婚姻家庭纠纷": 9, "物业纠纷": 0, "合同纠纷": 1},
                      "month": {str(m): 2 for m in range(1, 13)}},
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
