"""索引号 come from the shared per-year counter (huanghe_portal.Sequence). It starts where the
old count-based numbering would have continued; numbers already given are never reused."""

from django.db import migrations
from django.db.models import Count
from django.db.models.functions import ExtractYear

KEY = "disclosure.index"


def forward(apps, schema_editor):
    Item = apps.get_model("disclosure", "Item")
    Sequence = apps.get_model("huanghe_portal", "Sequence")
    years = (
        Item.objects.filter(index_number__isnull=False, published_on__isnull=False)
        .annotate(y=ExtractYear("published_on"))
        .values("y")
        .annotate(n=Count("pk"))
    )
    for row in years:
        Sequence.objects.update_or_create(key=KEY, year=row["y"], defaults={"last": row["n"]})


class Migration(migrations.Migration):

    dependencies = [
        ("disclosure", "0003_public_order_index"),
        ("huanghe_portal", "0005_sequence"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
