"""Notices and export jobs moved from the reports app to apps of their own without moving a row: on a
database that holds notices, reminders, urges and export jobs made before the move, migrating forward
leaves every row and field in place, read through the new apps' models."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("reports", "0008_export_jobs"), ("exports", None), ("notices", None)]


@pytest.mark.django_db(transaction=True)
def test_rows_made_before_the_move_are_all_there_after_it():
    # given a database as it was before the move
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE[:1]).apps
    user = old.get_model("units", "User").objects.create(username="leader", password="!", role="leader")
    unit = old.get_model("units", "Unit").objects.create(
        code="changchun", name="长春市交通运输局", short_name="长春市", kind="city_bureau"
    )
    plan = old.get_model("tasks", "Plan").objects.create(year=2024, title="2024年工作要点")
    section = old.get_model("tasks", "Section").objects.create(plan=plan, number=1, title="板块")
    item = old.get_model("tasks", "WorkItem").objects.create(
        plan=plan, section=section, number=9, title="绿化", text="推进绿化。"
    )
    obligation = old.get_model("tasks", "Obligation").objects.create(
        plan=plan, work_item=item, unit=unit, period="2024-06", kind="monthly", period_start=dt.date(2024, 6, 1),
        due_date=dt.date(2024, 7, 5), due_end=timezone.make_aware(dt.datetime(2024, 7, 6)),
    )  # fmt: skip
    notice = old.get_model("reports", "Notice").objects.create(
        channel="email", kind="overdue", key="overdue:2024-07-06", recipient=f"unit:{unit.pk}", unit=unit,
        address="cc@example.cn", title="【逾期】6月进展", body="请尽快报送。", status="failed", attempts=3, error="SMTP",
    )  # fmt: skip
    reminder = old.get_model("reports", "Reminder").objects.create(
        obligation=obligation,
        occasion="overdue:2024-07-06",
        channel="email",
        recipient=f"unit:{unit.pk}",
        notice=notice,
    )
    urge = old.get_model("reports", "Urge").objects.create(
        obligation=obligation, by=user, note="请于本周内补报。"
    )
    job = old.get_model("reports", "ExportJob").objects.create(
        created_by=user, plan=plan, as_of=dt.date(2024, 12, 31), status="done", rows_total=7, rows_done=7,
        file="exports/2025/01/summary.xlsx",
    )  # fmt: skip
    # when the migrations run forward
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    # then the new apps read every row, unchanged, with its relations
    from exports.models import ExportJob
    from notices.models import Notice, Reminder, Urge

    moved = Notice.objects.get(pk=notice.pk)
    assert (moved.key, moved.status, moved.attempts, moved.error, moved.unit_id) == (
        "overdue:2024-07-06", "failed", 3, "SMTP", unit.pk,
    )  # fmt: skip
    assert Reminder.objects.get(pk=reminder.pk).notice_id == notice.pk
    assert (Urge.objects.get(pk=urge.pk).note, Urge.objects.get(pk=urge.pk).by_id) == (
        "请于本周内补报。",
        user.pk,
    )
    assert ExportJob.objects.get(pk=job.pk).file.name == "exports/2025/01/summary.xlsx"
    assert (
        Notice.objects.count(),
        Reminder.objects.count(),
        Urge.objects.count(),
        ExportJob.objects.count(),
    ) == (1, 1, 1, 1)
