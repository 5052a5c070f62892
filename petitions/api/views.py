"""The petitions API: one viewset per model, one action per step (STYLE §3.4)."""

from django.db import transaction
from django.utils.decorators import method_decorator
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action, api_view, permission_classes, throttle_classes
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from huanghe_portal.api.permissions import Gate
from huanghe_portal.api.steps import RecordViewSet
from huanghe_portal.api.throttles import PublicSubmitThrottle
from huanghe_portal.limits import parse_year
from huanghe_portal.public_cache import public_cache
from huanghe_portal.roles import Role, has_role, signed_in

from .. import selectors, services
from ..models import Petition
from . import serializers as s


class PetitionViewSet(RecordViewSet):
    """信访件. Read: petition_clerk, leader, report_office; create and steps: petition_clerk."""

    gate = Gate(
        readers=selectors.READERS,
        writers=(Role.PETITION_CLERK,),
        actions={"assign_leader": (Role.PETITION_CLERK, Role.LEADER)},
    )

    serializer_class = s.PetitionSerializer

    def get_queryset(self):
        qs = selectors.petitions_visible_to(self.request.user)
        if self.action == "list":
            qs = selectors.filter_petitions(qs, self.request.query_params, self.request.user)
        return qs

    @extend_schema(request=s.PetitionCreateSerializer, responses=s.PetitionSerializer)
    def create(self, request: Request, *args, **kwargs) -> Response:
        data = s.PetitionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        petition = services.register_petition(actor=signed_in(request.user), **data.validated_data)
        return Response(self.represent(petition), status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ClassifySerializer)
    @action(detail=True, methods=["post"])
    def classify(self, request: Request, pk=None) -> Response:
        return self.run_step(services.classify_petition, s.ClassifySerializer)

    @extend_schema(request=s.AcceptSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk=None) -> Response:
        return self.run_step(services.accept_petition, s.AcceptSerializer)

    @extend_schema(request=s.NotAcceptSerializer)
    @action(detail=True, methods=["post"])
    def not_accept(self, request: Request, pk=None) -> Response:
        return self.run_step(services.not_accept_petition, s.NotAcceptSerializer)

    @extend_schema(request=s.ExtendSerializer)
    @action(detail=True, methods=["post"])
    def extend(self, request: Request, pk=None) -> Response:
        return self.run_step(services.extend_petition_deadline, s.ExtendSerializer)

    @extend_schema(request=s.ReplySerializer)
    @action(detail=True, methods=["post"])
    def reply(self, request: Request, pk=None) -> Response:
        return self.run_step(services.reply_petition, s.ReplySerializer)

    @extend_schema(request=s.ReviewRequestSerializer)
    @action(detail=True, methods=["post"])
    def review_request(self, request: Request, pk=None) -> Response:
        return self.run_step(services.request_review, s.ReviewRequestSerializer)

    @extend_schema(request=s.ReviewResultSerializer)
    @action(detail=True, methods=["post"])
    def review_result(self, request: Request, pk=None) -> Response:
        return self.run_step(services.record_review_result, s.ReviewResultSerializer)

    @extend_schema(request=s.SatisfactionSerializer)
    @action(detail=True, methods=["post"])
    def satisfaction(self, request: Request, pk=None) -> Response:
        return self.run_step(services.record_satisfaction, s.SatisfactionSerializer)

    @extend_schema(request=s.VoidSerializer)
    @action(detail=True, methods=["post"])
    def void(self, request: Request, pk=None) -> Response:
        return self.run_step(services.void_petition, s.VoidSerializer)

    @extend_schema(request=s.AssignLeaderSerializer)
    @action(detail=True, methods=["post"])
    def assign_leader(self, request: Request, pk=None) -> Response:
        return self.run_step(services.assign_leader, s.AssignLeaderSerializer)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def reissue_code(self, request: Request, pk=None) -> Response:
        petition = services.reissue_tracking_code(self.get_object(), actor=signed_in(request.user))
        return Response({**self.represent(petition), "tracking_code": petition.tracking_code})

    @extend_schema(request=s.MediationSerializer)
    @action(detail=True, methods=["post"])
    def refer_to_mediation(self, request: Request, pk=None) -> Response:
        data = s.MediationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        petition = self.get_object()
        dispute = services.refer_to_mediation(
            petition, actor=signed_in(request.user), **data.validated_data
        )
        return Response({**self.represent(petition), "dispute": dispute.pk})

    @extend_schema(request=s.HotlineOrderSerializer(many=True))
    @action(detail=False, methods=["post"], url_path="import-12345")
    def import_hotline(self, request: Request) -> Response:
        """12345 work orders: a list; a ticket number already registered is skipped."""
        data = s.HotlineOrderSerializer(data=request.data, many=True)
        data.is_valid(raise_exception=True)
        created, skipped = [], []
        with transaction.atomic():
            for order in data.validated_data:
                ticket = order.pop("ticket_no")
                if Petition.objects.filter(hotline_ticket_no=ticket).exists():
                    skipped.append(ticket)
                    continue
                petition = services.register_petition(
                    actor=signed_in(request.user),
                    channel=Petition.Channel.PHONE,
                    source=Petition.Source.HOTLINE_12345,
                    hotline_ticket_no=ticket,
                    **order,
                )
                created.append(petition.pk)
        return Response({"created": created, "skipped": skipped}, status=status.HTTP_201_CREATED)


