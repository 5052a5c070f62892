import datetime as dt
import time

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from huanghe_portal import timeline
from reports import selectors, services, tasks
from reports.models import RenderJob
from reports.tests.factories import RenderJobFactory, ReportFactory
from reports.tests.pdftools import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def fast_pdf(monkeypatch):
    monkeypatch.setattr("reports.rendering.html_to_pdf", lambda html: b"%PDF-1.7 test")


def test_render_runs_in_the_background_and_ends_done(
    areas, report_office, fast_pdf, django_capture_on_commit_callbacks
):
    report = ReportFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = services.request_render(report, actor=report_office)
    assert len(callbacks) == 1
    job.refresh_from_db()
    assert (job.status, job.progress, job.error) == (RenderJob.Status.DONE, 100, "")
    assert job.file.read() == b"%PDF-1.7 test"
    assert timeline.entries_for(report).filter(action="render_requested").exists()


def test_api_render_is_202_and_pdf_shows_the_job(
    api_client, areas, report_office, fast_pdf, django_capture_on_commit_callbacks
):
    report = ReportFactory()
    api_client.force_authenticate(report_office)
    assert api_client.get(reverse("api:report-detail", args=[report.pk])).json()["pdf"] is None

    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(reverse("api:report-render", args=[report.pk]))

    assert response.status_code == 202
    assert response.json()["id"] == report.pk and response.json()["pdf"]["status"] == "pending"
    pdf = api_client.get(reverse("api:report-detail", args=[report.pk])).json()["pdf"]
    assert pdf["status"] == "done" and pdf["progress"] == 100 and pdf["error"] is None
    assert pdf["url"].endswith(reverse("reports:report-pdf", args=[report.pk]))


def test_a_failing_render_shows_the_error_and_can_be_retried(
    areas, report_office, monkeypatch, client, django_capture_on_commit_callbacks
):
    def broken(html):
        raise RuntimeError("字体缺失")

    monkeypatch.setattr("reports.rendering.html_to_pdf", broken)
    report = ReportFactory()
    with django_capture_on_commit_callbacks(execute=True):
        job = services.request_render(report, actor=report_office)
    job.refresh_from_db()
    assert job.status == RenderJob.Status.FAILED and job.error == "RuntimeError: 字体缺失"
    client.force_login(report_office)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "RuntimeError: 字体缺失" in page and "重试" in page

    monkeypatch.setattr("reports.rendering.html_to_pdf", lambda html: b"%PDF-1.7 ok")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:report-render-retry", args=[report.pk]))

    job.refresh_from_db()
    assert (job.status, job.error) == (RenderJob.Status.DONE, "")


def test_retry_button_retries_a_failed_render_and_otherwise_queues_a_new_one(
    areas, report_office, fast_pdf, api_client, django_capture_on_commit_callbacks
):
    report = ReportFactory()
    failed = RenderJobFactory(report=report, status=RenderJob.Status.FAILED, error="boom")
    with django_capture_on_commit_callbacks(execute=True):
        job = services.retry_report_render(report, actor=report_office)
    failed.refresh_from_db()
    assert job.pk == failed.pk and failed.status == RenderJob.Status.DONE
    assert report.render_jobs.count() == 1

    # the latest job is done: the same button (HTML or API) queues a fresh render
    api_client.force_authenticate(report_office)
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(reverse("api:report-retry-render", args=[report.pk]))
    assert response.status_code == 202
    assert report.render_jobs.count() == 2
    assert selectors.latest_render_job(report).status == RenderJob.Status.DONE


def test_broker_down_fails_the_job_with_a_message_and_nothing_else(
    areas, report_office, monkeypatch, fast_pdf, django_capture_on_commit_callbacks
):
    def down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.render_report_pdf_task, "apply_async", down)
    report = ReportFactory(approved=True)

    with django_capture_on_commit_callbacks(execute=True):
        report = services.publish_report(report, actor=report_office)

    job = selectors.latest_render_job(report)
    assert report.status == "published" and job.status == RenderJob.Status.FAILED
    assert job.error.startswith("后台任务服务不可用，PDF 未能排队生成")
    monkeypatch.undo()
    monkeypatch.setattr("reports.rendering.html_to_pdf", lambda html: b"%PDF-1.7 ok")
    with django_capture_on_commit_callbacks(execute=True):
        services.retry_render(job, actor=report_office)
    job.refresh_from_db()
    assert job.status == RenderJob.Status.DONE


