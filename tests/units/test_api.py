"""Token login and the units endpoint: who gets in, with which credentials, and the unit contract."""

import pytest
from rest_framework.authtoken.models import Token

from tests import factories
from tests.helpers import authenticate

TOKEN_URL = "/api/v1/auth/token/"
ROLES = list(factories.PERSON_BY_ROLE)
WRONG = {"non_field_errors": ["用户名或密码不正确。"]}


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


# -- the token endpoint


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "multipart"])
def test_good_credentials_get_a_token_that_opens_the_api(api_client, unit, fmt):
    # given a unit's staff member
    user = factories.UserFactory(username="staff-yunshu-ju", unit=unit)
    # when they post their username and password
    response = api_client.post(
        TOKEN_URL, {"username": "staff-yunshu-ju", "password": "pass12345"}, format=fmt
    )
    # then they get their token, and the token opens the API
    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=user).key}
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert api_client.get("/api/v1/units/").status_code == 200


@pytest.mark.django_db
def test_asking_twice_returns_the_same_token(api_client):
    factories.UserFactory(username="staff-x")
    credentials = {"username": "staff-x", "password": "pass12345"}
    first = api_client.post(TOKEN_URL, credentials, format="json").json()["token"]
    assert api_client.post(TOKEN_URL, credentials, format="json").json()["token"] == first


@pytest.mark.django_db
@pytest.mark.parametrize(
    "username, password",
    [("staff-x", "wrong"), ("nobody", "pass12345"), ("inactive", "pass12345")],
    ids=["wrong-password", "unknown-user", "inactive-user"],
)
def test_bad_credentials_get_400_with_one_chinese_message(api_client, username, password):
    # given an active and an inactive account
    factories.UserFactory(username="staff-x")
    factories.UserFactory(username="inactive", is_active=False)
    # when someone posts credentials that do not log in
    response = api_client.post(TOKEN_URL, {"username": username, "password": password}, format="json")
    # then the answer is 400 and does not say which part was wrong
    assert response.status_code == 400
    assert response.json() == WRONG
    assert not Token.objects.exists()


@pytest.mark.django_db
def test_missing_fields_are_named(api_client):
    response = api_client.post(TOKEN_URL, {"username": "staff-x"}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"password"}


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
    token = Token.objects.create(user=user)
    user.is_active = False
    user.save()
    # when they use either
    by_token = api_client.get("/api/v1/units/", HTTP_AUTHORIZATION=f"Token {token.key}")
    api_client.force_login(user)
    by_session = api_client.get("/api/v1/units/")
    # then both are refused
    assert by_token.status_code == 401
    assert by_token.json() == {"detail": "用户未激活或者已删除。"}
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
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    factories.UnitFactory.create_batch(2)
    # when the list is read with 2 units, then with 20
    with django_assert_max_num_queries(2) as few:  # the token (with its user), the units
        assert len(api_client.get("/api/v1/units/").json()) == 2
    factories.UnitFactory.create_batch(18)
    # then the query count does not change
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(api_client.get("/api/v1/units/").json()) == 20
