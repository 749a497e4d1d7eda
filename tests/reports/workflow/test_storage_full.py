"""A disk that fills during an upload: the operating system refuses to let a file grow past a limit
(RLIMIT_FSIZE, the way a full disk or a quota refuses a write), and the portal tells the clerk in
Chinese, keeps nothing of the save (no row, no new version) and leaves no truncated file behind."""

import resource
import signal
from contextlib import contextmanager

import pytest

from reports.models import Attachment, ProgressReport
from tests.uploads import PDF_BYTES, media_files, multipart

LIMIT = 64 * 1024


@contextmanager
def files_may_not_grow_past(size: int):
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past it fails with EFBIG instead
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="no file size limit on this system")
def test_an_upload_the_disk_cannot_hold_is_refused_in_chinese_and_leaves_nothing(
    world, make_report, api_as, settings
):
    report = make_report()
    version = ProgressReport.objects.get(pk=report.pk).version
    big = PDF_BYTES + b"0" * (4 * LIMIT)  # within the portal's size limit, past what the disk takes
    with files_may_not_grow_past(LIMIT):
        answer = api_as(world.resp_staff).post(
            f"/api/v1/progress-reports/{report.pk}/attachments/",
            **multipart(files=[("file", "验收照片.pdf", big)]),
        )
    assert answer.status_code == 400
    assert answer.json()["attachments"] == [
        "验收照片.pdf：服务器存储空间已满，文件未能保存。请稍后重试，并告知系统管理员。"
    ]
    assert not Attachment.objects.filter(report=report).exists()
    assert ProgressReport.objects.get(pk=report.pk).version == version
    assert media_files(settings.MEDIA_ROOT) == []
    # with room again, the same upload goes through
    answer = api_as(world.resp_staff).post(
        f"/api/v1/progress-reports/{report.pk}/attachments/",
        **multipart(files=[("file", "验收照片.pdf", big)]),
    )
    assert answer.status_code == 201 and len(media_files(settings.MEDIA_ROOT)) == 1
