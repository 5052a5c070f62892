"""Petition numbers move to the shared per-year counter (huanghe_portal.Sequence); no petition
is renumbered and the next number of each year continues where the old counter stopped."""

from django.db import migrations
from django.db.models import Max


def forward(apps, schema_editor):
    NumberSequence = apps.get_model("petitions", "NumberSequence")
    Petition = apps.get_model("petitions", "Petition")
    Sequence = apps.get_model("huanghe_portal", "Sequence")
    last = {(f"petitions.{s.kind}", s.year): s.last for s in NumberSequence.objects.all()}
    for row in Petition.objects.values("year").annotate(top=Max("seq")):
        key = ("petitions.petition", row["year"])
        last[key] = max(last.get(key, 0), row["top"] or 0)
    for (key, year), value in last.items():
        Sequence.objects.update_or_create(key=key, year=year, defaults={"last": value})


def backward(apps, schema_editor):
    NumberSequence = apps.get_model("petitions", "NumberSequence")
    Sequence = apps.get_model("huanghe_portal", "Sequence")
    for seq in Sequence.objects.filter(key__startswith="petitions."):
        NumberSequence.objects.update_or_create(
            kind=seq.key.removeprefix("petitions."), year=seq.year, defaults={"last": seq.last}
        )


class Migration(migrations.Migration):

    dependencies = [
        ("petitions", "0002_number_sequence_history"),
        ("huanghe_portal", "0005_sequence"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.RemoveField(
            model_name="historicalnumbersequence",
            name="history_user",
        ),
        migrations.DeleteModel(
            name="NumberSequence",
        ),
        migrations.DeleteModel(
            name="HistoricalNumberSequence",
        ),
    ]
