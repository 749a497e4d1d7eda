"""A backup restores into an empty system: every report, figure, history entry and notice comes back,
and every evidence file byte for byte (the real storage under MEDIA_ROOT); the dashboard cache is
cleared. A damaged archive, or a database that is not empty, is refused with the reason."""

import hashlib
import io
import tarfile

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from notices.models import Notice
from reports.choices import ReportStatus
from reports.models import Attachment, ProgressReport, ReportEvent, TargetValue

pytestmark = pytest.mark.django_db(transaction=True)


def picture_of_the_portal() -> dict:
    """What must come back, read from the database and the storage."""
    return {
        "reports": sorted(
            ProgressReport.objects.values_list("pk", "unit_id", "period", "status", "done", "version")
        ),
        "values": sorted(TargetValue.objects.values_list("report_id", "target_id", "value")),
        "events": sorted(ReportEvent.objects.values_list("pk", "report_id", "action", "actor_id", "comment")),
        "notices": Notice.objects.count(),
        "files": {
            a.file.name: hashlib.sha256(default_storage.open(a.file.name, "rb").read()).hexdigest()
            for a in Attachment.objects.all()
        },
    }


def test_a_backup_restores_into_an_empty_system(world, make_report, tmp_path):
    make_report(period="2024-06", status=ReportStatus.APPROVED, values={world.km: 120})
    make_report(period="2024-H1", status=ReportStatus.SUBMITTED)  # a summary, with its file
    make_report(unit=world.coop, period="2024-06", status=ReportStatus.RETURNED, values={world.km: 30})
    before = picture_of_the_portal()
    assert len(before["files"]) == 1 and before["events"]  # the summary carries its file
    archive = tmp_path / "portal.tar.gz"
    call_command("backup", "-o", str(archive))

    # an empty system: the database flushed (migrations kept), the files gone
    call_command("flush", interactive=False, verbosity=0)
    for name in before["files"]:
        default_storage.delete(name)
    cache.set("dashboard:stale", "kept from before", 600)
    assert not ProgressReport.objects.exists()

    call_command("restore", str(archive))
    assert picture_of_the_portal() == before
    assert cache.get("dashboard:stale") is None
    # restoring again over what is there is refused, unless asked
    with pytest.raises(CommandError, match="已有进展报告"):
        call_command("restore", str(archive))


def test_a_damaged_archive_is_refused_and_nothing_is_written(world, make_report, tmp_path):
    make_report(period="2024-H1", status=ReportStatus.SUBMITTED)
    archive = tmp_path / "portal.tar.gz"
    call_command("backup", "-o", str(archive))
    # a file inside the archive changes
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive, "r:gz") as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name.startswith("files/"):
                content = content + b"x"
                member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="已损坏或缺失"):
        call_command("restore", str(damaged))
    assert not ProgressReport.objects.exists()
