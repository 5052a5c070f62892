"""OpenAPI generation: component names carry their area (PetitionsReply, DisclosureReply), so
that two areas' serializers of the same class name do not collide in the schema."""

from __future__ import annotations

from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers


class PortalAutoSchema(AutoSchema):
    def get_serializer_name(
        self, serializer: serializers.Serializer[Any], direction: Literal["request", "response"]
    ) -> str:
        name = super().get_serializer_name(serializer, direction)
        app = type(serializer).__module__.split(".", 1)[0]
        if app not in settings.AREA_APPS:
            return name
        prefix = "".join(part.title() for part in app.split("_"))
        return name if name.startswith(prefix) else prefix + name

    def _map_serializer_field(
        self,
        field: serializers.Field[Any, Any, Any, Any],
        direction: str,
        bypass_extensions: bool = False,
    ) -> Any:
        # DRF builds a read-only choice field without the model's blank/null, so the schema
        # would promise one of the codes where the record answers "" or null (a petition not
        # yet replied to has outcome ""); take them from the model column.
        if isinstance(field, serializers.ChoiceField) and field.read_only:
            column = _model_column(field)
            if column is not None:
                field.allow_blank = field.allow_blank or column.blank
                field.allow_null = field.allow_null or column.null
        return super()._map_serializer_field(field, direction, bypass_extensions)


def _model_column(field: serializers.Field[Any, Any, Any, Any]) -> Any:
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None or not field.source or "." in field.source:
        return None
    try:
        return model._meta.get_field(field.source)
    except FieldDoesNotExist:
        return None
