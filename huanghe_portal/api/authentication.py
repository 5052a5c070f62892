"""The API's authentication: DRF's token and session schemes, refusing (403, Chinese `detail`)
a user who must first change the password, so the first-login rule holds for the API too."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from drf_spectacular.authentication import SessionScheme
from rest_framework import authentication, exceptions

from ..passwords import PASSWORD_CHANGE_REQUIRED, must_change_password

if TYPE_CHECKING:  # what the mixin below is mixed into
    from rest_framework.request import Request

    _AuthenticationBase = authentication.BaseAuthentication
else:
    _AuthenticationBase = object


class _PasswordChangedFirst(_AuthenticationBase):
    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        result = super().authenticate(request)
        if result is not None and must_change_password(result[0]):
            raise exceptions.PermissionDenied(PASSWORD_CHANGE_REQUIRED)
        return result


class TokenAuthentication(_PasswordChangedFirst, authentication.TokenAuthentication):
    pass


class SessionAuthentication(_PasswordChangedFirst, authentication.SessionAuthentication):
    pass


class PortalSessionScheme(SessionScheme):
    """The OpenAPI description of our session scheme: the same cookie as DRF's."""

    target_class = "huanghe_portal.api.authentication.SessionAuthentication"
