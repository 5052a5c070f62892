"""The repeat note "重复信访，前次：<number>" named an earlier petition, possibly a sealed
accusation, to every reader of the new one. Keep the earlier petition as a reference in the
entry's data instead; the page names it only to those who may see it (issue 12)."""

from django.db import migrations

PREFIX = "重复信访，前次："


def note_to_reference(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    TimelineEntry = apps.get_model("huanghe_portal", "TimelineEntry")
    Petition = apps.get_model("petitions", "Petition")
    content_type = ContentType.objects.filter(app_label="petitions", model="petition").first()
    if content_type is None:
        return
    entries = TimelineEntry.objects.filter(
        content_type=content_type, action="registered", note__startswith=PREFIX
    )
    numbers = {entry.note[len(PREFIX):].strip() for entry in entries}
    by_number = dict(Petition.objects.filter(number__in=numbers).values_list("number", "pk"))
    for entry in entries:
        earlier = by_number.get(entry.note[len(PREFIX):].strip())
        if earlier:
            entry.data = {**(entry.data or {}), "earlier": earlier}
        entry.note = ""
        entry.save(update_fields=["note", "data"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("huanghe_portal", "0004_attachment_history"),
        ("petitions", "0002_number_sequence_history"),
    ]

    operations = [migrations.RunPython(note_to_reference, migrations.RunPython.noop)]
