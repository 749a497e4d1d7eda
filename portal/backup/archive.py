"""A backup of the whole portal in one file: the database's rows (Django's serialization, read in
one repeatable-read transaction, so that every row is of one moment) and every stored file (evidence,
exports) through the storage API, whichever storage holds them, with a manifest of each file's size
and SHA-256. Restoring goes into an empty, migrated database and storage and checks every file
against the manifest; the cache is cleared afterwards so nothing from before is served.

The archive is a .tar.gz: data.json, manifest.json, files/<storage name>."""

import hashlib
import io
import json
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core import management
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction

from reports.models import Attachment
from reports.tally.services import tally_rebuild
from tasks.data_version import data_changed
from tasks.models import Plan

# what a restore must not carry over: rebuilt by migrations, or tied to this server's sessions
# reports.obligationtally is counted afresh from the restored rows, never restored
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "reports.obligationtally"]
FILE_MODELS = [(Attachment, "file")]


class BackupError(Exception):
    pass


@dataclass
class Summary:
    rows: int
    files: int
    bytes: int


def _stored_names() -> list[str]:
    """Every file a row points to (evidence files, finished exports)."""
    from exports.models import ExportJob

    names = set(Attachment.objects.exclude(file="").values_list("file", flat=True))
    names |= set(ExportJob.objects.exclude(file="").values_list("file", flat=True))
    return sorted(names)


def backup_write(path: Path) -> Summary:
    """Write the archive to `path`."""
    data = io.StringIO()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        management.call_command(
            "dumpdata",
            exclude=EXCLUDED,
            natural_foreign=True,
            natural_primary=False,
            stdout=data,
            indent=None,
        )
        names = _stored_names()
    manifest, total = {}, 0
    with tarfile.open(path, "w:gz") as archive:
        raw = data.getvalue().encode()
        _add(archive, "data.json", raw)
        for name in names:
            if not default_storage.exists(name):
                raise BackupError(f"文件缺失：{name}（数据库中有记录，存储中没有）")
            with default_storage.open(name, "rb") as handle:
                content = handle.read()
            manifest[name] = {"size": len(content), "sha256": hashlib.sha256(content).hexdigest()}
            total += len(content)
            _add(archive, f"files/{name}", content)
        _add(archive, "manifest.json", json.dumps(manifest, ensure_ascii=False).encode())
    return Summary(rows=len(json.loads(raw)), files=len(manifest), bytes=total)


def _add(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    archive.addfile(info, io.BytesIO(content))


def restore_read(path: Path, *, force: bool = False) -> Summary:
    """Restore the archive at `path` into this (migrated) database and storage."""
    from reports.models import ProgressReport

    if ProgressReport.objects.exists() and not force:
        raise BackupError("数据库中已有进展报告：恢复只写入空的数据库（确需覆盖请加 --force）。")
    with tarfile.open(path, "r:gz") as archive:
        members = {m.name: m for m in archive.getmembers() if m.isfile()}
        if "data.json" not in members or "manifest.json" not in members:
            raise BackupError("不是本门户的备份文件：缺少 data.json 或 manifest.json。")
        manifest = json.loads(archive.extractfile(members["manifest.json"]).read())
        contents = {}
        for name, expected in manifest.items():
            member = members.get(f"files/{name}")
            content = archive.extractfile(member).read() if member else None
            if content is None or hashlib.sha256(content).hexdigest() != expected["sha256"]:
                raise BackupError(f"备份中的文件已损坏或缺失：{name}")
            contents[name] = content
        with tempfile.NamedTemporaryFile(suffix=".json") as data:
            data.write(archive.extractfile(members["data.json"]).read())
            data.flush()
            with transaction.atomic():
                if force:
                    management.call_command("flush", interactive=False, verbosity=0)
                management.call_command("loaddata", data.name, verbosity=0)
                rows = len(json.loads(Path(data.name).read_text()))
                for plan in Plan.objects.all():
                    tally_rebuild(plan=plan)
    total = 0
    for name, content in contents.items():
        if default_storage.exists(name):
            default_storage.delete(name)
        saved = default_storage.save(name, ContentFile(content))
        if saved != name:
            raise BackupError(f"文件未能按原名恢复：{name}")
        total += len(content)
    cache.clear()
    data_changed()
    return Summary(rows=rows, files=len(contents), bytes=total)
