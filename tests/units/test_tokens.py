"""API tokens: how a script gets one, how long it lasts, and what ends it."""

import datetime as dt

import pytest
from django.utils import timezone
from knox.models import AuthToken

from tests import factories
from tests.helpers import new_token

TOKEN_URL = "/api/v1/auth/token/"
WRONG = {"non_field_errors": ["用户名或密码不正确。"]}


def opens_the_api(api_client, token) -> bool:
    return api_client.get("/api/v1/units/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "multipart"])
def test_good_credentials_get_a_token_with_its_expiry(api_client, fmt, settings):
    # given a unit's staff member
    factories.UserFactory(username="staff-yunshu-ju")
    # when they post their username and password
    before = timezone.now()
    response = api_client.post(
        TOKEN_URL, {"username": "staff-yunshu-ju", "password": "pass12345"}, format=fmt
    )
    # then they get a token that opens the API, and when it ends
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"token", "expiry"}
    expiry = dt.datetime.fromisoformat(body["expiry"])
    ttl = settings.REST_KNOX["TOKEN_TTL"]
    assert before + ttl - dt.timedelta(minutes=1) < expiry < timezone.now() + ttl + dt.timedelta(minutes=1)
    assert opens_the_api(api_client, body["token"])


@pytest.mark.django_db
def test_asking_again_gives_a_second_token_and_both_work(api_client):
    factories.UserFactory(username="staff-x")
    credentials = {"username": "staff-x", "password": "pass12345"}
    first = api_client.post(TOKEN_URL, credentials, format="json").json()["token"]
    second = api_client.post(TOKEN_URL, credentials, format="json").json()["token"]
    assert first != second
    assert opens_the_api(api_client, first) and opens_the_api(api_client, second)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "username, password",
    [("staff-x", "wrong"), ("nobody", "pass12345"), ("inactive", "pass12345")],
    ids=["wrong-password", "unknown-user", "inactive-user"],
)
def test_bad_credentials_get_400_with_one_chinese_message(api_client, username, password):
    factories.UserFactory(username="staff-x")
    factories.UserFactory(username="inactive", is_active=False)
    response = api_client.post(TOKEN_URL, {"username": username, "password": password}, format="json")
    assert response.status_code == 400
    assert response.json() == WRONG
    assert not AuthToken.objects.exists()


@pytest.mark.django_db
def test_missing_fields_are_named(api_client):
    response = api_client.post(TOKEN_URL, {"username": "staff-x"}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"password"}


@pytest.mark.django_db
def test_an_account_with_an_initial_password_gets_no_token(api_client):
    factories.UserFactory(username="new-staff", must_change_password=True)
    response = api_client.post(TOKEN_URL, {"username": "new-staff", "password": "pass12345"}, format="json")
    assert response.status_code == 400
    assert "修改" in response.json()["non_field_errors"][0]
    assert not AuthToken.objects.exists()


@pytest.mark.django_db
def test_an_expired_token_is_refused(api_client):
    user = factories.UserFactory()
    token = new_token(user)
    AuthToken.objects.filter(user=user).update(expiry=timezone.now() - dt.timedelta(seconds=1))
    response = api_client.get("/api/v1/units/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 401
    assert response.json() == {"detail": "认证令牌无效。"}


@pytest.mark.django_db
def test_logout_revokes_that_token_only(api_client):
    user = factories.UserFactory()
    kept, ended = new_token(user), new_token(user)
    response = api_client.post("/api/v1/auth/logout/", HTTP_AUTHORIZATION=f"Token {ended}")
    assert response.status_code == 204
    assert not opens_the_api(api_client, ended)
    assert opens_the_api(api_client, kept)


@pytest.mark.django_db
def test_logout_all_revokes_every_token_of_the_person(api_client):
    user, other = factories.UserFactory(), factories.UserFactory()
    first, second, others = new_token(user), new_token(user), new_token(other)
    assert api_client.post("/api/v1/auth/logout-all/", HTTP_AUTHORIZATION=f"Token {first}").status_code == 204
    assert not opens_the_api(api_client, first) and not opens_the_api(api_client, second)
    assert opens_the_api(api_client, others)


@pytest.mark.django_db
def test_a_password_change_revokes_every_token(api_client, client):
    # given a person with a token, logged in on the portal
    user = factories.UserFactory(username="staff-y")
    token = new_token(user)
    client.force_login(user)
    # when they change their password on the portal's page
    response = client.post(
        "/account/password/",
        {"old_password": "pass12345", "new_password1": "Spring2026go", "new_password2": "Spring2026go"},
    )
    assert response.status_code == 302
    # then the token no longer opens the API
    assert not opens_the_api(api_client, token)


@pytest.mark.django_db
def test_an_administrators_reset_revokes_the_persons_tokens(api_client, client):
    user = factories.UserFactory()
    token = new_token(user)
    client.force_login(factories.AdminFactory())
    response = client.post(
        f"/admin/units/user/{user.pk}/password/", {"password1": "Reset2026ok", "password2": "Reset2026ok"}
    )
    assert response.status_code == 302
    assert not opens_the_api(api_client, token)


@pytest.mark.django_db
def test_deactivation_revokes_every_token(api_client):
    from units.services import user_deactivate

    user = factories.UserFactory()
    token = new_token(user)
    assert user_deactivate(user=user)
    assert not AuthToken.objects.filter(user=user).exists()
    assert not opens_the_api(api_client, token)


@pytest.mark.django_db
def test_the_token_endpoint_locks_a_username_after_repeated_failures(api_client, settings):
    # given an account
    factories.UserFactory(username="staff-z")
    wrong = {"username": "staff-z", "password": "not-it-1"}
    # when a script posts a wrong password as often as the limit allows
    answers = [api_client.post(TOKEN_URL, wrong, format="json") for _ in range(settings.AXES_FAILURE_LIMIT)]
    # then the last answer is the lockout, in Chinese JSON, and even the right password is refused now
    assert [a.status_code for a in answers[:-1]] == [400] * (settings.AXES_FAILURE_LIMIT - 1)
    assert answers[-1].status_code == 403
    assert "锁定" in answers[-1].json()["detail"]
    right = api_client.post(TOKEN_URL, {"username": "staff-z", "password": "pass12345"}, format="json")
    assert right.status_code == 403
    assert not AuthToken.objects.exists()
