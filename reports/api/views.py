from django.utils.decorators import method_decorator
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from huanghe_portal.api.permissions import Gate
from huanghe_portal.api.serializers import AcknowledgeSerializer
from huanghe_portal.public_cache import public_cache
from huanghe_portal.roles import STAFF_ROLES, Role, signed_in

from .. import selectors, services
from .serializers import (
    ManualFigureSerializer,
    ReportCreateSerializer,
    ReportSerializer,
    ReportUpdateSerializer,
)


@method_decorator(public_cache("reports"), name="dispatch")
class ReportViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """年度报告. Anyone reads published reports (API.md: "public once published"; the selector
    decides); report_office compiles and takes the steps, a leader approves."""

    gate = Gate(
        readers=STAFF_ROLES,
        writers=(Role.REPORT_OFFICE,),
        actions={
            "approve": (Role.LEADER,),
            "render": (Role.REPORT_OFFICE, Role.LEADER),
            "retry_render": (Role.REPORT_OFFICE, Role.LEADER),
        },
        public=("list", "retrieve"),
    )
    serializer_class = ReportSerializer
    search_fields = ["title"]
    filterset_fields = ["year", "kind", "status"]
    http_method_names = ["get", "post", "patch", "head", "options"]  # never DELETE (405)

    def get_queryset(self):
        return selectors.reports_visible_to(self.request.user)

    def _out(self, report, code=status.HTTP_200_OK) -> Response:
        return Response(
            ReportSerializer(report, context=self.get_serializer_context()).data, status=code
        )

    def create(self, request: Request) -> Response:
        data = ReportCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.create_report(actor=signed_in(request.user), **data.validated_data)
        return self._out(report, status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: int | None = None) -> Response:
        data = ReportUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        report = services.update_report(
            self.get_object(),
            actor=signed_in(request.user),
            texts=values.pop("sections", None),
            **values,
        )
        return self._out(report)

    def update(self, request: Request, pk: int | None = None) -> Response:
        return self.partial_update(request, pk)

    @action(detail=True, methods=["post"])
    def recompile(self, request: Request, pk: int | None = None) -> Response:
        return self._out(
            services.recompile_report(self.get_object(), actor=signed_in(request.user))
        )

    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: int | None = None) -> Response:
        return self._out(services.submit_report(self.get_object(), actor=signed_in(request.user)))

    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: int | None = None) -> Response:
        return self._out(services.approve_report(self.get_object(), actor=signed_in(request.user)))

    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: int | None = None) -> Response:
        data = AcknowledgeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.publish_report(
            self.get_object(), actor=signed_in(request.user), **data.validated_data
        )
        return self._out(report)

    @action(detail=True, methods=["post"])
    def render(self, request: Request, pk: int | None = None) -> Response:
        # Like every step, the whole record; its `pdf` shows the queued job.
        job = services.request_render(self.get_object(), actor=signed_in(request.user))
        return self._out(job.report, code=status.HTTP_202_ACCEPTED)

    @action(detail=True, methods=["post"], url_path="retry-render")
    def retry_render(self, request: Request, pk: int | None = None) -> Response:
        job = services.retry_report_render(self.get_object(), actor=signed_in(request.user))
        return self._out(job.report, code=status.HTTP_202_ACCEPTED)

    @action(detail=True, methods=["post"], url_path="manual-figures")
    def manual_figures(self, request: Request, pk: int | None = None) -> Response:
        data = ManualFigureSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = self.get_object()
        services.set_manual_figure(report, actor=signed_in(request.user), **data.validated_data)
        return self._out(report)
