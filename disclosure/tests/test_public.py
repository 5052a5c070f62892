"""The public catalogue: nothing unpublished in any channel; search; feed; guide; applying."""

import pytest
from django.urls import reverse

from disclosure import services
from disclosure.models import Application, Category, Item

from .factories import ApplicationFactory, ItemFactory

pytestmark = pytest.mark.django_db

SECRET = "草稿内部文件调解"


@pytest.fixture
def items():
    published = ItemFactory(
        published=True,
        title="黄鹤镇人民调解工作制度",
        body="各村调委会依法开展矛盾纠纷调解。",
        document_number="黄鹤府发〔2024〕5号",
    )
    draft = ItemFactory(title=SECRET, body="调解 内部")
    reviewed = ItemFactory(reviewed=True, title=SECRET + "已审", body="调解")
    withdrawn = ItemFactory(published=True, title=SECRET + "撤回", body="调解")
    Item.objects.filter(pk=withdrawn.pk).update(status=Item.Status.WITHDRAWN)
    return published, [draft, reviewed, withdrawn]


def test_unpublished_items_never_reach_a_public_channel(client, api_client, items):
    published, hidden = items
    category = published.category
    pages = {
        "catalogue": client.get(reverse("disclosure:public-catalogue")),
        "category": client.get(reverse("disclosure:public-category", args=[category.code])),
        "search": client.get(reverse("disclosure:public-catalogue"), {"q": "调解"}),
        "feed": client.get(reverse("disclosure:public-feed")),
        "category_feed": client.get(
            reverse("disclosure:public-category-feed", args=[category.code])
        ),
        "sitemap": client.get("/sitemap.xml"),
        "api": api_client.get(reverse("api:disclosure-item-list")),
        "api_search": api_client.get(reverse("api:disclosure-item-list"), {"search": "调解"}),
    }
    for name, response in pages.items():
        text = response.content.decode()
        assert response.status_code == 200, name
        assert SECRET not in text, name
        assert published.get_public_url() in text or published.title in text, name
    for item in hidden:
        assert client.get(reverse("disclosure:public-item", args=[item.pk])).status_code == 404
        assert (
            api_client.get(reverse("api:disclosure-item-detail", args=[item.pk])).status_code == 404
        )
        assert f"/public/items/{item.pk}/" not in pages["sitemap"].content.decode()


def test_item_page_shows_the_catalogue_fields(client, items):
    published, _hidden = items
    text = client.get(published.get_public_url()).content.decode()
    for value in (
        "索引号",
        published.index_number,
        "发布机构",
        "黄鹤镇人民政府",
        "生成日期",
        "2024-03-01",
        "黄鹤府发〔2024〕5号",
        "有效",
    ):
        assert value in text


@pytest.mark.postgres
@pytest.mark.parametrize("query", ["调解", "调委会", "黄鹤府发〔2024〕5", "人民调解工作"])
def test_search_finds_words_of_any_length(api_client, items, query):
    published, _hidden = items
    ItemFactory(published=True, title="财政预算公开", body="一般公共预算")

    results = api_client.get(reverse("api:disclosure-item-list"), {"search": query}).json()[
        "results"
    ]

    assert [r["id"] for r in results] == [published.pk]


@pytest.mark.postgres
def test_search_finds_an_index_number_in_part(client, items):
    published, _hidden = items
    response = client.get(
        reverse("disclosure:public-catalogue"), {"q": published.index_number[-9:]}
    )
    assert published.title in response.content.decode()


@pytest.mark.parametrize("query", ["%", "'\"<>;--", "调" * 500, "a & b | !c", ":*"])
def test_search_input_never_errors(client, api_client, items, query):
    assert client.get(reverse("disclosure:public-catalogue"), {"q": query}).status_code == 200
    assert api_client.get(reverse("api:disclosure-item-list"), {"search": query}).status_code == 200


@pytest.mark.parametrize(
    ("query", "message"), [("\x00abc", "含有不允许的控制字符"), ("调" * 501, "不能超过500个字符")]
)
def test_search_input_that_is_no_search_is_refused_naming_it(
    client, api_client, items, query, message
):
    page = client.get(reverse("disclosure:public-catalogue"), {"q": query})
    answer = api_client.get(reverse("api:disclosure-item-list"), {"search": query})

    assert page.status_code == answer.status_code == 400
    assert f"q: {message}" in page.content.decode()
    assert message in answer.json()["fields"]["search"][0]


def test_feed_is_atom_with_the_category_items(client, items):
    published, _hidden = items
    other = ItemFactory(
        published=True, title="镇财政决算", category=Category.objects.get(code="finance")
    )

    response = client.get(
        reverse("disclosure:public-category-feed", args=[published.category.code])
    )

    assert response["Content-Type"].startswith("application/atom+xml")
    text = response.content.decode()
    assert "<feed" in text and published.title in text and other.title not in text


def test_guide_lists_the_categories_and_office(client):
    text = client.get(reverse("disclosure:public-guide")).content.decode()
    assert "政府信息公开指南" in text and "宅基地使用情况审核" in text and "20个工作日" in text


def test_catalogue_is_paginated(client):
    ItemFactory.create_batch(25, published=True)
    response = client.get(reverse("disclosure:public-catalogue"), {"page": 2})
    assert response.status_code == 200
    assert len(response.context["items"]) == 5


def test_public_apply_page_gives_a_code_and_due_date(client, today):
    response = client.post(
        reverse("disclosure:public-apply"),
        {
            "applicant_kind": "natural_person",
            "applicant_name": "李晓明",
            "phone": "13812345678",
            "description": "2023年低保名单",
            "delivery": "email",
            "email": "lixm@example.com",
        },
    )

    app = Application.objects.get()
    text = response.content.decode()
    assert app.tracking_code in text and "2025-01-20" in text


def test_public_apply_without_description_shows_the_error(client, today):
    response = client.post(
        reverse("disclosure:public-apply"),
        {
            "applicant_kind": "natural_person",
            "applicant_name": "李晓明",
            "phone": "13812345678",
            "description": "",
            "delivery": "email",
        },
    )
    assert "请描述所需政府信息" in response.content.decode()
    assert Application.objects.count() == 0


def test_track_page_shows_the_answer(client, today):
    app = ApplicationFactory(replied=True)
    response = client.get(
        reverse("public-track"), {"code": app.tracking_code, "phone_last4": "5678"}
    )
    assert "已答复" in response.content.decode()


def test_search_finds_a_character_inside_a_longer_word(api_client):
    item = ItemFactory(published=True, title="税收征管情况通报", body="全镇税收平稳")
    results = api_client.get(reverse("api:disclosure-item-list"), {"search": "税"}).json()
    assert [r["id"] for r in results["results"]] == [item.pk]


def test_cached_count_follows_publication_and_withdrawal(
    client, disclosure_officer, django_capture_on_commit_callbacks
):
    ItemFactory(published=True)
    url = reverse("disclosure:public-catalogue")
    assert client.get(url).context["page_obj"].paginator.count == 1
    item = ItemFactory(reviewed=True)

    with django_capture_on_commit_callbacks(execute=True):
        services.publish_item(item, actor=disclosure_officer)
    assert client.get(url).context["page_obj"].paginator.count == 2

    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_item(item, actor=disclosure_officer)
    assert client.get(url).context["page_obj"].paginator.count == 1
