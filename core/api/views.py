"""The base of every API view: who may call at all, and the one place a queryset is restricted."""

from rest_framework import viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from core.api.exceptions import AcceptNegotiation, ErrorPageRenderer
from core.api.permissions import IsPortalUser


class RestrictedViewSetMixin:
    """Lists and details go through `Model.objects.restrict(user)` here, once: a subclass describes its
    rows in `queryset` (or `get_base_queryset`) and never restricts them itself. A row the user may
    not see answers 404."""

    permission_classes = [IsPortalUser]

    def get_base_queryset(self):
        return super().get_queryset()

    def get_queryset(self):
        return self.get_base_queryset().restrict(self.request.user)


class RestrictedReadOnlyViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class RestrictedGenericViewSet(RestrictedViewSetMixin, viewsets.GenericViewSet):
    pass


class DownloadView(APIView):
    """A file download for anyone signed in (session or token): a refusal answers an API client in
    JSON and a browser with the portal's Chinese error page, chosen by the Accept header alone."""

    permission_classes = [IsPortalUser]
    renderer_classes = [JSONRenderer, ErrorPageRenderer]
    content_negotiation_class = AcceptNegotiation
