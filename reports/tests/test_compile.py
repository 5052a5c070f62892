import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from huanghe_portal import timeline
from huanghe_portal.exceptions import TransitionNotAllowed
from reports import refs, selectors, services
from reports.models import Report
from reports.tests.factories import ReportFactory

pytestmark = pytest.mark.django_db

# The seed's figures, each stated once, in the part it belongs to.
DISPUTES_SENTENCE = "成功调处矛盾纠纷事件128起，调解成功率达99%"
EDUCATION_SENTENCE = "开展法治宣传活动23次、提供法治咨询服务29人次"


def _section_text(report: Report, key: str) -> str:
    figures = selectors.figures_by_key(report)
    section = next(s for s in report.sections if s["key"] == key)
    return refs.plain(section["text"], figures)


def test_office_can_compile_2022_with_every_figure(areas, report_office, today):
    report = services.create_report(actor=report_office, year=2022, kind="rule_of_law")

    figures = {f["key"]: f for f in report.figures}
    assert figures["disputes.succeeded"]["value"] == 128
    assert figures["disputes.success_rate"]["value"] == 99.2
    assert figures["disputes.succeeded"]["records_url"] == "/disputes/?year=2022"
    assert report.status == Report.Status.DRAFT and report.edition == 1
    assert report.title.endswith("关于2022年法治政府建设情况的报告")
    assert [e.action for e in timeline.entries_for(report)] == ["compiled"]
    assert report.notices == []


def test_default_paragraph_reads_like_the_seed(areas, report_office, today):
    report = services.create_report(actor=report_office, year=2022, kind="rule_of_law")

    assert DISPUTES_SENTENCE in _section_text(report, "measures.disputes")
    assert EDUCATION_SENTENCE in _section_text(report, "measures.education")
    assert EDUCATION_SENTENCE not in _section_text(report, "measures.disputes")
    decisions = _section_text(report, "measures.decisions")
    assert decisions.count("聘请1名专业律师担任政府法律顾问") == 1
    # the deputies' suggestions are stated once, where decisions hear the people
    assert "累计收集代表意见建议5条" in decisions
    assert "petitions段落" in _section_text(report, "measures.disputes")
    assert "累计收集代表意见建议" not in _section_text(report, "measures.disputes")


def test_seed_outline_puts_each_figure_in_its_part(areas, report_office, today):
    report = services.create_report(
        actor=report_office, year=2022, kind="rule_of_law", outline="seed2022"
    )
    assert DISPUTES_SENTENCE in _section_text(report, "work.disputes")
    assert "累计收集代表意见建议5条" in _section_text(report, "work.decisions")
    assert EDUCATION_SENTENCE in _section_text(report, "work.education")


def test_area_paragraphs_keep_figure_references(areas, report_office, today):
    report = services.create_report(actor=report_office, year=2022, kind="rule_of_law")

    section = next(s for s in report.sections if s["key"] == "measures.education")
    assert "{{ legal_education.events }}" in section["text"]
    assert "legal_education段落：23次。" in _section_text(report, "measures.education")


def test_office_cannot_compile_a_future_year(areas, report_office, today):
    with pytest.raises(ValidationError) as exc:
        services.create_report(actor=report_office, year=2027, kind="rule_of_law")
    assert exc.value.message_dict["year"] == ["不能编制未来年度的报告。"]
    assert not Report.objects.exists()


