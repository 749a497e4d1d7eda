from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The project itself: what ties the apps together (the demo data command, the API's shared base
    views and error handler, the audit trail). It may import every app; no app imports it but for
    those shared bases."""

    name = "portal"
    verbose_name = "平台"

    def ready(self):
        from . import audit

        audit.register()
