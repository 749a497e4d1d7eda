from django.conf import settings
from django.utils.translation import gettext as _

from .errors import error_response
from .storage import StorageFailed


class RequestSizeLimitMiddleware:
    """Refuse a request whose declared body is larger than REQUEST_MAX_BYTES before anything reads it
    (Django's own limits cover form fields, not uploaded files)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return error_response(request, 400)
        if length > settings.REQUEST_MAX_BYTES:
            limit_mb = settings.REQUEST_MAX_BYTES // (1024 * 1024)
            message = _("本次提交超过 %(mb)s MB 的上限，请减少或压缩附件后重试。") % {"mb": limit_mb}
            return error_response(request, 413, message)
        return self.get_response(request)


class StorageFailedMiddleware:
    """A file the storage could not read or write (a full disk, an object store out of reach) that no
    view handled: 503 with what happened, in Chinese, instead of a bare server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, StorageFailed):
            return error_response(request, 503, exception.message)
        return None
