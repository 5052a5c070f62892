from django.db import migrations, models


class Migration(migrations.Migration):
    """The report's edition (第N版) was called `version`; that name now belongs to the optimistic
    lock every edited record carries."""

    dependencies = [
        ("reports", "0001_initial"),
        # The counter reads the editions before the column is renamed.
        ("reports", "0002_versions_to_sequence"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="report", name="reports_unique_year_kind_version"),
        migrations.RenameField("report", "version", "edition"),
        migrations.RenameField("historicalreport", "version", "edition"),
        migrations.AlterField(
            model_name="report", name="edition",
            field=models.PositiveSmallIntegerField(default=1, verbose_name="版次"),
        ),
        migrations.AlterField(
            model_name="historicalreport", name="edition",
            field=models.PositiveSmallIntegerField(default=1, verbose_name="版次"),
        ),
        migrations.AddField(
            model_name="report", name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="版本"),
        ),
        migrations.AddField(
            model_name="historicalreport", name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="版本"),
        ),
        migrations.AlterModelOptions(
            name="report",
            options={"ordering": ["-year", "kind", "-edition"], "verbose_name": "年度报告",
                     "verbose_name_plural": "年度报告"},
        ),
        migrations.AddConstraint(
            model_name="report",
            constraint=models.UniqueConstraint(fields=("year", "kind", "edition"),
                                               name="reports_unique_year_kind_version"),
        ),
    ]
