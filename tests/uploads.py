"""Files and requests the upload, form and concurrency tests send: evidence files, a multipart body
written by hand, a report form posted as the page does, what a refused save must leave as it was
(`state`), the errors a page shows under a field, and two people acting on one report at once."""

import re
import threading
import time
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction

from reports.models import Attachment, ProgressReport, ReportEvent, TargetValue

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def pdf(name="佐证材料.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def multipart(fields: dict | None = None, files: list[tuple[str, str, bytes]] = ()) -> dict:
    """A multipart/form-data request written by hand, as a script may send it: `files` are
    (field, file name, content), with names a test client would refuse to build (`..`, `a/`).
    Returns the keyword arguments for a test client's post()."""
    boundary = "----portal-test-boundary"
    parts = []
    for name, value in (fields or {}).items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for field_name, file_name, content in files:
        head = (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="{field_name}"; filename="{file_name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return {"data": body, "content_type": f"multipart/form-data; boundary={boundary}"}


def evidence_post(client, report, content: bytes, name: str = "验收照片.pdf"):
    """One evidence file sent to the report over the API, as a script sends it."""
    return client.post(
        f"/api/v1/progress-reports/{report.pk}/attachments/", **multipart(files=[("file", name, content)])
    )


def refused_whole(answer, report, *, version: int, message: str, name: str = "验收照片.pdf") -> bool:
    """The upload was refused with `message` next to the file, and the report is as it was."""
    return (
        answer.status_code == 400
        and answer.json()["attachments"] == [f"{name}：{message}"]
        and not Attachment.objects.filter(report=report).exists()
        and ProgressReport.objects.get(pk=report.pk).version == version
    )


def media_files(root) -> list[Path]:
    """Every file under MEDIA_ROOT (directories left behind do not count)."""
    root = Path(root)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def race(first, second, *, refused) -> dict:
    """Two people acting on one report at the same moment, each in a thread with its own connection:
    `first` writes inside a transaction that stays open half a second longer, and `second` acts while
    it is still open. Returns {"first": "done", "second": "done" | "refused"}, where "refused" means
    `second` raised `refused`. Needs real concurrent transactions (PostgreSQL)."""
    written = threading.Event()
    outcome = {}

    def run_first():
        try:
            with transaction.atomic():
                first()
                written.set()
                time.sleep(0.5)  # written, not yet committed, while the second acts
            outcome["first"] = "done"
        finally:
            written.set()
            connection.close()

    def run_second():
        written.wait(5)
        try:
            second()
            outcome["second"] = "done"
        except refused:
            outcome["second"] = "refused"
        finally:
            connection.close()

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    return outcome


def state(report, settings):
    """Everything a refused save must leave as it was."""
    report = ProgressReport.objects.get(pk=report.pk)
    return {
        "version": report.version,
        "status": report.status,
        "done": report.done,
        "values": sorted(TargetValue.objects.filter(report=report).values_list("target_id", "value")),
        "attachments": Attachment.objects.filter(report=report).count(),
        "events": ReportEvent.objects.filter(report=report).count(),
        "files": media_files(settings.MEDIA_ROOT),
    }


def field_errors(html: str, name: str) -> str:
    """The error list the page shows under the field `name`."""
    match = re.search(rf'id="{name}-errors"[^>]*>(.*?)</ul>', html, re.S)
    assert match, f"no errors shown for {name}"
    return match.group(1)


def page_post(client, report, world, **fields):
    data = {
        "version": report.version,
        "done": "六月进展（新）。",
        "problems": "",
        "next_steps": "",
        f"value_{world.km.pk}": "",
        f"explanation_{world.km.pk}": "",
        f"value_{world.rate.pk}": "",
        f"explanation_{world.rate.pk}": "",
        "action": "save",
    }
    data.update(fields)
    return client.post(f"/reports/{report.pk}/edit/", data)
