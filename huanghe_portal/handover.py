"""Hand-overs between areas without imports between them (API.md: "A hand-over between areas
… creates the record in the other area on behalf of the user who took the step, recorded on both
timelines").

The receiving area registers a handler in its AppConfig.ready():

    handover.register("dispute", services.create_dispute_from_handover)

and the giving area's service calls `handover.create("dispute", source=petition, actor=…, **data)`.
The link is kept as a RecordLink; both timelines get an entry (the handler writes its own).
"""

from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import models

from . import timeline
from .models import RecordLink

_handlers: dict[str, Callable[..., models.Model]] = {}


class NoHandler(LookupError):
    pass


def register(kind: str, handler: Callable[..., models.Model]) -> None:
    _handlers[kind] = handler


def is_registered(kind: str) -> bool:
    return kind in _handlers


def create(kind: str, *, source: models.Model, actor: AbstractBaseUser, **data) -> models.Model:
    """Create the record of `kind` in the receiving area from `source`; returns it."""
    if kind not in _handlers:
        raise NoHandler(kind)
    target = _handlers[kind](actor=actor, source=source, **data)
    RecordLink.objects.create(
        source_type=ContentType.objects.get_for_model(source), source_id=source.pk,
        target_type=ContentType.objects.get_for_model(target), target_id=target.pk,
        kind=kind, created_by=actor,
    )
    timeline.record(source, actor=actor, action=f"handed_over_{kind}", note=str(target))
    return target


def links_from(source: models.Model, kind: str | None = None):
    qs = RecordLink.objects.filter(source_type=ContentType.objects.get_for_model(source),
                                   source_id=source.pk)
    return qs.filter(kind=kind) if kind else qs


def links_to(target: models.Model, kind: str | None = None):
    qs = RecordLink.objects.filter(target_type=ContentType.objects.get_for_model(target),
                                   target_id=target.pk)
    return qs.filter(kind=kind) if kind else qs
