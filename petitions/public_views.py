"""Public pages: the leader-reception schedule and the online submission with its receipt."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from huanghe_portal import ical
from huanghe_portal.models import Township
from huanghe_portal.public_cache import public_cache
from huanghe_portal.throttling import PublicSubmitThrottle, throttled
from huanghe_portal.versioning import run_form_service

from . import forms, selectors, services
from .models import Petition, ReceptionDay

RECEIPT_SESSION_KEY = "petitions_receipt"


@public_cache("petitions")
def public_reception_days(request: HttpRequest) -> HttpResponse:
    """领导接访安排 (信访工作条例 Art 18 ¶1): this week and next by weekday with their hours,
    the later days, and the recent ones."""
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    after = monday + dt.timedelta(weeks=2)
    days = selectors.reception_days_published().order_by("date", "start_time", "pk")
    by_date: dict[dt.date, list] = {}
    for day in days.filter(date__gte=monday, date__lt=after):
        by_date.setdefault(day.date, []).append(day)
    weeks = [
        {
            "label": label,
            "days": [
                (d, by_date.get(d, [])) for d in (start + dt.timedelta(days=i) for i in range(7))
            ],
        }
        for label, start in ((_("本周"), monday), (_("下周"), monday + dt.timedelta(weeks=1)))
    ]
    return render(
        request,
        "petitions/public_reception_days.html",
        {
            "weeks": weeks,
            "today": today,
            "later": days.filter(date__gte=after)[:30],
            "recent": days.filter(date__lt=today).order_by("-date", "-start_time")[:10],
        },
    )


@require_GET
@public_cache("petitions")
def public_reception_days_ical(request: HttpRequest) -> HttpResponse:
    """The reception days as an iCal feed (RFC 5545): the last 30 days and all coming ones."""
    since = timezone.localdate() - dt.timedelta(days=30)
    days = selectors.reception_days_published().filter(date__gte=since).order_by("date", "pk")
    schedule = request.build_absolute_uri(reverse("petitions:public-reception-days"))
    return ical.response(
        (_ical_event(day, schedule) for day in days[:500]),
        request=request,
        name=_("%(township)s领导接访安排") % {"township": Township.current().name},
        product="Petitions",
        filename="reception-days.ics",
    )


def _ical_event(day: ReceptionDay, url: str) -> ical.Event:
    start: dt.date  # a time of day when both hours are known, else the whole day
    end: dt.date
    if day.start_time is not None and day.end_time is not None:
        start = ical.local_datetime(day.date, day.start_time)
        end = ical.local_datetime(day.date, day.end_time)
    else:
        start, end = day.date, day.date + dt.timedelta(days=1)
    summary = _("领导%(kind)s：%(leader)s") % {
        "kind": day.get_kind_display(),
        "leader": day.leader_name,
    }
    if day.topic:
        summary = f"{summary}（{day.topic}）"
    return ical.Event(
        uid=f"petitions-reception-day-{day.pk}",
        start=start,
        end=end,
        summary=summary,
        last_modified=day.updated_at,
        url=url,
        location=day.place,
        description="\n".join(part for part in (day.topic, day.note) if part),
        categories=day.get_kind_display(),
    )


@public_cache("petitions")
def public_suggestions(request: HttpRequest) -> HttpResponse:
    """人大代表建议办理情况: the replies the office chose to publish (代表法 Art 51)."""
    return render(
        request,
        "petitions/public_suggestions.html",
        {"suggestions": selectors.suggestions_published().order_by("-replied_on")[:100]},
    )


@never_cache
def public_submit(request: HttpRequest) -> HttpResponse:
    form = forms.PublicPetitionForm(request.POST or None)
    if request.method == "POST":
        if throttled(request, PublicSubmitThrottle):
            return render(
                request,
                "petitions/public_submit.html",
                {"form": form, "throttled": True},
                status=429,
            )
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "consent"}
            petition = run_form_service(form, lambda: services.submit_online_petition(**data))
            if not form.errors:
                request.session[RECEIPT_SESSION_KEY] = petition.pk
                return redirect("petitions:public-receipt")
    return render(
        request,
        "petitions/public_submit.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@never_cache
def public_receipt(request: HttpRequest) -> HttpResponse:
    """The printable 回执: shown once to the browser that submitted, then only by code."""
    pk = request.session.get(RECEIPT_SESSION_KEY)
    petition = Petition.objects.filter(pk=pk).first() if pk else None
    if petition is None:
        return redirect("petitions:public-submit")
    return render(request, "petitions/public_receipt.html", {"petition": petition})
