"""Public pages: drafts open for comment, with the comment form (决策条例 Art 14–15)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.public_cache import public_cache
from huanghe_portal.throttling import PublicSubmitThrottle, throttled

from . import selectors, services
from .forms import PublicCommentForm


@public_cache("decisions")
def public_drafts(request: HttpRequest) -> HttpResponse:
    return render(
        request, "decisions/public_draft_list.html", {"windows": selectors.open_windows()}
    )


@require_http_methods(["GET", "POST"])
@public_cache("decisions")
def public_draft(request: HttpRequest, pk: int) -> HttpResponse:
    window = get_object_or_404(selectors.open_windows(), pk=pk)
    form = PublicCommentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if throttled(request, PublicSubmitThrottle):
            response = render(
                request,
                "decisions/public_draft_detail.html",
                {"window": window, "form": form, "throttled": True},
                status=429,
            )
            return response
        try:
            services.submit_public_comment(
                window,
                content=form.cleaned_data["content"],
                commenter_name=form.cleaned_data["commenter_name"],
            )
        except (ValidationError, TransitionNotAllowed) as exc:
            form.add_error(None, getattr(exc, "messages", None) or str(exc))
        else:
            messages.success(request, _("您的意见已提交，感谢参与。"))
            return redirect("decisions:public-draft", pk=window.pk)
    return render(request, "decisions/public_draft_detail.html", {"window": window, "form": form})
