from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken

from portal.api.views import RestrictedReadOnlyViewSet
from units.models import Unit

from .serializers import UnitSerializer


class TokenSerializer(AuthTokenSerializer):
    """Username and password in, the user's token out. Any failure (unknown user, wrong password,
    inactive account) gets the same message, so that the answer does not tell which."""

    def validate(self, attrs):
        try:
            return super().validate(attrs)
        except serializers.ValidationError as exc:
            raise serializers.ValidationError(
                {"non_field_errors": [_("用户名或密码不正确。")]}, code="authorization"
            ) from exc


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(help_text=_("之后的请求带 `Authorization: Token <token>`"))


@extend_schema(
    tags=["认证"],
    auth=[],
    request=TokenSerializer,
    responses={
        200: TokenResponseSerializer,
        400: OpenApiResponse(
            response=inline_serializer(
                "TokenError", {"non_field_errors": serializers.ListField(child=serializers.CharField())}
            ),
            description=_("用户名或密码不正确，或账号已停用"),
        ),
    },
)
class ObtainTokenView(ObtainAuthToken):
    """POST username and password, get `{"token": ...}` for `Authorization: Token ...`."""

    serializer_class = TokenSerializer


@extend_schema_view(list=extend_schema(tags=["单位"]), retrieve=extend_schema(tags=["单位"]))
class UnitViewSet(RestrictedReadOnlyViewSet):
    """Units: city/prefecture bureaus, department offices, affiliated agencies and enterprises.
    Not paginated: the roster is a few dozen rows."""

    serializer_class = UnitSerializer
    queryset = Unit.objects.all()
    filterset_fields = ["kind", "code"]
    pagination_class = None
