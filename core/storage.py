"""The portal's file storage: Django's file system storage that, when a write fails half-way (the disk
full, a quota, a read-only disk), removes what it had written and says what happened in Chinese
(StorageFailed), so that no truncated file is left behind for anyone to download."""

import errno
import os

from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext as _

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
