"""Redis configured but stopped: the portal keeps serving; /healthz tells the truth quickly.

The Redis here is one this test starts itself on a port of its own (never the machine's 6379),
stops while the portal is in use, and starts again.
"""

import datetime as dt
import shutil
import socket
import subprocess
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from huanghe_portal import health, jobs
from huanghe_portal.celery import app
from huanghe_portal.models import WorkerHeartbeat
from huanghe_portal.tasks import heartbeat_task

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

PORTS = range(6451, 6460)


def _free_port() -> int:
    for port in PORTS:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) != 0:
                return port
    pytest.skip("no free port for a private redis-server in 6451-6459")


class PrivateRedis:
    def __init__(self):
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def redis_server():
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    server = PrivateRedis()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_configured(settings, redis_server):
    """The portal as production runs it: cache and broker on that Redis, no eager tasks."""
    # First: Celery's conf reads Django's settings lazily.
    previous = (app.conf.task_always_eager, app.conf.broker_url)
    settings.CACHES = {
        "default": {
            "BACKEND": "huanghe_portal.cache.ResilientRedisCache",
            "LOCATION": redis_server.url,
        }
    }
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    app.conf.broker_url = redis_server.url
    app._pool = app.amqp._producer_pool = None
    yield redis_server
    app.conf.task_always_eager, app.conf.broker_url = previous
    app._pool = app.amqp._producer_pool = None


@pytest.fixture
def data(township, village, mediator):
    return {"staff": mediator}


def _timed_healthz(client):
    started = time.monotonic()
    response = client.get("/healthz")
    return response, time.monotonic() - started


def test_with_redis_stopped_every_page_and_api_call_still_answers(
    client, api_client, data, redis_configured
):
    redis_configured.stop()

    public = ["/", reverse("login"), "/disclosure/public/", "/api/v1/villages/"]
    assert {url: client.get(url).status_code for url in public} == dict.fromkeys(public, 200)
    # Sessions live in the database: staff can still log in and work.
    response = client.post(
        reverse("login"), {"username": data["staff"].username, "password": "pw-for-tests-1"}
    )
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200
    api_client.force_authenticate(data["staff"])
    assert api_client.get("/api/v1/disputes/").status_code == 200


def test_healthz_says_down_within_two_seconds_and_tells_details_only_to_staff(
    client, data, redis_configured
):
    redis_configured.stop()

    response, elapsed = _timed_healthz(client)
    assert (response.status_code, response.json()) == (503, {"ok": False})
    assert elapsed < 2

    client.force_login(data["staff"])
    response, elapsed = _timed_healthz(client)
    body = response.json()
    assert response.status_code == 503 and elapsed < 2
    assert body["status"] == "down"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["cache"]["ok"] is False
    assert body["checks"]["broker"]["ok"] is False
    assert "6451" not in response.content.decode() and "127.0.0.1" not in response.content.decode()


def test_after_redis_restarts_healthz_recovers_and_a_missing_worker_is_degraded(
    client, data, redis_configured
):
    client.force_login(data["staff"])
    redis_configured.stop()
    assert client.get("/healthz").status_code == 503

    redis_configured.start()
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200
    assert body["checks"]["cache"]["ok"] is True and body["checks"]["broker"]["ok"] is True
    # Redis is up but no worker ran a task within the last minute: not "ok".
    assert (body["ok"], body["status"], body["checks"]["worker"]["ok"]) == (
        False,
        "degraded",
        False,
    )

    WorkerHeartbeat.objects.create(name="worker", beat_at=timezone.now())
    assert client.get("/healthz").json()["status"] == "ok"


def test_anonymous_submissions_fail_closed_with_a_clear_message_while_staff_work_on(
    client, api_client, data, redis_configured
):
    redis_configured.stop()

    response = api_client.post(
        "/api/v1/public/petitions/",
        {"petitioner_name": "张三", "phone": "13812345678", "summary": "路灯坏了"},
    )
    assert response.status_code == 503
    assert "暂时无法受理网上提交" in response.json()["detail"]

    response = client.post(
        reverse("petitions:public-submit"),
        {"petitioner_name": "张三", "phone": "13812345678", "summary": "路灯坏了", "consent": "on"},
    )
    assert response.status_code == 503
    assert "暂时无法受理网上提交" in response.content.decode()

    api_client.force_authenticate(data["staff"])
    assert api_client.get("/api/v1/petitions/").status_code in (200, 403)


def test_a_job_the_broker_refuses_is_reported_and_a_cheap_one_runs_here(
    redis_configured, django_capture_on_commit_callbacks
):
    redis_configured.stop()
    refused = []

    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        jobs.enqueue(heartbeat_task, "queued-or-failed", on_failure=refused.append)
        jobs.enqueue(heartbeat_task, "inline", run_inline_on_failure=True)

    assert len(refused) == 1
    assert time.monotonic() - started < 5
    assert WorkerHeartbeat.objects.filter(name="inline").exists()
    assert not WorkerHeartbeat.objects.filter(name="queued-or-failed").exists()


def test_the_sweeper_fails_tasks_whose_worker_died_and_leaves_recent_ones(settings):
    from django_celery_results.models import TaskResult

    old = TaskResult.objects.create(task_id="old", status="STARTED")
    recent = TaskResult.objects.create(task_id="recent", status="STARTED")
    long_ago = timezone.now() - dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 120)
    TaskResult.objects.filter(pk=old.pk).update(date_done=long_ago)

    assert health.sweep_stale_task_results() == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.status, recent.status) == ("FAILURE", "STARTED")


@pytest.fixture
def gunicorn_server(transactional_db, township):
    """The portal in gunicorn (one worker, persistent database connections) on the test
    database, as production runs it."""
    import os
    import sys

    from django.db import connection

    db = connection.settings_dict
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {
        **os.environ,
        "DEBUG": "true",
        "REDIS_URL": "",
        "CONN_MAX_AGE": "600",
        "DATABASE_URL": f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-w",
            "1",
            "-b",
            f"127.0.0.1:{port}",
            "huanghe_portal.wsgi",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_database_connections_cut_by_a_postgresql_restart_are_replaced_unnoticed(
    gunicorn_server,
):
    import urllib.error
    import urllib.request

    from django.db import connection

    def status(path):
        try:
            with urllib.request.urlopen(gunicorn_server + path, timeout=20) as response:  # noqa: S310 - loopback http
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code

    assert status("/") == 200
    # What a PostgreSQL restart does to the server's persistent connection: it is gone.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        assert cursor.fetchall(), "the server held no connection to cut"

    assert [status("/"), status("/disclosure/public/"), status("/api/v1/villages/")] == [200] * 3


def test_a_reminder_missed_while_the_broker_was_down_can_be_run_by_hand(capsys):
    from django.core.management import call_command

    call_command("run_scheduled", "workers-heartbeat")

    assert WorkerHeartbeat.objects.filter(name="worker").exists()
    assert "workers-heartbeat" in capsys.readouterr().out
