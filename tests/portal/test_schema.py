"""The OpenAPI schema says what the API really answers (schemathesis checks the answers against it in
test_api_fuzz.py; these are the promises a client programmer reads first)."""

import pytest
from drf_spectacular.generators import SchemaGenerator


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def resolve(schema, ref_or_schema):
    ref = ref_or_schema.get("$ref")
    return schema["components"]["schemas"][ref.rsplit("/", 1)[1]] if ref else ref_or_schema


def test_an_attachment_upload_documents_its_201(schema):
    responses = schema["paths"]["/api/v1/progress-reports/{id}/attachments/"]["post"]["responses"]
    assert "201" in responses and "200" not in responses
    assert {"400", "401", "403", "404", "409", "413"} <= set(responses)


def test_a_patch_requires_the_version_it_was_read_at(schema):
    body = schema["paths"]["/api/v1/progress-reports/{id}/"]["patch"]["requestBody"]["content"][
        "application/json"
    ]
    assert "version" in resolve(schema, body["schema"])["required"]


def test_the_token_endpoint_documents_its_errors_and_the_logouts_exist(schema):
    token = schema["paths"]["/api/v1/auth/token/"]["post"]
    assert {"200", "400", "403"} <= set(token["responses"])
    assert "401" not in token["responses"]  # it asks for no credentials
    assert token.get("security", [{}]) == [{}]
    for path in ("/api/v1/auth/logout/", "/api/v1/auth/logout-all/"):
        assert {"204", "401", "403"} <= set(schema["paths"][path]["post"]["responses"])


def test_every_operation_documents_its_errors(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            where = f"{method.upper()} {path}"
            assert "403" in codes, where
            if "{" in path:
                assert "404" in codes, where
            if "requestBody" in operation or any(p["in"] == "query" for p in operation.get("parameters", [])):
                assert "400" in codes, where
            if path.startswith("/api/v1/progress-reports/") and method in ("post", "patch", "put"):
                assert "409" in codes, where
            for code in codes - {"200", "201", "204"}:
                content = operation["responses"][code].get("content", {})
                assert "application/json" in content, where + " " + code
