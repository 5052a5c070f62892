"""Test helpers for two people working on the same record at once (issue 13)."""

from __future__ import annotations

import re

from django.test import Client
from rest_framework.test import APIClient

VERSION_INPUT = re.compile(r'<input[^>]*name="version"[^>]*value="(\d+)"|'
                           r'<input[^>]*value="(\d+)"[^>]*name="version"')


def browser(user) -> Client:
    """A separate browser session, logged in as `user`."""
    client = Client()
    client.force_login(user)
    return client


def api(user) -> APIClient:
    """A separate API client, authenticated as `user`."""
    client = APIClient()
    client.force_authenticate(user)
    return client


def form_version(response) -> int:
    """The version an edit page hands back in its hidden field."""
    match = VERSION_INPUT.search(response.content.decode())
    assert match, "the edit form carries no version"
    return int(match.group(1) or match.group(2))
