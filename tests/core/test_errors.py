"""What a person sees when something goes wrong (DEBUG off, as in production): a Chinese page in the
portal's layout with a way back, or, under /api/, Chinese JSON."""

import pytest
from django.test import Client, RequestFactory

from core import errors
from tests import factories


def assert_portal_error_page(response, status, title):
    assert response.status_code == status
    html = response.content.decode()
    assert 'data-testid="error-page"' in html and title in html
    assert 'href="/"' in html and "返回首页" in html  # the way back
    assert "Not Found" not in html and "Forbidden" not in html and "Server Error" not in html


@pytest.mark.django_db
def test_an_unknown_page_is_a_chinese_404_in_the_portal_layout(client):
    client.force_login(factories.UserFactory())
    response = client.get("/no-such-page/")
    assert_portal_error_page(response, 404, "页面不存在")
    assert 'data-testid="whoami"' in response.content.decode()  # the top bar is there


@pytest.mark.django_db
def test_a_page_the_person_may_not_open_is_a_chinese_403(client):
    # a unit's staff may read their unit's report but only an administrator may correct it
    user = factories.UserFactory()
    report = factories.ProgressReportFactory(unit=user.unit, status="approved")
    client.force_login(user)
    assert_portal_error_page(client.get(f"/reports/{report.pk}/correct/"), 403, "无权访问")


@pytest.mark.django_db
def test_a_malformed_request_is_a_chinese_400(client, settings):
    fields = {f"f{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    assert_portal_error_page(client.post("/login/", fields), 400, "请求无效")


@pytest.mark.django_db
def test_a_server_error_is_a_chinese_500_page():
    request = RequestFactory().get("/reports/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = errors.server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "服务器出错" in html and "返回首页" in html


def test_the_handlers_are_the_portals():
    from portal import urls

    assert (urls.handler400, urls.handler403, urls.handler404, urls.handler500) == (
        "core.errors.bad_request",
        "core.errors.permission_denied",
        "core.errors.page_not_found",
        "core.errors.server_error",
    )


@pytest.mark.django_db
def test_an_expired_form_is_explained_in_chinese():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "x", "password": "y"})
    assert_portal_error_page(response, 403, "无权访问")
    assert "页面已过期" in response.content.decode()


@pytest.mark.django_db
def test_the_api_answers_the_same_cases_in_chinese_json(api_client):
    api_client.force_authenticate(factories.UserFactory())
    unknown = api_client.get("/api/v1/no-such-endpoint/")
    assert unknown.status_code == 404
    assert unknown.json() == {"detail": "您要找的页面或数据不存在，或者您无权查看。"}
    assert api_client.get("/api/v1/units/999999/").json() == {"detail": "对象不存在或您无权查看。"}
    assert api_client.delete("/api/v1/units/").json()["detail"] == "方法 “DELETE” 不被允许。"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, json", [("/reports/new/?work_item=1&period=2024-06", False), ("/api/v1/progress-reports/", True)]
)
def test_a_body_over_the_limit_is_refused_before_it_is_read(client, settings, url, json):
    client.force_login(factories.UserFactory())
    response = client.generic(
        "POST", url, b"x", content_type="application/octet-stream",
        CONTENT_LENGTH=str(settings.REQUEST_MAX_BYTES + 1),
    )  # fmt: skip
    assert response.status_code == 413
    text = response.json()["detail"] if json else response.content.decode()
    assert "超过 50 MB 的上限" in text


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_of_the_portals_own_origin(client):
    client.force_login(factories.UserFactory())
    policy = client.get("/plan/", follow=True)["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "http" not in policy
