"""Celery tasks of the petitions area (the beat schedule in settings names them).

Services are imported inside each task body, so that services may queue tasks without an import
cycle (HackSoft's Celery rule)."""

from celery import shared_task


@shared_task
def send_due_reminders_task() -> int:
    """Daily: notify clerks and leaders in charge of what falls due within 3 days or is overdue."""
    from . import services

    return services.send_due_reminders()
