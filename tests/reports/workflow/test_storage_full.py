"""A disk that fills during an upload: the operating system refuses to let a file grow past a limit
(RLIMIT_FSIZE, the way a full disk or a quota refuses a write), and the portal tells the clerk in
Chinese, keeps nothing of the save (no row, no new version) and leaves no truncated file behind."""

import resource
import signal
from contextlib import contextmanager

import pytest

from reports.models import ProgressReport
from tests.uploads import PDF_BYTES, evidence_post, media_files, refused_whole

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
        answer = evidence_post(api_as(world.resp_staff), report, big)
    message = "服务器存储空间已满，文件未能保存。请稍后重试，并告知系统管理员。"
    assert refused_whole(answer, report, version=version, message=message), answer.content
    assert media_files(settings.MEDIA_ROOT) == []
    # with room again, the same upload goes through
    answer = evidence_post(api_as(world.resp_staff), report, big)
    assert answer.status_code == 201 and len(media_files(settings.MEDIA_ROOT)) == 1
