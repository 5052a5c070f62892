"""The API twin of `huanghe_portal.steps`: one way for a viewset to run a workflow step.

An area's viewset mixes in `StepViewSetMixin` and declares one `@action` per step of API.md,
each a single call:

    @extend_schema(request=s.AcceptSerializer, responses=s.DisputeSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str | None = None) -> Response:
        return self.run_step(services.accept_dispute, s.AcceptSerializer)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext as _
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import NotAuthenticated
from rest_framework.response import Response

from ..roles import signed_in
from ..versioning import once, requested_version

if TYPE_CHECKING:  # what the mixin is mixed into
    from rest_framework.generics import GenericAPIView

    _Base = GenericAPIView[Any]
else:
    _Base = object


class StepViewSetMixin(_Base):
    """Run a step as the pages do: the record as the caller may see it (404 otherwise), the
    step's input validated (400 with the field), its service called once under the record's
    lock with the actor and the `version` the caller read (409 when stale), and the whole fresh
    record in the answer — by `output_serializer_class` where the viewset's own serializer is
    another (a create serializer, say)."""

    output_serializer_class: type[serializers.Serializer[Any]] | None = None

    def run_step(
        self,
        service: Callable[..., Any],
        input_class: type[serializers.Serializer[Any]] | None = None,
        *,
        rename: Mapping[str, str] | None = None,
        **extra: Any,
    ) -> Response:
        """`rename` maps an input field to the service's argument where API.md names it
        otherwise; `extra` are fixed arguments of this endpoint (e.g. the review's outcome)."""
        if not self.request.user.is_authenticated:
            raise NotAuthenticated(_("请先登录。"))
        record = self.get_object()
        arguments: dict[str, Any] = {}
        if input_class is not None:
            data = input_class(data=self.request.data)
            data.is_valid(raise_exception=True)
            arguments = {(rename or {}).get(k, k): v for k, v in data.validated_data.items()}
        once(service, record)(
            actor=signed_in(self.request.user),
            version=requested_version(self.request.data),
            **arguments,
            **extra,
        )
        return self.answer(record)

    def represent(self, record: models.Model) -> dict[str, Any]:
        """The record as it is now, as this viewset shows it to the caller."""
        fresh = self.get_queryset().get(pk=record.pk)
        if self.output_serializer_class is None:
            return dict(self.get_serializer(fresh).data)
        return dict(self.output_serializer_class(fresh, context=self.get_serializer_context()).data)

    def answer(self, record: models.Model, code: int = status.HTTP_200_OK) -> Response:
        return Response(self.represent(record), status=code)


class RecordViewSet(
    StepViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Any],
):
    """A workflow record's viewset: list, read and create, and its steps as `@action`s."""
