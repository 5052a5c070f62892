"""Background work of the mediation area: take ids, call a service, safe to run twice."""

from celery import shared_task

from . import services
from .models import Dispute


@shared_task
def notify_assigned_mediators_task(dispute_id: int) -> int:
    """Tell the mediators assigned to a case that it is theirs."""
    dispute = Dispute.objects.filter(pk=dispute_id).first()
    return services.notify_assigned_mediators(dispute) if dispute else 0


@shared_task
def send_overdue_reminders_task() -> int:
    """Daily: remind the mediators of cases accepted more than one month ago and not closed."""
    return services.send_overdue_reminders()
