"""Export jobs move to the exports app (exports.0001_initial takes the table over in its state); here
they leave the reports app's state only. The table and its rows stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0008_export_jobs"),
        ("exports", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ExportJob")],
            database_operations=[],
        ),
    ]
