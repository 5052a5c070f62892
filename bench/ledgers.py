"""Benchmark: ledger exports (peak memory of 50,000 rows) and imports (time through the services).

    DEBUG=true DATABASE_URL=postgres://postgres@127.0.0.1:5432/hh_bench_ledgers \
        .venv/bin/python bench/ledgers.py

Export: each writer runs in a fresh subprocess (both at once) that writes the 人民调解登记台账
(30 columns) of 50,000 fictional rows; the subprocess reports its peak resident memory
(getrusage) and the time taken (tracemalloc is left off: it slows the normal mode severalfold). "before" is the writer this
replaced (openpyxl's normal mode, every cell kept in memory, saved to a BytesIO); "after" is
`huanghe_portal.ledgers.write_xlsx` (write-only mode to a temporary file, then streamed).

Import: a disputes ledger of N rows through the preview (parse and check, nothing written) and
the import (every row through the services, one transaction), in the script's own database.
Prints a Markdown table.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

import benchkit

benchkit.configure("hh_bench_ledgers")

EXPORT_ROWS = int(os.environ.get("BENCH_EXPORT_ROWS", "50000"))
IMPORT_SIZES = tuple(int(n) for n in os.environ.get("BENCH_IMPORT_SIZES", "390,2000").split(","))


def fake_dispute_row(i: int) -> dict:
    received = dt.date(2024, 1, 1) + dt.timedelta(days=i % 300)
    return {
        "number": f"黄鹤调〔2024〕{i + 1}号",
        "received_on": received,
        "source": "application",
        "category": "07",
        "village": "平桥村",
        "applicant_names": f"申请人{i}",
        "applicant_ids": "500240199001011234",
        "applicant_phones": "13812345678",
        "applicant_addresses": "黄鹤镇平桥村3组",
        "respondent_names": f"被申请人{i}；另一人{i}",
        "respondent_ids": "500240198505054321；500240197707077777",
        "respondent_phones": "13900000000；13700000000",
        "respondent_addresses": "黄鹤镇平桥村4组；黄鹤镇场镇",
        "summary": "双方因山林界址发生争执，经村调委会调解未果后申请镇调委会调解。" * 2,
        "amount_involved": 12000,
        "status": "succeeded",
        "accepted_on": received + dt.timedelta(days=1),
        "mediators": "调解员甲、调解员乙",
        "closed_on": received + dt.timedelta(days=10),
        "agreement_form": "written",
        "terms": "按原界址为准，双方不再争议。",
        "performance_due": received + dt.timedelta(days=30),
    }


def export_child(mode: str) -> None:
    """Runs in the subprocess: write the export one way, print the figures as JSON."""
    import django

    django.setup()
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from disputes.ledgers import TITLE, columns
    from huanghe_portal.ledgers import FORMULA_TRIGGERS, write_xlsx

    cols = columns()
    rows = (fake_dispute_row(i) for i in range(EXPORT_ROWS))
    started = time.perf_counter()
    if mode == "before":
        workbook = Workbook()
        sheet = workbook.worksheets[0]
        sheet.append([c.header for c in cols])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([c.fmt(row.get(c.key)) for c in cols])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
                    cell.data_type = "s"
        buffer = io.BytesIO()
        workbook.save(buffer)
        size = len(buffer.getvalue())
    else:
        with tempfile.TemporaryFile() as out:
            write_xlsx(out, cols, rows, title=TITLE)
            size = out.tell()
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "mode": mode,
                "seconds": round(seconds, 1),
                "bytes": size,
                "maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            }
        )
    )


def measure_export() -> list[dict]:
    children = [
        subprocess.Popen(
            [sys.executable, __file__, "--export-child", mode], stdout=subprocess.PIPE, text=True
        )
        for mode in ("before", "after")
    ]
    return [json.loads(child.communicate()[0].strip().splitlines()[-1]) for child in children]


def measure_import() -> list[dict]:
    benchkit.setup_database()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    from disputes.ledgers import LEDGER, columns
    from disputes.models import Dispute
    from huanghe_portal.ledgers import export_xlsx
    from huanghe_portal.models import Township, Village

    if not Township.objects.exists():
        Township.objects.create(
            name="黄鹤镇",
            government_name="石柱土家族自治县黄鹤镇人民政府",
            county="重庆市石柱土家族自治县",
            doc_prefix="黄鹤",
        )
    Village.objects.get_or_create(name="平桥村", defaults={"code": "B001"})
    mediator, created = get_user_model().objects.get_or_create(username="bench_mediator")
    if created:
        mediator.groups.add(Group.objects.get(name="mediator"))

    class Rollback(Exception):
        pass

    results = []
    for size in IMPORT_SIZES:
        rows = []
        for i in range(size):
            row = fake_dispute_row(i)
            row.update(
                number="",
                applicant_ids="",
                respondent_ids="",
                applicant_phones="",
                respondent_phones="",
            )
            rows.append(row)
        data = export_xlsx(columns(), rows, title="台账")
        started = time.perf_counter()
        table = LEDGER.parse(SimpleUploadedFile("台账.xlsx", data))
        preview = time.perf_counter() - started
        assert not table.errors, table.errors[:3]
        started = time.perf_counter()
        try:
            with transaction.atomic():
                result = LEDGER.import_rows(table.rows, actor=mediator)
                imported = time.perf_counter() - started
                raise Rollback  # leave the database as it was for the next run
        except Rollback:
            pass
        assert result["created"] == size and not Dispute.objects.filter(summary="").exists()
        results.append({"rows": size, "preview": round(preview, 2), "import": round(imported, 1)})
    return results


def main() -> None:
    export = measure_export() if "--import-only" not in sys.argv else []
    print("| 50,000-row export | peak RSS of the process | time | file |")
    print("| --- | --- | --- | --- |")
    for r in export:
        print(
            f"| {r['mode']} | {r['maxrss_mb']} MB | {r['seconds']} s | "
            f"{r['bytes'] / 2**20:.1f} MB |"
        )
    print()
    if "--export-only" in sys.argv:
        return
    print(
        "| disputes ledger import | preview (parse and check) | import (services, one transaction) |"
    )
    print("| --- | --- | --- |")
    for r in measure_import():
        print(f"| {r['rows']} rows | {r['preview']} s | {r['import']} s |")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--export-child"]:
        export_child(sys.argv[2])
    else:
        main()
