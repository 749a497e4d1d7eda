"""The read API of the plan: each role against each endpoint, the contract's fields, the filters,
constant query counts and the OpenAPI schema."""

import pytest
from django.core.management import call_command
from django.http import HttpRequest

from tasks.models import WorkItem
from tests import factories
from tests.helpers import authenticate, new_token

ROLES = list(factories.PERSON_BY_ROLE)


@pytest.fixture
def item():
    """Item 9 of 2024, in section 3, led by one unit, with one target and one deadline."""
    work_item = factories.WorkItemFactory(number=9, section__number=3, section__title="强化交通建设绿色环保")
    factories.AssignmentFactory(work_item=work_item, role="lead")
    target = factories.TargetFactory(work_item=work_item)
    factories.TargetReporterFactory(target=target, unit=work_item.assignments.get().unit)
    factories.DeadlineFactory(work_item=work_item)
    return work_item


def endpoints(item) -> list[str]:
    return [
        "/api/v1/work-items/?year=2024",
        f"/api/v1/work-items/{item.pk}/",
        "/api/v1/plans/",
        f"/api/v1/plans/{item.plan_id}/",
    ]


# -- who may read


@pytest.mark.django_db
@pytest.mark.parametrize("auth", ["token", "session"])
@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_plan(api_client, item, role, auth):
    # given a person of each role, of the item's unit where the role has one, logged in either way
    user = factories.person(role, item.assignments.get().unit)
    authenticate(api_client, user, auth)
    for url in endpoints(item):
        # when they read the plan's lists and details
        response = api_client.get(url)
        # then they see them: the plan is the department's published document
        assert response.status_code == 200, url
        assert response.json(), url


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["unit_head", "unit_staff"])
def test_a_unit_reads_items_it_has_no_part_in(api_client, item, role):
    # given a person of a unit the item does not name
    api_client.force_authenticate(factories.person(role, factories.UnitFactory()))
    # then the item is still listed and readable
    assert [row["id"] for row in api_client.get("/api/v1/work-items/").json()] == [item.pk]
    assert api_client.get(f"/api/v1/work-items/{item.pk}/").status_code == 200


@pytest.mark.django_db
def test_anonymous_is_refused_with_401(api_client, item):
    for url in endpoints(item):
        response = api_client.get(url)
        assert response.status_code == 401, url
        assert response["WWW-Authenticate"] == "Token"
        assert response.json()["detail"] == "身份认证信息未提供。"


@pytest.mark.django_db
def test_an_inactive_users_token_is_refused(api_client, item):
    user = factories.UserFactory(is_active=False)
    token = new_token(user)
    for url in endpoints(item):
        assert api_client.get(url, HTTP_AUTHORIZATION=f"Token {token}").status_code == 401, url


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_plan_is_read_only_through_the_api(api_client, item, role):
    # given any logged-in person, administrators included
    api_client.force_authenticate(factories.person(role, item.assignments.get().unit))
    # when they try to write to an item or a plan
    attempts = [
        api_client.post("/api/v1/work-items/", {"title": "新任务"}, format="json"),
        api_client.patch(f"/api/v1/work-items/{item.pk}/", {"title": "改"}, format="json"),
        api_client.delete(f"/api/v1/work-items/{item.pk}/"),
        api_client.post("/api/v1/plans/", {"year": 2030}, format="json"),
        api_client.delete(f"/api/v1/plans/{item.plan_id}/"),
    ]
    # then every attempt is refused as a method the endpoint does not have
    assert {r.status_code for r in attempts} == {405}
    item.refresh_from_db()
    assert item.title.startswith("工作任务")


@pytest.mark.django_db
def test_an_unknown_id_is_404(api_client, item):
    api_client.force_authenticate(factories.LeaderFactory())
    assert api_client.get(f"/api/v1/work-items/{item.pk + 1000}/").status_code == 404
    assert api_client.get(f"/api/v1/plans/{item.plan_id + 1000}/").status_code == 404


# -- the contract


