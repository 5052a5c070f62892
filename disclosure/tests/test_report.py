"""The annual-report tables (国办公开办函〔2021〕30号 format) and the figures."""

import datetime as dt
import itertools

import pytest
from django.urls import reverse

from disclosure import report
from disclosure.models import Application, Remedy
from huanghe_portal import reporting
from huanghe_portal.reporting import plain
from huanghe_portal.workdays import add_workdays

from .factories import ApplicationFactory, ItemFactory

pytestmark = pytest.mark.django_db

D = dt.date
KINDS = report.KIND_COLUMNS
OUTCOMES = [o for o, _label, _sub in report.RESULT_ROWS]


def make(kind, received_on, concluded_on=None, outcome="", **extra):
    status = Application.Status.REPLIED if concluded_on else Application.Status.IN_PROGRESS
    return Application(
        tracking_code="",
        applicant_kind=kind,
        applicant_name="甲",
        phone="13812345678",
        description="x",
        delivery="email",
        received_on=received_on,
        reply_due=add_workdays(received_on, 20).due,
        status=status,
        outcome=outcome,
        replied_on=concluded_on,
        concluded_on=concluded_on,
        **extra,
    )


@pytest.fixture
def constructed():
    rows = []
    for kind, outcome in itertools.product(KINDS, OUTCOMES):
        rows.append(make(kind, D(2023, 3, 1), D(2023, 4, 1), outcome))
    for kind in KINDS:
        rows.append(make(kind, D(2022, 12, 10), D(2023, 1, 10), "granted"))  # carried in
        rows.append(make(kind, D(2023, 12, 15)))  # still open: carried out
        rows.append(make(kind, D(2023, 12, 20), D(2024, 1, 5), "granted"))  # replied next year
        rows.append(make(kind, D(2022, 11, 1), D(2022, 12, 1), "granted"))  # last year only
    rows.append(make("other", D(2023, 5, 1), D(2023, 5, 2), "granted", void_reason="录入错误"))
    for i, row in enumerate(rows):
        row.tracking_code = f"CODE{i:08d}"
    rows[-1].status = Application.Status.VOIDED
    Application.objects.bulk_create(rows)
    return rows


def values(tables, key):
    row = next(r for r in tables["section3"]["rows"] if r["key"] == key)
    return [c["value"] for c in row["cells"]]


def test_section_three_on_a_set_where_every_cell_is_non_zero(constructed):
    tables = report.annual_tables(2023)

    assert values(tables, "received") == [23] * 6 + [138]
    assert values(tables, "carried_in") == [1] * 6 + [6]
    assert values(tables, "granted") == [2] * 6 + [12]
    for outcome in OUTCOMES[1:]:
        assert values(tables, outcome) == [1] * 6 + [6], outcome
    assert values(tables, "total") == [22] * 6 + [132]
    assert values(tables, "carried_out") == [2] * 6 + [12]
    assert all(c["value"] > 0 for r in tables["section3"]["rows"] for c in r["cells"])
    assert tables["failures"] == []


def test_carry_over_links_adjacent_years(constructed):
    assert values(report.annual_tables(2024), "carried_in") == values(
        report.annual_tables(2023), "carried_out"
    )
    assert values(report.annual_tables(2022), "carried_out") == [1] * 6 + [6]
    # Replied in 2024: counted in 2024's results, not in 2023's.
    assert values(report.annual_tables(2024), "total") == [1] * 6 + [6]


def test_section_three_rows_have_the_exact_labels_in_order():
    labels = [r["label"] for r in report.section_three(2023)["rows"]]
    assert labels[:4] == [
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "（一）予以公开",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    ]
    assert labels[4] == "1.属于国家秘密" and labels[11] == "8.属于行政查询事项"
    assert labels[-3] == "3.其他" and labels[-2:] == ["（七）总计", "四、结转下年度继续办理"]
    assert len(labels) == 25
    assert report.section_three(2023)["columns"] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]


def test_checks_report_broken_identities(constructed):
    tables = report.annual_tables(2023)
    rows = {r["key"]: r for r in tables["section3"]["rows"]}
    rows["granted"]["cells"][0]["value"] += 1
    rows["received"]["cells"][1]["value"] += 1

    failures = report.check(tables)

    assert any("“自然人”列" in f and "（七）总计" in f for f in failures)
    assert any("“商业企业”列" in f and "第一项加第二项" in f for f in failures)
    assert any("“（一）予以公开”行" in f for f in failures)


def test_section_four_counts_results_as_at_year_end():
    app = ApplicationFactory(replied=True)
    specs = [
        ("reconsideration", "upheld", D(2023, 5, 1)),
        ("reconsideration", "corrected", D(2023, 6, 1)),
        ("reconsideration", "upheld", D(2024, 2, 1)),  # concluded after the year: pending
        ("litigation_direct", "other", D(2023, 7, 1)),
        ("litigation_after_reconsideration", "pending", None),
    ]
    for kind, result, concluded_on in specs:
        Remedy.objects.create(
            application=app,
            kind=kind,
            filed_on=D(2023, 3, 1),
            result=result,
            concluded_on=concluded_on,
        )

    cells = [c["value"] for c in report.section_four(2023)["cells"]]

    assert cells == [1, 1, 0, 1, 3, 0, 0, 1, 0, 1, 0, 0, 0, 1, 1]


def test_section_two_marks_hand_entered_cells_and_reads_decisions(monkeypatch):
    class Decisions:
        @staticmethod
        def normative_documents(year):
            return {"issued": 3, "repealed": 1, "in_force": 12}

    monkeypatch.setattr(reporting, "report_modules", lambda: {"decisions": Decisions})
    tables = {t["key"]: t for t in report.section_two(2023)}

    assert [c["value"] for c in tables["art20_1"]["rows"][1]["cells"]] == [3, 1, 12]
    assert tables["art20_5"]["rows"][0]["cells"][0] == {"value": 0, "manual": True}
    assert tables["art20_8"]["columns"][1] == "本年收费金额（单位：万元）"


def test_figures_keys_and_values(constructed):
    ItemFactory(published=True)
    ItemFactory()
    figures = {f.key: f for f in report.figures(2024)}

    assert figures["disclosure.items_published"].value == 1
    assert figures["disclosure.applications"].value == 0
    assert {
        "disclosure.answered_on_time",
        "disclosure.reconsiderations",
        "disclosure.lawsuits",
        "disclosure.outcomes",
    } <= set(figures)
    figures_2023 = {f.key: f for f in report.figures(2023)}
    assert figures_2023["disclosure.applications"].value == 138
    assert "year=2023" in figures_2023["disclosure.applications"].records_url
    assert "138件" in plain(report.paragraphs(2023, figures_2023))


def test_annual_tables_api_for_staff_readers(api_client, report_office, mediator, today):
    url = reverse("api:disclosure-annual-tables", args=[2023])
    api_client.force_authenticate(report_office)
    body = api_client.get(url).json()
    assert body["section3"]["rows"][-1]["label"] == "四、结转下年度继续办理"
    assert body["failures"] == []
    assert api_client.get(reverse("api:disclosure-annual-tables", args=[2030])).status_code == 400
    api_client.force_authenticate(mediator)
    assert api_client.get(url).status_code == 404
