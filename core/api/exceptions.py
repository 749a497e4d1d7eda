"""One exception handler for the whole API (REST_FRAMEWORK["EXCEPTION_HANDLER"]).

The services raise Django's exceptions and their own; the API answers each the same way everywhere:
- django ValidationError → 400, messages keyed by field (`{"comment": ["退回时必须填写退回意见。"]}`);
- django PermissionDenied → 403 with its message;
- Http404 → 404 with its message if it is Chinese, else one Chinese sentence;
- a file the storage could not read or write (core.storage.StorageFailed) → 503 with what happened;
- a conflict (an exception with `status_code = 409`: a stale version, a step the status does not
  allow) → 409 `{"detail": ...}`, plus what the view adds through `conflict_data(exc)`.
Everything else goes to DRF's own handler.
"""

import re
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.storage import StorageFailed

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
    if isinstance(exc, StorageFailed):
        return Response({"detail": exc.message}, status=status.HTTP_503_SERVICE_UNAVAILABLE)
    if getattr(exc, "status_code", None) == status.HTTP_409_CONFLICT and not isinstance(
        exc, exceptions.APIException
    ):
        data = {"detail": str(exc)}
        view = context.get("view")
        if hasattr(view, "conflict_data"):
            data.update(view.conflict_data(exc))
        return Response(data, status=status.HTTP_409_CONFLICT)
    return drf_exception_handler(_as_drf(exc), context)


class AcceptNegotiation(DefaultContentNegotiation):
    """Content negotiation by the Accept header alone (no `?format=`): a browser gets the error page,
    an API client JSON, whatever else the query says."""

    settings = SimpleNamespace(URL_FORMAT_OVERRIDE=None)


FIELD_LABELS = {"year": "年度", "as_of": "截至日期", "period": "报送期", "section": "板块", "unit": "单位"}


class ErrorPageRenderer(BaseRenderer):
    """A download endpoint's refusal (400, 404 …), as the portal's error page with the reasons in
    Chinese, for a browser that followed a link to it; API clients still get JSON. DRF's browsable
    page (English, with the view's docstring) is never shown."""

    media_type = "text/html"
    format = "html"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        context = renderer_context or {}
        response, request = context.get("response"), context.get("request")
        status = response.status_code if response is not None else 400
        lines = []
        for key, value in (data or {}).items() if isinstance(data, dict) else []:
            for message in value if isinstance(value, list) else [value]:
                label = FIELD_LABELS.get(key, "" if key in ("detail", "non_field_errors") else key)
                lines.append(f"{label}：{message}" if label else str(message))
        title = {400: "请求无效", 403: "无权访问", 404: "页面不存在"}.get(status, "请求未完成")
        return render_to_string(
            "errors/error.html",
            {"status": status, "title": title, "message": "；".join(lines) or title},
            request=getattr(request, "_request", request),
        )
