from celery import shared_task

from . import deadlines, services


@shared_task
def render_report_pdf_task(job_id: int) -> str:
    return services.render_job(job_id).status


@shared_task
def fail_stale_render_jobs_task() -> int:
    return services.fail_stale_render_jobs()


@shared_task
def send_report_due_reminders_task() -> int:
    return deadlines.send_reminders()
