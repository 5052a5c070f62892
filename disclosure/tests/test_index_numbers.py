import pytest

from disclosure import services
from disclosure.models import Item
from huanghe_portal.tests.concurrency import run_concurrently

from .factories import ItemFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_thirty_simultaneous_publications_get_distinct_gapless_index_numbers(
    disclosure_officer, township, today
):
    items = ItemFactory.create_batch(30, reviewed=True)

    results = run_concurrently(lambda i: services.publish_item(items[i], actor=disclosure_officer))

    assert [r for r in results if isinstance(r, Exception)] == []
    numbers = set(Item.objects.values_list("index_number", flat=True))
    assert numbers == {f"黄鹤-2024-{n:05d}" for n in range(1, 31)}


def test_numbers_given_before_the_counter_are_not_reused(disclosure_officer, township, today):
    ItemFactory(published=True, index_number="黄鹤-2024-00001")
    item = ItemFactory(reviewed=True)

    item = services.publish_item(item, actor=disclosure_officer)

    assert item.index_number == "黄鹤-2024-00002"
