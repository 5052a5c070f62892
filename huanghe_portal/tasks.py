"""Celery tasks of the project package: services are imported inside each task body, so that
services may queue tasks without an import cycle (HackSoft's Celery rule)."""

from celery import shared_task

from .notify_applicant import send_applicant_notice  # noqa: F401 - registers the task
from .reminders import send_reminder_mail  # noqa: F401 - registers the task


@shared_task
def heartbeat_task(name: str = "worker") -> str:
    """Proves that a worker takes tasks from the broker and writes to the database."""
    from . import services

    beat = services.record_heartbeat(name)
    return beat.beat_at.isoformat()


@shared_task
def sweep_stale_task_results_task() -> int:
    """A task still "started" past the hard time limit lost its worker: mark it failed."""
    from . import health

    return health.sweep_stale_task_results()


@shared_task
def recompute_due_dates_task(change_id: int) -> int | None:
    """After a change of holiday data: every area recomputes its open due dates (one job)."""
    from . import due_dates

    return due_dates.run(change_id).moved


@shared_task
def holiday_notice_reminder_task() -> int:
    """Yearly in November: ask the office for next year's holiday notice, if not yet complete."""
    from . import services

    return services.remind_holiday_notice()


@shared_task
def run_ledger_import_task(job_id: int) -> str:
    """Import a confirmed ledger upload, whole or not at all (idempotent: see the service)."""
    from . import services

    return services.run_ledger_import(job_id).status
