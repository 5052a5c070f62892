"""The report's workflow steps on the shared runner (huanghe_portal.steps): the page offers the
steps the user may take now (role, then the model's TRANSITIONS), a step posted from it runs and
comes back with its message, and a refused step shows the step page with the reason."""

import re

import pytest
from django.urls import reverse

from huanghe_portal import timeline
from reports.models import ManualFigure, RenderJob, Report
from reports.tests.factories import RenderJobFactory, ReportFactory

pytestmark = pytest.mark.django_db


def offered(client, report: Report) -> list[str]:
    page = client.get(report.get_absolute_url())
    assert page.status_code == 200
    return re.findall(
        r'<form method="post" action="[^"]+" data-step="([\w-]+)"', page.content.decode()
    )


def test_the_office_is_offered_the_draft_steps(client, areas, report_office):
    report = ReportFactory()
    client.force_login(report_office)
    assert offered(client, report) == ["recompile", "submit", "render", "manual-figure"]


def test_a_leader_is_offered_approve_and_return_of_a_submitted_report(client, areas, leader):
    report = ReportFactory(submitted=True)
    client.force_login(leader)
    assert offered(client, report) == ["approve", "return", "render"]


def test_the_office_is_offered_publish_with_its_reason_once_approved(client, areas, report_office):
    report = ReportFactory(approved=True)
    client.force_login(report_office)
    assert offered(client, report) == ["return", "publish", "render"]
    page = client.get(report.get_absolute_url()).content.decode()
    assert 'name="acknowledge"' in page


def test_a_failed_pdf_offers_retry_instead_of_a_new_render(client, areas, report_office):
    report = ReportFactory(published=True)
    RenderJobFactory(report=report, status=RenderJob.Status.FAILED, error="boom")
    client.force_login(report_office)
    assert offered(client, report) == ["render-retry"]


def test_a_one_click_step_runs_and_returns_to_the_report_with_its_message(
    client, areas, report_office
):
    report = ReportFactory()
    client.force_login(report_office)

    response = client.post(
        reverse("reports:report-submit", args=[report.pk]), {"version": report.version}
    )

    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    page = client.get(response["Location"]).content.decode()
    assert "已提交领导审批。" in page


def test_a_step_in_the_wrong_state_shows_the_reason_on_the_step_page(client, areas, leader):
    report = ReportFactory()
    client.force_login(leader)

    response = client.post(reverse("reports:report-approve", args=[report.pk]))

    assert response.status_code == 409
    page = response.content.decode()
    assert 'id="step-missing"' in page
    assert "当前状态为“草稿”，不能变更为“已审批”。" in page
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT
    assert not timeline.entries_for(report).filter(action="approved").exists()


def test_recompiling_a_published_report_is_refused_with_the_reason(client, areas, report_office):
    report = ReportFactory(published=True)
    client.force_login(report_office)

    response = client.post(reverse("reports:report-recompile", args=[report.pk]))

    assert response.status_code == 409
    assert "当前状态为“已发布”，不能重新编制。" in response.content.decode()


def test_approving_an_incomplete_report_shows_what_is_missing(client, areas, leader):
    report = ReportFactory(outline="seed2022", submitted=True)
    client.force_login(leader)

    response = client.post(
        reverse("reports:report-approve", args=[report.pk]), {"version": report.version}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "报告不完整，不能审批。" in page
    assert "其他需要报告的情况" in page and "manual.service_staff" in page
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED


def test_a_double_click_is_refused_the_second_time(client, areas, report_office):
    report = ReportFactory()
    client.force_login(report_office)
    url = reverse("reports:report-submit", args=[report.pk])

    assert client.post(url, {"version": report.version}).status_code == 302
    second = client.post(url, {"version": report.version})

    assert second.status_code == 409
    assert "这一步已经办理，或记录已被他人更新" in second.content.decode()
    assert timeline.entries_for(report).filter(action="submitted").count() == 1


def test_a_manual_figure_with_a_bad_key_is_shown_again_with_the_error(client, areas, report_office):
    report = ReportFactory()
    client.force_login(report_office)
    url = reverse("reports:report-manual-figure", args=[report.pk])
    data = {"key": "服务", "label": "便民服务中心干部职工", "value": "6", "unit": "名"}

    response = client.post(url, data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "引用名只能由小写字母、数字和下划线组成，并以字母开头。" in page
    assert 'value="便民服务中心干部职工"' in page  # the input is kept
    assert not ManualFigure.objects.exists()

    saved = client.post(url, {**data, "key": "service_staff"})
    assert saved.status_code == 302
    assert ManualFigure.objects.get(report=report).label == "便民服务中心干部职工"


def test_a_step_of_another_role_is_403(client, areas, report_office):
    report = ReportFactory(submitted=True)
    client.force_login(report_office)
    assert client.post(reverse("reports:report-approve", args=[report.pk])).status_code == 403


def test_steps_take_only_posts_from_the_report_page(client, areas, report_office):
    report = ReportFactory()
    client.force_login(report_office)
    for name in ("submit", "render-retry", "manual-figure"):
        url = reverse(f"reports:report-{name}", args=[report.pk])
        assert client.get(url).status_code == 405


def test_asking_for_a_pdf_twice_queues_one_job_and_leaves_the_report_as_it_was(
    client, areas, report_office
):
    report = ReportFactory(published=True)
    client.force_login(report_office)
    url = reverse("reports:report-render", args=[report.pk])

    first = client.post(url, {"version": report.version})
    second = client.post(url, {"version": report.version})

    assert first.status_code == second.status_code == 302
    assert report.render_jobs.count() == 1
    assert Report.objects.get(pk=report.pk).version == report.version
    assert "PDF 已开始生成。" in client.get(report.get_absolute_url()).content.decode()
