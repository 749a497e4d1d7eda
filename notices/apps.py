from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    """Reminders and notices (提醒与通知): what the portal tells people, over which channel, exactly
    once; it listens to the report workflow's steps."""

    name = "notices"
    verbose_name = _("提醒与通知")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from reports.workflow.signals import report_step_taken

        from .events import report_event_notify

        report_step_taken.connect(report_event_notify, dispatch_uid="notices-report-step")
