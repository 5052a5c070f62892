from celery import shared_task

from . import services


@shared_task
def render_report_pdf_task(job_id: int) -> str:
    return services.render_job(job_id).status


@shared_task
def fail_stale_render_jobs_task() -> int:
    return services.fail_stale_render_jobs()
