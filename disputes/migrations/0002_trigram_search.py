"""Trigram indexes for the case list's text search (number, party names, summary) on
PostgreSQL; other databases search without them."""

from django.db import migrations

INDEXES = [
    ("disputes_dispute_number_trgm", "number"),
    ("disputes_dispute_party_names_trgm", "party_names"),
    ("disputes_dispute_summary_trgm", "summary"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON disputes_dispute "
            f"USING gin (UPPER({column}) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("disputes", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
