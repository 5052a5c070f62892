"""Run one call from many threads at once, each on its own database connection."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connection


def run_concurrently(call: Callable[[int], object], times: int = 30) -> list:
    """Start `times` threads that wait at a barrier, then call `call(i)` together. Returns each
    call's result or the exception it raised, in thread order."""
    results: list = [None] * times
    barrier = threading.Barrier(times)

    def worker(i: int) -> None:
        try:
            barrier.wait()
            results[i] = call(i)
        except Exception as exc:  # noqa: BLE001 - returned to the test, which asserts on it
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
