"""State-machine helpers shared by every area: models keep a TRANSITIONS dict, services call these."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, ClassVar, Protocol, TypeVar, cast

from django.db import models
from django.db.models.options import Options
from django.utils.translation import gettext as _

from .exceptions import TransitionNotAllowed
from .roles import Role, User, require_role

M = TypeVar("M", bound=models.Model)


class Stateful(Protocol):
    """A model with a `status` field and its TRANSITIONS map (current -> allowed targets)."""

    _meta: ClassVar[Options[Any]]

    @property
    def TRANSITIONS(self) -> Mapping[Any, Collection[str]]: ...  # noqa: N802 (the models' name)

    @property
    def status(self) -> str: ...


def _status_labels(record: Stateful) -> dict[str, str]:
    status_field = record._meta.get_field("status")
    assert isinstance(status_field, models.Field)
    return {value: str(label) for value, label in status_field.flatchoices}


def can_transition(record: Stateful, target: str) -> bool:
    return target in record.TRANSITIONS.get(record.status, set())


def transition_refusal(record: Stateful, target: str) -> str:
    """Why `record` may not move to `target`, naming both states."""
    labels = _status_labels(record)
    return _("当前状态为“%(current)s”，不能变更为“%(target)s”。") % {
        "current": labels.get(record.status, record.status),
        "target": labels.get(target, target),
    }


def status_refusal(record: Stateful, action: str) -> str:
    """Why a step that keeps the status may not be taken in the record's state."""
    labels = _status_labels(record)
    return _("当前状态为“%(current)s”，不能%(action)s。") % {
        "current": labels.get(record.status, record.status),
        "action": action,
    }


def require_transition(record: Stateful, target: str) -> None:
    """Raise TransitionNotAllowed, naming both states, unless `record` may move to `target`."""
    if not can_transition(record, target):
        raise TransitionNotAllowed(transition_refusal(record, target))


def require_status(record: Stateful, *allowed: str, action: str) -> None:
    """For steps that do not change the status (adding a session, a follow-up visit)."""
    if record.status not in allowed:
        raise TransitionNotAllowed(status_refusal(record, action))


def lock(record: M) -> M:
    """A fresh copy of `record` with its row locked until the transaction ends (through the base
    manager: the row itself, whatever a default manager would filter)."""
    return type(record)._base_manager.select_for_update().get(pk=record.pk)


def begin_step(record: M, actor: User, *roles: Role, to: str | None = None) -> M:
    """The opening of every workflow service, in the house order: lock the record's row, check
    the actor's role, then (with `to`) that the record may move to that state. Returns the locked
    copy, which the service goes on with.

        petition = begin_step(petition, actor, *CLERK, to=Petition.Status.REPLIED)
    """
    locked = lock(record)
    require_role(actor, *roles)
    if to is not None:
        # A record that is asked to move has a status and its TRANSITIONS (Stateful), which
        # the type of a plain model cannot say.
        require_transition(cast(Stateful, locked), to)
    return locked
