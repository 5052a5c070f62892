import pytest
from django.db import transaction

from huanghe_portal import sequences
from huanghe_portal.models import Sequence

from .concurrency import run_concurrently

pytestmark = pytest.mark.django_db


def draw(key: str, year: int) -> int:
    with transaction.atomic():
        return sequences.next_number(key, year)


def test_numbers_run_per_key_and_year():
    assert [draw("a", 2024) for _ in range(3)] == [1, 2, 3]
    assert draw("a", 2025) == 1
    assert draw("b", 2024) == 1


def test_a_rolled_back_draw_gives_its_number_back():
    draw("a", 2024)
    with pytest.raises(RuntimeError), transaction.atomic():
        sequences.next_number("a", 2024)
        raise RuntimeError

    assert draw("a", 2024) == 2


def test_a_claimed_number_moves_the_counter_past_it_and_never_back():
    with transaction.atomic():
        sequences.claim_number("a", 2024, 7)
        sequences.claim_number("a", 2024, 3)

    assert draw("a", 2024) == 8


def test_numbers_taken_before_the_counter_existed_are_skipped():
    with transaction.atomic():
        assert sequences.next_number("a", 2024, after=5) == 6


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_thirty_concurrent_first_draws_of_a_year_are_unique_and_gapless():
    results = run_concurrently(lambda i: draw("race", 2026))

    assert sorted(results) == list(range(1, 31))
    assert Sequence.objects.get(key="race", year=2026).last == 30
