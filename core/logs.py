"""Logs a machine can read: one JSON object per line on stdout, with the time in UTC (every process
alike: web, worker, beat, gunicorn's master), the level, the logger and the request it belongs to.

The request id comes from the proxy's X-Request-ID header when it sends one (nginx: $request_id), or
is made here; it goes back on the response, so a user's "请求编号" finds its lines."""

import contextvars
import datetime as dt
import json
import logging
import uuid

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given[:64] if given.replace("-", "").isalnum() else uuid.uuid4().hex[:16]
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = _request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        line = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)
