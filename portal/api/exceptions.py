"""One exception handler for the whole API (REST_FRAMEWORK["EXCEPTION_HANDLER"]).

The services raise Django's exceptions and their own; the API answers each the same way everywhere:
- django ValidationError → 400, messages keyed by field (`{"comment": ["退回时必须填写退回意见。"]}`);
- django PermissionDenied → 403 with its message;
- Http404 → 404 with its message if it is Chinese, else one Chinese sentence;
- a conflict (an exception with `status_code = 409`: a stale version, a step the status does not
  allow) → 409 `{"detail": ...}`, plus what the view adds through `conflict_data(exc)`.
Everything else goes to DRF's own handler.
"""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _as_drf(exc):
    if isinstance(exc, Http404):
        # Django's own message ("No Unit matches the given query.") is English: say it in Chinese
        message = str(exc)
        return exceptions.NotFound(message if _CHINESE.search(message) else _("对象不存在或您无权查看。"))
    if isinstance(exc, ValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        return exceptions.ValidationError(detail)
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    return exc


def exception_handler(exc, context):
    if getattr(exc, "status_code", None) == status.HTTP_409_CONFLICT and not isinstance(
        exc, exceptions.APIException
    ):
        data = {"detail": str(exc)}
        view = context.get("view")
        if hasattr(view, "conflict_data"):
            data.update(view.conflict_data(exc))
        return Response(data, status=status.HTTP_409_CONFLICT)
    return drf_exception_handler(_as_drf(exc), context)
