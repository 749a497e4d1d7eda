"""Small helpers the test modules share."""

from knox.models import AuthToken


def new_token(user) -> str:
    """A fresh API token for `user` (what POST /api/v1/auth/token/ hands out)."""
    return AuthToken.objects.create(user=user)[1]


def authenticate(api_client, user, auth: str) -> None:
    """Log `user` in on an API client by `auth`: "token" (Authorization: Token ...) or "session"."""
    if auth == "token":
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {new_token(user)}")
    else:
        api_client.force_login(user)
