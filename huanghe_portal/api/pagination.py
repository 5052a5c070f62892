from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class PortalPagination(PageNumberPagination):
    """`?page=N&page_size=M`: default 20, above 100 served as 100, zero/negative/non-numeric 400."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request) -> int:
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

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.query_params.get(self.page_query_param)
        if raw not in (None, "", "last"):
            try:
                valid = int(raw) >= 1
            except ValueError:
                valid = False
            if not valid:
                raise ValidationError({"page": [_("页码应为正整数。")]})
        return super().paginate_queryset(queryset, request, view)
