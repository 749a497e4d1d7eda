"""Large summary exports become jobs: the caller is answered at once, a Celery task builds the
workbook with its progress, the creator is notified, and only they download it."""

import datetime as dt
import io

import openpyxl
import pytest
import time_machine
from django.utils import timezone
from knox.models import AuthToken

from exports import services as export_jobs
from exports.models import ExportJob, ExportStatus
from notices.models import Notice
from reports.choices import ReportStatus

URL = "/reports/export/summary.xlsx"


@pytest.fixture
def three_reports(world, make_report, settings):
    settings.EXPORT_STREAM_MAX_ROWS = 2
    with time_machine.travel(dt.datetime(2024, 7, 3, 2, tzinfo=dt.UTC)):
        for unit in (world.resp, world.coop, world.lead):
            make_report(unit=unit, period="2024-06", status=ReportStatus.SUBMITTED)


def test_a_large_export_by_token_is_a_job_built_then_downloaded(
    world, three_reports, client, django_capture_on_commit_callbacks
):
    token = AuthToken.objects.create(user=world.leader)[1]
    auth = {"HTTP_AUTHORIZATION": f"Token {token}"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(URL, {"year": 2024, "as_of": "2024-07-10"}, **auth)
    # answered at once with the job to poll
    assert response.status_code == 202
    body = response.json()
    assert response["Location"] == body["url"] and body["rows_total"] == 3
    # the task has built it (eagerly here): done, with the file and a notice for its creator
    polled = client.get(body["url"], **auth).json()
    assert polled["status"] == "done" and polled["progress_pct"] == 100 and polled["rows_done"] == 3
    notice = Notice.objects.get(user=world.leader, kind="export")
    assert notice.title.startswith("汇总表已生成") and notice.link == f"/reports/exports/{body['id']}/"
    assert client.get(polled["download"]).status_code == 401  # without the token
    download = client.get(polled["download"], **auth)
    book = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert [r[0] for r in book["明细"].iter_rows(min_row=3, values_only=True)] == [
        "长春市",
        "吉林市",
        "综规处",
    ]


def test_in_the_browser_a_large_export_leads_to_its_page(world, three_reports, client):
    client.force_login(world.admin)
    response = client.get(URL, {"year": 2024}, HTTP_ACCEPT="text/html,application/xhtml+xml")
    job = ExportJob.objects.get()
    assert response.status_code == 303 and response["Location"] == f"/reports/exports/{job.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "明细共 3 行" in page and 'hx-trigger="every 2s"' in page  # pending: it refreshes itself
    assert job.status == ExportStatus.PENDING
    export_jobs.export_job_run(job.pk)
    page = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert "已生成：3 行明细" in page and "every 2s" not in page


def test_a_small_export_still_streams_back(world, three_reports, client, settings):
    settings.EXPORT_STREAM_MAX_ROWS = 3
    client.force_login(world.admin)
    response = client.get(URL, {"year": 2024}, HTTP_ACCEPT="text/html")
    assert response.status_code == 200 and not ExportJob.objects.exists()


def test_nobody_else_sees_or_downloads_a_job(world, three_reports, client, api_as):
    job = ExportJob.objects.create(created_by=world.leader, plan=world.plan, as_of=dt.date(2024, 7, 10))
    export_jobs.export_job_run(job.pk)
    for user in (world.resp_staff, world.resp_head):
        client.force_login(user)
        assert client.get(f"/reports/exports/{job.pk}/").status_code == 404
        assert client.get(f"/api/v1/exports/{job.pk}/file/").status_code == 404
        assert api_as(user).get(f"/api/v1/exports/{job.pk}/").status_code == 404
    client.force_login(world.admin)
    assert client.get(f"/api/v1/exports/{job.pk}/file/").status_code == 200


def test_a_job_delivered_twice_is_built_once_and_a_dead_workers_claim_is_taken_over(world, three_reports):
    job = ExportJob.objects.create(created_by=world.admin, plan=world.plan, as_of=dt.date(2024, 7, 10))
    assert export_jobs.export_job_run(job.pk) == ExportStatus.DONE
    first = ExportJob.objects.get(pk=job.pk).file.name
    assert export_jobs.export_job_run(job.pk) == ExportStatus.DONE
    assert ExportJob.objects.get(pk=job.pk).file.name == first
    assert Notice.objects.filter(kind="export").count() == 1
    # a worker died while building: the claim is left "running"
    stale = ExportJob.objects.create(
        created_by=world.admin, plan=world.plan, as_of=dt.date(2024, 7, 10), status=ExportStatus.RUNNING,
        started_at=timezone.now() - dt.timedelta(minutes=5),
    )  # fmt: skip
    assert export_jobs.export_job_run(stale.pk) == ExportStatus.RUNNING  # another may still be at it
    ExportJob.objects.filter(pk=stale.pk).update(started_at=timezone.now() - dt.timedelta(hours=1))
    assert export_jobs.export_job_run(stale.pk) == ExportStatus.DONE


def test_a_failed_build_is_kept_and_told(world, three_reports, monkeypatch, client):
    def broken(*args, **kwargs):
        raise OSError("磁盘已满")

    monkeypatch.setattr(export_jobs, "summary_write", broken)
    job = ExportJob.objects.create(created_by=world.admin, plan=world.plan, as_of=dt.date(2024, 7, 10))
    assert export_jobs.export_job_run(job.pk) == ExportStatus.FAILED
    job.refresh_from_db()
    assert job.error == "OSError: 磁盘已满" and not job.file
    assert Notice.objects.get(kind="export").title.startswith("汇总表导出失败")
    client.force_login(world.admin)
    assert "导出失败" in client.get(f"/reports/exports/{job.pk}/").content.decode()
    assert client.get(f"/api/v1/exports/{job.pk}/file/").status_code == 404


def test_the_sweep_finishes_a_job_whose_message_or_worker_was_lost_and_gives_up_after_three(
    world, three_reports
):
    long_ago = timezone.now() - dt.timedelta(hours=2)
    # its message never reached the broker (Redis was down): still pending
    lost = ExportJob.objects.create(created_by=world.admin, plan=world.plan, as_of=dt.date(2024, 7, 10))
    # its worker died mid-way (once): running, the claim long expired
    orphan = ExportJob.objects.create(
        created_by=world.admin, plan=world.plan, as_of=dt.date(2024, 7, 10), status=ExportStatus.RUNNING,
        started_at=long_ago, attempts=1,
    )  # fmt: skip
    # its workers died three times: too large for them
    hopeless = ExportJob.objects.create(
        created_by=world.leader, plan=world.plan, as_of=dt.date(2024, 7, 10), status=ExportStatus.RUNNING,
        started_at=long_ago, attempts=3,
    )  # fmt: skip
    ExportJob.objects.update(created_at=long_ago)
    # when the sweep runs (the tasks it queues run here, as a worker would)
    assert export_jobs.export_jobs_sweep() == {"requeued": 2, "failed": 1}
    # then the first two are built, once each, and the third is failed and its creator told
    statuses = dict(ExportJob.objects.values_list("pk", "status"))
    assert statuses == {
        lost.pk: ExportStatus.DONE,
        orphan.pk: ExportStatus.DONE,
        hopeless.pk: ExportStatus.FAILED,
    }
    assert ExportJob.objects.get(pk=orphan.pk).attempts == 2
    assert (
        Notice.objects.filter(user=world.admin, kind="export", title__startswith="汇总表已生成").count() == 2
    )
    told = Notice.objects.get(user=world.leader, kind="export")
    assert told.title.startswith("汇总表导出失败")
    assert "多次中断" in ExportJob.objects.get(pk=hopeless.pk).error
    # a second sweep finds nothing to do
    assert export_jobs.export_jobs_sweep() == {"requeued": 0, "failed": 0}


def test_the_admin_lists_stuck_jobs_and_queues_them_again(
    world, three_reports, client, django_capture_on_commit_callbacks
):
    long_ago = timezone.now() - dt.timedelta(hours=2)
    stuck = ExportJob.objects.create(
        created_by=world.leader, plan=world.plan, as_of=dt.date(2024, 7, 10), status=ExportStatus.RUNNING,
        started_at=long_ago, attempts=3,
    )  # fmt: skip
    fresh = ExportJob.objects.create(created_by=world.leader, plan=world.plan, as_of=dt.date(2024, 7, 10))
    client.force_login(world.admin)
    listed = client.get("/admin/exports/exportjob/", {"stuck": "yes"}).content.decode()
    assert f"/admin/exports/exportjob/{stuck.pk}/change/" in listed
    assert f"/admin/exports/exportjob/{fresh.pk}/change/" not in listed
    # queued again (here the worker's run happens in-process): built, whatever its attempts were
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/exports/exportjob/", {"action": "requeue", "_selected_action": [stuck.pk]})
    assert ExportJob.objects.get(pk=stuck.pk).status == ExportStatus.DONE
