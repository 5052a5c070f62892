from celery import shared_task

from . import services


@shared_task
def send_due_reminders_task() -> int:
    """Daily: reply-due reminders for the officers; abandon uncorrected applications."""
    return services.send_due_reminders()


@shared_task
def publish_scheduled_items_task() -> list[int]:
    """Daily: publish reviewed items whose scheduled publication date has come."""
    return services.publish_scheduled_items()
