from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from huanghe_portal.api.permissions import Gate
from huanghe_portal.api.serializers import AcknowledgeSerializer
from huanghe_portal.api.steps import RecordViewSet
from huanghe_portal.api.throttles import PublicSubmitThrottle
from huanghe_portal.public_cache import public_cache
from huanghe_portal.roles import STAFF_ROLES, Role, has_role, signed_in
from huanghe_portal.versioning import requested_version, with_version

from .. import report, selectors, services
from . import serializers as s


@method_decorator(public_cache("disclosure"), name="dispatch")
class CategoryViewSet(viewsets.ReadOnlyModelViewSet):
    """公开目录分类: public."""

    gate = Gate(readers=STAFF_ROLES, public=("list", "retrieve"))

    serializer_class = s.CategorySerializer

    def get_queryset(self):
        return selectors.categories()


@method_decorator(public_cache("disclosure"), name="dispatch")
class ItemViewSet(RecordViewSet):
    """主动公开: public GET of published items; staff create and the review steps."""

    gate = Gate(
        readers=selectors.READERS, writers=(Role.DISCLOSURE_OFFICER,), public=("list", "retrieve")
    )

    # ?search= is served by the jieba/trigram search, not DRF's SearchFilter.
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_fields = ["category", "status", "validity"]
    ordering_fields = ["published_at", "generated_on", "title"]

    def _staff(self) -> bool:
        return has_role(self.request.user, *selectors.READERS)

    def get_queryset(self):
        if self.action in ("list", "retrieve") and not self._staff():
            qs = selectors.items_published()
        else:
            qs = selectors.items_visible_to(self.request.user)
        query = self.request.query_params.get("search", "")
        return selectors.search.filter_items(qs, query) if query else qs

    def get_serializer_class(self):
        return s.ItemSerializer if self._staff() else s.PublicItemSerializer

    def create(self, request: Request) -> Response:
        data = s.ItemInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.create_item(actor=signed_in(request.user), **data.validated_data)
        return Response(s.ItemSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=with_version(s.ItemInputSerializer), responses=s.ItemSerializer)
    def partial_update(self, request: Request, pk=None) -> Response:
        """Edit a draft or reviewed item; send the `version` read (409 when stale or missing)."""
        item = self.get_object()
        data = s.ItemInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        item = services.update_item(
            item,
            actor=signed_in(request.user),
            version=requested_version(request.data),
            **data.validated_data,
        )
        return Response(s.ItemSerializer(item).data)

    @extend_schema(request=s.ReviewSerializer, responses=s.ItemSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk=None) -> Response:
        return self.run_step(services.review_item, s.ReviewSerializer)

    @extend_schema(request=AcknowledgeSerializer, responses=s.ItemSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk=None) -> Response:
        return self.run_step(services.publish_item, AcknowledgeSerializer)

    @extend_schema(request=s.ReasonSerializer, responses=s.ItemSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk=None) -> Response:
        return self.run_step(services.withdraw_item, s.ReasonSerializer)


