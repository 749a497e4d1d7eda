"""Small helpers the test modules share."""

from rest_framework.authtoken.models import Token


def authenticate(api_client, user, auth: str) -> None:
    """Log `user` in on an API client by `auth`: "token" (Authorization: Token ...) or "session"."""
    if auth == "token":
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    else:
        api_client.force_login(user)
