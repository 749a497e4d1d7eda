from django.conf import settings
from django.utils.translation import gettext as _

from .errors import error_response


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
