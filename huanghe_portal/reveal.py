"""Personal data on staff pages, one way for every area (DOMAIN §9.2; API.md for the API side).

Everyone sees ID numbers, phones and names of private persons masked by default. The area's own
role (and superusers, `personal_data.may_see_unmasked`) reveals a value with one click: the link
`?reveal=<field>` beside it (or `?reveal=1` for every field of the page, as the party table of a
dispute offers). Each value shown unmasked is audited (`personal_data.record_access`, one
PersonalDataAccess row per value). Another role asking gets the masked page and no audit row.

Views: `personal = reveal.values(request, obj, {"id_number": "id_number", "phone": "phone"},
owner_role=Role.PETITION_CLERK)`; templates show each with
`{% include "includes/personal_value.html" with value=personal.phone %}`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import models
from django.http import HttpRequest

from .personal_data import mask, may_see_unmasked, record_access
from .roles import Role, signed_in

PARAM = "reveal"
EVERY_FIELD = "1"


@dataclass(frozen=True)
class Shown:
    """One personal value as the page shows it."""

    text: str  # masked, or in full when revealed
    field: str
    revealed: bool
    can_reveal: bool  # a masked, non-empty value this user may reveal with one click

    def __str__(self) -> str:
        return self.text


def requested(request: HttpRequest, fields: Iterable[str], *, owner_role: Role) -> set[str]:
    """The fields this request reveals: those asked for, and only for the owning role."""
    fields = set(fields)
    asked = set(request.GET.getlist(PARAM))
    if not asked or not may_see_unmasked(request.user, owner_role):
        return set()
    return fields if EVERY_FIELD in asked else asked & fields


def values_of(
    request: HttpRequest, objects: list[models.Model], kinds: Mapping[str, str], *, owner_role: Role
) -> dict[int, dict[str, Shown]]:
    """{pk: {field: Shown}} for a list of records on one page (a dispute's parties)."""
    reveal = requested(request, kinds, owner_role=owner_role)
    may = may_see_unmasked(request.user, owner_role)
    shown: dict[int, dict[str, Shown]] = {obj.pk: {} for obj in objects}
    for field, kind in kinds.items():
        read = []
        for obj in objects:
            value = getattr(obj, field) or ""
            full = field in reveal and bool(value)
            if full:
                read.append(obj)
            shown[obj.pk][field] = Shown(
                text=value if full else mask(kind, value),
                field=field,
                revealed=full,
                can_reveal=may and bool(value) and not full,
            )
        if read:  # revealed only to the owning role: a signed-in user
            record_access(signed_in(request.user), read, field)
    return shown


def values(
    request: HttpRequest, obj: models.Model, kinds: Mapping[str, str], *, owner_role: Role
) -> dict[str, Shown]:
    """{field: Shown} of one record; `kinds` maps each field to its mask (personal_data.MASKS)."""
    return values_of(request, [obj], kinds, owner_role=owner_role)[obj.pk]
