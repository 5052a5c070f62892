"""Benchmark of the public catalogue: 50,000 published items, search for a two-character word,
the catalogue page, and the annual-report tables of a year with 5,000 applications.

    DEBUG=true DATABASE_URL=postgres://postgres@127.0.0.1:5432/hh_bench_disclosure \
        .venv/bin/python bench/disclosure_search.py

Builds its data once in its own database (kept for re-runs) and prints a Markdown table with
the median server time, beside a plain `icontains` scan measured in the same run.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import statistics
import sys
import time
from functools import cache

import benchkit

benchkit.configure("hh_bench_disclosure")

ITEMS = 50_000
APPLICATIONS = 5_000
YEAR = 2023
RUNS = 30
BATCH = 5_000


setup = benchkit.setup_database


@cache
def segmented(text: str) -> str:
    from disclosure.search import segment

    return segment(text)


def build_items() -> None:
    from disclosure.models import Category, Item

    have = Item.objects.filter(status=Item.Status.PUBLISHED).count()
    if have >= ITEMS:
        return
    rng = random.Random(2022)
    categories = list(Category.objects.all())
    subjects = [
        "农村公路养护",
        "财政预算",
        "低保对象",
        "宅基地审批",
        "土地流转",
        "防汛抗旱",
        "安全生产检查",
        "义务教育资助",
        "集镇规划",
        "农田水利",
        "森林防火",
        "社会救助",
        "就业援助",
        "食品安全",
        "环境整治",
        "招聘公告",
        "征地补偿",
        "农机补贴",
    ]
    villages = [f"{name}村" for name in "青山 红岩 石门 龙潭 凤凰 白果 桥头 新场 河坝 冷水".split()]
    sentences = [
        "现将有关情况公布如下。",
        "请各村（社区）认真组织实施。",
        "欢迎社会各界监督。",
        "镇人民政府高度重视此项工作。",
        "资金已按规定拨付到位。",
        "具体事项另行通知。",
    ]
    start = time.perf_counter()
    rows = []
    for n in range(have, ITEMS):
        subject = rng.choice(subjects)
        village = rng.choice(villages)
        year = rng.choice((2021, 2022, 2023, 2024))
        published = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        # About one item in fifty is about 调解 (mediation), as in a real township catalogue.
        extra = "开展矛盾纠纷调解，" if rng.random() < 0.02 else ""
        title = f"关于{village}{subject}的公告"
        number = f"黄鹤府发〔{year}〕{n}号"
        body = f"{village}{subject}：{extra}" + "".join(rng.sample(sentences, 3))
        rows.append(
            Item(
                title=title,
                category=rng.choice(categories),
                generated_on=published,
                document_number=number,
                summary=f"{subject}情况",
                body=body,
                publisher="黄鹤镇人民政府",
                status=Item.Status.PUBLISHED,
                secrecy_checked=True,
                privacy_checked=True,
                published_on=published,
                published_at=dt.datetime.combine(published, dt.time(9), tzinfo=dt.UTC),
                index_number=f"黄鹤-bench-{n:06d}",
                search_text=" ".join(
                    [title, number, f"黄鹤-bench-{n:06d}", f"{subject}情况", body]
                ),
            )
        )
        if len(rows) == BATCH:
            _insert(rows)
            rows = []
    if rows:
        _insert(rows)
    print(f"built {ITEMS - have} items in {time.perf_counter() - start:.1f} s", file=sys.stderr)


def _insert(rows) -> None:
    """bulk_create, then the jieba tsvector through a temporary table (COPY + one UPDATE)."""
    from django.db import connection, transaction

    from disclosure.models import Item

    with transaction.atomic():
        created = Item.objects.bulk_create(rows)
        buffer = io.StringIO()
        for item in created:
            head = segmented(" ".join([item.title, item.document_number, item.index_number or ""]))
            rest = segmented(f"{item.summary} {item.body}")
            buffer.write(f"{item.pk}\t{head}\t{rest}\n")
        buffer.seek(0)
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMP TABLE bench_seg (id bigint, head text, rest text) ON COMMIT DROP"
            )
            cursor.cursor.copy_from(buffer, "bench_seg", columns=("id", "head", "rest"))
            cursor.execute(
                "UPDATE disclosure_item SET search_vector = "
                "setweight(to_tsvector('simple', s.head), 'A') || "
                "setweight(to_tsvector('simple', s.rest), 'B') "
                "FROM bench_seg s WHERE s.id = disclosure_item.id"
            )


def vacuum() -> None:
    """What autovacuum does on a live site: statistics and the visibility map (index-only)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE disclosure_item")
        cursor.execute("VACUUM ANALYZE disclosure_application")


