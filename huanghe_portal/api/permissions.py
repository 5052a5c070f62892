"""The one role check of the API, taken before a request's body is read.

Every viewset declares a `gate` (who reads, who acts, which actions are public); `RoleGate` answers
in the order API.md fixes: 401 without credentials, 404 for a record the caller may not see, 403
for an action the caller's role may not take — so a wrong role never sees a validation error.
The services keep their own checks (a reviewer must be the assigned one, a leader must approve…);
this gate only refuses early what the services would refuse anyway.

    class DisputeViewSet(...):
        gate = Gate(readers=(MEDIATOR, LEADER, REPORT_OFFICE), writers=(MEDIATOR,))
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rest_framework.exceptions import NotAuthenticated, NotFound, PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission

from ..roles import Role, has_role, refusal_message

if TYPE_CHECKING:  # rest_framework.views imports this module (DEFAULT_PERMISSION_CLASSES)
    from rest_framework.request import Request


@dataclass(frozen=True)
class Gate:
    readers: tuple[Role, ...]
    writers: tuple[Role, ...] = ()
    actions: dict[str, tuple[Role, ...]] = field(default_factory=dict)  # per-action writers
    public: Collection[str] = ()  # actions anyone may call, signed in or not

    def roles_for(self, action: str, method: str) -> tuple[Role, ...] | None:
        """The roles that may take `action`; None for a read (a GET never changes a record)."""
        if method in SAFE_METHODS:
            return None
        return self.actions.get(action, self.writers)


def refuse(roles: Iterable[Role]) -> PermissionDenied:
    return PermissionDenied(refusal_message(roles))


class RoleGate(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:  # our viewsets carry a gate
        gate: Gate | None = getattr(view, "gate", None)
        action = getattr(view, "action", None)
        user = request.user
        signed_in = bool(user and user.is_authenticated)
        if gate is None:  # a view without a gate is for signed-in users
            return signed_in
        if action in gate.public or (action is None and gate.public):
            return True  # a public action, or a method a public resource lacks (405)
        if not signed_in:
            raise NotAuthenticated()
        if action is None:  # a method the resource lacks: DRF answers 405
            return True
        if not has_role(user, *gate.readers):
            if view.detail:
                raise NotFound()
            raise refuse(gate.readers)
        roles = gate.roles_for(action, request.method or "")
        if roles is None:
            return True
        if view.detail:
            view.get_object()  # 404 before 403: the record must be one the caller may see
        if not has_role(user, *roles):
            raise refuse(roles)
        return True
