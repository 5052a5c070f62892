"""Benchmark of the mediation case list, search and detail on 100,000 cases / 250,000 parties.

    DEBUG=true DATABASE_URL=postgres://postgres@127.0.0.1:5432/hh_bench_disputes \
        .venv/bin/python bench/disputes_list.py

Creates the data once (COPY; personal data encrypted as the portal stores it), then prints the
median server time (Django test Client, 15 runs) and the query count of the staff list with
filters, pages 1 and 500, text and ID searches, the detail page, the API list, and the same
list in Django admin, as a Markdown table.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hh_bench_disputes")
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

CASES, EXTRA_PARTIES, RUNS = 100_000, 50_000, 15
SURNAMES = "谭冉秦向马陈刘黄周余崔罗牟隆熊何"
GIVEN = "明国春秀兰德志永红芳建华丽成平勇霞军玉学"


def copy(table: str, columns: list[str], rows) -> None:
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join("\\N" if v is None else str(v) for v in row) + "\n")
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)


def build(mediators) -> None:
    from disputes.models import Dispute
    from huanghe_portal.models import Sequence, Township, Village
    from huanghe_portal.personal_data import blind_index, encrypt, id_check_char
    from huanghe_portal.sequences import DISPUTE
    from huanghe_portal.workdays import add_months

    if Dispute.objects.count() >= CASES:
        return
    if not Township.objects.exists():
        Township.objects.create(
            name="黄鹤镇", government_name="黄鹤镇人民政府", county="石柱县", doc_prefix="黄鹤"
        )
    rng = random.Random(2022)
    villages = [
        Village.objects.get_or_create(code=f"B{i:03d}", defaults={"name": f"基准{i}村"})[0]
        for i in range(20)
    ]
    started = time.monotonic()
    today = timezone.localdate()
    now = timezone.now().isoformat()
    first = dt.date(2015, 1, 1)
    span = (today - first).days
    dates = sorted(first + dt.timedelta(days=rng.randrange(span)) for _ in range(CASES))
    # Numbers and ids continue after any cases already there (the demo data in bench/load.py).
    sequences = dict(Sequence.objects.filter(key=DISPUTE).values_list("year", "last"))
    cases, links, parties = [], [], []
    first_pk = Dispute.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    pk = first_pk
    for received in dates:
        pk += 1
        sequences[received.year] = sequences.get(received.year, 0) + 1
        seq = sequences[received.year]
        roll = rng.random()
        status = (
            "succeeded"
            if roll < 0.8
            else "failed"
            if roll < 0.83
            else "withdrawn"
            if roll < 0.85
            else "accepted"
            if roll < 0.97
            else "registered"
        )
        accepted = received + dt.timedelta(days=1) if status != "registered" else None
        closed = (
            received + dt.timedelta(days=rng.randrange(3, 40))
            if status in ("succeeded", "failed", "withdrawn")
            else None
        )
        if closed and closed > today:
            closed = today
        mediator = rng.choice(mediators) if accepted else None
        names = []
        extra = ["respondent"] if pk - first_pk <= EXTRA_PARTIES else []
        for role in ["applicant", "respondent", *extra]:
            name = rng.choice(SURNAMES) + "".join(
                rng.choice(GIVEN) for _ in range(rng.choice([1, 2]))
            )
            names.append(name)
            first17 = (
                f"500240{1950 + rng.randrange(50)}{rng.randrange(1, 13):02d}"
                f"{rng.randrange(1, 29):02d}{rng.randrange(1000):03d}"
            )
            number = first17 + id_check_char(first17)
            phone = f"13{rng.randrange(10**9):09d}"
            parties.append(
                (
                    pk,
                    role,
                    "person",
                    name,
                    encrypt(number),
                    blind_index(number),
                    "false",
                    "",
                    encrypt(phone),
                    blind_index(phone),
                    "一组",
                    now,
                    now,
                )
            )
        cases.append(
            (
                pk,
                f"黄鹤调〔{received.year}〕{seq}号",
                received.year,
                seq,
                received,
                rng.choice(["application", "screening", "village_referral"]),
                f"{rng.randrange(1, 16):02d}",
                rng.choice(villages).pk,
                f"{rng.choice(['邻里', '宅基地', '合同', '赔偿'])}纠纷，双方就{rng.randrange(1000)}号地块发生争执。",
                rng.randrange(0, 50000) if rng.random() < 0.3 else None,
                "false",
                "、".join(names),
                status,
                status if closed else "",
                accepted,
                add_months(accepted, 1) if accepted else None,
                closed,
                "",
                "",
                "written" if status == "succeeded" else "",
                mediator.username if mediator else "",
                "",
                now,
                now,
            )
        )
        if mediator:
            links.append((pk, mediator.pk))
    copy(
        "disputes_dispute",
        [
            "id",
            "number",
            "year",
            "sequence",
            "received_on",
            "source",
            "category",
            "village_id",
            "summary",
            "amount_involved",
            "is_public",
            "party_names",
            "status",
            "outcome",
            "accepted_on",
            "mediation_due",
            "closed_on",
            "close_reason",
            "guided_to",
            "agreement_form",
            "mediator_names",
            "void_reason",
            "created_at",
            "updated_at",
        ],
        cases,
    )
    copy("disputes_dispute_mediators", ["dispute_id", "user_id"], links)
    copy(
        "disputes_party",
        [
            "dispute_id",
            "role",
            "kind",
            "name",
            "id_number",
            "id_number_index",
            "id_legacy",
            "credit_code",
            "phone",
            "phone_index",
            "address",
            "created_at",
            "updated_at",
        ],
        parties,
    )
    with connection.cursor() as cursor:
        for table in ("disputes_dispute", "disputes_party"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                f"(SELECT max(id) FROM {table}))"
            )
            cursor.execute(f"VACUUM ANALYZE {table}")
        cursor.execute("VACUUM ANALYZE disputes_dispute_mediators")
    for year, last in sequences.items():
        Sequence.objects.update_or_create(key=DISPUTE, year=year, defaults={"last": last})
    print(
        f"built {len(cases)} cases, {len(parties)} parties in {time.monotonic() - started:.0f} s",
        file=sys.stderr,
    )


def measure(client: Client, url: str) -> tuple[float, int, int]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    count = len(queries)  # read now: the next request resets the connection's query log
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), count, len(response.content)


def bench_mediators() -> list:
    """The five mediators the built cases are assigned to."""
    User = get_user_model()
    group = Group.objects.get(name="mediator")
    mediators = []
    for i in range(5):
        user, _created = User.objects.get_or_create(username=f"bench_mediator{i}")
        user.groups.add(group)
        mediators.append(user)
    return mediators


def main() -> None:
    call_command("migrate", verbosity=0)
    User = get_user_model()
    mediators = bench_mediators()
    admin, created = User.objects.get_or_create(
        username="bench_admin", defaults={"is_staff": True, "is_superuser": True}
    )
    build(mediators)

    from disputes.models import Dispute, Party

    sample = Dispute.objects.filter(status="succeeded").order_by("pk")[5000]
    party = Party.objects.filter(dispute=sample).first()
    assert party is not None
    village = sample.village_id
    staff, admin_client = Client(), Client()
    staff.force_login(mediators[0])
    admin_client.force_login(admin)
    rows = [
        ("staff list, page 1", "/disputes/"),
        ("staff list, page 500", "/disputes/?page=500"),
        ("status = accepted", "/disputes/?status=accepted"),
        ("status = accepted, page 500", "/disputes/?status=accepted&page=500"),
        ("category 02 + year 2023", "/disputes/?category=02&year=2023"),
        ("village", f"/disputes/?village={village}"),
        ("village, page 200", f"/disputes/?village={village}&page=200"),
        ("mediator", f"/disputes/?mediator={mediators[1].pk}"),
        ("overdue", "/disputes/?overdue=true"),
        (
            "year 2022 by closed, outcome succeeded",
            "/disputes/?year=2022&by=closed&outcome=succeeded",
        ),
        ("sorted by closing date", "/disputes/?ordering=-closed_on"),
        (
            "search: party name (3 chars)",
            f"/disputes/?q={party.name if len(party.name) == 3 else '谭明远'}",
        ),
        ("search: party name (2 chars)", f"/disputes/?q={party.name[:2]}"),
        ("search: case number", f"/disputes/?q={sample.number}"),
        ("search: ID number (blind index)", f"/disputes/?q={party.id_number}"),
        ("search: summary text", "/disputes/?q=123号地块"),
        ("detail page", f"/disputes/{sample.pk}/"),
        ("API list, page 1", "/api/v1/disputes/"),
        ("API list, search name", f"/api/v1/disputes/?search={party.name}"),
        ("API detail", f"/api/v1/disputes/{sample.pk}/"),
    ]
    admin_rows = [
        ("admin changelist, page 1", "/admin/disputes/dispute/"),
        ("admin changelist, page 500", "/admin/disputes/dispute/?p=499"),
        ("admin, status = accepted", "/admin/disputes/dispute/?status__exact=accepted"),
        ("admin search: party name", f"/admin/disputes/dispute/?q={party.name}"),
        ("admin search: case number", f"/admin/disputes/dispute/?q={sample.number}"),
    ]
    print(
        f"{Dispute.objects.count():,} cases, {Party.objects.count():,} parties; "
        f"median of {RUNS} runs (Django test Client, DEBUG={os.environ.get('DEBUG')})\n"
    )
    print("| page | median ms | queries |")
    print("| --- | ---: | ---: |")
    for label, url in rows:
        median, queries, _size = measure(staff, url)
        print(f"| {label} | {median:.1f} | {queries} |")
    for label, url in admin_rows:
        median, queries, _size = measure(admin_client, url)
        print(f"| {label} | {median:.1f} | {queries} |")


if __name__ == "__main__":
    main()
