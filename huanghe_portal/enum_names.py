"""Names of the OpenAPI enums, computed from the area models' choice fields.

Several areas have fields called `status`, `kind` or `result` with different choice sets;
drf-spectacular would name them Status180Enum and warn. This mapping (settings'
ENUM_NAME_OVERRIDES) names each set after its first model and field, e.g. DisputeStatusEnum.
It is computed on first use, from the app registry, so this module imports nothing at start-up.
"""

from collections.abc import Iterator, Mapping
from typing import Any


class AreaEnumNames(Mapping[str, Any]):
    def __init__(self) -> None:
        self._names: dict[str, list[Any]] | None = None

    def _build(self) -> dict[str, list[Any]]:
        from django.apps import apps
        from django.conf import settings

        names: dict[str, list[Any]] = {}
        seen: set[tuple[Any, ...]] = set()
        for app in settings.AREA_APPS:
            for model in apps.get_app_config(app).get_models():
                if model.__name__.startswith("Historical"):
                    continue
                for field in model._meta.concrete_fields:
                    if not field.choices:
                        continue
                    choices = [(k, v) for k, v in field.flatchoices if k not in ("", None)]
                    key = tuple((k, str(v)) for k, v in choices)
                    if key in seen:
                        continue
                    seen.add(key)
                    camel = "".join(p.title() for p in field.name.split("_"))
                    names[f"{model.__name__}{camel}Enum"] = choices
        return names

    def _mapping(self) -> dict[str, list[Any]]:
        if self._names is None:
            self._names = self._build()
        return self._names

    def __getitem__(self, key: str) -> list[Any]:
        return self._mapping()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._mapping())

    def __len__(self) -> int:
        return len(self._mapping())
