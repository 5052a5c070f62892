from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from huanghe_portal import identity_search

if TYPE_CHECKING:  # rest_framework.views imports this module (DEFAULT_PAGINATION_CLASS)
    from rest_framework.request import Request
    from rest_framework.views import APIView


class PortalPagination(PageNumberPagination):
    """`?page=N&page_size=M`: default 20, above 100 served as 100, zero/negative/non-numeric 400."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if size <= 0:
            raise ValidationError({"page_size": [_("每页条数应为正整数。")]})
        return min(size, self.max_page_size)

    def paginate_queryset(
        self, queryset: QuerySet[Any] | Sequence[Any], request: Request, view: APIView | None = None
    ) -> list[Any] | None:
        # An identity search (the filters ran before) that was refused says why.
        self.identity_outcome = outcome = identity_search.take_outcome(request.user)
        if outcome and outcome.status == 400:
            raise ValidationError({"search": [outcome.notice]})
        if outcome and outcome.status == 429:
            raise Throttled(detail=outcome.notice)
        raw = request.query_params.get(self.page_query_param)
        if raw not in (None, "", "last"):
            try:
                valid = int(raw) >= 1
            except ValueError:
                valid = False
            if not valid:
                raise ValidationError({"page": [_("页码应为正整数。")]})
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        outcome = getattr(self, "identity_outcome", None)
        if outcome and outcome.notice:
            response.data["detail"] = outcome.notice
        return response

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["detail"] = {
            "type": "string",
            "description": "Why a search by ID number, credit code or phone found nothing.",
        }
        return schema
