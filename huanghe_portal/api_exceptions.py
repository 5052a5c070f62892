"""One JSON error shape for the whole API: {"detail": …, "fields": {…}} (API.md Conventions)."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .exceptions import TransitionNotAllowed
from .handover import AlreadyHandedOver
from .middleware import conflict_message, is_unique_violation
from .versioning import StaleVersion


def _flatten(detail: Any) -> list[str]:
    if isinstance(detail, dict):
        return [m for v in detail.values() for m in _flatten(v)]
    if isinstance(detail, list):
        return [m for v in detail for m in _flatten(v)]
    return [str(detail)]


def _current(record: Any, context: dict[str, Any]) -> Any:
    """The record as the caller reads it (masking and all): the view's own serializer, or its
    `represent_current(record)` when the edited record is not the view's (a dispute's party)."""
    view = context["view"]
    represent = getattr(view, "represent_current", None)
    if represent is not None:
        return represent(record)
    return view.get_serializer(record).data


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, StaleVersion):
        return Response(
            {"detail": str(exc), "current": _current(exc.record, context)},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, AlreadyHandedOver):
        return Response(
            {"detail": str(exc), "existing": exc.existing}, status=status.HTTP_409_CONFLICT
        )
    if isinstance(exc, TransitionNotAllowed):
        body: dict[str, Any] = {"detail": str(exc)}
        findings = getattr(exc, "findings", None)
        if findings is not None:  # the personal-data gate (API.md)
            body["findings"] = findings
        return Response(body, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, IntegrityError) and is_unique_violation(exc):
        # A race a service did not serialise: the other request won; nothing was saved.
        return Response({"detail": conflict_message()}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            exc = exceptions.ValidationError(exc.message_dict)
        else:
            exc = exceptions.ValidationError({"non_field_errors": exc.messages})
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(_("未找到。"))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        data = exc.detail
        if isinstance(data, dict):
            fields = {k: _flatten(v) for k, v in data.items()}
        else:
            fields = {"non_field_errors": _flatten(data)}
        first = next(iter(fields.items()))
        label = "" if first[0] == "non_field_errors" else f"{first[0]}: "
        response.data = {
            "detail": _("输入有误：%(first)s") % {"first": label + first[1][0]},
            "fields": fields,
        }
    elif isinstance(response.data, dict) and "detail" in response.data:
        response.data = {"detail": str(response.data["detail"])}
    return response
