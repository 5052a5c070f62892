"""Which records a user may see, per model: each area registers its selector once (in its
AppConfig.ready) and shared views such as the attachment download ask here."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth import models as auth
from django.db import models
from django.db.models import QuerySet

from .roles import Role, User

Selector = Callable[[auth.User], QuerySet[Any]]
_selectors: dict[type[models.Model], Selector] = {}
_public_selectors: dict[type[models.Model], Callable[[], QuerySet[Any]]] = {}
_personal_data_owners: dict[type[models.Model], Role] = {}


def register(
    model: type[models.Model],
    visible_to: Selector,
    published: Callable[[], QuerySet[Any]] | None = None,
    *,
    personal_data_owner: Role | None = None,
) -> None:
    """`personal_data_owner`: the role that sees the model's personal data unmasked (API.md
    Conventions), for shared pages such as the change history."""
    _selectors[model] = visible_to
    if published is not None:
        _public_selectors[model] = published
    if personal_data_owner is not None:
        _personal_data_owners[model] = personal_data_owner


def personal_data_owner(model: type[models.Model]) -> Role | None:
    return _personal_data_owners.get(model)


def can_see(user: User, obj: models.Model) -> bool:
    """True when `obj` is in its model's staff selector for `user`."""
    selector = _selectors.get(type(obj))
    if selector is None or not user.is_authenticated:
        return False
    return selector(user).filter(pk=obj.pk).exists()


def is_public(obj: models.Model) -> bool:
    """True when `obj` is in its model's public selector (published records)."""
    selector = _public_selectors.get(type(obj))
    return selector is not None and selector().filter(pk=obj.pk).exists()
