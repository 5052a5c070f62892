"""Queueing background work: the one place that calls Celery's apply_async.

A broker that is down never turns a user's action into an error page. The task is sent once the
transaction commits; when sending fails, the failure is logged and the caller's `on_failure`
runs: it marks the job failed with a message so that it can be retried from the page, or, for a
cheap task, runs it in this process so that nothing is lost.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from celery import Task
from django.db import transaction

logger = logging.getLogger(__name__)


def send(task: Task[Any, Any], *args: Any, **kwargs: Any) -> Exception | None:
    """Send now; return the exception when the broker refused it (None when queued)."""
    try:
        task.apply_async(args=args, kwargs=kwargs)
    except Exception as exc:  # noqa: BLE001 - kombu and redis raise many kinds when down
        logger.warning("could not queue %s%r: %s", task.name, args, exc)
        return exc
    return None


def enqueue(
    task: Task[Any, Any],
    *args: Any,
    on_failure: Callable[[Exception], object] | None = None,
    run_inline_on_failure: bool = False,
    **kwargs: Any,
) -> None:
    """Queue `task(*args, **kwargs)` after the current transaction commits.

    When the broker does not take it: call `on_failure(exc)`, or with `run_inline_on_failure`
    run the task here (only for short tasks that are safe to run twice).
    """

    def deliver() -> None:
        exc = send(task, *args, **kwargs)
        if exc is None:
            return
        if run_inline_on_failure:
            task.run(*args, **kwargs)
        if on_failure is not None:
            on_failure(exc)

    transaction.on_commit(deliver)
