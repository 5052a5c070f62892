"""Benchmark: the decisions matter list (HTML and API) with 20,000 matters and 200,000 procedure
records (comment windows, comments, reviews, meetings, attendees' views).

    DEBUG=true DATABASE_URL=postgres://postgres@127.0.0.1:5432/hh_bench_decisions \
        .venv/bin/python bench/decisions_list.py

Builds the data once in its own database (skipped when present), then prints a Markdown table
of median server time and query counts through Django's test client.
"""

import datetime as dt
import random
import statistics
import sys
import time

import benchkit

benchkit.configure("hh_bench_decisions")

MATTERS = 20_000
BATCH = 5_000
RUNS = 30


setup_database = benchkit.setup_database


def users():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from huanghe_portal.models import StaffProfile

    User = get_user_model()
    made = {}
    for name, role in [("bench_office", "report_office"), ("bench_leader", "leader")] + [
        (f"bench_reviewer{i}", "legal_reviewer") for i in range(5)
    ]:
        user, created = User.objects.get_or_create(username=name)
        if created:
            user.groups.add(Group.objects.get(name=role))
            StaffProfile.objects.create(user=user, full_name=f"测试{name[-1]}")
        made[name] = user
    return made


def generate(cast) -> None:
    from decisions.models import (
        CommentWindow,
        Kind,
        LegalityReview,
        Matter,
        Meeting,
        MeetingView,
        PublicComment,
    )

    if Matter.objects.count() >= MATTERS:
        return
    rng = random.Random(2022)
    reviewers = [cast[f"bench_reviewer{i}"] for i in range(5)]
    statuses = [s for s in Matter.Status.values]
    start = time.perf_counter()
    for offset in range(0, MATTERS, BATCH):
        matters = Matter.objects.bulk_create(
            [
                Matter(
                    kind=rng.choice(Kind.values),
                    title=f"决策事项第{offset + i}号（测试）",
                    summary="测试摘要" * 10,
                    sponsor_unit=rng.choice(["镇党政办", "镇财政所", "镇执法办"]),
                    opened_on=dt.date(
                        2019 + rng.randrange(5), rng.randrange(1, 13), rng.randrange(1, 28)
                    ),
                    status=rng.choice(statuses),
                    current_reviewer=rng.choice(reviewers),
                    last_result=rng.choice(["lawful", "lawful_after_changes", "unlawful", ""]),
                )
                for i in range(BATCH)
            ]
        )
        windows = CommentWindow.objects.bulk_create(
            [
                CommentWindow(
                    matter=m, opens_on=m.opened_on, closes_on=m.opened_on + dt.timedelta(days=30)
                )
                for m in matters
            ]
        )
        PublicComment.objects.bulk_create(
            [
                PublicComment(
                    window=w, submitted_on=w.opens_on + dt.timedelta(days=j), content="意见"
                )
                for w in windows
                for j in range(3)
            ],
            batch_size=BATCH,
        )
        LegalityReview.objects.bulk_create(
            [
                LegalityReview(
                    matter=m,
                    reviewer=m.current_reviewer,
                    submitted_on=m.opened_on,
                    concluded_on=m.opened_on + dt.timedelta(days=20),
                    result="lawful",
                    opinion="合法",
                    workdays_taken=12,
                )
                for m in matters
            ],
            batch_size=BATCH,
        )
        meetings = Meeting.objects.bulk_create(
            [
                Meeting(
                    matter=m,
                    meeting_kind="party_committee",
                    held_on=m.opened_on + dt.timedelta(days=40),
                    result="adopted",
                )
                for m in matters
            ],
            batch_size=BATCH,
        )
        MeetingView.objects.bulk_create(
            [
                MeetingView(
                    meeting=mt,
                    position=p,
                    name=f"委员{p}",
                    opinion="同意",
                    stance="agree",
                    is_principal=p == 4,
                )
                for mt in meetings
                for p in range(1, 5)
            ],
            batch_size=BATCH,
        )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"generated {MATTERS} matters and {MATTERS * 10} procedure records "
        f"in {time.perf_counter() - start:.0f} s",
        file=sys.stderr,
    )


def measure(client, url: str) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm up
    times, queries = [], 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return statistics.median(times), queries


def main() -> None:
    setup_database()
    from django.test import Client

    cast = users()
    generate(cast)
    client = Client()
    reviewer = cast["bench_reviewer1"]
    rows = []
    for who, url in [
        ("bench_office", "/decisions/"),
        ("bench_office", "/decisions/?page=400"),
        ("bench_office", "/decisions/?kind=major_decision&status=reviewed"),
        ("bench_office", "/decisions/?year=2022&by=concluded"),
        ("bench_office", "/decisions/?year=2022&by=discussed&sort=title"),
        ("bench_office", f"/decisions/?reviewer={reviewer.pk}"),
        ("bench_office", "/decisions/?q=第1234"),
        ("bench_reviewer1", "/decisions/?mine=1"),
        ("bench_office", "/api/v1/decisions/"),
        ("bench_office", "/api/v1/decisions/?page=150&kind=contract"),
    ]:
        client.force_login(cast[who])
        median, queries = measure(client, url)
        rows.append((url, median, queries))
    print(f"\n{MATTERS} matters, {MATTERS * 10} procedure records; median of {RUNS} requests\n")
    print("| request | median ms | queries |")
    print("| --- | ---: | ---: |")
    for url, median, queries in rows:
        print(f"| `{url}` | {median:.1f} | {queries} |")


if __name__ == "__main__":
    main()
