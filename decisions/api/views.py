"""/api/v1/decisions/: one action per procedure step, each calling the same service as the
HTML side."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action, api_view, permission_classes, throttle_classes
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from huanghe_portal.api.permissions import Gate
from huanghe_portal.api.steps import RecordViewSet
from huanghe_portal.api.throttles import PublicSubmitThrottle
from huanghe_portal.roles import STAFF_ROLES, Role, signed_in

from .. import selectors, services
from ..models import LegalAdviser
from . import serializers as s


class MatterViewSet(RecordViewSet):
    """决策事项. Read: all staff roles. Create and steps: see API.md (decisions)."""

    gate = Gate(
        readers=STAFF_ROLES,
        writers=(Role.LEADER, Role.REPORT_OFFICE),
        actions={
            "conclude_review": (Role.LEGAL_REVIEWER, Role.LEGAL_ADVISER),
            "discuss": (Role.LEADER,),
            "sign_off": (Role.LEADER,),
        },
    )

    filter_backends: list = []
    output_serializer_class = s.MatterSerializer

    def get_queryset(self):
        if self.action == "list":
            return selectors.filter_matters(
                selectors.matters_visible_to(self.request.user),
                self.request.query_params,
                self.request.user,
            )
        return selectors.with_records(selectors.matters_visible_to(self.request.user))

    def get_serializer_class(self):
        if self.action == "list":
            return s.MatterListSerializer
        if self.action == "create":
            return s.MatterCreateSerializer
        return s.MatterSerializer

    def create(self, request: Request, *args, **kwargs) -> Response:
        data = s.MatterCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        matter = services.create_matter(actor=signed_in(request.user), **data.validated_data)
        return self.answer(matter, status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        """Correct the 启动日期 (`{opened_on}`), only until the first step is recorded."""
        return self.run_step(services.change_opened_on, s.OpenedOnInput)

    @action(detail=True, methods=["post"])
    def public_comment(self, request: Request, pk=None) -> Response:
        return self.run_step(services.open_comment_window, s.CommentWindowInput)

    @action(detail=True, methods=["post"])
    def adoption(self, request: Request, pk=None) -> Response:
        matter = self.get_object()
        data = s.AdoptionInput(data=request.data)
        data.is_valid(raise_exception=True)
        window = get_object_or_404(matter.comment_windows, pk=data.validated_data["window"])
        services.summarise_adoption(
            window,
            actor=signed_in(request.user),
            adoption_summary=data.validated_data["adoption_summary"],
            adopted=data.validated_data["adopted"],
            acknowledge=data.validated_data["acknowledge"],
        )
        return self.answer(matter)

    @action(detail=True, methods=["post"])
    def hearing(self, request: Request, pk=None) -> Response:
        return self.run_step(services.record_hearing, s.HearingInput)

    @action(detail=True, methods=["post"])
    def expert_review(self, request: Request, pk=None) -> Response:
        return self.run_step(services.record_expert_review, s.ExpertReviewInput)

    @action(detail=True, methods=["post"])
    def risk_assessment(self, request: Request, pk=None) -> Response:
        return self.run_step(services.record_risk_assessment, s.RiskAssessmentInput)

    @action(detail=True, methods=["post"])
    def submit_review(self, request: Request, pk=None) -> Response:
        return self.run_step(services.submit_review, s.SubmitReviewInput)

    @action(detail=True, methods=["post"])
    def conclude_review(self, request: Request, pk=None) -> Response:
        return self.run_step(services.conclude_review, s.ConcludeReviewInput)

    @action(detail=True, methods=["post"])
    def discuss(self, request: Request, pk=None) -> Response:
        return self.run_step(services.discuss_matter, s.DiscussInput)

    @action(detail=True, methods=["post"])
    def sign_off(self, request: Request, pk=None) -> Response:
        return self.run_step(services.sign_off_matter, s.SignOffInput)

    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk=None) -> Response:
        return self.run_step(services.publish_matter, s.PublishInput)

    @action(detail=True, methods=["post"])
    def void(self, request: Request, pk=None) -> Response:
        return self.run_step(services.void_matter, s.VoidInput)

    @action(detail=True, methods=["post"])
    def register_document(self, request: Request, pk=None) -> Response:
        return self.run_step(services.register_document, s.RegisterDocumentInput)

    @action(detail=True, methods=["post"])
    def repeal(self, request: Request, pk=None) -> Response:
        return self.run_step(services.repeal_document, s.RepealInput)

    @action(detail=True, methods=["post"])
    def evaluation(self, request: Request, pk=None) -> Response:
        return self.run_step(services.record_evaluation, s.EvaluationInput)


class LegalAdviserViewSet(
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """法律顾问: read by all staff; recorded by the office or a leader."""

    gate = Gate(readers=STAFF_ROLES, writers=(Role.LEADER, Role.REPORT_OFFICE))

    serializer_class = s.LegalAdviserSerializer
    search_fields = ["name", "firm"]

    def get_queryset(self):
        return selectors.advisers_visible_to(self.request.user)

    http_method_names = ["get", "post", "patch", "head", "options"]

    def perform_create(self, serializer):
        serializer.instance = services.save_adviser(
            LegalAdviser(), actor=signed_in(self.request.user), **serializer.validated_data
        )

    def perform_update(self, serializer):
        """PATCH: send the `version` read (409 when stale or missing)."""
        serializer.instance = services.save_adviser(
            serializer.instance, actor=signed_in(self.request.user), **serializer.validated_data
        )

    @action(detail=True, methods=["post"])
    def void(self, request: Request, pk=None) -> Response:
        data = s.VoidInput(data=request.data)
        data.is_valid(raise_exception=True)
        adviser = services.void_adviser(
            self.get_object(), actor=signed_in(request.user), **data.validated_data
        )
        return Response(s.LegalAdviserSerializer(adviser).data)


@extend_schema(responses=s.PublicWindowSerializer(many=True))
@api_view(["GET"])
@permission_classes([AllowAny])
def public_drafts(request: Request) -> Response:
    """Drafts open for public comment today (public)."""
    windows = selectors.open_windows()
    return Response(s.PublicWindowSerializer(windows, many=True).data)


@extend_schema(
    request=s.PublicCommentInput,
    responses={
        201: inline_serializer(
            "DecisionsPublicCommentCreated",
            {"id": serializers.IntegerField(), "submitted_on": serializers.DateField()},
        )
    },
)
@api_view(["POST"])
@permission_classes([AllowAny])
@throttle_classes([PublicSubmitThrottle])
def public_comment_create(request: Request, pk: int) -> Response:
    """A comment on an open draft (public, throttled)."""
    window = get_object_or_404(selectors.open_windows(), pk=pk)
    data = s.PublicCommentInput(data=request.data)
    data.is_valid(raise_exception=True)
    comment = services.submit_public_comment(
        window,
        content=data.validated_data["content"],
        commenter_name=data.validated_data["commenter_name"],
    )
    return Response(
        {"id": comment.pk, "submitted_on": comment.submitted_on.isoformat()},
        status=status.HTTP_201_CREATED,
    )
