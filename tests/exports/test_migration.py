"""Export jobs moved from the reports app to their own without moving a row: on a database that holds
jobs made before the move, migrating forward leaves every job, its file and its fields in place,
read through the exports app's model."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("reports", "0008_export_jobs"), ("exports", None)]


@pytest.mark.django_db(transaction=True)
def test_export_jobs_made_before_the_move_are_all_there_after_it():
    # given a database as it was before the move, holding two export jobs
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE[:1]).apps
    user = old.get_model("units", "User").objects.create(username="leader", password="!", role="leader")
    plan = old.get_model("tasks", "Plan").objects.create(year=2024, title="2024年工作要点")
    Job = old.get_model("reports", "ExportJob")
    done = Job.objects.create(
        created_by=user, plan=plan, as_of=dt.date(2024, 12, 31), status="done", rows_total=7, rows_done=7,
        file="exports/2025/01/summary.xlsx",
    )  # fmt: skip
    failed = Job.objects.create(
        created_by=user, plan=plan, as_of=dt.date(2024, 6, 30), status="failed", error="磁盘已满"
    )
    # when the migrations run forward
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    # then the exports app reads both, unchanged
    from exports.models import ExportJob

    jobs = {job.pk: job for job in ExportJob.objects.all()}
    assert set(jobs) == {done.pk, failed.pk}
    assert (jobs[done.pk].status, jobs[done.pk].rows_done, jobs[done.pk].file.name) == (
        "done", 7, "exports/2025/01/summary.xlsx",
    )  # fmt: skip
    assert (jobs[failed.pk].error, jobs[failed.pk].as_of, jobs[failed.pk].created_by_id) == (
        "磁盘已满", dt.date(2024, 6, 30), user.pk,
    )  # fmt: skip