@pytest.mark.django_db
def test_work_item_contract(api_client, item):
    # given an item with a lead unit, a cooperating unit, a target and a deadline
    cooperating = factories.AssignmentFactory(work_item=item, role="cooperating")
    api_client.force_authenticate(factories.LeaderFactory())
    [row] = api_client.get("/api/v1/work-items/?year=2024").json()
    lead = item.assignments.get(role="lead")
    target = item.targets.get()
    deadline = item.deadlines.get()
    listed = {
        "id": item.pk,
        "year": 2024,
        "number": 9,
        "section": {"number": 3, "title": "强化交通建设绿色环保"},
        "title": item.title,
        "text": item.text,
        "units_text": "",
        "cooperating_units_report": False,
        "unit_counts": {"lead": 1, "responsible": 0, "cooperating": 1},
        "targets": [
            {
                "id": target.pk,
                "name": "高速公路绿化里程",
                "measure_unit": "公里",
                "comparator": "gte",
                # decimals are strings, DRF's default: no precision lost in JSON
                "target_value": "3087.00",
                "target_min": None,
                "target_max": None,
                "due_date": "2024-12-31",
                "reporter_count": 1,
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
    assert row == listed
    # the detail names the units the list counts
    detail = api_client.get(f"/api/v1/work-items/{item.pk}/").json()
    assert detail["assignments"] == [
        {"unit": lead.unit_id, "unit_name": lead.unit.short_name, "role": "lead"},
        {"unit": cooperating.unit_id, "unit_name": cooperating.unit.short_name, "role": "cooperating"},
    ]
    assert detail["targets"][0]["reporters"] == [{"unit": lead.unit_id, "scope": "contribution"}]
    detail.pop("assignments")
    detail["targets"][0].pop("reporters")
    assert detail == listed


@pytest.mark.django_db
def test_a_range_target_gives_its_bounds(api_client, item):
    # given a target of 2–3 enterprises
    factories.TargetFactory(
        work_item=item,
        name="培育规上多式联运企业",
        measure_unit="户",
        comparator="range",
        target_value=None,
        target_min=2,
        target_max=3,
        sort_order=1,
    )
    api_client.force_authenticate(factories.LeaderFactory())
    targets = api_client.get(f"/api/v1/work-items/{item.pk}/").json()["targets"]
    assert targets[1] | {"id": None} == {
        "id": None,
        "name": "培育规上多式联运企业",
        "measure_unit": "户",
        "comparator": "range",
        "target_value": None,
        "target_min": "2.00",
        "target_max": "3.00",
        "due_date": "2024-12-31",
        "reporter_count": 0,
        "reporters": [],
    }


@pytest.mark.django_db
def test_lead_units_come_first_then_responsible_then_cooperating(api_client):
    # given an item whose units were assigned in the opposite order
    work_item = factories.WorkItemFactory()
    cooperating = factories.AssignmentFactory(work_item=work_item, role="cooperating", unit__sort_order=0)
    responsible = factories.AssignmentFactory(work_item=work_item, role="responsible", unit__sort_order=1)
    lead = factories.AssignmentFactory(work_item=work_item, role="lead", unit__sort_order=2)
    api_client.force_authenticate(factories.LeaderFactory())
    # when the item is read
    rows = api_client.get(f"/api/v1/work-items/{work_item.pk}/").json()["assignments"]
    # then the units come by role
    assert [(r["unit"], r["role"]) for r in rows] == [
        (lead.unit_id, "lead"),
        (responsible.unit_id, "responsible"),
        (cooperating.unit_id, "cooperating"),
    ]


@pytest.mark.django_db
def test_plan_contract(api_client, item):
    # given a second section and a second item in the 2024 plan, and a 2023 plan
    factories.WorkItemFactory(section__plan=item.plan, section__number=1, section__title="总体要求")
    older = factories.PlanFactory(year=2023)
    api_client.force_authenticate(factories.UserFactory())
    expected = {
        "id": item.plan_id,
        "year": 2024,
        "title": "2024年工作要点",
        "report_cadence": "monthly",
        "report_due_day": 5,
        "start_month": 1,
        "sections": [{"number": 1, "title": "总体要求"}, {"number": 3, "title": "强化交通建设绿色环保"}],
        "item_count": 2,
    }
    # then plans come newest first, each with its sections in order and its item count
    assert api_client.get("/api/v1/plans/").json() == [
        expected,
        {
            "id": older.pk,
            "year": 2023,
            "title": "2023年工作要点",
            "report_cadence": "monthly",
            "report_due_day": 5,
            "start_month": 1,
            "sections": [],
            "item_count": 0,
        },
    ]
    assert api_client.get(f"/api/v1/plans/{item.plan_id}/").json() == expected
    assert [p["year"] for p in api_client.get("/api/v1/plans/?year=2023").json()] == [2023]


# -- filters


@pytest.mark.django_db
def test_work_item_filters_by_year_section_number_unit_and_role(api_client, item):
    # given item 9 of 2024 led by one unit, and item 1 of 2025 on which that unit cooperates
    unit = item.assignments.get().unit
    other_year = factories.WorkItemFactory(number=1, section__plan__year=2025, section__number=1)
    factories.AssignmentFactory(work_item=other_year, unit=unit, role="cooperating")
    factories.AssignmentFactory(work_item=other_year, role="lead")
    api_client.force_authenticate(factories.LeaderFactory())

    def ids(query):
        response = api_client.get(f"/api/v1/work-items/{query}")
        assert response.status_code == 200, response.json()
        return [row["id"] for row in response.json()]

    assert ids("") == [item.pk, other_year.pk]
    assert ids("?year=2025") == [other_year.pk]
    assert ids("?year=2023") == []
    assert ids("?section=3") == [item.pk]
    assert ids("?number=1") == [other_year.pk]
    assert ids(f"?unit={unit.pk}") == [item.pk, other_year.pk]
    assert ids(f"?unit={unit.pk}&role=lead") == [item.pk]
    assert ids(f"?unit={unit.pk}&role=cooperating") == [other_year.pk]
    assert ids(f"?unit={unit.pk}&role=responsible") == []
    assert ids(f"?unit={unit.pk}&year=2025") == [other_year.pk]
    assert ids("?role=cooperating") == [other_year.pk]
    assert ids(f"?unit={unit.pk + 1000}") == []


@pytest.mark.django_db
def test_a_bad_filter_value_is_400_not_500(api_client, item):
    api_client.force_authenticate(factories.LeaderFactory())
    for query in ["?year=abc", "?role=boss", "?unit=x"]:
        assert api_client.get(f"/api/v1/work-items/{query}").status_code == 400, query


# -- query counts


def make_items(n: int, year: int):
    """`n` items in a new plan, each with three units, two targets and a deadline."""
    section = factories.SectionFactory(number=1, plan__year=year)
    for _ in range(n):
        work_item = factories.WorkItemFactory(section=section)
        factories.AssignmentFactory.create_batch(3, work_item=work_item)
        factories.TargetFactory.create_batch(2, work_item=work_item)
        factories.DeadlineFactory(work_item=work_item)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, most",
    [
        # the token and the person's other tokens (knox removes expired ones), then:
        # the items (with plan, section and their units counted), targets, deadlines
        ("/api/v1/work-items/", 5),
        ("/api/v1/units/", 3),
        # the plans with their item counts, sections
        ("/api/v1/plans/", 4),
    ],
)
def test_list_endpoints_run_the_same_queries_for_2_and_20_items(
    api_client, django_assert_num_queries, django_assert_max_num_queries, url, most
):
    # given a token user and a plan of 2 items
    user = factories.LeaderFactory()
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {new_token(user)}")
    make_items(2, 2024)
    with django_assert_max_num_queries(most) as few:
        small = api_client.get(url)
    # when 20 more items come in another plan
    make_items(20, 2025)
    # then the list costs the same number of queries
    with django_assert_num_queries(len(few.captured_queries)):
        large = api_client.get(url)
    assert small.status_code == large.status_code == 200
    assert len(large.json()) > len(small.json())


@pytest.mark.django_db
def test_a_work_item_detail_runs_a_fixed_number_of_queries(api_client, django_assert_max_num_queries):
    make_items(1, 2024)
    api_client.force_authenticate(factories.LeaderFactory())
    pk = WorkItem.objects.get().pk
    # the item (with plan and section), assignments (with units), targets, deadlines
    with django_assert_max_num_queries(5):
        assert api_client.get(f"/api/v1/work-items/{pk}/").status_code == 200


# -- the OpenAPI schema


@pytest.mark.django_db
def test_schema_lists_the_endpoints_and_the_docs_page_opens(client):
    factories.LeaderFactory(username="boss")
    client.login(request=HttpRequest(), username="boss", password="pass12345")
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in [
        "/api/v1/auth/token/",
        "/api/v1/units/",
        "/api/v1/units/{id}/",
        "/api/v1/work-items/",
        "/api/v1/work-items/{id}/",
        "/api/v1/plans/",
        "/api/v1/plans/{id}/",
        "/api/v1/progress-reports/",
        "/api/v1/progress-reports/{id}/submit/",
    ]:
        assert path in paths, path
    assert [p["name"] for p in paths["/api/v1/work-items/"]["get"]["parameters"]] == [
        "number",
        "role",
        "section",
        "unit",
        "year",
    ]
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    # Swagger UI comes from the portal itself, nothing from outside
    html = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
    assert client.get("/api/docs/?script").status_code == 200


@pytest.mark.django_db
def test_schema_and_docs_are_for_logged_in_people(client):
    assert client.get("/api/schema/").status_code == 401
    docs = client.get("/api/docs/")
    assert docs.status_code == 302 and docs["Location"].startswith("/login/")


def test_schema_generation_has_no_warnings(tmp_path):
    # --fail-on-warn turns any warning of the generator into an error
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    assert (tmp_path / "schema.yml").read_text().startswith("openapi:")
