"""The portal's file storage: Django's file system storage that, when a write fails half-way (the disk
full, a quota, a read-only disk), removes what it had written and says what happened in Chinese
(StorageFailed), so that no truncated file is left behind for anyone to download; or the same on an
S3-compatible object store. A file that cannot be read is StorageFailed too (503 with the reason:
core.middleware, core.api.exceptions); one that cannot be removed is left behind and logged, never
an error for the person whose change is already saved."""

import errno
import logging
import os

from botocore.exceptions import BotoCoreError, ClientError
from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext as _
from storages.backends.s3 import S3Storage

FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
log = logging.getLogger(__name__)


class StorageFailed(OSError):
    """A file could not be written or read; `message` says why, for the person who asked."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class KeepGoingOnDelete:
    def delete(self, name):
        try:
            super().delete(name)
        except Exception:
            log.warning("file %s could not be removed: left behind", name, exc_info=True)


class PortalFileStorage(KeepGoingOnDelete, FileSystemStorage):
    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except FileExistsError:
            raise
        except OSError as exc:
            path = self.path(name)
            if os.path.isfile(path):
                os.remove(path)  # the part written before the failure
            if exc.errno in FULL:
                message = _("服务器存储空间已满，文件未能保存。请稍后重试，并告知系统管理员。")
            elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                message = _("服务器存储暂时不可写，文件未能保存。请稍后重试，并告知系统管理员。")
            else:
                message = _("文件未能保存（服务器存储出错）。请稍后重试，并告知系统管理员。")
            raise StorageFailed(message) from exc


class PortalS3Storage(KeepGoingOnDelete, S3Storage):
    """The same promises on an S3-compatible object store (STORAGE_S3_BUCKET): an object appears whole
    or not at all (S3 writes are atomic; an unfinished multipart upload is aborted); every new name
    gets a random suffix, so that two uploads of one name at the same moment never share an object
    (the store cannot create a name exclusively, as a disk can); a store out of reach is told in
    Chinese. A file is read into a local temporary file (memory up to max_memory_size) before the
    download starts, so a failing store answers 503 instead of a download cut short."""

    def get_available_name(self, name, max_length=None):
        root, ext = os.path.splitext(name)
        return super().get_available_name(self.get_alternative_name(root, ext), max_length=max_length)

    def save(self, name, content, max_length=None):
        try:  # choosing a free name already asks the store
            return super().save(name, content, max_length=max_length)
        except (BotoCoreError, ClientError) as exc:
            raise StorageFailed(
                _("文件存储服务暂时不可用，文件未能保存。请稍后重试，并告知系统管理员。")
            ) from exc

    def _open(self, name, mode="rb"):
        try:
            opened = super()._open(name, mode)
            if "r" in mode:
                opened.file  # noqa: B018 - fetched now, while an error can still be answered
            return opened
        except (BotoCoreError, ClientError) as exc:
            raise StorageFailed(
                _("文件存储服务暂时不可用，文件未能读取。请稍后重试，并告知系统管理员。")
            ) from exc
