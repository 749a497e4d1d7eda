from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from knox import views as knox_views
from knox.models import AuthToken
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from core.api.schema import ErrorSerializer
from core.api.views import RestrictedReadOnlyViewSet
from units.models import Unit

from .serializers import UnitSerializer


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(label=_("用户名"))
    password = serializers.CharField(label=_("密码"), style={"input_type": "password"}, trim_whitespace=False)

    def validate(self, attrs):
        """Any failure (unknown user, wrong password, inactive account) gets the same message, so that
        the answer does not tell which. Django's authenticate() goes through the lockout backend: the
        plain HttpRequest is passed so that the lockout middleware sees the flag it sets."""
        request = self.context["request"]
        user = authenticate(
            request=getattr(request, "_request", request),
            username=attrs["username"],
            password=attrs["password"],
        )
        if user is None:
            raise serializers.ValidationError(
                {"non_field_errors": [_("用户名或密码不正确。")]}, code="authorization"
            )
        if user.must_change_password:
            raise serializers.ValidationError(
                {"non_field_errors": [_("请先登录平台修改管理员设置的初始密码，再申请接口令牌。")]},
                code="password_change_required",
            )
        attrs["user"] = user
        return attrs


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(help_text=_("之后的请求带 `Authorization: Token <token>`"))
    expiry = serializers.DateTimeField(help_text=_("令牌到期时间；到期后用账号密码重新申请"))


@extend_schema(
    tags=["认证"],
    auth=[],
    request=TokenRequestSerializer,
    responses={
        200: TokenResponseSerializer,
        403: OpenApiResponse(response=ErrorSerializer, description=_("连续多次密码错误，账号已被暂时锁定")),
    },
)
class ObtainTokenView(GenericAPIView):
    """POST username and password, get a token for `Authorization: Token ...` and its expiry. Each call
    issues a new token; a token ends at its expiry, at logout, at a password change and when the account
    is deactivated. 400: a missing field (keyed by field), or `non_field_errors` for wrong credentials,
    an inactive account or an initial password still to be changed; 403: the username is locked out."""

    serializer_class = TokenRequestSerializer
    authentication_classes = []
    permission_classes = [AllowAny]

    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance, token = AuthToken.objects.create(user=serializer.validated_data["user"])
        return Response(TokenResponseSerializer({"token": token, "expiry": instance.expiry}).data)


@extend_schema(tags=["认证"], request=None, responses={204: None, 401: ErrorSerializer})
class LogoutView(knox_views.LogoutView):
    """Revoke the token this request is made with."""


@extend_schema(tags=["认证"], request=None, responses={204: None, 401: ErrorSerializer})
class LogoutAllView(knox_views.LogoutAllView):
    """Revoke every token of the person this request is made for."""


@extend_schema_view(list=extend_schema(tags=["单位"]), retrieve=extend_schema(tags=["单位"]))
class UnitViewSet(RestrictedReadOnlyViewSet):
    """Units: city/prefecture bureaus, department offices, affiliated agencies and enterprises.
    Not paginated: the roster is a few dozen rows."""

    serializer_class = UnitSerializer
    queryset = Unit.objects.all()
    filterset_fields = ["kind", "code"]
    pagination_class = None
