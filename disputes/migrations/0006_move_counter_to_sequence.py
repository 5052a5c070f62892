"""Case numbers move to the shared per-year counter (huanghe_portal.Sequence); no case is
renumbered and the next number of each year continues where the old counter stopped."""

from django.db import migrations
from django.db.models import Max

KEY = "disputes.dispute"


def forward(apps, schema_editor):
    Counter = apps.get_model("disputes", "DisputeCounter")
    Dispute = apps.get_model("disputes", "Dispute")
    Sequence = apps.get_model("huanghe_portal", "Sequence")
    last = {c.year: c.last for c in Counter.objects.all()}
    for row in Dispute.objects.values("year").annotate(top=Max("sequence")):
        last[row["year"]] = max(last.get(row["year"], 0), row["top"] or 0)
    for year, value in last.items():
        Sequence.objects.update_or_create(key=KEY, year=year, defaults={"last": value})


def backward(apps, schema_editor):
    Counter = apps.get_model("disputes", "DisputeCounter")
    Sequence = apps.get_model("huanghe_portal", "Sequence")
    for seq in Sequence.objects.filter(key=KEY):
        Counter.objects.update_or_create(year=seq.year, defaults={"last": seq.last})


class Migration(migrations.Migration):

    dependencies = [
        ("disputes", "0005_open_due_index"),
        ("huanghe_portal", "0005_sequence"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.DeleteModel(
            name="DisputeCounter",
        ),
    ]
