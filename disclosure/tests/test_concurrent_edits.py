"""Two officers edit the same catalogue item at once; a step twice is one transition (issue 13)."""

import pytest
from django.urls import reverse

from huanghe_portal.tests.sessions import api, browser, form_version

from ..models import Item
from .factories import ItemFactory

pytestmark = pytest.mark.django_db


def _form(item: Item, **changes) -> dict:
    data = {
        "title": item.title,
        "category": item.category_id,
        "document_number": item.document_number,
        "generated_on": item.generated_on.isoformat(),
        "publisher": item.publisher,
        "summary": item.summary,
        "body": item.body,
        "validity": item.validity,
        "publish_on": "",
    }
    return data | changes


def test_a_stale_item_form_is_refused_and_keeps_the_input(disclosure_officer, colleague):
    item = ItemFactory(title="旧标题")
    url = reverse("disclosure:item-edit", args=[item.pk])
    a, b = browser(disclosure_officer), browser(colleague("disclosure_officer"))
    version_a, version_b = form_version(a.get(url)), form_version(b.get(url))

    saved = a.post(url, _form(item, title="A 改的标题", version=version_a))
    refused = b.post(url, _form(item, body="B 改的正文", version=version_b))

    assert saved.status_code == 302
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "名称：对方保存为“A 改的标题”，您填写的是“旧标题”。" in page
    assert "对方保存为“各村" not in page  # B's own change is not shown as the other's
    assert "B 改的正文" in page
    item.refresh_from_db()
    assert (item.title, item.body) == ("A 改的标题", ItemFactory._meta.declarations["body"])


def test_a_stale_item_patch_is_409_and_a_fresh_one_needs_a_new_review(
    disclosure_officer, colleague
):
    item = ItemFactory(reviewed=True)
    url = reverse("api:disclosure-item-detail", args=[item.pk])
    a, b = api(disclosure_officer), api(colleague("disclosure_officer"))
    version = a.get(url).json()["version"]

    saved = a.patch(url, {"title": "A 改的标题", "version": version}, format="json")
    stale = b.patch(url, {"summary": "B 的摘要", "version": version}, format="json")
    missing = b.patch(url, {"summary": "B 的摘要"}, format="json")

    assert saved.status_code == 200
    assert (saved.json()["status"], saved.json()["version"]) == ("draft", version + 1)
    assert stale.status_code == 409 and missing.status_code == 409
    assert stale.json()["current"]["title"] == "A 改的标题"
    item.refresh_from_db()
    assert item.summary != "B 的摘要"


def test_publishing_twice_is_one_publication(disclosure_officer, colleague):
    item = ItemFactory(reviewed=True)
    url = reverse("api:disclosure-item-publish", args=[item.pk])

    first = api(disclosure_officer).post(url, {}, format="json")
    second = api(colleague("disclosure_officer")).post(url, {}, format="json")

    assert first.status_code == 200
    assert second.status_code == 409
    item.refresh_from_db()
    assert item.status == Item.Status.PUBLISHED and item.index_number


def test_a_stale_category_edit_is_refused(disclosure_officer, colleague):
    from .factories import category

    record = category()
    url = reverse("disclosure:category-edit", args=[record.pk])
    a, b = browser(disclosure_officer), browser(colleague("disclosure_officer"))
    version = form_version(a.get(url))
    data = {
        "code": record.code,
        "name": record.name,
        "basis": record.basis,
        "order": record.order,
        "is_active": "on",
        "version": version,
    }

    saved = a.post(url, {**data, "name": "规范性文件（现行有效）"})
    refused = b.post(url, {**data, "basis": "条例第二十条"})

    assert saved.status_code == 302 and refused.status_code == 409
    record.refresh_from_db()
    assert (record.name, record.basis) == ("规范性文件（现行有效）", data["basis"])


def test_a_double_click_on_consult_sends_one_consultation(disclosure_officer, today):
    from .factories import submit

    app = submit(disclosure_officer)
    client = browser(disclosure_officer)
    version = form_version(client.get(app.get_absolute_url()))
    url = reverse("disclosure:application-consult", args=[app.pk])
    data = {"party": "某公司", "sent_on": today.day().isoformat(), "version": version}

    client.post(url, data)
    second = client.post(url, data, follow=True)

    assert "这一步已经办理" in second.content.decode()
    assert app.consultations.count() == 1
