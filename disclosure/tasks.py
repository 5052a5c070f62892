"""Celery tasks of the disclosure area: services are imported inside each task body, so that
services may queue tasks without an import cycle (HackSoft's Celery rule)."""

from celery import shared_task


@shared_task
def send_due_reminders_task() -> int:
    """Daily: reply-due reminders for the officers; abandon uncorrected applications."""
    from . import services

    return services.send_due_reminders()


@shared_task
def publish_scheduled_items_task() -> list[int]:
    """Daily: publish reviewed items whose scheduled publication date has come."""
    from . import services

    return services.publish_scheduled_items()
