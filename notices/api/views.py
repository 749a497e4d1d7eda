"""`/api/v1/notifications/`: the caller's own in-app notices, newest first; marking them read.
`POST /api/v1/obligations/{id}/urge/` (催办) lives on the obligations endpoint."""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.permissions import IsPortalUser
from tasks.models import Obligation

from ..inbox import notice_read, notices_of, notices_read_all
from ..models import Notice, Urge
from ..urges import urge_create


class NoticeSerializer(serializers.ModelSerializer):
    read = serializers.BooleanField(source="is_read", read_only=True)

    class Meta:
        model = Notice
        fields = ["id", "kind", "title", "body", "link", "urged", "read", "created_at", "read_at"]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(
        tags=["通知"],
        parameters=[OpenApiParameter("unread", OpenApiTypes.BOOL, description="true：只列未读")],
    ),
    retrieve=extend_schema(tags=["通知"]),
)
class NoticeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The caller's in-app notices (站内通知), newest first."""

    serializer_class = NoticeSerializer
    permission_classes = [IsPortalUser]
    queryset = Notice.objects.none()  # for the schema; the rows are get_queryset's

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Notice.objects.none()
        notices = notices_of(self.request.user)
        if self.action == "list" and self.request.query_params.get("unread") in ("true", "1"):
            notices = notices.filter(read_at__isnull=True)
        return notices

    @extend_schema(tags=["通知"], request=None, responses=NoticeSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notice = self.get_object()
        notice_read(user=request.user, notice=notice)
        notice.refresh_from_db()
        return Response(NoticeSerializer(notice).data)

    @extend_schema(
        tags=["通知"],
        request=None,
        responses=inline_serializer(
            "NoticesReadAll", {"read": serializers.IntegerField(help_text="本次标为已读的条数")}
        ),
    )
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        return Response({"read": notices_read_all(user=request.user)})


class UrgeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Urge
        fields = ["id", "obligation", "by", "note", "created_at"]
        read_only_fields = ["id", "obligation", "by", "created_at"]
        extra_kwargs = {"note": {"required": False, "allow_blank": True}}


class ObligationUrgeView(APIView):
    """`POST /api/v1/obligations/{id}/urge/`: 催办 (leaders and administrators)."""

    permission_classes = [IsPortalUser]
    serializer_class = UrgeSerializer

    @extend_schema(
        tags=["报送义务"],
        request=UrgeSerializer,
        responses={201: UrgeSerializer},
        description="催办（厅领导、系统管理员）：单位的填报人和负责人收到标为“催办”的通知。只能催办已逾期未报的报送。",
    )
    def post(self, request, pk):
        obligation = get_object_or_404(Obligation.objects.restrict(request.user), pk=pk)
        # the body is read by the service, after its permission check: a body that is not an object
        # is its `note` refused, never a server error
        note = request.data.get("note", "") if isinstance(request.data, dict) else request.data
        urge = urge_create(user=request.user, obligation=obligation, note=note)
        return Response(UrgeSerializer(urge).data, status=201)
