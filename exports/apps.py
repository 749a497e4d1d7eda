from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    """Exports (导出): the summary workbook, 明细 as CSV, and large exports built as jobs (Saleor's
    csv/ app)."""

    name = "exports"
    verbose_name = _("导出")
    default_auto_field = "django.db.models.BigAutoField"
