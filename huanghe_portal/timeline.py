"""The append-only timeline of workflow events. Only service functions call `record`."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from .models import TimelineEntry
from .roles import User


def record(obj: models.Model, *, actor: User | None, action: str, note: str = "",
           data: dict[str, Any] | None = None) -> TimelineEntry:
    """Append one event to `obj`'s timeline."""
    return TimelineEntry.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=obj.pk,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        note=note,
        data=data or {},
    )


def entries_for(obj: models.Model) -> QuerySet[TimelineEntry]:
    return TimelineEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=obj.pk,
    ).select_related("actor")
