import pytest
from django.urls import reverse
from rest_framework.permissions import AllowAny

from huanghe_portal.api_urls import router

pytestmark = pytest.mark.django_db


def test_villages_are_public_and_paginated(api_client, village):
    response = api_client.get(reverse("api:village-list"))

    assert response.status_code == 200
    assert response.json()["results"] == [{"id": village.pk, "name": "平桥村", "code": "T001"}]
    assert set(response.json()) == {"count", "next", "previous", "results"}


@pytest.mark.parametrize("size", ["0", "-3", "abc"])
def test_bad_page_sizes_are_a_400_naming_the_field(api_client, size):
    response = api_client.get(reverse("api:village-list"), {"page_size": size})

    assert response.status_code == 400
    assert response.json()["fields"]["page_size"] == ["每页条数应为正整数。"]


def test_a_page_size_above_100_is_served_as_100(api_client):
    from huanghe_portal.models import Village

    Village.objects.bulk_create(Village(name=f"村{i}", code=f"C{i:03}") for i in range(120))

    response = api_client.get(reverse("api:village-list"), {"page_size": 500})

    assert len(response.json()["results"]) == 100


def test_a_page_beyond_the_last_is_a_404_in_the_error_shape(api_client):
    response = api_client.get(reverse("api:village-list"), {"page": 99})

    assert response.status_code == 404
    assert set(response.json()) == {"detail"}


def test_delete_is_not_allowed(api_client, village, superuser):
    api_client.force_authenticate(superuser)

    response = api_client.delete(reverse("api:village-detail", args=[village.pk]))

    assert response.status_code == 405


def test_malformed_json_is_a_400_not_a_500(api_client, superuser):
    api_client.force_authenticate(superuser)

    response = api_client.post(
        reverse("api:village-list"), data="{not json", content_type="application/json"
    )

    assert response.status_code in (400, 405)
    assert "detail" in response.json()


# Lists API.md calls "public": anyone may read them (published records only).
PUBLIC_LISTS = {
    "village",
    "reception-day",
    "disclosure-category",
    "disclosure-item",
    "legal-education-event",
    "report",
}


def _staff_list_urls() -> list[str]:
    return [
        f"api:{basename}-list"
        for _prefix, viewset, basename in router.registry
        if basename not in PUBLIC_LISTS
        and AllowAny not in getattr(viewset, "permission_classes", [])
    ]


@pytest.mark.parametrize("url_name", _staff_list_urls())
def test_anonymous_callers_are_refused_on_staff_endpoints(api_client, url_name):
    response = api_client.get(reverse(url_name))

    assert response.status_code == 401
    assert set(response.json()) == {"detail"}


def test_the_openapi_schema_and_the_offline_swagger_page_are_served(client):
    schema = client.get("/api/schema/")
    docs = client.get("/api/docs/")

    assert schema.status_code == 200
    assert b"/api/v1/workdays/" in schema.content
    assert docs.status_code == 200
    assert b"https://" not in docs.content and b"http://cdn" not in docs.content