def build_applications() -> None:
    from disclosure.models import Application
    from huanghe_portal.workdays import add_workdays

    if Application.objects.filter(received_on__year=YEAR).count() >= APPLICATIONS:
        return
    rng = random.Random(2023)
    kinds = Application.ApplicantKind.values
    outcomes = Application.Outcome.values
    due_cache: dict[dt.date, dt.date] = {}
    rows = []
    for n in range(APPLICATIONS):
        received = dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        if received not in due_cache:
            due_cache[received] = add_workdays(received, 20).due
        due = due_cache[received]
        open_ = received.month == 12 and rng.random() < 0.3
        replied = None if open_ else received + dt.timedelta(days=rng.randint(1, 28))
        rows.append(
            Application(
                tracking_code=f"BENCH{n:07d}",
                applicant_kind=rng.choice(kinds),
                applicant_name="申请人",
                phone="13800000000",
                description="所需信息",
                delivery="email",
                received_on=received,
                reply_due=due,
                status=Application.Status.IN_PROGRESS if open_ else Application.Status.REPLIED,
                outcome="" if open_ else rng.choice(outcomes),
                replied_on=replied,
                concluded_on=replied,
            )
        )
    Application.objects.bulk_create(rows, batch_size=BATCH)


def median_ms(fn) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fn()  # warm-up: jieba's dictionary, the plan cache
    times = []
    queries = 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            fn()
            times.append((time.perf_counter() - started) * 1000)
        queries = len(ctx.captured_queries)
    return statistics.median(times), queries


def main() -> None:
    setup()
    build_items()
    build_applications()
    vacuum()
    from django.core.cache import cache
    from django.db.models import Q
    from django.test import Client

    from disclosure import report, selectors

    client = Client()

    def get(url: str, **params):
        def run():
            cache.clear()  # no throttle or page cache between runs
            response = client.get(url, params)
            assert response.status_code == 200, response.status_code

        return run

    def icontains_page(word: str):
        def run():
            qs = (
                selectors.items_published()
                .filter(Q(title__icontains=word) | Q(body__icontains=word))
                .order_by("-published_at")
            )
            qs.count()
            list(qs[:20])

        return run

    def tables():
        report.annual_tables(YEAR)

    hits = selectors.search_published("调解").count()
    cases = [
        (f"public search 调解 ({hits} hits), page", get("/disclosure/public/", q="调解"), 50),
        ("API search ?search=调解", get("/api/v1/disclosure/items/", search="调解"), 50),
        ("public search 宅基地审批 (3+ chars)", get("/disclosure/public/", q="宅基地审批"), 50),
        ("plain icontains scan 调解 (count + first 20)", icontains_page("调解"), None),
        ("catalogue page 1 (all categories)", get("/disclosure/public/"), 30),
        ("catalogue page 200", get("/disclosure/public/", page=200), 30),
        (f"annual_tables({YEAR}) with {APPLICATIONS} applications", tables, 200),
    ]
    print(f"| measure ({ITEMS:,} published items) | median ms | queries | target |")
    print("| --- | ---: | ---: | --- |")
    for label, fn, target in cases:
        ms, queries = median_ms(fn)
        goal = f"< {target} ms {'✓' if ms < target else '✗'}" if target else "reference"
        print(f"| {label} | {ms:.1f} | {queries} | {goal} |")


if __name__ == "__main__":
    main()
