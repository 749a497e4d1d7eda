from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "进展报送"

    def ready(self):
        from tasks.data_version import data_moved
        from tasks.obligations import obligations_changed

        from .tally.services import obligations_recounted
        from .warm import warm_soon

        data_moved.connect(warm_soon, dispatch_uid="reports-warm-dashboard")
        obligations_changed.connect(obligations_recounted, dispatch_uid="reports-tally-obligations")
