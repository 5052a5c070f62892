"""OpenAPI generation: component names carry their area (PetitionsReply, DisclosureReply), so
that two areas' serializers of the same class name do not collide in the schema."""

from django.conf import settings
from drf_spectacular.openapi import AutoSchema


class PortalAutoSchema(AutoSchema):
    def get_serializer_name(self, serializer, direction) -> str:
        name = super().get_serializer_name(serializer, direction)
        app = type(serializer).__module__.split(".", 1)[0]
        if app not in settings.AREA_APPS:
            return name
        prefix = "".join(part.title() for part in app.split("_"))
        return name if name.startswith(prefix) else prefix + name
