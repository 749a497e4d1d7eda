"""An uploaded template kept between its preview and the user's confirmation: the file is stored
under a random name, and the page carries a signed token naming it, its owner and its period, valid
for an hour. Files older than a day (previews never confirmed) go when the next one is stored."""

import datetime as dt
import uuid

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from .upload import TemplateRefused

FOLDER = "template-uploads"
SALT = "reports.excel.pending"  # as when it was signed first: tokens already handed out stay valid
MAX_AGE = 3600


def pending_store(*, upload, user, period: str) -> str:
    """Keep the upload; return the token the confirmation sends back."""
    _forget_old()
    upload.seek(0)
    name = default_storage.save(f"{FOLDER}/{uuid.uuid4().hex}.xlsx", upload)
    return signing.dumps({"name": name, "user": user.pk, "period": period}, salt=SALT)


def pending_take(*, token: str, user):
    """The kept upload the token names (an open file), or TemplateRefused when it has expired."""
    expired = _("预览已过期，请重新上传填报模板。")
    try:
        data = signing.loads(token or "", salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature as exc:
        raise TemplateRefused(expired) from exc
    if data["user"] != user.pk:
        raise PermissionDenied(_("这不是您上传的文件。"))
    if not default_storage.exists(data["name"]):
        raise TemplateRefused(expired)
    return default_storage.open(data["name"]), data


def pending_delete(name: str) -> None:
    default_storage.delete(name)


def _forget_old() -> None:
    try:
        _dirs, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    old = timezone.now() - dt.timedelta(days=1)
    for file in files:
        path = f"{FOLDER}/{file}"
        if default_storage.get_modified_time(path) < old:
            default_storage.delete(path)