class ApplicationViewSet(RecordViewSet):
    """依申请公开: public create (throttled); staff read and steps."""

    gate = Gate(readers=selectors.READERS, writers=(Role.DISCLOSURE_OFFICER,), public=("create",))

    serializer_class = s.ApplicationSerializer
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_fields = ["status", "outcome", "applicant_kind", "channel"]
    ordering_fields = ["received_on", "reply_due", "replied_on"]

    def get_throttles(self):
        return [PublicSubmitThrottle()] if self.action == "create" else super().get_throttles()

    def get_queryset(self):
        qs = selectors.applications_visible_to(self.request.user).prefetch_related(
            "consultations", "remedies"
        )
        return selectors.filter_applications(qs, self.request.query_params, self.request.user)

    @extend_schema(request=s.ApplicationInputSerializer, responses=s.ApplicationSerializer)
    def create(self, request: Request) -> Response:
        data = s.ApplicationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = request.user if request.user.is_authenticated else None
        app = services.submit_application(actor=user, **data.validated_data)
        body: Mapping[str, Any]
        if user is not None and has_role(user, *selectors.READERS):
            body = s.ApplicationSerializer(app, context={"request": request}).data
        else:
            body = {
                "tracking_code": app.tracking_code,
                "received_on": app.received_on.isoformat(),
                "reply_due": app.reply_due.isoformat(),
            }
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.CorrectionRequestSerializer, responses=s.ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def request_correction(self, request: Request, pk=None) -> Response:
        return self.run_step(services.request_correction, s.CorrectionRequestSerializer)

    @extend_schema(request=s.ReceivedOnSerializer, responses=s.ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def correction_received(self, request: Request, pk=None) -> Response:
        return self.run_step(services.register_correction, s.ReceivedOnSerializer)

    @extend_schema(request=s.ConsultSerializer, responses=s.ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def consult(self, request: Request, pk=None) -> Response:
        return self.run_step(services.start_consultation, s.ConsultSerializer)

    @extend_schema(request=s.ConsultRepliedSerializer, responses=s.ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def consult_replied(self, request: Request, pk=None) -> Response:
        return self.run_step(services.register_consultation_reply, s.ConsultRepliedSerializer)

    @extend_schema(request=s.ExtendSerializer, responses=s.ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def extend(self, request: Request, pk=None) -> Response:
        return self.run_step(services.extend_application, s.ExtendSerializer)

    @extend_schema(request=s.ReplySerializer, responses=s.ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def reply(self, request: Request, pk=None) -> Response:
        return self.run_step(services.reply_application, s.ReplySerializer)

    @extend_schema(request=s.VoidSerializer, responses=s.ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def void(self, request: Request, pk=None) -> Response:
        return self.run_step(services.void_application, s.VoidSerializer)

    @extend_schema(request=s.RemedyInputSerializer, responses=s.ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def remedy(self, request: Request, pk=None) -> Response:
        return self.run_step(services.add_remedy, s.RemedyInputSerializer)

    @extend_schema(request=s.DecisionSerializer, responses=s.ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def abandon(self, request: Request, pk=None) -> Response:
        """待补正 → 视为放弃, decided by the officer with a reason (the task only proposes)."""
        return self.run_step(services.abandon_application, s.DecisionSerializer)

    @extend_schema(request=s.DecisionSerializer, responses=s.ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def reinstate(self, request: Request, pk=None) -> Response:
        """视为放弃 → 待补正 within the report year, with a reason."""
        return self.run_step(services.reinstate_application, s.DecisionSerializer)

    @extend_schema(request=s.FeeNoticeSerializer, responses=s.ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def fee_notice(self, request: Request, pk=None) -> Response:
        return self.run_step(services.send_fee_notice, s.FeeNoticeSerializer)

    @extend_schema(request=s.FeePaidSerializer, responses=s.ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def fee_paid(self, request: Request, pk=None) -> Response:
        return self.run_step(services.register_fee_payment, s.FeePaidSerializer)

    @extend_schema(request=None, responses=s.ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def reissue_code(self, request: Request, pk=None) -> Response:
        return self.run_step(services.reissue_tracking_code, s.EmptySerializer)


@extend_schema(
    responses=OpenApiTypes.OBJECT,
    description=_("政府信息公开工作年度报告表格（第二、三、四部分）及校验结果。"),
)
@api_view(["GET"])
@permission_classes([IsAuthenticated])
def annual_tables_view(request: Request, year: int) -> Response:
    """The tables of the year's 政府信息公开工作年度报告, as the reports app compiles them."""
    if not has_role(request.user, *selectors.READERS):
        raise NotFound(_("未找到。"))
    if not 2000 <= year <= timezone.localdate().year:
        raise ValidationError({"year": [_("年度超出范围（不能是未来年份）。")]})
    return Response(report.annual_tables(year))
