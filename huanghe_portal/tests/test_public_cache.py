"""Public pages and public API lists come from the cache for anonymous visitors, and are never
stale after a service publishes, withdraws or edits what they show."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from disclosure import services as disclosure_services
from disclosure.models import Category
from disclosure.tests.factories import ItemFactory
from huanghe_portal import services as portal_services

pytestmark = pytest.mark.django_db

CATALOGUE = "/disclosure/public/"
ITEMS_API = "/api/v1/disclosure/items/"


def _queries(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return response, len(queries)


@pytest.fixture
def reviewed_item():
    return ItemFactory(reviewed=True, title="黄鹤镇二〇二五年财政预算公开")


def test_second_anonymous_visit_is_served_without_a_query(client, township):
    ItemFactory(published=True, title="黄鹤镇人民调解工作制度")

    first, first_queries = _queries(client, CATALOGUE)
    again, again_queries = _queries(Client(), CATALOGUE)

    assert first_queries > 0
    assert again_queries == 0
    assert "黄鹤镇人民调解工作制度" in again.content.decode()


def test_an_item_published_through_the_service_is_in_the_cached_catalogue_at_once(
    client, api_client, disclosure_officer, reviewed_item, django_capture_on_commit_callbacks
):
    assert "财政预算公开" not in client.get(CATALOGUE).content.decode()
    assert api_client.get(ITEMS_API).json()["count"] == 0

    with django_capture_on_commit_callbacks(execute=True):
        disclosure_services.publish_item(reviewed_item, actor=disclosure_officer)

    assert "财政预算公开" in client.get(CATALOGUE).content.decode()
    assert "财政预算公开" in client.get(CATALOGUE, {"q": "预算"}).content.decode()
    assert [row["title"] for row in api_client.get(ITEMS_API).json()["results"]] == [
        "黄鹤镇二〇二五年财政预算公开"
    ]


def test_a_withdrawn_item_leaves_the_cached_pages_at_once(
    client, api_client, disclosure_officer, reviewed_item, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = disclosure_services.publish_item(reviewed_item, actor=disclosure_officer)
    item_url = reverse("disclosure:public-item", args=[item.pk])
    assert client.get(item_url).status_code == 200
    assert "财政预算公开" in client.get(reverse("disclosure:public-feed")).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        disclosure_services.withdraw_item(item, actor=disclosure_officer, reason="内容有误")

    assert client.get(item_url).status_code == 404
    assert "财政预算公开" not in client.get(CATALOGUE).content.decode()
    assert "财政预算公开" not in client.get(reverse("disclosure:public-feed")).content.decode()
    assert api_client.get(ITEMS_API).json()["count"] == 0


def test_a_category_edit_shows_in_the_cached_sidebar_at_once(
    client, disclosure_officer, django_capture_on_commit_callbacks
):
    category = Category.objects.filter(parent=None, is_active=True).first()
    assert category.name in client.get(CATALOGUE).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        disclosure_services.save_category(
            category, actor=disclosure_officer, name="镇村规划", version=category.version
        )

    page = client.get(CATALOGUE).content.decode()
    assert "镇村规划" in page
    assert (
        client.get(reverse("disclosure:public-category", args=[category.code])).status_code == 200
    )


def test_a_township_edit_shows_on_every_cached_page(
    client, township, report_office, django_capture_on_commit_callbacks
):
    assert "023-73300000" in client.get("/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        portal_services.save_office_record(
            township, actor=report_office, version=township.version, reception_phone="023-73309999"
        )

    assert "023-73309999" in client.get("/").content.decode()
    assert "023-73309999" in client.get(CATALOGUE).content.decode()


def test_a_signed_in_user_never_gets_nor_leaves_a_cached_page(client, disclosure_officer):
    ItemFactory(reviewed=True, title="尚未发布的草稿")
    anonymous = client.get(CATALOGUE).content.decode()
    assert reverse("login") in anonymous

    client.force_login(disclosure_officer)
    staff_page = client.get(CATALOGUE)
    assert reverse("dashboard") in staff_page.content.decode()
    assert "no-store" in staff_page["Cache-Control"]
    staff_api = client.get(ITEMS_API).json()
    assert [row["title"] for row in staff_api["results"]] == ["尚未发布的草稿"]

    stranger = Client()
    assert reverse("dashboard") not in stranger.get(CATALOGUE).content.decode()
    assert stranger.get(ITEMS_API).json()["count"] == 0


def test_a_token_caller_is_never_served_from_the_cache(api_client, disclosure_officer):
    from rest_framework.authtoken.models import Token

    ItemFactory(reviewed=True, title="尚未发布的草稿")
    assert api_client.get(ITEMS_API).json()["count"] == 0

    token = Token.objects.create(user=disclosure_officer)
    answer = api_client.get(ITEMS_API, HTTP_AUTHORIZATION=f"Token {token.key}").json()

    assert [row["title"] for row in answer["results"]] == ["尚未发布的草稿"]


def test_each_language_has_its_own_cached_page(client):
    chinese = client.get(CATALOGUE).content.decode()
    visitor = Client()
    visitor.cookies["django_language"] = "en"
    english = visitor.get(CATALOGUE).content.decode()

    assert 'lang="zh-CN"' in chinese
    assert 'lang="en"' in english


def test_each_visitor_of_a_cached_page_gets_a_working_csrf_token_of_their_own():
    first = Client(enforce_csrf_checks=True)
    second = Client(enforce_csrf_checks=True)
    first.get(CATALOGUE)
    response = second.get(CATALOGUE)

    token = _csrf_field(response.content.decode())
    assert token != _csrf_field(first.get(CATALOGUE).content.decode())
    switched = second.post(
        reverse("set_language"), {"language": "en", "next": CATALOGUE, "csrfmiddlewaretoken": token}
    )
    assert switched.status_code == 302
    assert 'lang="en"' in second.get(CATALOGUE).content.decode()


def _csrf_field(page: str) -> str:
    marker = 'name="csrfmiddlewaretoken" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]


def test_a_message_for_one_visitor_is_shown_to_them_and_cached_for_no_one(client):
    import datetime as dt

    from django.utils import timezone

    from decisions.tests.factories import CommentWindowFactory

    today = timezone.localdate()
    window = CommentWindowFactory(opens_on=today, closes_on=today + dt.timedelta(days=30))
    url = reverse("decisions:public-draft", args=[window.pk])
    client.get(url)

    response = client.post(url, {"content": "建议增加路灯。", "privacy_consent": "on"}, follow=True)

    assert "您的意见已提交" in response.content.decode()
    assert "您的意见已提交" not in Client().get(url).content.decode()


def test_a_cache_miss_of_the_catalogue_reads_no_category_tree_and_no_row_links(client, township):
    items = [ItemFactory(published=True, title=f"第{n}号公告") for n in range(25)]
    client.get(CATALOGUE)  # the category tree and the count are kept until the catalogue changes

    with CaptureQueriesContext(connection) as queries:
        page = Client().get(CATALOGUE, {"page": 2})  # another page: not cached yet

    assert page.status_code == 200
    assert len(queries) == 1  # the page's rows; no category, count or township query
    oldest = reverse("disclosure:public-item", args=[items[0].pk])
    assert f'<a href="{oldest}">第0号公告</a>' in page.content.decode()


def test_events_and_reception_days_recorded_through_services_show_at_once(
    client, api_client, educator, petition_clerk, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.utils import timezone

    from legal_education import services as education_services
    from petitions import services as petition_services

    coming = timezone.localdate() + dt.timedelta(days=7)
    events_url = reverse("legal_education:public-events")
    days_url = reverse("petitions:public-reception-days")
    ical_url = reverse("legal_education:public-events-ical")
    for url in (events_url, days_url, ical_url, "/api/v1/legal-education/events/"):
        client.get(url)

    with django_capture_on_commit_callbacks(execute=True):
        event = education_services.create_event(
            actor=educator,
            held_on=coming,
            title="宪法宣传周进村入户",
            kind="constitution_week",
            place="平桥村",
            organiser="黄鹤镇司法所",
            participants=0,
            materials=0,
        )
        petition_services.create_reception_day(
            actor=petition_clerk, date=coming, leader_name="李镇长", place="镇信访接待室"
        )

    assert "宪法宣传周进村入户" in client.get(events_url).content.decode()
    assert "宪法宣传周进村入户" in client.get(ical_url).content.decode()
    assert "李镇长" in client.get(days_url).content.decode()
    titles = [
        e["title"] for e in api_client.get("/api/v1/legal-education/events/").json()["results"]
    ]
    assert titles == ["宪法宣传周进村入户"]

    with django_capture_on_commit_callbacks(execute=True):
        education_services.void_event(event, actor=educator, reason="录入错误")

    assert "宪法宣传周进村入户" not in client.get(events_url).content.decode()


class _UnreachableCache:
    """What the resilient Redis cache answers while Redis is down: nothing, silently."""

    def get(self, *args, **kwargs):
        return None

    def get_many(self, *args, **kwargs):
        return {}

    def add(self, *args, **kwargs):
        return False

    def set(self, *args, **kwargs):
        return None

    def incr(self, *args, **kwargs):
        raise ValueError("no such key")

    def get_or_set(self, key, default, *args, **kwargs):
        return default() if callable(default) else default


def test_while_the_cache_is_unreachable_no_worker_serves_an_old_copy(
    client,
    disclosure_officer,
    reviewed_item,
    monkeypatch,
    township,
    django_capture_on_commit_callbacks,
):
    from huanghe_portal import public_cache

    assert "财政预算公开" not in client.get(CATALOGUE).content.decode()  # kept by this worker
    monkeypatch.setattr(public_cache, "cache", _UnreachableCache())

    with django_capture_on_commit_callbacks(execute=True):
        disclosure_services.publish_item(reviewed_item, actor=disclosure_officer)

    assert "财政预算公开" in Client().get(CATALOGUE).content.decode()
