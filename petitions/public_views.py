"""Public pages: the leader-reception schedule and the online submission with its receipt."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from huanghe_portal.public_cache import public_cache
from huanghe_portal.throttling import PublicSubmitThrottle, throttled

from . import forms, selectors, services
from .models import Petition

RECEIPT_SESSION_KEY = "petitions_receipt"


@public_cache("petitions")
def public_reception_days(request: HttpRequest) -> HttpResponse:
    """领导接访安排 (信访工作条例 Art 18 ¶1): the coming days and the recent ones."""
    today = timezone.localdate()
    days = selectors.reception_days_published()
    return render(
        request,
        "petitions/public_reception_days.html",
        {
            "coming": days.filter(date__gte=today).order_by("date")[:30],
            "recent": days.filter(date__lt=today).order_by("-date")[:10],
        },
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
            try:
                petition = services.submit_online_petition(**data)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
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
