"""Evidence files (佐证材料) on a report: added and removed through the workflow table, at most
REPORT_MAX_ATTACHMENTS a report, each step in the report's history."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from core.storage import StorageFailed

from ..choices import ReportAction
from ..models import Attachment, ProgressReport
from ..validation import attachment_name, validate_upload
from .history import record_step
from .rules import check


def check_room(report: ProgressReport, *, adding: int) -> None:
    """A report holds at most REPORT_MAX_ATTACHMENTS evidence files. The report's row is locked before
    the files are counted, so that two uploads at once cannot both take the last place."""
    ProgressReport.objects.select_for_update().filter(pk=report.pk).exists()
    limit = settings.REPORT_MAX_ATTACHMENTS
    have = Attachment.objects.filter(report=report).count()
    if have + adding <= limit:
        return
    if have >= limit:
        message = _("每份报告最多 %(limit)s 个佐证材料，已有 %(have)s 个，请先删除不需要的文件再上传。")
    else:
        message = _("每份报告最多 %(limit)s 个佐证材料，已有 %(have)s 个，本次最多还能上传 %(room)s 个。")
    raise ValidationError({"attachments": message % {"limit": limit, "have": have, "room": limit - have}})


def attach(report, *, user, upload) -> Attachment:
    name = attachment_name(upload.name)
    content_type = validate_upload(upload)
    try:
        return Attachment.objects.create(
            report=report,
            file=upload,
            name=name,
            content_type=content_type,
            size=upload.size,
            uploaded_by=user,
        )
    except StorageFailed as exc:  # nothing half-written is left: the storage removed it
        raise ValidationError({"attachments": f"{name}：{exc.message}"}) from exc


@transaction.atomic
def attachment_add(*, report: ProgressReport, user, upload) -> Attachment:
    check(user, ReportAction.ATTACH, report)
    check_room(report, adding=1)
    attachment = attach(report, user=user, upload=upload)
    ProgressReport.objects.filter(pk=report.pk).update(version=F("version") + 1)
    record_step(report, user=user, action=ReportAction.ATTACH, comment=attachment.name)
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, user) -> None:
    report = attachment.report
    check(user, ReportAction.DETACH, report)
    name = attachment.name
    storage, path = attachment.file.storage, attachment.file.name
    attachment.delete()
    # the file goes only once the row is gone for good
    transaction.on_commit(lambda: storage.delete(path))
    ProgressReport.objects.filter(pk=report.pk).update(version=F("version") + 1)
    record_step(report, user=user, action=ReportAction.DETACH, comment=name)
