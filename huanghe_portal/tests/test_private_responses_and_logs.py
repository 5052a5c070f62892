"""Answers given to a signed-in user are never stored by a browser or proxy, and ID or phone
numbers never reach a log line (issue 12, point 8)."""

import io
import logging
from contextlib import contextmanager
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from huanghe_portal.log_filters import gunicorn_logger_class, mask_numbers

pytestmark = pytest.mark.django_db


def no_store(response) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


def test_staff_pages_and_api_answers_to_a_session_are_not_stored(client, mediator):
    client.force_login(mediator)

    for url in (
        reverse("dashboard"),
        reverse("disputes:index"),
        "/api/v1/disputes/",
        reverse("home"),
    ):
        assert no_store(client.get(url)), url


def test_api_answers_to_a_token_are_not_stored(api_client, mediator):
    token = Token.objects.create(user=mediator)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    assert no_store(api_client.get("/api/v1/disputes/"))


def test_anonymous_public_pages_stay_cacheable(client):
    response = client.get(reverse("home"))

    assert not no_store(response)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GET /disputes/?q=11010519491231002X HTTP/1.1", "GET /disputes/?q=[digits] HTTP/1.1"),
        ("GET /petitions/?q=13700002222&page=2", "GET /petitions/?q=[digits]&page=2"),
        ("GET /disputes/?q=110105194912310", "GET /disputes/?q=[digits]"),  # 15-digit ID
        (
            "GET /x/?q=%EF%BC%91%EF%BC%93%EF%BC%97%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%92"
            "%EF%BC%92%EF%BC%92%EF%BC%92",
            "GET /x/?q=[digits]",
        ),  # full-width
        ("GET /x/?q=１３７０００２２２２２", "GET /x/?q=[digits]"),
        ("GET /x/?tel=023-73300000", "GET /x/?tel=023-[digits]"),
        (
            "GET /disputes/391/?year=2026&date=2026-12-04",
            "GET /disputes/391/?year=2026&date=2026-12-04",
        ),
    ],
)
def test_id_and_phone_like_numbers_are_masked(text, expected):
    assert mask_numbers(text) == expected


@contextmanager
def configured_handler_output(logger: logging.Logger, configured: logging.Handler):
    """What `configured` (the settings' handler, its formatter and filters) would write for
    records of `logger`, captured in a string (its own stream may be a file pytest closed)."""
    stream = io.StringIO()
    copy = logging.StreamHandler(stream)
    copy.setFormatter(configured.formatter)
    for log_filter in configured.filters:
        copy.addFilter(log_filter)
    logger.addHandler(copy)
    try:
        yield stream
    finally:
        logger.removeHandler(copy)


def test_the_request_log_of_runserver_is_masked():
    logger = logging.getLogger("django.server")
    with configured_handler_output(logger, logger.handlers[0]) as stream:
        logger.info('"%s" %s %s', "GET /disputes/?q=11010519491231002X HTTP/1.1", 200, 512)

    line = stream.getvalue()
    assert "/disputes/?q=[digits]" in line
    assert "11010519491231002X" not in line


def test_django_request_warnings_are_masked_and_name_the_client(client, settings):
    logger = logging.getLogger("django.request")
    with configured_handler_output(logger, logging.getLogger("django").handlers[0]) as stream:
        client.get("/no-such-page/13812345678/", REMOTE_ADDR="203.0.113.44")

    line = stream.getvalue()
    assert logger.name in line
    assert "/no-such-page/[digits]/" in line and "13812345678" not in line
    assert "[203.0.113.44]" in line


def test_gunicorns_access_log_is_masked_and_names_the_client(tmp_path, settings):
    from gunicorn.config import Config

    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    cfg = Config()
    cfg.set("accesslog", str(tmp_path / "access.log"))
    logger = gunicorn_logger_class()(cfg)
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/disputes/",
        "QUERY_STRING": "q=11010519491231002X",
        "RAW_URI": "/disputes/?q=11010519491231002X",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_X_FORWARDED_FOR": "6.6.6.6, 198.51.100.23",
    }
    response = SimpleNamespace(status="200 OK", headers=[], sent=10, response_length=10)
    request = SimpleNamespace(
        headers=[],
        method="GET",
        path="/disputes/",
        query="q=11010519491231002X",
        uri="/disputes/?q=11010519491231002X",
        version=(1, 1),
    )

    logger.access(response, request, environ, timedelta(milliseconds=5))
    for handler in logger.access_log.handlers:
        handler.flush()

    line = (tmp_path / "access.log").read_text()
    assert line.startswith("198.51.100.23 ")
    assert "q=[digits]" in line and "11010519491231002X" not in line
