"""Which 普法 records a user may see, and the list filters shared by pages, API and exports."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone

from huanghe_portal import roles
from huanghe_portal.limits import parse_year
from huanghe_portal.models import Attachment, RecordLink
from huanghe_portal.roles import STAFF_ROLES, has_role

from .models import (
    Consultation,
    Event,
    KnowledgeTest,
    LegalLiaison,
    RecordStatus,
    StudySession,
)


def _staff(user: roles.User, qs: QuerySet) -> QuerySet:
    # API.md: every staff role reads the area; voided records stay visible to auditors.
    return qs if has_role(user, *STAFF_ROLES) else qs.none()


def events_visible_to(user: roles.User) -> QuerySet[Event]:
    return _staff(user, Event.objects.select_related("village"))


def events_published() -> QuerySet[Event]:
    """What the public sees: every event not voided, coming and past."""
    return Event.objects.filter(status=RecordStatus.RECORDED).select_related("village")


def events_coming(today: dt.date | None = None) -> QuerySet[Event]:
    today = today or timezone.localdate()
    return events_published().filter(held_on__gte=today).order_by("held_on", "pk")


def events_past(today: dt.date | None = None) -> QuerySet[Event]:
    today = today or timezone.localdate()
    return events_published().filter(held_on__lt=today).order_by("-held_on", "-pk")


def consultations_visible_to(user: roles.User) -> QuerySet[Consultation]:
    return _staff(user, Consultation.objects.select_related("village", "event"))


def study_sessions_visible_to(user: roles.User) -> QuerySet[StudySession]:
    return _staff(user, StudySession.objects.all())


def tests_visible_to(user: roles.User) -> QuerySet[KnowledgeTest]:
    return _staff(user, KnowledgeTest.objects.all())


def liaisons_visible_to(user: roles.User) -> QuerySet[LegalLiaison]:
    return _staff(user, LegalLiaison.objects.select_related("village"))


def filter_by_date(qs: QuerySet, field: str, *, year=None, month=None) -> QuerySet:
    """`year` and `month` as given in a query string (the year checked by limits.parse_year);
    a month that is not 1..12 is ignored."""
    if year := parse_year(year):
        qs = qs.filter(**{f"{field}__year": year})
        if str(month or "").isdigit() and 1 <= int(month) <= 12:
            qs = qs.filter(**{f"{field}__month": int(month)})
    return qs


PHOTO_KINDS = ("jpeg", "png")


def attach_photos(events, *, public_only: bool = False, limit: int | None = None) -> list[Event]:
    """Give each event `photos` (its image attachments) with one query for all of them."""
    events = list(events)
    by_event: dict[int, list[Attachment]] = {e.pk: [] for e in events}
    photos = Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(Event),
        object_id__in=list(by_event),
        voided=False,
        content_kind__in=PHOTO_KINDS,
    )
    if public_only:
        photos = photos.filter(is_public=True)
    for photo in photos.order_by("uploaded_at", "pk"):
        if limit is None or len(by_event[photo.object_id]) < limit:
            by_event[photo.object_id].append(photo)
    for event in events:
        event.photos = by_event[event.pk]
    return events


def attach_dispute_ids(consultations) -> list[Consultation]:
    """Give each consultation `dispute_id` (the case it was handed over to) with one query."""
    consultations = list(consultations)
    links = RecordLink.objects.filter(
        source_type=ContentType.objects.get_for_model(Consultation),
        source_id__in=[c.pk for c in consultations],
        kind="dispute",
    ).values_list("source_id", "target_id")
    found = dict(links)
    for consultation in consultations:
        consultation.dispute_id = found.get(consultation.pk)
    return consultations
