"""Notices, reminders and urges move to the notices app (notices.0001_initial takes their tables over
in its state); here they leave the reports app's state only. The tables and rows stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0009_export_jobs_to_their_app"),
        ("notices", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Reminder"),
                migrations.DeleteModel(name="Urge"),
                migrations.DeleteModel(name="Notice"),
            ],
            database_operations=[],
        ),
    ]
