"""Benchmark of the figures' single definition and the dashboard charts (issue 17, points 2
and 7), on the database as it is (`make demo` data, or a bench database with the areas'
records): median of 15 runs after a warm-up, with query counts.

    DEBUG=true DATABASE_URL=postgres://postgres@127.0.0.1:5432/huanghe_figures \\
        .venv/bin/python bench/dashboard_charts.py [year]

1. `reporting.collect(year)`: every area's figures, each computed from its `RECORDS` rows;
2. the staff dashboard with every area's charts, as a leader;
3. the drill-down page of the largest count figure, as the report office.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huanghe_portal.settings")


def measure(label: str, run, repeat: int = 15) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    run()
    times = []
    with CaptureQueriesContext(connection) as queries:
        for _ in range(repeat):
            start = time.perf_counter()
            run()
            times.append((time.perf_counter() - start) * 1000)
    print(f"{label}: median {statistics.median(times):.0f} ms, {len(queries) // repeat} queries")


def main() -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from huanghe_portal import reporting

    year = int(sys.argv[1]) if len(sys.argv) > 1 else 2022
    users = get_user_model().objects
    leader, office = Client(), Client()
    leader.force_login(users.get(username="leader"))
    office.force_login(users.get(username="report_office"))

    def ok(client: Client, url: str):
        def run():
            response = client.get(url, HTTP_HOST="localhost")
            assert response.status_code == 200, (url, response.status_code)

        return run

    measure(f"collect({year})", lambda: reporting.collect(year))
    measure(f"/staff/?year={year} as leader (cards and charts)", ok(leader, f"/staff/?year={year}"))
    figure = max(
        (f for figures in reporting.collect(year).values() for f in figures if f.unit in "件起次"),
        key=lambda f: f.value,
    )
    measure(f"{figure.records_url} as report office", ok(office, figure.records_url))


if __name__ == "__main__":
    main()
