"""/api/v1/legal-education/: every staff role reads, the educator writes (API.md who-may-do-what);
the public reads events that are not voided."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.decorators import method_decorator
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from huanghe_portal.api.permissions import Gate
from huanghe_portal.public_cache import public_cache
from huanghe_portal.roles import STAFF_ROLES, Role, has_role, signed_in
from huanghe_portal.versioning import requested_version, with_version

from .. import selectors, services
from ..kinds import KINDS, Kind
from . import serializers as s


class RecordViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """List, show, create, PATCH and void; DELETE is not offered (405)."""

    gate = Gate(readers=STAFF_ROLES, writers=(Role.EDUCATOR,))
    input_serializer_class: type = s.serializers.Serializer
    date_field = "held_on"
    kind: Kind  # who sees which, and the services that write it

    def get_queryset(self) -> QuerySet:
        qs = self.kind.visible_to(self.request.user)
        params = self.request.query_params
        return selectors.filter_by_date(
            qs, self.date_field, year=params.get("year"), month=params.get("month")
        )

    def _input(self, request: Request, *, partial: bool = False):
        data = self.input_serializer_class(
            data=request.data, partial=partial, context=self.get_serializer_context()
        )
        data.is_valid(raise_exception=True)
        return data.validated_data

    def _out(self, obj, code=status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(obj).data, status=code)

    def create(self, request: Request) -> Response:
        obj = self.kind.create(actor=signed_in(request.user), **self._input(request))
        return self._out(obj, status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: int | None = None) -> Response:
        update = self.kind.update
        if update is None:
            return Response(status=status.HTTP_405_METHOD_NOT_ALLOWED)
        obj = self.get_object()
        obj = update(
            obj,
            actor=signed_in(request.user),
            version=requested_version(request.data),
            **self._input(request, partial=True),
        )
        return self._out(obj)

    @action(detail=True, methods=["post"])
    def void(self, request: Request, pk: int | None = None) -> Response:
        reason = s.VoidSerializer(data=request.data)
        reason.is_valid(raise_exception=True)
        obj = self.kind.void(
            self.get_object(), actor=signed_in(request.user), **reason.validated_data
        )
        return self._out(obj)


def documented(input_serializer, *, editable: bool = True, **extra):
    """OpenAPI: the input serializer of create and PATCH (405 when not editable), void's reason."""
    return extend_schema_view(
        create=extend_schema(request=input_serializer),
        partial_update=extend_schema(request=with_version(input_serializer), exclude=not editable),
        void=extend_schema(request=s.VoidSerializer),
        **extra,
    )


@documented(
    s.EventInputSerializer,
    photos=extend_schema(request={"multipart/form-data": s.PhotoInputSerializer}),
)
@method_decorator(public_cache("legal_education"), name="dispatch")
class EventViewSet(RecordViewSet):
    """普法活动: the public reads events not voided; staff see all with the void details."""

    gate = Gate(readers=STAFF_ROLES, writers=(Role.EDUCATOR,), public=("list", "retrieve"))
    input_serializer_class = s.EventInputSerializer
    kind = KINDS["event"]
    filterset_fields = ["kind", "village", "status"]
    search_fields = ["title", "place", "organiser", "laws_covered", "summary"]
    ordering_fields = ["held_on", "participants", "materials"]

    def _is_staff(self) -> bool:
        return has_role(self.request.user, *STAFF_ROLES)

    def get_queryset(self) -> QuerySet:
        if self._is_staff():
            qs = super().get_queryset()
        else:
            params = self.request.query_params
            qs = selectors.filter_by_date(
                selectors.events_published(),
                "held_on",
                year=params.get("year"),
                month=params.get("month"),
            )
        when = self.request.query_params.get("when")
        if when == "coming":
            qs = qs.filter(held_on__gte=timezone.localdate())
        elif when == "past":
            qs = qs.filter(held_on__lt=timezone.localdate())
        return qs.order_by("-held_on", "-pk")

    def get_serializer_class(self):
        return s.EventSerializer if self._is_staff() else s.PublicEventSerializer

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is None:
            return None
        return selectors.attach_photos(page, public_only=not self._is_staff())

    @action(detail=True, methods=["post"])
    def photos(self, request: Request, pk: int | None = None) -> Response:
        data = self._input_of(s.PhotoInputSerializer, request)
        services.add_event_photo(
            self.get_object(),
            data["file"],
            actor=signed_in(request.user),
            description=data.get("description", ""),
            is_public=data["is_public"],
        )
        return self._out(self.get_object(), status.HTTP_201_CREATED)

    def _input_of(self, serializer_class, request: Request):
        data = serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        return data.validated_data


@documented(s.ConsultationInputSerializer)
class ConsultationViewSet(RecordViewSet):
    """法治咨询: one record per person-time."""

    serializer_class = s.ConsultationSerializer
    input_serializer_class = s.ConsultationInputSerializer
    date_field = "consulted_on"
    kind = KINDS["consultation"]
    filterset_fields = ["topic", "outcome", "village", "status"]
    search_fields = ["question", "answer_summary", "answered_by"]
    ordering_fields = ["consulted_on"]

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return None if page is None else selectors.attach_dispute_ids(page)


@documented(s.StudySessionInputSerializer)
class StudySessionViewSet(RecordViewSet):
    """干部学法: attendees and absentees are staff accounts."""

    serializer_class = s.StudySessionSerializer
    input_serializer_class = s.StudySessionInputSerializer
    kind = KINDS["study"]
    filterset_fields = ["kind", "status"]
    search_fields = ["subject", "materials"]
    ordering_fields = ["held_on"]

    def get_queryset(self) -> QuerySet:
        return (
            super()
            .get_queryset()
            .prefetch_related("attendees__portal_profile", "absentees__portal_profile")
        )


@documented(s.KnowledgeTestInputSerializer, editable=False)
class KnowledgeTestViewSet(RecordViewSet):
    """法律知识测试: scores are given with the test; a corrected test is voided and re-entered."""

    serializer_class = s.KnowledgeTestSerializer
    input_serializer_class = s.KnowledgeTestInputSerializer
    kind = KINDS["test"]
    filterset_fields = ["status"]
    search_fields = ["subject"]
    ordering_fields = ["held_on"]


@documented(s.LiaisonInputSerializer, trainings=extend_schema(request=s.TrainingInputSerializer))
class LiaisonViewSet(RecordViewSet):
    """法律明白人 roster, with the trainings each attended."""

    serializer_class = s.LiaisonSerializer
    input_serializer_class = s.LiaisonInputSerializer
    date_field = "appointed_on"
    kind = KINDS["liaison"]
    filterset_fields = ["village", "status"]
    search_fields = ["name"]

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().prefetch_related("trainings")

    @action(detail=True, methods=["post"])
    def trainings(self, request: Request, pk: int | None = None) -> Response:
        data = s.TrainingInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.add_liaison_training(
            self.get_object(), actor=signed_in(request.user), **data.validated_data
        )
        return self._out(self.get_object(), status.HTTP_201_CREATED)
