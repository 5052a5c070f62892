"""Public pages: the catalogue (公开目录), the guide (公开指南), search, feeds and applying."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.functional import cached_property
from django.views.decorators.http import require_GET

from huanghe_portal.attachments import attachments_of
from huanghe_portal.models import Township
from huanghe_portal.navigation import pk_url
from huanghe_portal.public_cache import public_cache
from huanghe_portal.throttling import PublicSubmitThrottle, throttled
from huanghe_portal.versioning import run_form_service

from . import forms, search, selectors, services
from .models import Item

PAGE_SIZE = 20


class CatalogueCountPaginator(Paginator):
    """The count of a public listing is cached until the catalogue changes."""

    object_list: QuerySet[Item, Any]

    def __init__(self, qs: QuerySet[Item, Any], per_page: int, *, count_key: str) -> None:
        super().__init__(qs, per_page)
        self.count_key = count_key

    @cached_property
    def count(self) -> int:
        return selectors.published_count(self.object_list, self.count_key)


def _page(request: HttpRequest, qs, count_key: str):
    paginator = CatalogueCountPaginator(qs, PAGE_SIZE, count_key=count_key)
    return paginator.get_page(request.GET.get("page"))


@require_GET
@public_cache("disclosure")
def catalogue(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """公开目录: by category, newest first, with search (title, 文号, 索引号, body)."""
    tree = selectors.category_tree()
    category = selectors.public_category(code) if code else None
    qs = selectors.items_published()
    if category is not None:
        qs = qs.filter(category_id__in=category["descendants"])
    query = search.clean_query(request.GET.get("q", ""))
    if query:
        qs = search.filter_items(qs, query)
    # Plain rows, not model instances: the page shows these fields and a link.
    rows = qs.select_related(None).values(
        "pk", "title", "index_number", "document_number", "summary", "generated_on", "validity"
    )
    page_obj = _page(
        request,
        rows.order_by("-published_at", "-pk"),
        count_key=f"{category['pk'] if category else ''}|{query}",
    )
    page_obj.object_list = list(page_obj.object_list)
    for row in page_obj.object_list:
        row["url"] = pk_url("disclosure:public-item", row["pk"])
    return render(
        request,
        "disclosure/public_catalogue.html",
        {
            "category": category,
            "tree": tree["roots"],
            "page_obj": page_obj,
            "items": page_obj.object_list,
            "query": query,
        },
    )


@require_GET
@public_cache("disclosure")
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(selectors.items_published(), pk=pk)
    attachments = attachments_of(item).filter(is_public=True)
    return render(
        request,
        "disclosure/public_item.html",
        {"item": item, "attachments": attachments, "public": True},
    )


@require_GET
@public_cache("disclosure")
def guide(request: HttpRequest) -> HttpResponse:
    """公开指南 (条例 Art 12): 分类、编排体系、获取方式、工作机构、地址、时间、电话."""
    return render(
        request,
        "disclosure/public_guide.html",
        {"township": Township.current(), "tree": selectors.category_tree()["roots"]},
    )


def apply(request: HttpRequest) -> HttpResponse:
    """Online application (条例 Art 29); the answer shows the tracking code and due date."""
    form = forms.ApplicationForm(request.POST or None)
    if throttled(request, PublicSubmitThrottle):
        return render(
            request, "disclosure/public_apply.html", {"form": form, "throttled": True}, status=429
        )
    if request.method == "POST" and form.is_valid():
        app = run_form_service(
            form, lambda: services.submit_application(actor=None, **form.cleaned_data)
        )
        if not form.errors:
            return render(request, "disclosure/public_apply_done.html", {"app": app})
    return render(request, "disclosure/public_apply.html", {"form": form})
