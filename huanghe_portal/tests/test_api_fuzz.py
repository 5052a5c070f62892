"""Every operation of /api/schema/, anonymous and as each role, with generated input
(schemathesis, valid and invalid): no server error, and every documented answer matches the
schema (issue 13 point 4). Bounded: FUZZ_EXAMPLES per operation and mode. The longer run is
in docs/reliability.md (FUZZ_EXAMPLES=50)."""

import os

import pytest
import schemathesis
from django.contrib.auth.models import Group
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from huanghe_portal.roles import Role

pytestmark = pytest.mark.django_db

IDENTITIES = ["anonymous", *(role.value for role in Role), "superuser"]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "1"))
CHECKS = [not_a_server_error, response_schema_conformance]


def _headers(who: str, django_user_model) -> dict:
    if who == "anonymous":
        return {}
    if who == "superuser":
        user = django_user_model.objects.create_superuser("fuzz_su", "su@example.com", "pw-x-1")
    else:
        user = django_user_model.objects.create_user(f"fuzz_{who}", password="pw-x-1")
        user.groups.add(Group.objects.get_or_create(name=who)[0])
    return {"Authorization": f"Token {Token.objects.create(user=user).key}"}


@pytest.fixture
def wsgi_app():
    """The WSGI application, kept on the test's database connection: Django closes the
    connection after each request, which its own test client prevents the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _failure(operation, mode: GenerationMode, headers: dict) -> str | None:
    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=10_000,  # ms per example: a bound against a hang, far above any real answer
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        database=None,
        derandomize=True,
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    try:
        run()
    except Unsatisfiable:  # nothing about this operation can be made invalid
        return None
    except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - reported together below
        return f"{operation.label} [{mode.value}]: {str(exc)[:1500]}"
    return None


@pytest.mark.parametrize("who", IDENTITIES)
def test_every_operation_answers_without_server_error_or_schema_violation(
    who, django_user_model, settings, wsgi_app
):
    # Throttles would turn most of the run into 429s; they have their own tests.
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
    headers = _headers(who, django_user_model)
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)

    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            if failure := _failure(operation, mode, headers):
                failures.append(failure)

    if failures:
        pytest.fail(f"{len(failures)} operations failed:\n\n" + "\n\n".join(failures))
