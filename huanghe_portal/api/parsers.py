"""API body parsers that refuse control characters and over-long strings with a 400 naming the
field (limits.string_errors), before any serializer or query sees them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, Any

from rest_framework import parsers, serializers
from rest_framework.parsers import DataAndFiles

from huanghe_portal import limits


def _check(data: Any) -> Any:
    errors = limits.string_errors(data)
    if errors:
        raise serializers.ValidationError(errors)
    return data


class CheckedJSONParser(parsers.JSONParser):
    def parse(
        self,
        stream: IO[Any],
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        return _check(super().parse(stream, media_type, parser_context))


class CheckedMultiPartParser(parsers.MultiPartParser):
    def parse(
        self,
        stream: IO[Any],
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> DataAndFiles[Any, Any]:
        parsed = super().parse(stream, media_type, parser_context)
        _check(parsed.data)
        return parsed
