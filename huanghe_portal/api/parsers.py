"""API body parsers that refuse control characters and over-long strings with a 400 naming the
field (limits.string_errors), before any serializer or query sees them."""

from rest_framework import parsers, serializers

from huanghe_portal import limits


def _check(data):
    errors = limits.string_errors(data)
    if errors:
        raise serializers.ValidationError(errors)
    return data


class CheckedJSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        return _check(super().parse(stream, media_type, parser_context))


class CheckedMultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parsed = super().parse(stream, media_type, parser_context)
        _check(parsed.data)
        return parsed
