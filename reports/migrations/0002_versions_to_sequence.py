"""Report versions per (year, kind) come from the shared counter (huanghe_portal.Sequence)."""

from django.db import migrations
from django.db.models import Max


def forward(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    Sequence = apps.get_model("huanghe_portal", "Sequence")
    for row in Report.objects.values("year", "kind").annotate(top=Max("version")):
        Sequence.objects.update_or_create(
            key=f"reports.{row['kind']}", year=row["year"], defaults={"last": row["top"]}
        )


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0001_initial"),
        ("huanghe_portal", "0005_sequence"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
