"""Evidence files and exports on an S3-compatible object store (STORAGE_S3_BUCKET), as web servers on
several hosts share them: tested against a real S3 server (moto's, started here on a free port)."""

import datetime as dt
import os

import boto3
import pytest
from botocore.config import Config
from django.core.files.storage import default_storage
from moto.server import ThreadedMotoServer

from exports.jobs import export_job_run
from exports.models import ExportJob, ExportStatus
from portal.backup.archive import backup_write
from reports.models import Attachment, ProgressReport
from tests.uploads import PDF_BYTES, evidence_post, media_files, refused_whole

BUCKET = "portal-files"
KEYS = {"aws_access_key_id": "portal", "aws_secret_access_key": "portal-secret", "region_name": "us-east-1"}


@pytest.fixture(scope="module")
def s3_server():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server, settings):
    client = boto3.client("s3", endpoint_url=s3_server, **KEYS)
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {**settings.STORAGES, "default": store(s3_server)}
    yield client
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for item in page.get("Contents", []):
            client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def store(endpoint: str) -> dict:
    """The default storage as portal/settings/storage.py builds it from STORAGE_S3_*."""
    os.environ["STORAGE_S3_BUCKET"] = BUCKET
    try:
        import importlib

        from portal.settings import storage

        built = importlib.reload(storage).DEFAULT_STORAGE
    finally:
        del os.environ["STORAGE_S3_BUCKET"]
    options = {**built["OPTIONS"], "endpoint_url": endpoint}
    options.update(access_key=KEYS["aws_access_key_id"], secret_key=KEYS["aws_secret_access_key"])
    return {**built, "OPTIONS": options}


def keys(client) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_evidence_goes_to_the_bucket_and_comes_back_byte_for_byte(
    world, make_report, api_as, client, bucket, settings
):
    report = make_report()
    evidence = PDF_BYTES + os.urandom(300_000)  # past one network read
    answer = evidence_post(api_as(world.resp_staff), report, evidence)
    assert answer.status_code == 201
    attachment = Attachment.objects.get(report=report)
    # in the bucket, not on this server's disk
    assert keys(bucket) == [attachment.file.name]
    assert bucket.get_object(Bucket=BUCKET, Key=attachment.file.name)["Body"].read() == evidence
    assert media_files(settings.MEDIA_ROOT) == []
    # the portal serves it after checking who asks; the bucket itself is private
    client.force_login(world.resp_head)
    response = client.get(f"/reports/{report.pk}/attachments/{attachment.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == evidence
    acl = bucket.get_object_acl(Bucket=BUCKET, Key=attachment.file.name)
    assert all(g["Grantee"].get("URI", "").endswith("AllUsers") is False for g in acl["Grants"])
    # a second file of the same name does not overwrite the first
    evidence_post(api_as(world.resp_staff), report, PDF_BYTES)
    assert len(set(keys(bucket))) == 2
    assert bucket.get_object(Bucket=BUCKET, Key=attachment.file.name)["Body"].read() == evidence


@pytest.mark.django_db(transaction=True)  # the backup reads in a transaction of its own
def test_an_export_is_built_into_the_bucket_and_backed_up_from_it(
    world, make_report, client, bucket, tmp_path
):
    for unit in (world.resp, world.coop):
        make_report(unit=unit)
    job = ExportJob.objects.create(created_by=world.admin, plan=world.plan, as_of=dt.date(2024, 7, 10))
    assert export_job_run(job.pk) == ExportStatus.DONE
    job.refresh_from_db()
    stored = bucket.get_object(Bucket=BUCKET, Key=job.file.name)["Body"].read()
    assert stored.startswith(b"PK")  # a workbook
    client.force_login(world.admin)
    response = client.get(f"/api/v1/exports/{job.pk}/file/")
    assert b"".join(response.streaming_content) == stored
    summary = backup_write(tmp_path / "backup.tar.gz")
    assert summary.files == 1 and summary.bytes == len(stored)


def unreachable() -> dict:
    down = store("http://127.0.0.1:9")  # nothing listens there
    down["OPTIONS"]["client_config"] = Config(connect_timeout=1, retries={"max_attempts": 1})
    return down


def test_a_store_that_cannot_be_reached_is_told_in_chinese_and_nothing_is_kept(
    world, make_report, api_as, settings, bucket
):
    report = make_report()
    version = ProgressReport.objects.get(pk=report.pk).version
    settings.STORAGES = {**settings.STORAGES, "default": unreachable()}
    answer = evidence_post(api_as(world.resp_staff), report, PDF_BYTES)
    message = "文件存储服务暂时不可用，文件未能保存。请稍后重试，并告知系统管理员。"
    assert refused_whole(answer, report, version=version, message=message), answer.content
    assert keys(bucket) == []
    assert default_storage.__class__.__name__ == "PortalS3Storage"


def test_while_the_store_is_out_of_reach_a_download_says_so_and_a_removal_still_goes_through(
    world, make_report, api_as, client, bucket, settings, django_capture_on_commit_callbacks
):
    report = make_report()
    upload = evidence_post(api_as(world.resp_staff), report, PDF_BYTES)
    attachment = Attachment.objects.get(pk=upload.json()["id"])
    settings.STORAGES = {**settings.STORAGES, "default": unreachable()}
    client.force_login(world.resp_head)
    page = client.get(f"/reports/{report.pk}/attachments/{attachment.pk}/")
    assert page.status_code == 503
    assert "文件存储服务暂时不可用，文件未能读取" in page.content.decode()
    # the clerk removes the file: the report no longer lists it; the object is left for later
    client.force_login(world.resp_staff)
    with django_capture_on_commit_callbacks(execute=True) as removal:  # the object goes after the commit
        removed = client.post(f"/reports/{report.pk}/attachments/{attachment.pk}/delete/")
    assert removed.status_code == 302 and removal
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
