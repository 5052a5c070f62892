"""Test helpers for two people working on the same record at once (issue 13)."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import TypeVar

from django.test import Client
from rest_framework.test import APIClient

T = TypeVar("T")

VERSION_INPUT = re.compile(
    r'<input[^>]*name="version"[^>]*value="(\d+)"|'
    r'<input[^>]*value="(\d+)"[^>]*name="version"'
)


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


def concurrently(count: int, work: Callable[[], T]) -> list[T]:
    """Run `work` in `count` threads released together (a transactional test on PostgreSQL);
    returns their results. Each thread closes its own database connection."""
    from django.db import connection

    results: list[T] = []
    barrier = threading.Barrier(count)

    def worker() -> None:
        try:
            barrier.wait()
            results.append(work())
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