def test_api_refuses_a_future_year_with_400(api_client, areas, report_office, today):
    api_client.force_authenticate(report_office)
    response = api_client.post(
        reverse("api:report-list"), {"year": 2027, "kind": "rule_of_law"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["fields"]["year"] == ["不能编制未来年度的报告。"]


def test_year_without_records_gives_zeros_and_a_notice(areas, report_office, today):
    report = services.create_report(actor=report_office, year=2019, kind="rule_of_law")

    assert {f["value"] for f in report.figures} == {0}
    assert report.notices == ["2019年没有任何业务记录，报告中的数据均为0。"]


def test_compile_without_any_area_module_names_the_areas(no_areas, report_office, today):
    report = services.create_report(actor=report_office, year=2022, kind="rule_of_law")

    # no figure is declared by reports/ itself: no area, no figure and no sentence about it
    assert selectors.figures_by_key(report) == {}
    assert "尚未提供数据" in report.notices[0] and "矛盾纠纷调处" in report.notices[0]
    assert selectors.report_problems(report)["unknown_references"] == []
    assert "调处" not in _section_text(report, "measures.disputes")


def test_a_broken_area_does_not_stop_the_report(areas, monkeypatch, report_office, today):
    modules = areas.modules()
    modules["petitions"].figures = lambda year: 1 / 0
    monkeypatch.setattr("huanghe_portal.reporting.report_modules", lambda: modules)

    report = services.create_report(actor=report_office, year=2022, kind="rule_of_law")

    assert any("信访与领导接访" in n and "暂缺" in n for n in report.notices)
    assert "petitions.received" not in selectors.figures_by_key(report)
    assert selectors.figures_by_key(report)["disputes.succeeded"]["value"] == 128


def test_leader_cannot_compile(areas, leader, today):
    with pytest.raises(PermissionDenied):
        services.create_report(actor=leader, year=2022, kind="rule_of_law")


def test_office_cannot_compile_twice_while_a_draft_exists(areas, report_office, today):
    services.create_report(actor=report_office, year=2022, kind="rule_of_law")
    with pytest.raises(TransitionNotAllowed, match="已有未发布的报告"):
        services.create_report(actor=report_office, year=2022, kind="rule_of_law")


def test_a_correction_of_a_published_report_is_a_new_version(areas, report_office, today):
    ReportFactory(edition=1, published=True)
    report = services.create_report(actor=report_office, year=2022, kind="rule_of_law")
    assert report.edition == 2


def test_snapshot_is_frozen_when_records_change(areas, report_office, today):
    report = services.create_report(actor=report_office, year=2022, kind="rule_of_law")
    areas.values[2022]["disputes.succeeded"] = 140

    report.refresh_from_db()
    assert selectors.figures_by_key(report)["disputes.succeeded"]["value"] == 128
    assert "成功调处矛盾纠纷事件128起" in _section_text(report, "measures.disputes")


def test_recompile_shows_what_changed_and_keeps_the_narrative(areas, report_office, today):
    report = services.create_report(actor=report_office, year=2022, kind="rule_of_law")
    report = services.update_report(
        report,
        actor=report_office,
        texts={"other": "本年度另有事项：{{ disputes.succeeded }}。"},
        version=report.version,
    )
    areas.values[2022]["disputes.succeeded"] = 130

    report = services.recompile_report(report, actor=report_office)

    changes = {c["key"]: (c["old"], c["new"]) for c in report.last_diff}
    assert changes == {"disputes.succeeded": (128, 130)}
    assert _section_text(report, "other") == "本年度另有事项：130起。"
    assert timeline.entries_for(report).filter(action="recompiled").exists()


def test_published_report_cannot_be_recompiled(areas, report_office, today):
    report = ReportFactory(published=True)
    with pytest.raises(TransitionNotAllowed):
        services.recompile_report(report, actor=report_office)


def test_api_recompile_of_a_published_report_is_409(api_client, areas, report_office, today):
    report = ReportFactory(published=True)
    api_client.force_authenticate(report_office)
    response = api_client.post(reverse("api:report-recompile", args=[report.pk]))
    assert response.status_code == 409


def test_api_create_compiles_and_answers_201(api_client, areas, report_office, today):
    api_client.force_authenticate(report_office)

    response = api_client.post(
        reverse("api:report-list"), {"year": 2022, "kind": "rule_of_law"}, format="json"
    )

    assert response.status_code == 201
    data = response.json()
    assert (data["year"], data["kind"], data["status"], data["pdf"]) == (
        2022,
        "rule_of_law",
        "draft",
        None,
    )
    succeeded = next(f for f in data["figures"] if f["key"] == "disputes.succeeded")
    assert {k: succeeded[k] for k in ("label", "value", "unit", "manual")} == {
        "label": "disputes.succeeded",
        "value": 128,
        "unit": "起",
        "manual": False,
    }
    assert data["sections"][0]["heading"] == "一、2022年推进法治政府建设的主要举措和成效"
    assert data["tables"] is None


def test_api_create_by_a_leader_is_403(api_client, areas, leader, today):
    api_client.force_authenticate(leader)
    response = api_client.post(
        reverse("api:report-list"), {"year": 2022, "kind": "rule_of_law"}, format="json"
    )
    assert response.status_code == 403
    assert not Report.objects.exists()


def test_detail_page_shows_the_recompile_diff(client, areas, report_office, today):
    report = services.create_report(actor=report_office, year=2022, kind="rule_of_law")
    areas.values[2022]["legal_education.events"] = 25
    client.force_login(report_office)

    client.post(reverse("reports:report-recompile", args=[report.pk]))

    page = client.get(report.get_absolute_url()).content.decode()
    assert '<table class="table table-sm mb-0" id="report-diff">' in page
    assert "<td>legal_education.events</td><td>23</td><td>25</td>" in page
    assert "开展法治宣传活动25次" in re.sub(r"<[^>]+>", "", page)