def test_a_job_stuck_running_is_failed_after_the_timeout(
    areas, report_office, fast_pdf, django_capture_on_commit_callbacks
):
    report = ReportFactory()
    stuck = RenderJobFactory(report=report, status=RenderJob.Status.RUNNING, progress=40)
    fresh = RenderJobFactory(report=ReportFactory(), status=RenderJob.Status.RUNNING)
    RenderJob.objects.filter(pk=stuck.pk).update(
        updated_at=timezone.now() - dt.timedelta(minutes=11)
    )

    assert tasks.fail_stale_render_jobs_task() == 1

    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.status == RenderJob.Status.FAILED and "超时" in stuck.error
    assert fresh.status == RenderJob.Status.RUNNING
    with django_capture_on_commit_callbacks(execute=True):
        services.retry_render(stuck, actor=report_office)
    stuck.refresh_from_db()
    assert stuck.status == RenderJob.Status.DONE


def test_task_is_idempotent_for_a_done_job(areas, fast_pdf):
    job = RenderJobFactory(report=ReportFactory(), status=RenderJob.Status.DONE, progress=100)
    assert tasks.render_report_pdf_task(job.pk) == "done"


def test_leader_of_another_role_cannot_render(areas, educator):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.request_render(ReportFactory(), actor=educator)


def test_pdf_download_needs_permissions_until_published(
    client, areas, report_office, fast_pdf, django_capture_on_commit_callbacks
):
    report = ReportFactory(approved=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_render(report, actor=report_office)
    url = reverse("reports:report-pdf", args=[report.pk])
    assert client.get(url).status_code == 404
    client.force_login(report_office)
    assert client.get(url).status_code == 200

    services.publish_report(report, actor=report_office)
    client.logout()
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


@pytest.fixture
def worker_env(monkeypatch, settings):
    """The worker process saves the PDF where this test reads it; and the broker connection
    pool an eager task created earlier (memory://) is dropped so that the fixture's Redis URL
    is used (root conftest's celery_worker does not reset it)."""
    from huanghe_portal.celery import app

    monkeypatch.setenv("MEDIA_ROOT", str(settings.MEDIA_ROOT))
    app._pool = app.amqp._producer_pool = None
    yield
    app._pool = app.amqp._producer_pool = None


@pytest.mark.postgres
@pytest.mark.celery_worker
def test_real_worker_renders_fails_and_retries(
    worker_env, celery_worker, role_groups, areas, report_office
):
    report = ReportFactory()
    report.figures = [{"key": "disputes.succeeded"}]  # a broken snapshot: the render fails
    report.save()

    job = services.request_render(report, actor=report_office)
    job = _wait(job, {RenderJob.Status.DONE, RenderJob.Status.FAILED})
    assert job.status == RenderJob.Status.FAILED and job.error == "KeyError: 'value'"

    report.figures = ReportFactory.build().figures
    report.save()
    job = _wait(services.retry_render(job, actor=report_office), {RenderJob.Status.DONE})
    assert "成功调处矛盾纠纷事件128起" in text(job.file.read()).replace("\n", "")


def _wait(job: RenderJob, states: set[str], timeout: float = 60) -> RenderJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in states:
            return job
        connection.close()
        time.sleep(0.3)
    raise AssertionError(f"job stayed {job.status}")


@pytest.fixture
def dead_broker(settings):
    """A real (non-eager) Celery app whose Redis is not there."""
    from huanghe_portal.celery import app

    previous = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    app._pool = app.amqp._producer_pool = None
    yield app
    app.conf.task_always_eager, app.conf.broker_url = previous
    app._pool = app.amqp._producer_pool = None


def test_redis_down_when_queuing_fails_the_job_and_nothing_else(
    dead_broker, areas, report_office, django_capture_on_commit_callbacks
):
    report = ReportFactory()
    with django_capture_on_commit_callbacks(execute=True):
        job = services.request_render(report, actor=report_office)

    job.refresh_from_db()
    report.refresh_from_db()
    assert job.status == RenderJob.Status.FAILED
    assert job.error.startswith("后台任务服务不可用，PDF 未能排队生成")
    assert report.status == "draft"
