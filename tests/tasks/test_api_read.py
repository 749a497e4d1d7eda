"""The read API: each role against each endpoint, the contract's fields, and constant query counts."""

import pytest
from rest_framework.authtoken.models import Token

from tests import factories
from units.choices import Role

ENDPOINTS = ["/api/v1/units/", "/api/v1/work-items/?year=2024", "/api/v1/plans/"]
ROLES = {
    "admin": lambda unit: factories.AdminFactory(),
    "leader": lambda unit: factories.LeaderFactory(),
    "unit_head": lambda unit: factories.HeadFactory(unit=unit),
    "unit_staff": lambda unit: factories.UserFactory(unit=unit, role=Role.UNIT_STAFF),
}


@pytest.fixture
def item():
    work_item = factories.WorkItemFactory(number=9, section__number=3, section__title="强化交通建设绿色环保")
    factories.AssignmentFactory(work_item=work_item, role="lead")
    factories.TargetFactory(work_item=work_item)
    factories.DeadlineFactory(work_item=work_item)
    return work_item


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", ENDPOINTS)
def test_every_role_reads_the_plan_with_a_token(api_client, item, role, url):
    user = ROLES[role](item.assignments.first().unit)
    token = Token.objects.create(user=user)
    response = api_client.get(url, HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("url", ENDPOINTS)
def test_anonymous_is_refused_with_401(api_client, item, url):
    response = api_client.get(url)
    assert response.status_code == 401
    assert response.json()["detail"] == "身份认证信息未提供。"


@pytest.mark.django_db
def test_an_inactive_users_token_is_refused(api_client, item):
    user = factories.UserFactory(is_active=False)
    token = Token.objects.create(user=user)
    assert api_client.get(ENDPOINTS[0], HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 401


@pytest.mark.django_db
def test_token_endpoint_returns_a_token_for_good_credentials_only(api_client):
    factories.UserFactory(username="staff-x")
    good = api_client.post("/api/v1/auth/token/", {"username": "staff-x", "password": "pass12345"})
    assert good.status_code == 200 and len(good.json()["token"]) == 40
    bad = api_client.post("/api/v1/auth/token/", {"username": "staff-x", "password": "wrong"})
    assert bad.status_code == 400
    assert bad.json() == {"non_field_errors": ["用户名或密码不正确。"]}


@pytest.mark.django_db
def test_session_login_works_for_the_api_too(client, item):
    factories.LeaderFactory(username="boss")
    client.login(username="boss", password="pass12345")
    assert client.get("/api/v1/plans/").status_code == 200


@pytest.mark.django_db
def test_work_item_contract(api_client, item):
    api_client.force_authenticate(factories.LeaderFactory())
    [row] = api_client.get("/api/v1/work-items/?year=2024").json()
    assignment = item.assignments.get()
    target = item.targets.get()
    deadline = item.deadlines.get()
    assert row == {
        "id": item.pk,
        "year": 2024,
        "number": 9,
        "section": {"number": 3, "title": "强化交通建设绿色环保"},
        "title": item.title,
        "text": item.text,
        "units_text": "",
        "assignments": [
            {"unit": assignment.unit_id, "unit_name": assignment.unit.short_name, "role": "lead"}
        ],
        "targets": [
            {
                "id": target.pk,
                "name": "高速公路绿化里程",
                "measure_unit": "公里",
                "comparator": "gte",
                "target_value": "3087.00",
                "target_min": None,
                "target_max": None,
                "due_date": "2024-12-31",
                "aggregation": "sum",
            }
        ],
        "deadlines": [
            {
                "id": deadline.pk,
                "name": "半年工作总结",
                "kind": "other",
                "period": "2024-H1",
                "due_date": "2024-06-30",
                "recipient": "",
            }
        ],
    }


@pytest.mark.django_db
def test_unit_contract_and_filters(api_client):
    unit = factories.UnitFactory(
        code="yunshu-ju",
        name="吉林省道路运输管理局",
        short_name="省运输局",
        aliases=["省运管局"],
        kind="affiliated_agency",
    )
    factories.UnitFactory(kind="city_bureau")
    api_client.force_authenticate(factories.UserFactory(unit=unit))
    rows = api_client.get("/api/v1/units/?kind=affiliated_agency").json()
    assert rows == [
        {
            "id": unit.pk,
            "code": "yunshu-ju",
            "name": "吉林省道路运输管理局",
            "short_name": "省运输局",
            "aliases": ["省运管局"],
            "kind": "affiliated_agency",
            "email": "yunshu-ju@example.cn",
        }
    ]


@pytest.mark.django_db
def test_work_item_filters_by_year_section_and_unit(api_client, item):
    other_year = factories.WorkItemFactory(number=1, section__plan__year=2025, section__number=1)
    unit = item.assignments.get().unit
    api_client.force_authenticate(factories.LeaderFactory())
    assert [r["id"] for r in api_client.get("/api/v1/work-items/?year=2025").json()] == [other_year.pk]
    assert [r["id"] for r in api_client.get("/api/v1/work-items/?section=3").json()] == [item.pk]
    assert [r["id"] for r in api_client.get(f"/api/v1/work-items/?unit={unit.pk}").json()] == [item.pk]
    assert api_client.get(f"/api/v1/work-items/?unit={unit.pk}&role=cooperating").json() == []


def make_items(n: int, year: int):
    section = factories.SectionFactory(number=1, plan__year=year)
    for _ in range(n):
        work_item = factories.WorkItemFactory(section=section)
        factories.AssignmentFactory.create_batch(3, work_item=work_item)
        factories.TargetFactory.create_batch(2, work_item=work_item)
        factories.DeadlineFactory(work_item=work_item)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/work-items/", "/api/v1/units/", "/api/v1/plans/"])
def test_list_endpoints_run_a_constant_number_of_queries(api_client, django_assert_num_queries, url):
    api_client.force_authenticate(factories.LeaderFactory())
    make_items(2, 2024)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        api_client.get(url)
    make_items(20, 2025)
    with django_assert_num_queries(len(small.captured_queries)):
        response = api_client.get(url)
    assert response.status_code == 200


@pytest.mark.django_db
def test_schema_lists_the_endpoints(client):
    factories.LeaderFactory(username="boss")
    client.login(username="boss", password="pass12345")
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in ["/api/v1/units/", "/api/v1/work-items/", "/api/v1/plans/", "/api/v1/progress-reports/",
                 "/api/v1/progress-reports/{id}/submit/", "/api/v1/auth/token/"]:  # fmt: skip
        assert path in schema["paths"], path
    assert client.get("/api/docs/").status_code == 200
