import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from huanghe_portal import timeline
from reports.models import RenderJob, Report
from reports.tests.factories import RenderJobFactory, ReportFactory
from reports.tests.pdftools import text

pytestmark = pytest.mark.django_db


def test_public_list_shows_only_published_reports_by_year(client, areas):
    published = ReportFactory(published=True, title="黄鹤镇2022年法治政府建设报告")
    ReportFactory(year=2023, title="黄鹤镇2023年草稿报告")
    RenderJobFactory(report=published, status=RenderJob.Status.DONE, file="reports/x.pdf")

    page = client.get(reverse("reports:public-list")).content.decode()

    assert "黄鹤镇2022年法治政府建设报告" in page and "草稿报告" not in page
    assert reverse("reports:report-pdf", args=[published.pk]) in page
    assert (
        "暂无已发布" in client.get(reverse("reports:public-list") + "?year=2023").content.decode()
    )


def test_public_detail_of_a_draft_is_404(client, areas):
    assert (
        client.get(reverse("reports:public-detail", args=[ReportFactory().pk])).status_code == 404
    )


def test_public_detail_shows_figures_without_staff_links(client, areas):
    report = ReportFactory(published=True)
    page = client.get(reverse("reports:public-detail", args=[report.pk])).content.decode()
    assert '成功调处矛盾纠纷事件<span class="figure">128起</span>' in page
    assert "/disputes/?year=2022" not in page


def test_staff_list_filters_and_searches(client, areas, leader):
    ReportFactory(title="甲报告")
    ReportFactory(year=2021, title="乙报告", kind=Report.Kind.DISCLOSURE, outline="disclosure")
    client.force_login(leader)
    page = client.get(reverse("reports:index") + "?kind=disclosure").content.decode()
    assert "乙报告" in page and "甲报告" not in page
    page = client.get(reverse("reports:index") + "?q=甲").content.decode()
    assert "甲报告" in page and "乙报告" not in page


def test_office_compiles_from_the_list_page(client, areas, report_office, today):
    client.force_login(report_office)
    response = client.post(
        reverse("reports:report-create"),
        {"year": 2022, "kind": "rule_of_law", "outline": "seed2022"},
    )
    report = Report.objects.get()
    assert response.url == report.get_absolute_url() and report.outline == "seed2022"
    response = client.post(
        reverse("reports:report-create"), {"year": 2027, "kind": "rule_of_law"}, follow=True
    )
    assert "不能编制未来年度的报告。" in response.content.decode()


def test_other_staff_cannot_compile_from_the_list_page(client, areas, educator, today):
    client.force_login(educator)
    response = client.post(reverse("reports:report-create"), {"year": 2022, "kind": "rule_of_law"})
    assert response.status_code == 403 and not Report.objects.exists()


def test_compile_report_command_writes_pdf_and_json(
    areas, report_office, township, tmp_path, today
):
    pdf, out = tmp_path / "out.pdf", tmp_path / "out.json"

    call_command("compile_report", year=2022, kind="rule_of_law", pdf=str(pdf), json=str(out))

    data = json.loads(Path(out).read_text(encoding="utf-8"))
    assert {"id", "year", "kind", "status", "figures", "sections", "pdf"} <= set(data)
    assert {"key": "disputes.succeeded", "value": 128, "manual": False}.items() <= next(
        f for f in data["figures"] if f["key"] == "disputes.succeeded"
    ).items()
    assert "成功调处矛盾纠纷事件128起" in text(pdf.read_bytes()).replace("\n", "")
    report = Report.objects.get()

    def run() -> str:
        out = io.StringIO()
        call_command("compile_report", year=2022, kind="rule_of_law", stdout=out)
        return out.getvalue()

    # again, nothing changed: the same draft, said so, no new compile on its history
    said = run()
    assert said.startswith(f"沿用数据未变化的草稿：{report.title}（编号{report.pk}，第1版，草稿）")
    assert Report.objects.count() == 1
    assert not timeline.entries_for(report).filter(action="recompiled").exists()
    # the records changed: the draft is recompiled, and the command says how much changed
    areas.values[2022]["disputes.succeeded"] = 129
    said = run()
    assert said.startswith(f"已重新编制草稿：{report.title}（编号{report.pk}，第1版，草稿），1项")
    assert Report.objects.count() == 1


def test_compile_report_command_says_which_report_it_created(areas, report_office, today):
    ReportFactory(edition=1, published=True)
    out = io.StringIO()

    call_command("compile_report", year=2022, kind="rule_of_law", stdout=out)

    report = Report.objects.get(edition=2)
    assert out.getvalue().startswith(f"已新建报告：{report.title}（编号{report.pk}，第2版，草稿）")


def test_demo_publishes_the_2021_report_once(
    areas, django_capture_on_commit_callbacks, monkeypatch
):
    import io

    from huanghe_portal import demo as portal_demo
    from reports import demo

    monkeypatch.setattr("reports.rendering.html_to_pdf", lambda html: b"%PDF-1.7 demo")
    portal_demo.load(io.StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(io.StringIO())
        demo.load(io.StringIO())
    report = Report.objects.get()
    assert (report.year, report.status) == (2021, Report.Status.PUBLISHED)
    assert report.render_jobs.get().status == RenderJob.Status.DONE


def test_dashboard_card_warns_the_leader_of_reports_to_approve(areas, leader):
    from reports.dashboard import card_lines

    ReportFactory(submitted=True)
    assert {"label": "待审批", "value": 1, "warn": True} in card_lines(leader)
