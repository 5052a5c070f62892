"""Celery tasks of the petitions area (the beat schedule in settings names them)."""

from celery import shared_task

from . import services


@shared_task
def send_due_reminders_task() -> int:
    """Daily: notify clerks and leaders in charge of what falls due within 3 days or is overdue."""
    return services.send_due_reminders()