@method_decorator(public_cache("petitions"), name="dispatch")
class ReceptionDayViewSet(RecordViewSet):
    """领导接访日: the schedule is public; petition clerks and leaders create them."""

    gate = Gate(
        readers=selectors.READERS,
        writers=(Role.PETITION_CLERK, Role.LEADER),
        public=("list", "retrieve"),
    )

    def get_serializer_class(self):
        if has_role(self.request.user, *selectors.READERS):
            return s.ReceptionDayStaffSerializer
        return s.ReceptionDaySerializer

    def get_queryset(self):
        if self.request.user.is_authenticated and self.action not in ("list", "retrieve"):
            return selectors.reception_days_visible_to(self.request.user)
        qs = selectors.reception_days_published().prefetch_related("records")
        if year := parse_year(self.request.query_params.get("year")):
            qs = qs.filter(date__year=year)
        return qs

    @extend_schema(request=s.ReceptionDayCreateSerializer)
    def create(self, request: Request, *args, **kwargs) -> Response:
        data = s.ReceptionDayCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        day = services.create_reception_day(actor=signed_in(request.user), **data.validated_data)
        return Response(s.ReceptionDayStaffSerializer(day).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ReceptionRecordCreateSerializer)
    @action(detail=True, methods=["post"])
    def records(self, request: Request, pk=None) -> Response:
        data = s.ReceptionRecordCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        record = services.add_reception_record(
            self.get_object(), actor=signed_in(request.user), **data.validated_data
        )
        return Response(s.ReceptionRecordSerializer(record).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.VoidSerializer)
    @action(detail=True, methods=["post"])
    def void(self, request: Request, pk=None) -> Response:
        return self.run_step(services.void_reception_day, s.VoidSerializer)


class DeputySuggestionViewSet(RecordViewSet):
    """人大代表建议: petition clerks register and reply."""

    gate = Gate(readers=selectors.READERS, writers=(Role.PETITION_CLERK,))

    serializer_class = s.SuggestionSerializer
    search_fields = ["deputy_name", "summary"]

    def get_queryset(self):
        qs = selectors.suggestions_visible_to(self.request.user)
        params = self.request.query_params
        if status_ := params.get("status"):
            qs = qs.filter(status=status_)
        if year := parse_year(params.get("year")):
            qs = qs.filter(assigned_on__year=year).exclude(status="voided")
        return qs

    @extend_schema(request=s.SuggestionCreateSerializer)
    def create(self, request: Request, *args, **kwargs) -> Response:
        data = s.SuggestionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        suggestion = services.create_suggestion(
            actor=signed_in(request.user), **data.validated_data
        )
        return Response(self.represent(suggestion), status=status.HTTP_201_CREATED)

    @extend_schema(request=s.SuggestionReplySerializer)
    @action(detail=True, methods=["post"])
    def reply(self, request: Request, pk=None) -> Response:
        return self.run_step(services.reply_suggestion, s.SuggestionReplySerializer)

    @extend_schema(request=s.SuggestionFeedbackSerializer)
    @action(detail=True, methods=["post"])
    def feedback(self, request: Request, pk=None) -> Response:
        return self.run_step(services.record_suggestion_feedback, s.SuggestionFeedbackSerializer)

    @extend_schema(request=s.VoidSerializer)
    @action(detail=True, methods=["post"])
    def void(self, request: Request, pk=None) -> Response:
        return self.run_step(services.void_suggestion, s.VoidSerializer)


@extend_schema(request=s.PublicPetitionSerializer, responses={201: dict})
@api_view(["POST"])
@permission_classes([AllowAny])
@throttle_classes([PublicSubmitThrottle])
def public_petition_create(request: Request) -> Response:
    """网上信访: public, throttled; answers the tracking code and the acceptance due date."""
    data = s.PublicPetitionSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    petition = services.submit_online_petition(**data.validated_data)
    return Response(
        {
            "tracking_code": petition.tracking_code,
            "received_on": petition.received_on.isoformat(),
            "acceptance_due": petition.acceptance_due.isoformat(),
        },
        status=status.HTTP_201_CREATED,
    )
