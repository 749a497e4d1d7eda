"""The portal's file storage: Django's file system storage that, when a write fails half-way (the disk
full, a quota, a read-only disk), removes what it had written and says what happened in Chinese
(StorageFailed), so that no truncated file is left behind for anyone to download."""

import errno
import os

from botocore.exceptions import BotoCoreError, ClientError
from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext as _
from storages.backends.s3 import S3Storage

FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


class StorageFailed(OSError):
    """A file could not be written; `message` says why, for the person who sent it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class PortalFileStorage(FileSystemStorage):
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


class PortalS3Storage(S3Storage):
    """The same promise on an S3-compatible object store (STORAGE_S3_BUCKET): an object appears whole
    or not at all (S3 writes are atomic; an unfinished multipart upload is aborted), and a store that
    cannot be reached or refuses the write is told to the user in Chinese."""

    def save(self, name, content, max_length=None):
        try:  # choosing a free name already asks the store
            return super().save(name, content, max_length=max_length)
        except (BotoCoreError, ClientError) as exc:
            raise StorageFailed(
                _("文件存储服务暂时不可用，文件未能保存。请稍后重试，并告知系统管理员。")
            ) from exc
