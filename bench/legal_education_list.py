"""Benchmark of the 普法 area's busiest pages on a large data set.

    DEBUG=true DATABASE_URL=postgres://postgres@127.0.0.1:5432/hh_bench_legal_education \
        .venv/bin/python bench/legal_education_list.py

Creates (once) 20,000 events over 10 years and 50,000 consultations, then prints the median
server time and query count of the staff lists, the public events page, the API lists, the
iCal feed and the report figures, as a Markdown table.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hh_bench_legal_education")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huanghe_portal.settings")

from huanghe_portal import dbsetup  # noqa: E402

dbsetup.main()

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

EVENTS, CONSULTATIONS, BATCH, RUNS = 20_000, 50_000, 5_000, 15


def build() -> None:
    from huanghe_portal.models import Village
    from legal_education.models import Consultation, Event

    if Event.objects.count() >= EVENTS:
        return
    rng = random.Random(2022)
    villages = [
        Village.objects.get_or_create(code=f"B{i:03d}", defaults={"name": f"基准{i}村"})[0]
        for i in range(20)
    ]
    kinds = [k for k, _ in Event.Kind.choices]
    topics = [k for k, _ in Consultation.Topic.choices]
    outcomes = ["answered", "to_legal_aid", "to_litigation", "other"]
    start = dt.date(2016, 1, 1)
    for offset in range(0, EVENTS, BATCH):
        Event.objects.bulk_create(
            Event(
                held_on=start + dt.timedelta(days=rng.randint(0, 3650)),
                title=f"基准普法活动{offset + i}",
                kind=rng.choice(kinds),
                village=rng.choice(villages),
                place="村委会",
                organiser="司法所",
                participants=rng.randint(10, 300),
                materials=rng.randint(0, 600),
                summary="基准数据",
            )
            for i in range(min(BATCH, EVENTS - offset))
        )
    for offset in range(0, CONSULTATIONS, BATCH):
        Consultation.objects.bulk_create(
            Consultation(
                consulted_on=start + dt.timedelta(days=rng.randint(0, 3650)),
                topic=rng.choice(topics),
                question="基准问题",
                answered_by="基准",
                outcome=rng.choice(outcomes),
                village=rng.choice(villages),
            )
            for _ in range(min(BATCH, CONSULTATIONS - offset))
        )


def measure(client: Client, label: str, url: str) -> tuple[str, float, int, int]:
    times, queries, status = [], 0, 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        queries, status = len(ctx.captured_queries), response.status_code
    return label, statistics.median(times), queries, status


def main() -> None:
    call_command("migrate", verbosity=0)
    setup_test_environment()
    build()
    from legal_education import report

    user, _ = get_user_model().objects.get_or_create(username="bench_educator")
    user.groups.add(Group.objects.get(name="educator"))
    staff, public = Client(), Client()
    staff.force_login(user)
    rows = [
        measure(staff, "staff event list, year filter", "/legal-education/events/?year=2020"),
        measure(
            staff, "staff event list, search + kind", "/legal-education/events/?q=99&kind=lecture"
        ),
        measure(staff, "staff consultation list", "/legal-education/consultations/?year=2021"),
        measure(public, "public events page", "/legal-education/public/events/"),
        measure(public, "iCal feed", "/legal-education/public/events.ics"),
        measure(
            staff, "API events, page_size=100", "/api/v1/legal-education/events/?page_size=100"
        ),
        measure(
            staff, "API consultations, year", "/api/v1/legal-education/consultations/?year=2022"
        ),
    ]
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        report.figures(2022)
        times.append((time.perf_counter() - started) * 1000)
    print(f"Data: {EVENTS:,} events, {CONSULTATIONS:,} consultations; median of {RUNS} runs.\n")
    print("| page | median ms | queries | status |")
    print("| --- | ---: | ---: | ---: |")
    for label, ms, queries, status in rows:
        print(f"| {label} | {ms:.1f} | {queries} | {status} |")
    print(f"| report.figures(2022) | {statistics.median(times):.1f} | – | – |")


if __name__ == "__main__":
    main()
