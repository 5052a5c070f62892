"""Background work of the mediation area: take ids, call a service, safe to run twice.

Services are imported inside each task body, so that services may queue tasks without an import
cycle (HackSoft's Celery rule)."""

from celery import shared_task


@shared_task
def notify_assigned_mediators_task(dispute_id: int) -> int:
    """Tell the mediators assigned to a case that it is theirs."""
    from . import services
    from .models import Dispute

    dispute = Dispute.objects.filter(pk=dispute_id).first()
    return services.notify_assigned_mediators(dispute) if dispute else 0


@shared_task
def send_overdue_reminders_task() -> int:
    """Daily: remind the mediators of cases accepted more than one month ago and not closed."""
    from . import services

    return services.send_overdue_reminders()
