"""The disputes API (API.md): one viewset per model, one action per workflow step, each
calling the same service as the HTML page."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from huanghe_portal.api.permissions import Gate
from huanghe_portal.api.steps import RecordViewSet
from huanghe_portal.ledgers import XLSX_CONTENT_TYPE, LedgerImportError
from huanghe_portal.roles import Role, require_role, signed_in

from .. import documents, ledgers, selectors, services
from ..models import Committee, CommitteeMember, Party, ScreeningRound
from . import serializers as s


class DisputeViewSet(RecordViewSet):
    """矛盾纠纷: read by mediators, leaders and the office (masked); written by mediators."""

    gate = Gate(readers=selectors.READERS, writers=(Role.MEDIATOR,))

    filter_backends = [DjangoFilterBackend]
    filterset_class = selectors.DisputeFilter

    def get_queryset(self):
        if self.action == "list":
            return (
                selectors.disputes_visible_to(self.request.user)
                .select_related("village")
                .order_by("-received_on", "-sequence")
            )
        return selectors.dispute_detail(self.request.user).prefetch_related(
            "follow_ups", "mediators"
        )

    def get_serializer_class(self):
        return s.DisputeListSerializer if self.action == "list" else s.DisputeSerializer

    def represent_current(self, record) -> dict:
        """The record a refused PATCH is answered with (a party, or the case)."""
        serializer = s.PartySerializer if isinstance(record, Party) else s.DisputeSerializer
        return serializer(record, context=self.get_serializer_context()).data

    @extend_schema(request=s.DisputeCreateSerializer, responses={201: s.DisputeSerializer})
    def create(self, request: Request, *args, **kwargs) -> Response:
        data = s.DisputeCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        dispute = services.create_dispute(actor=signed_in(request.user), **data.validated_data)
        return self.answer(dispute, status.HTTP_201_CREATED)

    @extend_schema(request=s.DisputeUpdateSerializer, responses=s.DisputeSerializer)
    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        data = s.DisputeUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        dispute = services.update_dispute(
            self.get_object(), actor=signed_in(request.user), **data.validated_data
        )
        return self.answer(dispute)

    @extend_schema(request=s.AcceptSerializer, responses=s.DisputeSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk=None) -> Response:
        return self.run_step(services.accept_dispute, s.AcceptSerializer)

    @extend_schema(request=s.RejectSerializer, responses=s.DisputeSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk=None) -> Response:
        return self.run_step(services.reject_dispute, s.RejectSerializer)

    @extend_schema(request=s.SessionInputSerializer, responses=s.DisputeSerializer)
    @action(detail=True, methods=["post"])
    def sessions(self, request: Request, pk=None) -> Response:
        return self.run_step(services.add_session, s.SessionInputSerializer)

    @extend_schema(request=s.SucceedSerializer, responses=s.DisputeSerializer)
    @action(detail=True, methods=["post"])
    def succeed(self, request: Request, pk=None) -> Response:
        return self.run_step(services.succeed_dispute, s.SucceedSerializer)

    @extend_schema(request=s.FailSerializer, responses=s.DisputeSerializer)
    @action(detail=True, methods=["post"])
    def fail(self, request: Request, pk=None) -> Response:
        return self.run_step(services.fail_dispute, s.FailSerializer)

    @extend_schema(request=s.WithdrawSerializer, responses=s.DisputeSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk=None) -> Response:
        return self.run_step(services.withdraw_dispute, s.WithdrawSerializer)

    @extend_schema(request=s.FollowUpInputSerializer, responses=s.DisputeSerializer)
    @action(detail=True, methods=["post"])
    def follow_up(self, request: Request, pk=None) -> Response:
        return self.run_step(services.add_follow_up, s.FollowUpInputSerializer)

    @extend_schema(request=s.ConfirmationInputSerializer, responses=s.DisputeSerializer)
    @action(detail=True, methods=["post"])
    def judicial_confirmation(self, request: Request, pk=None) -> Response:
        return self.run_step(services.record_judicial_confirmation, s.ConfirmationInputSerializer)

    @extend_schema(request=s.PartyInputSerializer, responses=s.DisputeSerializer)
    @action(detail=True, methods=["post"])
    def parties(self, request: Request, pk=None) -> Response:
        return self.run_step(services.add_party, s.PartyInputSerializer)

    @action(detail=True, methods=["get"], url_path="agreement-pdf")
    def agreement_pdf(self, request: Request, pk=None) -> HttpResponse:
        """The 调解协议书 of a written agreement (PDF)."""
        return documents.agreement_pdf_response(signed_in(request.user), self.get_object())

    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def attachments(self, request: Request, pk=None) -> Response:
        """Upload a file (multipart `file`, optional `description`)."""
        form = request.data
        assert isinstance(form, dict)  # multipart: a QueryDict
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": [_("请选择要上传的文件。")]})
        services.add_dispute_attachment(
            self.get_object(),
            upload,
            actor=signed_in(request.user),
            description=form.get("description", ""),
        )
        return self.answer(self.get_object(), status.HTTP_201_CREATED)

    @action(detail=False, methods=["get"])
    def ledger(self, request: Request) -> HttpResponse:
        """人民调解登记台账 (.xlsx) of the filtered list; masked unless the caller is a mediator."""
        queryset = self.filter_queryset(selectors.disputes_visible_to(request.user))
        response = HttpResponse(
            ledgers.export(signed_in(request.user), queryset), content_type=XLSX_CONTENT_TYPE
        )
        response["Content-Disposition"] = 'attachment; filename="disputes-ledger.xlsx"'
        return response

    @action(
        detail=False, methods=["post"], url_path="ledger/import", parser_classes=[MultiPartParser]
    )
    def ledger_import(self, request: Request) -> Response:
        """Import a ledger (multipart `file`), all or nothing; errors by row and column."""
        require_role(request.user, Role.MEDIATOR)
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": [_("请选择要上传的文件。")]})
        try:
            result = ledgers.import_ledger(upload, actor=signed_in(request.user))
        except LedgerImportError as exc:
            raise ValidationError({"file": [str(e) for e in exc.errors]}) from None
        return Response(result)

    @extend_schema(request=s.PartyUpdateSerializer, responses=s.DisputeSerializer)
    @action(detail=True, methods=["patch"], url_path=r"parties/(?P<party_id>\d+)", url_name="party")
    def party(self, request: Request, pk=None, party_id=None) -> Response:
        """Correct a party of an open case (PATCH any of the party fields)."""
        dispute = self.get_object()
        party = get_object_or_404(dispute.parties, pk=party_id)
        data = s.PartyUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.update_party(party, actor=signed_in(request.user), **data.validated_data)
        return self.answer(dispute)

    @extend_schema(request=s.ArchiveSerializer, responses=s.DisputeSerializer)
    @action(detail=True, methods=["post"])
    def archive(self, request: Request, pk=None) -> Response:
        return self.run_step(services.archive_dispute, s.ArchiveSerializer)

    @extend_schema(request=s.VoidSerializer, responses=s.DisputeSerializer)
    @action(detail=True, methods=["post"])
    def void(self, request: Request, pk=None) -> Response:
        return self.run_step(services.void_dispute, s.VoidSerializer)


class CommitteeViewSet(
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """人民调解委员会 and their members, with the Art 8 warnings."""

    gate = Gate(readers=selectors.READERS, writers=(Role.MEDIATOR,))

    serializer_class = s.CommitteeSerializer

    def get_queryset(self):
        return selectors.committees_visible_to(self.request.user).prefetch_related(
            Prefetch("members", queryset=CommitteeMember.objects.order_by("position", "pk"))
        )

    def perform_create(self, serializer) -> None:
        serializer.instance = services.save_committee(
            Committee(), actor=signed_in(self.request.user), **serializer.validated_data
        )

    def perform_update(self, serializer) -> None:
        serializer.instance = services.save_committee(
            serializer.instance, actor=signed_in(self.request.user), **serializer.validated_data
        )

    @action(detail=True, methods=["post"])
    def members(self, request: Request, pk=None) -> Response:
        committee = self.get_object()
        data = s.MemberSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.save_member(
            CommitteeMember(committee=committee),
            actor=signed_in(request.user),
            **data.validated_data,
        )
        return Response(s.CommitteeSerializer(self.get_queryset().get(pk=committee.pk)).data)


class ScreeningRoundViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """矛盾纠纷排查 rounds."""

    gate = Gate(readers=selectors.READERS, writers=(Role.MEDIATOR,))

    serializer_class = s.ScreeningRoundSerializer

    def get_queryset(self):
        return selectors.screening_rounds_visible_to(self.request.user).prefetch_related("villages")

    def perform_create(self, serializer) -> None:
        serializer.instance = services.create_screening_round(
            actor=signed_in(self.request.user), **serializer.validated_data
        )

    @action(detail=True, methods=["post"])
    def void(self, request: Request, pk=None) -> Response:
        data = s.VoidSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        screening = services.void_screening_round(
            self.get_object(), actor=signed_in(request.user), **data.validated_data
        )
        return Response(
            s.ScreeningRoundSerializer(
                ScreeningRound.objects.prefetch_related("villages").get(pk=screening.pk)
            ).data
        )
