"""The error answers every operation can give, documented once (SPECTACULAR_SETTINGS'
POSTPROCESSING_HOOKS) rather than on each view:
- 400 where the operation takes query parameters or a body (messages keyed by field);
- 401 without valid credentials (every operation but the token endpoint);
- 403 when the person may not take the step (and, for a session whose password must first be changed);
- 404 where the path names an object the caller cannot see or that does not exist;
- 409 on a write to a view that reports conflicts (`conflict_data`: a stale version, a step the status
  does not allow);
- 413 on a body larger than the request limit.
An operation that documents one of these itself keeps its own."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "说明，中文"}},
    "required": ["detail"],
}
VALIDATION_ERROR = {
    "type": "object",
    "description": "按字段列出的错误说明（non_field_errors / detail 为整体错误）",
    "additionalProperties": {},
}
UNSAFE = {"post", "put", "patch", "delete"}


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=_("说明，中文"))

    class Meta:
        ref_name = "Error"


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _errors_for(operation: dict, method: str, view) -> dict[str, tuple[str, str]]:
    parameters = operation.get("parameters", [])
    has_input = "requestBody" in operation or any(p.get("in") == "query" for p in parameters)
    codes = {}
    if has_input:
        codes["400"] = ("ValidationError", str(_("输入有误，按字段说明")))
    if getattr(getattr(view, "cls", view), "authentication_classes", True):
        codes["401"] = ("Error", str(_("未登录或令牌无效、已过期")))
    codes["403"] = ("Error", str(_("无权进行此操作")))
    if any(p.get("in") == "path" for p in parameters):
        codes["404"] = ("Error", str(_("对象不存在或无权查看")))
    if method in UNSAFE and hasattr(getattr(view, "cls", view), "conflict_data"):
        codes["409"] = ("Error", str(_("版本已过期，或当前状态不允许此操作")))
    if "requestBody" in operation:
        codes["413"] = ("Error", str(_("提交内容超过上限（REQUEST_MAX_BYTES）")))
    return codes


def document_errors(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR)
    schemas.setdefault("ValidationError", VALIDATION_ERROR)
    # the generator's paths still name the primary key {pk}; the schema's say {id}
    views = {
        (path.replace("{pk}", "{id}"), method.lower()): view
        for path, _regex, method, view in generator.endpoints
    }
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            view = views.get((path, method))
            responses = operation.setdefault("responses", {})
            for code, (schema, description) in _errors_for(operation, method, view).items():
                responses.setdefault(
                    code,
                    {"content": {"application/json": {"schema": _ref(schema)}}, "description": description},
                )
    return result
