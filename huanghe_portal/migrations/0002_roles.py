from django.db import migrations

ROLES = ["mediator", "petition_clerk", "legal_reviewer", "legal_adviser", "leader",
         "disclosure_officer", "educator", "report_office"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("huanghe_portal", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
