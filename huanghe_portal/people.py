"""How a staff member is named wherever the portal shows one: pages, PDFs, ledgers, the API."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser


def display_name(user: AbstractBaseUser | None) -> str:
    """The profile's full name, else the account's first name, else the username ("" for none).

    Reads `user.portal_profile` (select_related("…portal_profile") on lists)."""
    if user is None:
        return ""
    profile = getattr(user, "portal_profile", None)
    return (
        (profile.full_name if profile is not None else "")
        or getattr(user, "first_name", "")
        or user.get_username()
    )
