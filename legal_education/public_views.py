"""Public pages: coming and past 普法 events with their public photos, and an iCal feed."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from huanghe_portal import attachments, visibility
from huanghe_portal.models import Attachment, Township
from huanghe_portal.public_cache import public_cache

from . import ical, selectors, services, thumbnails
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
    body = ical.calendar(
        selectors.events_coming(),
        name=f"{township.name}普法活动",
        url_of=lambda e: request.build_absolute_uri(
            reverse("legal_education:public-event-detail", args=[e.pk])
        ),
        host=request.get_host().split(":")[0] or "localhost",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="legal-education-events.ics"'
    return response


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
