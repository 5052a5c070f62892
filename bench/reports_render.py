"""Benchmark of the annual reports (issue 9, Speed):

1. compile a year whose figures come from DB aggregates over 100,000 records across the areas
   (< 1 s);
2. render the 2022 report PDF (about 10 pages, two SVG charts) through our pipeline, beside a
   bare WeasyPrint render of the same HTML (same inline SVG) in the same run: median of 5 after
   a warm-up; overhead (chart drawing excluded) < 20 %; PDF < 2 MB.

    DEBUG=true DATABASE_URL=postgres://postgres@127.0.0.1:5432/hh_bench_reports \\
        .venv/bin/python bench/reports_render.py

When the areas' report modules are installed (after the merge) the compile uses them on the
database as it is; otherwise each area is stood in for by a module running one aggregate query
over a generated table of 100,000 records (a quarter voided, dates over 2021–2023).
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import time
from importlib.util import find_spec
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huanghe_portal.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hh_bench_reports")

AREAS = ("disputes", "petitions", "decisions", "disclosure", "legal_education")
RECORDS = 100_000


def ensure_database() -> None:
    """The shared set-up creates the database (C.UTF-8 template) when it is missing."""
    from huanghe_portal import dbsetup

    dbsetup.main()


def median(fn, runs: int = 5) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def generate_records(cursor) -> None:
    cursor.execute("DROP TABLE IF EXISTS bench_reports_record")
    cursor.execute(
        """
        CREATE TABLE bench_reports_record AS
        SELECT i AS id,
               (ARRAY['disputes','petitions','decisions','disclosure','legal_education'])[1 + mod(i, 5)]
                   AS app,
               (ARRAY['received','succeeded','failed','events','consultations'])[1 + mod(i / 5, 5)]
                   AS kind,
               DATE '2021-01-01' + mod(i * 7919, 1095) AS counted_on,
               (mod(i, 4) = 0) AS voided
        FROM generate_series(1, %s) AS i""",
        [RECORDS],
    )
    cursor.execute("CREATE INDEX ON bench_reports_record (app, counted_on)")
    cursor.execute("ANALYZE bench_reports_record")


def stand_in_modules():
    """One module per area: its figures are one aggregate over the generated records."""
    from django.db import connection

    from huanghe_portal.reporting import Figure

    def module(app: str):
        def figures(year: int) -> list[Figure]:
            with connection.cursor() as cursor:
                cursor.execute(
                    """
                    SELECT kind, count(*) FROM bench_reports_record
                    WHERE app = %s AND NOT voided
                      AND counted_on >= make_date(%s, 1, 1) AND counted_on < make_date(%s, 1, 1)
                    GROUP BY kind""",
                    [app, year, year + 1],
                )
                counts = dict(cursor.fetchall())
            return [
                Figure(
                    key=f"{app}.{kind}",
                    label=kind,
                    value=n,
                    unit="件",
                    definition="",
                    records_url=f"/{app}/?year={year}",
                )
                for kind, n in counts.items()
            ]

        return SimpleNamespace(SECTION=app, figures=figures, paragraphs=lambda y, f: [])

    return {app: module(app) for app in AREAS}


def seed_modules():
    """The seed's 2022 figures (and a month series for the chart) for the render benchmark."""
    from reports.tests.conftest import FakeAreas

    return FakeAreas().modules()


SEED_PARAGRAPH = (
    "建设完善我镇非诉矛盾纠纷多元化解体系，创新基层社会治理，建立共建共治共享社会治理格局，"
    "以提高调解成功率为目标，切实维护基层稳定的基础作用，实现解决矛盾纠纷的法律效果、社会效果、"
    "政治效果的统一和矛盾纠纷调处“一站式”服务。实行领导接访制度，及时解决群众上访、上诉的问题。"
)


def main() -> None:
    ensure_database()
    import django

    django.setup()
    import pypdf
    import weasyprint
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection

    from huanghe_portal import reporting
    from reports import charts, rendering, selectors, services
    from reports.models import Report

    call_command("migrate", verbosity=0)
    office, _ = get_user_model().objects.get_or_create(username="bench_office")
    group, _ = Group.objects.get_or_create(name="report_office")
    office.groups.add(group)
    Report.objects.filter(compiled_by=office).update(status=Report.Status.PUBLISHED)

    real = all(find_spec(f"{app}.report") for app in AREAS)
    rows = []
    if not real:
        with connection.cursor() as cursor:
            start = time.perf_counter()
            generate_records(cursor)
            rows.append(("generate 100,000 records", f"{time.perf_counter() - start:.2f} s", ""))
        reporting.report_modules = stand_in_modules
    from django.test.utils import CaptureQueriesContext

    def compile_once():
        report = services.create_report(actor=office, year=2022, kind="rule_of_law")
        Report.objects.filter(pk=report.pk).update(status=Report.Status.PUBLISHED)

    with CaptureQueriesContext(connection) as queries:
        compile_once()
    t_compile = median(compile_once)
    source = "areas' report modules" if real else "stand-in aggregates over 100,000 records"
    rows.append(
        ("compile 2022 (" + source + ")", f"{t_compile * 1000:.0f} ms", f"{len(queries)} queries")
    )

    reporting.report_modules = seed_modules
    report = services.create_report(actor=office, year=2022, kind="rule_of_law")
    texts = {s["key"]: s["text"] + ("\n" + SEED_PARAGRAPH) * 3 for s in report.sections}
    report = services.update_report(report, actor=office, texts=texts, version=report.version)
    figures = selectors.figures_by_key(report)

    html = rendering.pdf_html(report)
    base_url = str(settings.BASE_DIR / "static")
    pdf = rendering.render_pdf_now(report)
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    t_charts = median(
        lambda: (
            charts.chart_for("disputes_by_month", figures, 2022),
            charts.chart_for("figures_by_area", figures, 2022),
        )
    )
    t_ours = median(lambda: rendering.render_pdf_now(report))
    t_bare = median(lambda: weasyprint.HTML(string=html, base_url=base_url).write_pdf())
    overhead = (t_ours - t_charts - t_bare) / t_bare * 100
    rows += [
        (f"render 2022 PDF, our pipeline ({pages} pages, 2 charts)", f"{t_ours:.3f} s", ""),
        ("bare WeasyPrint, same HTML and SVG", f"{t_bare:.3f} s", ""),
        ("chart drawing (2 SVG charts)", f"{t_charts * 1000:.1f} ms", ""),
        ("our overhead, chart drawing excluded", f"{overhead:.1f} %", "target < 20 %"),
        ("PDF size", f"{len(pdf) / 1024:.0f} KiB", "target < 2 MB"),
    ]
    print("| measurement | median of 5 | note |\n| --- | --- | --- |")
    for name, value, note in rows:
        print(f"| {name} | {value} | {note} |")


if __name__ == "__main__":
    main()
