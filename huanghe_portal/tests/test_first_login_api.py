"""The first-login password change holds for the API too (issue 12, point 4)."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from huanghe_portal.models import StaffProfile

pytestmark = pytest.mark.django_db

REFUSAL = "须先修改密码：请登录网页，在“修改密码”页设置新密码后再使用。"


@pytest.fixture
def must_change(mediator):
    StaffProfile.objects.filter(user=mediator).update(must_change_password=True)
    return mediator


def test_a_session_that_must_change_the_password_cannot_read_or_write_the_api(client, must_change):
    client.force_login(must_change)

    read = client.get("/api/v1/disputes/")
    write = client.post("/api/v1/disputes/", {}, content_type="application/json")
    schema = client.get("/api/schema/")

    for response in (read, write, schema):
        assert response.status_code == 403
        assert response.json() == {"detail": REFUSAL}


def test_a_token_of_a_user_who_must_change_the_password_is_refused(api_client, must_change):
    token = Token.objects.create(user=must_change)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = api_client.get("/api/v1/disputes/")

    assert response.status_code == 403
    assert response.json() == {"detail": REFUSAL}


def test_after_the_change_the_session_reads_the_api(client, must_change):
    client.force_login(must_change)
    client.post(
        reverse("password-change"),
        {
            "old_password": "pw-for-tests-1",
            "new_password1": "Qz-new-secret-77",
            "new_password2": "Qz-new-secret-77",
        },
    )

    assert client.get("/api/v1/disputes/").status_code == 200


def test_a_token_of_a_user_in_good_standing_works(api_client, mediator):
    token = Token.objects.create(user=mediator)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    assert api_client.get("/api/v1/disputes/").status_code == 200
