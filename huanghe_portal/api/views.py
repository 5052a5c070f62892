from typing import Any

from django.db.models import QuerySet
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action, api_view, permission_classes, throttle_classes
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from .. import selectors, services, tracking, workdays
from ..models import Holiday, HolidayYear, Village
from ..public_cache import public_cache
from ..roles import STAFF_ROLES, Role, signed_in
from .permissions import Gate
from .serializers import (
    HolidaySerializer,
    HolidayYearSerializer,
    TrackAnswerSerializer,
    VillageSerializer,
    WorkdaysQuerySerializer,
)
from .throttles import PublicTrackThrottle


@method_decorator(public_cache(), name="dispatch")
class VillageViewSet(viewsets.ReadOnlyModelViewSet[Village]):
    """村（社区）: public."""

    serializer_class = VillageSerializer
    permission_classes = [AllowAny]
    search_fields = ["name", "code"]

    def get_queryset(self) -> QuerySet[Village]:
        return selectors.villages_active()


@extend_schema(
    parameters=[
        OpenApiParameter("start", str, description="YYYY-MM-DD", required=True),
        OpenApiParameter("days", int, description="1..366", required=True),
    ],
    responses=inline_serializer(
        "WorkdaysAnswer",
        {
            "start": serializers.DateField(),
            "days": serializers.IntegerField(),
            "due": serializers.DateField(),
            "skipped": serializers.ListField(child=serializers.DictField()),
            "makeup_days": serializers.ListField(child=serializers.DateField()),
            "calendar_known": serializers.BooleanField(),
        },
    ),
    description=_("第 N 个工作日（不含起算日），跳过周末和法定节假日，计入调休上班日。"),
)
@api_view(["GET"])
@permission_classes([AllowAny])
def workdays_view(request: Request) -> Response:
    query = WorkdaysQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    result = workdays.add_workdays(query.validated_data["start"], query.validated_data["days"])
    return Response(
        {
            "start": result.start.isoformat(),
            "days": result.days,
            "due": result.due.isoformat(),
            "skipped": [{"date": d.isoformat(), "why": why} for d, why in result.skipped],
            "makeup_days": [d.isoformat() for d in result.makeup_days],
            "calendar_known": result.calendar_known,
        }
    )


@extend_schema(
    parameters=[
        OpenApiParameter("phone_last4", str, required=True, description="提交时所留电话的后四位")
    ],
    responses=TrackAnswerSerializer,
    description=_("凭查询码和电话后四位查询办理进度；不含个人信息。"),
)
@api_view(["GET"])
@permission_classes([AllowAny])
@throttle_classes([PublicTrackThrottle])
def public_track_view(request: Request, tracking_code: str) -> Response:
    result = tracking.lookup(tracking_code, request.query_params.get("phone_last4", ""))
    if result is None:
        raise NotFound(_("未找到与查询码和电话后四位相符的记录。"))
    return Response(result)


class HolidayViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Holiday],
):
    """节假日表: staff read; report_office creates one day (it overrides that day only)."""

    gate = Gate(readers=STAFF_ROLES, writers=(Role.REPORT_OFFICE,))
    serializer_class = HolidaySerializer
    queryset = Holiday.objects.order_by("date")

    def get_queryset(self) -> QuerySet[Holiday]:
        qs = super().get_queryset()
        if (year := self.request.query_params.get("year", "")).isdigit():
            qs = qs.filter(date__year=int(year))
        return qs

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = HolidaySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        holiday = services.save_holiday(Holiday(), actor=signed_in(request.user), **fields)
        return Response(HolidaySerializer(holiday).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], responses=HolidayYearSerializer(many=True))
    @extend_schema(methods=["POST"], request=HolidayYearSerializer, responses=HolidayYearSerializer)
    @action(detail=False, methods=["get", "post"], url_path="years", pagination_class=None)
    def years(self, request: Request) -> Response:
        """GET: the years' notices; POST {year, source, complete}: mark a year's notice."""
        if request.method == "GET":
            return Response(HolidayYearSerializer(HolidayYear.objects.all(), many=True).data)
        data = HolidayYearSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        notice = services.mark_holiday_year(actor=signed_in(request.user), **data.validated_data)
        return Response(HolidayYearSerializer(notice).data, status=status.HTTP_200_OK)
