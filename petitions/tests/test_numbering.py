import datetime as dt

import pytest

from huanghe_portal.tests.concurrency import run_concurrently
from petitions import services
from petitions.models import Petition

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_thirty_concurrent_first_petitions_of_a_year_get_distinct_gapless_numbers(
    petition_clerk, township
):
    results = run_concurrently(
        lambda i: services.register_petition(
            actor=petition_clerk,
            received_on=dt.date(2024, 5, 2),
            channel="visit",
            category="appeal",
            petitioner_name=f"冉某{i}",
            summary="请求解决灌溉用水。",
        )
    )

    assert [r for r in results if isinstance(r, Exception)] == []
    assert sorted(Petition.objects.values_list("seq", flat=True)) == list(range(1, 31))
    numbers = set(Petition.objects.values_list("number", flat=True))
    assert numbers == {f"黄鹤信〔2024〕{n}号" for n in range(1, 31)}
