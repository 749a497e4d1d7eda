from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, viewsets
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken

from units.models import Unit

from .serializers import UnitSerializer


class TokenSerializer(AuthTokenSerializer):
    default_error_messages = {"invalid": _("用户名或密码不正确。")}

    def validate(self, attrs):
        try:
            return super().validate(attrs)
        except serializers.ValidationError as exc:
            raise serializers.ValidationError(
                {"non_field_errors": [_("用户名或密码不正确。")]}, code="authorization"
            ) from exc


class ObtainTokenView(ObtainAuthToken):
    """POST username and password, get `{"token": ...}` for `Authorization: Token ...`."""

    serializer_class = TokenSerializer


class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    """Units: city/prefecture bureaus, department offices, affiliated agencies and enterprises."""

    serializer_class = UnitSerializer
    filterset_fields = ["kind", "code"]
    pagination_class = None

    def get_queryset(self):
        return Unit.objects.restrict(self.request.user)
