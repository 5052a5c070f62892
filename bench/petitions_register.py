"""Benchmark: the petition register with the overdue filter over 100,000 petitions, and the
daily reminder task over all open petitions.

    DEBUG=true DATABASE_URL=postgres://postgres@127.0.0.1:5432/hh_bench_petitions \
        .venv/bin/python bench/petitions_register.py

Creates (or reuses) its own database, generates the data once (bulk_create in batches of
5,000), then prints a Markdown table of median server times and query counts.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hh_bench_petitions")
os.environ.setdefault("DEBUG", "true")
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
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from huanghe_portal.models import Notification, Sequence, Township, Village  # noqa: E402
from huanghe_portal.workdays import add_calendar_days  # noqa: E402
from petitions import services  # noqa: E402
from petitions.models import Petition  # noqa: E402

N = 100_000
BATCH = 5_000
RUNS = 21


def setup_data() -> tuple:
    call_command("migrate", verbosity=0)
    Township.objects.get_or_create(
        name="黄鹤镇",
        defaults={
            "government_name": "石柱土家族自治县黄鹤镇人民政府",
            "county": "石柱县",
            "doc_prefix": "黄鹤",
        },
    )
    villages = [
        Village.objects.get_or_create(code=f"B{i:03d}", defaults={"name": f"基准村{i}"})[0]
        for i in range(8)
    ]
    User = get_user_model()
    clerk, _ = User.objects.get_or_create(username="bench_clerk")
    leader, _ = User.objects.get_or_create(username="bench_leader")
    clerk.groups.add(Group.objects.get(name="petition_clerk"))
    leader.groups.add(Group.objects.get(name="leader"))
    existing = Petition.objects.count()
    if existing >= N:
        return clerk, leader, 0.0
    rng = random.Random(2022)
    today = timezone.localdate()
    start = time.perf_counter()
    rows = []
    for seq in range(existing + 1, N + 1):
        received = today - dt.timedelta(days=rng.randrange(0, 365 * 5))
        roll = rng.random()
        p = Petition(
            number=f"B{seq}",
            year=received.year,
            seq=seq,
            received_on=received,
            channel=rng.choice(["visit", "phone", "letter", "online", "fax"]),
            source=rng.choice(["direct", "forwarded", "hotline_12345"]),
            category=rng.choices(["appeal", "suggestion", "accusation"], [70, 22, 8])[0],
            petitioner_name="基准信访人",
            phone=f"138{seq:08d}",
            summary="基准数据",
            village=rng.choice(villages),
            registered_by=clerk,
            leader_in_charge=leader if seq % 10 == 0 else None,
            acceptance_due=add_calendar_days(received, 15),
        )
        if roll > 0.03:
            accepted_on = received + dt.timedelta(days=2)
            p.accepted_on = accepted_on
            p.handling_due = add_calendar_days(accepted_on, 60)
            p.status = Petition.Status.ACCEPTED
        if roll > 0.08:
            p.status, p.replied_on = Petition.Status.CLOSED, accepted_on + dt.timedelta(30)
            p.delivered_on, p.outcome, p.closed_on = p.replied_on, "support", p.replied_on
        rows.append(p)
        if len(rows) == BATCH:
            Petition.objects.bulk_create(rows)
            rows = []
    Petition.objects.bulk_create(rows)
    Sequence.objects.update_or_create(key="petitions.bench", year=0, defaults={"last": N})
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE petitions_petition")
    return clerk, leader, time.perf_counter() - start


def measure(client: Client, url: str) -> tuple[float, int, int]:
    times, queries = [], set()
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, response.status_code
        queries.add(len(ctx.captured_queries))
    return statistics.median(times), min(queries), max(queries)


def main() -> None:
    clerk, _leader, generated = setup_data()
    client = Client()
    client.force_login(clerk)
    open_count = Petition.objects.filter(status__in=Petition.OPEN_STATUSES).count()
    print(
        f"petitions: {Petition.objects.count():,}; open: {open_count:,}; "
        f"generated in {generated:.1f} s"
    )
    print()
    print("| request | median ms | queries (min–max) |")
    print("| --- | ---: | ---: |")
    for label, url in [
        ("register, overdue filter, page 1", "/petitions/?overdue=1"),
        ("register, overdue filter, page 20", "/petitions/?overdue=1&page=20"),
        (
            "register, overdue + channel + sort by due",
            "/petitions/?overdue=1&channel=visit&sort=due",
        ),
        ("register, no filter", "/petitions/"),
        ("API list, overdue filter", "/api/v1/petitions/?overdue=1"),
    ]:
        median, qmin, qmax = measure(client, url)
        print(f"| {label} | {median:.1f} | {qmin}–{qmax} |")
    Notification.objects.all().delete()  # bench set-up: start the reminder run from nothing
    t0 = time.perf_counter()
    created = services.send_due_reminders()
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    services.send_due_reminders()
    second = time.perf_counter() - t0
    print()
    print("| reminder task over all open petitions | seconds | notifications |")
    print("| --- | ---: | ---: |")
    print(f"| first run (empty notifications) | {first:.2f} | {created:,} |")
    print(f"| second run (upserts) | {second:.2f} | {created:,} |")


if __name__ == "__main__":
    main()
