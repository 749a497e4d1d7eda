"""The portal's answers to 400, 403, 404, 413, 500 and 503 (DEBUG off) and to a failed CSRF check: a page in
the portal's layout with a way back, or, under /api/, JSON `{"detail": ...}`. In Chinese."""

import logging

from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def _messages() -> dict[int, tuple[str, str]]:
    return {
        400: (_("请求无效"), _("提交的内容无法处理。请返回上一页，检查后重试。")),
        403: (_("无权访问"), _("您没有权限进行此操作。如需开通权限，请联系系统管理员。")),
        404: (_("页面不存在"), _("您要找的页面或数据不存在，或者您无权查看。")),
        413: (_("上传内容过大"), _("本次提交的内容超过了平台允许的上限，请减少或压缩附件后重试。")),
        503: (_("暂时无法提供"), _("平台依赖的服务暂时不可用，请稍后重试。")),
        500: (
            _("服务器出错"),
            _("服务器处理请求时出错，错误已记录。请稍后再试；如果一再出现，请联系系统管理员。"),
        ),
    }


def error_response(request, status: int, message: str | None = None):
    title, default = _messages()[status]
    message = message or default
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    context = {"status": status, "title": title, "message": message}
    try:
        html = render_to_string("errors/error.html", context, request=request)
    except Exception:  # the page itself failed (e.g. the database is down): plain text, still Chinese
        logger.exception("error page %s could not be rendered", status)
        html = f"<!doctype html><meta charset=utf-8><title>{escape(title)}</title><h1>{escape(title)}</h1>"
        html += f"<p>{escape(message)}</p><p><a href='/'>{escape(_('返回首页'))}</a></p>"
    return HttpResponse(html, status=status)


def bad_request(request, exception=None):
    return error_response(request, 400)


def permission_denied(request, exception=None):
    return error_response(request, 403)


def page_not_found(request, exception=None):
    return error_response(request, 404)


def server_error(request):
    return error_response(request, 500)


def csrf_failure(request, reason=""):
    return error_response(request, 403, _("页面已过期或来源无法验证。请返回上一页，刷新后再提交。"))
