"""Hand-overs between areas without imports between them (API.md: "A hand-over between areas
… creates the record in the other area on behalf of the user who took the step, recorded on both
timelines").

The receiving area registers a handler in its AppConfig.ready():

    handover.register("dispute", services.create_dispute_from_handover)

and the giving area's service calls `handover.create("dispute", source=petition, actor=…, **data)`.
The link is kept as a RecordLink; both timelines get an entry (the handler writes its own).
A record is handed over once per kind: the source row is locked, an existing link refuses the
second hand-over (AlreadyHandedOver, a 409 naming the existing record), and a unique constraint
on (source, kind) backs that up.
"""

from collections.abc import Callable
from typing import Any

from django.contrib.auth import models as auth
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from . import timeline
from .exceptions import TransitionNotAllowed
from .models import RecordLink

_handlers: dict[str, Callable[..., models.Model]] = {}


class NoHandler(LookupError):
    pass


class AlreadyHandedOver(TransitionNotAllowed):
    """The record was handed over already; `existing` says where to (id, title, url)."""

    def __init__(self, link: RecordLink) -> None:
        target = link.target
        self.existing = {
            "kind": link.kind,
            "id": link.target_id,
            "title": str(target) if target is not None else "",
            "url": (
                target.get_absolute_url()
                if target is not None and hasattr(target, "get_absolute_url")
                else ""
            ),
        }
        super().__init__(
            _("已移交，不能重复移交：%(target)s。") % {"target": self.existing["title"]}
        )


def register(kind: str, handler: Callable[..., models.Model]) -> None:
    _handlers[kind] = handler


def registered_kinds() -> list[str]:
    """The kinds some area receives (each writes `handed_over_<kind>` on the source)."""
    return list(_handlers)


def is_registered(kind: str) -> bool:
    return kind in _handlers


@transaction.atomic
def create(kind: str, *, source: models.Model, actor: auth.User, **data: Any) -> models.Model:
    """Create the record of `kind` in the receiving area from `source`, once; returns it."""
    if kind not in _handlers:
        raise NoHandler(kind)
    # Concurrent hand-overs of one record queue here; the later ones find the first link.
    type(source)._base_manager.select_for_update().filter(pk=source.pk).values_list("pk").get()
    if existing := links_from(source, kind).first():
        raise AlreadyHandedOver(existing)
    try:
        with transaction.atomic():
            target = _handlers[kind](actor=actor, source=source, **data)
            RecordLink.objects.create(
                source_type=ContentType.objects.get_for_model(source),
                source_id=source.pk,
                target_type=ContentType.objects.get_for_model(target),
                target_id=target.pk,
                kind=kind,
                created_by=actor,
            )
    except IntegrityError:
        if existing := links_from(source, kind).first():
            raise AlreadyHandedOver(existing) from None
        raise
    timeline.record(source, actor=actor, action=f"handed_over_{kind}", note=str(target))
    return target


def links_from(source: models.Model, kind: str | None = None) -> QuerySet[RecordLink]:
    qs = RecordLink.objects.filter(
        source_type=ContentType.objects.get_for_model(source), source_id=source.pk
    )
    return qs.filter(kind=kind) if kind else qs


def links_to(target: models.Model, kind: str | None = None) -> QuerySet[RecordLink]:
    qs = RecordLink.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=target.pk
    )
    return qs.filter(kind=kind) if kind else qs
