from django.db.models import QuerySet

from .models import Notification, Village


def villages_active() -> QuerySet[Village]:
    return Village.objects.filter(is_active=True).order_by("code")


def notifications_for(user) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user, read_at__isnull=True)
