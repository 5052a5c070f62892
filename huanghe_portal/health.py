"""What /healthz reports, each check bounded to well under a second, and the stale-task sweep.

Status: "down" (HTTP 503) when the database or the broker does not answer, "degraded" when the
cache is unreachable or no worker has shown a sign of life within WORKER_HEARTBEAT_MAX_AGE,
otherwise "ok". With no broker configured (tasks run eagerly in-process) broker and worker are ok.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone

from .cache import cache_available

logger = logging.getLogger(__name__)

PROBE_TIMEOUT = 0.5  # seconds, per network probe


def check_database() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - a health check reports every failure
        logger.warning("healthz: database: %s", exc)
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True, "vendor": connection.vendor}


def check_cache() -> dict[str, Any]:
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    return {"ok": cache_available(probe=True), "backend": backend}


def _eager() -> bool:
    from .celery import app

    return bool(app.conf.task_always_eager)


def check_broker() -> dict[str, Any]:
    if _eager():
        return {"ok": True, "mode": "eager"}
    from .celery import app

    url = app.conf.broker_url or ""
    try:
        if url.startswith(("redis://", "rediss://")):
            import redis

            client = redis.Redis.from_url(
                url, socket_connect_timeout=PROBE_TIMEOUT, socket_timeout=PROBE_TIMEOUT
            )
            try:
                client.ping()
            finally:
                client.close()
        else:
            with app.connection_for_write() as conn:
                # kombu-stubs say int; kombu takes seconds as a float
                conn.ensure_connection(max_retries=1, timeout=PROBE_TIMEOUT)  # type: ignore[arg-type]
    except Exception as exc:  # noqa: BLE001 - redis and kombu raise many kinds
        logger.warning("healthz: broker: %s", exc)
        return {"ok": False, "mode": "broker", "error": type(exc).__name__}
    return {"ok": True, "mode": "broker"}


def check_worker(*, broker_ok: bool) -> dict[str, Any]:
    """A heartbeat written by a worker within the last minute, or else an answer to a ping."""
    if _eager():
        return {"ok": True, "mode": "eager", "workers": 0}
    from .models import WorkerHeartbeat

    max_age = settings.WORKER_HEARTBEAT_MAX_AGE
    last = WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True).first()
    age = (timezone.now() - last).total_seconds() if last else None
    if age is not None and age <= max_age:
        return {"ok": True, "mode": "broker", "heartbeat_age": round(age)}
    workers = 0
    if broker_ok:
        from .celery import app

        try:
            workers = len(app.control.ping(timeout=PROBE_TIMEOUT) or [])
        except Exception as exc:  # noqa: BLE001
            logger.warning("healthz: worker ping: %s", exc)
    result = {"ok": workers > 0, "mode": "broker", "workers": workers}
    if age is not None:
        result["heartbeat_age"] = round(age)
    return result


def report() -> tuple[str, dict[str, Any]]:
    """(status, checks) with status one of "ok", "degraded", "down"."""
    started = time.monotonic()
    checks: dict[str, Any] = {
        "database": check_database(),
        "cache": check_cache(),
        "broker": check_broker(),
    }
    database_ok = checks["database"]["ok"]
    checks["worker"] = (
        check_worker(broker_ok=checks["broker"]["ok"])
        if database_ok
        else {"ok": False, "error": "database"}
    )
    if not (database_ok and checks["broker"]["ok"]):
        status = "down"
    elif all(check["ok"] for check in checks.values()):
        status = "ok"
    else:
        status = "degraded"
    checks["elapsed_ms"] = round((time.monotonic() - started) * 1000)
    return status, checks


def sweep_stale_task_results(*, now: dt.datetime | None = None) -> int:
    """Task results left "STARTED" beyond the hard time limit belong to a worker that died (a
    kill -9, a lost machine): mark them failed so nothing shows "running" forever."""
    from django_celery_results.models import TaskResult

    now = now or timezone.now()
    limit = now - dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    return TaskResult.objects.filter(status="STARTED", date_done__lt=limit).update(
        status="FAILURE",
        date_done=now,
        result='{"exc_type": "WorkerLostError", "exc_message": ["swept: worker lost"]}',
    )
