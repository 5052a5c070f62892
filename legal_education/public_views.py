"""Public pages: coming and past 普法 events with their public photos, and an iCal feed."""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from huanghe_portal import attachments, ical, visibility
from huanghe_portal.models import Attachment, Township
from huanghe_portal.public_cache import public_cache

from . import selectors, services, thumbnails
from .models import Event


def _public_photos(event: Event):
    return attachments.attachments_of(event).filter(
        is_public=True, content_kind__in=services.PHOTO_KINDS
    )


@require_GET
@public_cache("legal_education")
def events(request: HttpRequest) -> HttpResponse:
    coming = list(selectors.events_coming()[:20])
    past = Paginator(selectors.events_past(), 10).get_page(request.GET.get("page"))
    past_events = selectors.attach_photos(past.object_list, public_only=True, limit=4)
    return render(
        request,
        "legal_education/event_public_list.html",
        {"coming": coming, "page_obj": past, "past": past_events},
    )


@require_GET
@public_cache("legal_education")
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(selectors.events_published(), pk=pk)
    return render(
        request,
        "legal_education/event_public_detail.html",
        {"event": event, "photos": _public_photos(event)},
    )


@require_GET
@public_cache("legal_education")
def events_ical(request: HttpRequest) -> HttpResponse:
    township = Township.current()
    return ical.response(
        (_ical_event(request, e) for e in selectors.events_coming()),
        request=request,
        name=f"{township.name}普法活动",
        product="Legal Education",
        filename="legal-education-events.ics",
    )


def _ical_event(request: HttpRequest, event: Event) -> ical.Event:
    description = event.summary
    if event.laws_covered:
        laws = _("宣传内容：%(laws)s") % {"laws": event.laws_covered}
        description = f"{description}\n{laws}".strip()
    return ical.Event(
        uid=f"legal-education-event-{event.pk}",
        start=event.held_on,
        end=event.held_on + dt.timedelta(days=1),
        summary=event.title,
        last_modified=event.updated_at,
        url=request.build_absolute_uri(
            reverse("legal_education:public-event-detail", args=[event.pk])
        ),
        location=event.where,
        description=description,
        categories=event.get_kind_display(),
        organiser=event.organiser,
    )


@require_GET
def photo_thumb(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(
        Attachment, pk=pk, voided=False, is_public=True, content_kind__in=services.PHOTO_KINDS
    )
    if attachment.record is None or not visibility.is_public(attachment.record):
        raise Http404
    response = HttpResponse(thumbnails.thumbnail_of(attachment), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=3600"
    return response
