"""Test set-up shared by every app: settings for tests, the cast of users (one per role),
and the browser launch arguments for Debian's Chromium."""

import os

import pytest
from django.conf import settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # playwright's sync API runs a loop


def pytest_configure(config):
    if not settings.IS_POSTGRES:
        print(
            "\nNOTICE: running on SQLite — tests marked 'postgres' are skipped. "
            "Set DATABASE_URL or start PostgreSQL on 127.0.0.1:5432 to run them.\n"
        )


def pytest_collection_modifyitems(config, items):
    if settings.IS_POSTGRES:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


# Data migrations whose rows every test may rely on. A transactional test (browser journeys,
# concurrency, the real worker) flushes the database when it ends, so these are run again at the
# start of each one. (Serialized rollback cannot do it: under Playwright's event loop Django's
# connection object is not the one that holds the serialized data.) Each is idempotent.
SEED_MIGRATIONS = [
    ("huanghe_portal.migrations.0002_roles", "create_groups"),
    ("disclosure.migrations.0002_search_indexes_and_categories", "seed_categories"),
    ("decisions.migrations.0002_default_requirements", "seed"),
]


@pytest.fixture(autouse=True)
def _reseed_after_flush(request):
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or (
        "transactional_db" in request.fixturenames
    )
    if not transactional:
        return
    from importlib import import_module

    from django.apps import apps

    request.getfixturevalue("transactional_db")
    for module, function in SEED_MIGRATIONS:
        getattr(import_module(module), function)(apps, None)


@pytest.fixture(autouse=True)
def _clear_caches():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def _make_user(django_user_model, username, *roles, full_name=""):
    from django.contrib.auth.models import Group

    from huanghe_portal.models import StaffProfile

    user = django_user_model.objects.create_user(username=username, password="pw-for-tests-1")
    for role in roles:
        # get_or_create: transactional tests flush the groups the data migration made.
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    StaffProfile.objects.create(user=user, full_name=full_name or username)
    return user


# One fixture per staff member the tests act as: fixture name -> (username, role, full name).
STAFF = {
    "mediator": ("t_mediator", "mediator", "调解员甲"),
    "other_mediator": ("t_mediator2", "mediator", "调解员乙"),
    "petition_clerk": ("t_clerk", "petition_clerk", "信访干部甲"),
    "other_petition_clerk": ("t_clerk2", "petition_clerk", "信访干部乙"),
    "legal_reviewer": ("t_reviewer", "legal_reviewer", "审核员甲"),
    "legal_adviser": ("t_adviser", "legal_adviser", "律师甲"),
    "leader": ("t_leader", "leader", "镇长甲"),
    "disclosure_officer": ("t_disclosure", "disclosure_officer", "公开专员甲"),
    "educator": ("t_educator", "educator", "普法专员甲"),
    "report_office": ("t_office", "report_office", "综治办甲"),
}


def _staff_fixture(name: str, username: str, role: str, full_name: str):
    @pytest.fixture(name=name)
    def staff_member(django_user_model):
        return _make_user(django_user_model, username, role, full_name=full_name)

    return staff_member


for _name, _person in STAFF.items():
    globals()[_name] = _staff_fixture(_name, *_person)


@pytest.fixture
def colleague(django_user_model):
    """A second person of a role, for two people at work on one record: colleague("educator")."""

    def make(role: str):
        return _make_user(django_user_model, f"t_{role}_2", role, full_name=f"{role}乙")

    return make


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("t_admin", "admin@example.com", "pw-admin-1")


@pytest.fixture
def anon():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def township(db):
    from huanghe_portal.models import Township

    return Township.objects.create(
        name="黄鹤镇",
        government_name="石柱土家族自治县黄鹤镇人民政府",
        county="重庆市石柱土家族自治县",
        doc_prefix="黄鹤",
        reception_phone="023-73300000",
    )


@pytest.fixture
def village(db):
    from huanghe_portal.models import Village

    return Village.objects.create(name="平桥村", code="T001")


@pytest.fixture
def frozen_today(monkeypatch):
    """Freeze "today" (default 2026-12-04, a Friday: the day of the statutory review); call the
    result with a date to move it. Areas whose tests all run on one day override this name."""
    import datetime as dt

    import django.utils.timezone as tz

    state = {"day": dt.date(2026, 12, 4)}

    def fake_localdate(value=None, timezone=None):
        if value is not None:
            return tz.localtime(value, timezone).date()
        return state["day"]

    monkeypatch.setattr(tz, "localdate", fake_localdate)

    def set_day(day: dt.date | None = None) -> dt.date:
        if day is not None:
            state["day"] = day
        return state["day"]

    return set_day


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def celery_worker(transactional_db, settings):
    """A real Celery worker process on Redis, using the test database.

    Needs TEST_REDIS_URL (set by `make test` and CI); tests using it must be marked
    `celery_worker` and use committed data (this fixture implies transactional_db).
    """
    import signal
    import subprocess
    import sys
    import time

    from django.db import connection

    from huanghe_portal.celery import app

    redis_url = os.environ.get("TEST_REDIS_URL")
    if not redis_url:
        pytest.skip("TEST_REDIS_URL is not set: no Redis for a real worker")
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.postgresql":
        database_url = (
            f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        )
    else:
        pytest.skip("a worker process cannot share an in-memory SQLite test database")
    env = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }  # the uploads the worker reads
    previous = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = redis_url
    _reset_connection_pools(app)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.connection_for_write().default_channel.client.flushdb()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "huanghe_portal",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-l",
            "warning",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(process.stdout.read().decode(errors="replace"))
            if app.control.ping(timeout=0.5):
                break
        else:
            raise RuntimeError("the Celery worker did not answer within 30 s")
        yield app
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        app.conf.task_always_eager, app.conf.broker_url = previous
        _reset_connection_pools(app)


def _reset_connection_pools(app) -> None:
    # An eager .delay() earlier in the session leaves the pools bound to memory://.
    app._pool = None
    app.amqp._producer_pool = None
