"""Celery tasks of the reports area: services are imported inside each task body, so that
services may queue tasks without an import cycle (HackSoft's Celery rule)."""

from celery import shared_task


@shared_task
def render_report_pdf_task(job_id: int) -> str:
    from . import services

    return services.render_job(job_id).status


@shared_task
def fail_stale_render_jobs_task() -> int:
    from . import services

    return services.fail_stale_render_jobs()


@shared_task
def send_report_due_reminders_task() -> int:
    from . import deadlines

    return deadlines.send_reminders()
