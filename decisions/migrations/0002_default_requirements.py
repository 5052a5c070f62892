from django.db import migrations

DEFAULTS = {
    "major_decision": {"public_comment", "expert_review", "risk_assessment", "legality_review"},
    "normative_document": {"public_comment", "legality_review"},
    "enforcement_decision": {"legality_review"},
    "contract": set(),
    "other": set(),
}
STEPS = ["public_comment", "hearing", "expert_review", "risk_assessment", "legality_review"]


def seed(apps, schema_editor):
    Requirement = apps.get_model("decisions", "ProcedureRequirement")
    for kind, required in DEFAULTS.items():
        for step in STEPS:
            Requirement.objects.get_or_create(kind=kind, step=step,
                                              defaults={"required": step in required})


class Migration(migrations.Migration):
    dependencies = [("decisions", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
