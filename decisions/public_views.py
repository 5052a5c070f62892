"""Public pages: drafts published for comment, with the comment form while the window is open
(决策条例 Art 14–15) and the adoption result the office recorded once it closed (Art 18)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from huanghe_portal.public_cache import public_cache
from huanghe_portal.throttling import PublicSubmitThrottle, throttled
from huanghe_portal.versioning import run_form_service

from . import selectors, services
from .forms import PublicCommentForm


@public_cache("decisions")
def public_drafts(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "decisions/public_draft_list.html",
        {
            "windows": selectors.public_windows(today)
            .filter(pk__in=selectors.open_windows(today).values("pk"))
            .order_by("closes_on", "pk"),
            "closed_windows": selectors.recently_closed_windows(today),
            "recent_days": selectors.RECENTLY_CLOSED_DAYS,
        },
    )


@require_http_methods(["GET", "POST"])
@public_cache("decisions")
def public_draft(request: HttpRequest, pk: int) -> HttpResponse:
    today = timezone.localdate()
    window = get_object_or_404(selectors.public_windows(today), pk=pk)
    if not selectors.open_windows(today).filter(pk=pk).exists():
        # Closed: the draft and the adoption result, no form; a late POST is refused.
        return render(
            request,
            "decisions/public_draft_detail.html",
            {"window": window, "closed": True},
            status=409 if request.method == "POST" else 200,
        )
    form = PublicCommentForm(request.POST if request.method == "POST" else None)
    context = {"window": window, "form": form, "days_left": window.days_left(today)}
    if request.method == "POST" and form.is_valid():
        if throttled(request, PublicSubmitThrottle):
            return render(
                request,
                "decisions/public_draft_detail.html",
                {**context, "throttled": True},
                status=429,
            )
        run_form_service(
            form,
            lambda: services.submit_public_comment(
                window,
                content=form.cleaned_data["content"],
                commenter_name=form.cleaned_data["commenter_name"],
            ),
        )
        if not form.errors:
            messages.success(request, _("您的意见已提交，感谢参与。"))
            return redirect("decisions:public-draft", pk=window.pk)
    return render(request, "decisions/public_draft_detail.html", context)
