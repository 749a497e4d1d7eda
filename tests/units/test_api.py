"""The units endpoint: who gets in, with which credentials, and the unit contract (the token endpoint
itself: test_tokens.py)."""

import pytest

from tests import factories
from tests.helpers import authenticate, new_token

ROLES = list(factories.PERSON_BY_ROLE)


@pytest.fixture
def unit():
    return factories.UnitFactory(
        code="yunshu-ju",
        name="吉林省道路运输管理局",
        short_name="省运输局",
        aliases=["省运管局"],
        kind="affiliated_agency",
        email="yunshu@example.cn",
    )


def unit_urls(unit) -> list[str]:
    return ["/api/v1/units/", f"/api/v1/units/{unit.pk}/"]


# -- who may read the units


@pytest.mark.django_db
@pytest.mark.parametrize("auth", ["token", "session"])
@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_units(api_client, unit, role, auth):
    # given a person of each role, logged in by token or by the browser session
    user = factories.person(role, unit)
    authenticate(api_client, user, auth)
    for url in unit_urls(unit):
        # when they read the list and a unit
        response = api_client.get(url)
        # then they see it
        assert response.status_code == 200, url


@pytest.mark.django_db
def test_anonymous_gets_401_with_a_token_challenge(api_client, unit):
    for url in unit_urls(unit):
        response = api_client.get(url)
        assert response.status_code == 401, url
        assert response["WWW-Authenticate"] == "Token"
        assert response.json() == {"detail": "身份认证信息未提供。"}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_a_deactivated_persons_token_and_session_are_refused(api_client, unit, role):
    # given a person of each role with a token and a browser session, who is then deactivated
    user = factories.person(role, unit)
    token = new_token(user)
    user.is_active = False
    user.save()
    # when they use either
    by_token = api_client.get("/api/v1/units/", HTTP_AUTHORIZATION=f"Token {token}")
    api_client.force_login(user)
    by_session = api_client.get("/api/v1/units/")
    # then both are refused: deactivation revoked the token
    assert by_token.status_code == 401
    assert by_token.json() == {"detail": "认证令牌无效。"}
    assert by_session.status_code == 401


@pytest.mark.django_db
def test_an_unknown_token_is_refused(api_client, unit):
    response = api_client.get("/api/v1/units/", HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert response.status_code == 401
    assert response.json() == {"detail": "认证令牌无效。"}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_nobody_writes_units_through_the_api(api_client, unit, role):
    # given any logged-in person, administrators included
    api_client.force_authenticate(factories.person(role, unit))
    # when they try to create, change or delete a unit
    attempts = [
        api_client.post("/api/v1/units/", {"code": "new", "name": "新单位"}, format="json"),
        api_client.patch(f"/api/v1/units/{unit.pk}/", {"name": "改名"}, format="json"),
        api_client.delete(f"/api/v1/units/{unit.pk}/"),
    ]
    # then the API is read-only (units are managed in the admin)
    assert [r.status_code for r in attempts] == [405, 405, 405]
    unit.refresh_from_db()
    assert unit.name == "吉林省道路运输管理局"


# -- the contract


@pytest.mark.django_db
def test_unit_list_and_detail_contract(api_client, unit):
    api_client.force_authenticate(factories.UserFactory(unit=unit))
    expected = {
        "id": unit.pk,
        "code": "yunshu-ju",
        "name": "吉林省道路运输管理局",
        "short_name": "省运输局",
        "aliases": ["省运管局"],
        "kind": "affiliated_agency",
        "email": "yunshu@example.cn",
    }
    assert api_client.get("/api/v1/units/").json() == [expected]
    assert api_client.get(f"/api/v1/units/{unit.pk}/").json() == expected
    assert api_client.get(f"/api/v1/units/{unit.pk + 1000}/").status_code == 404


@pytest.mark.django_db
def test_units_come_in_roster_order_and_filter_by_kind_and_code(api_client, unit):
    # given units whose roster order differs from their creation order
    city = factories.UnitFactory(code="changchun", kind="city_bureau", sort_order=1)
    unit.sort_order = 2
    unit.save()
    office = factories.UnitFactory(code="zhgh", kind="department_office", sort_order=0)
    api_client.force_authenticate(factories.LeaderFactory())

    def codes(query=""):
        return [row["code"] for row in api_client.get(f"/api/v1/units/{query}").json()]

    assert codes() == [office.code, city.code, unit.code]
    assert codes("?kind=city_bureau") == ["changchun"]
    assert codes("?code=yunshu-ju") == ["yunshu-ju"]
    assert api_client.get("/api/v1/units/?kind=nonsense").status_code == 400


@pytest.mark.django_db
def test_unit_list_runs_the_same_queries_for_2_and_20_units(
    api_client, django_assert_num_queries, django_assert_max_num_queries
):
    # given a token user and two units
    user = factories.LeaderFactory()
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {new_token(user)}")
    factories.UnitFactory.create_batch(2)
    # when the list is read with 2 units, then with 20
    # the token (with its user), the person's other tokens (expired ones are removed), the units
    with django_assert_max_num_queries(3) as few:
        assert len(api_client.get("/api/v1/units/").json()) == 2
    factories.UnitFactory.create_batch(18)
    # then the query count does not change
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(api_client.get("/api/v1/units/").json()) == 20
