"""The audit trail (django-auditlog): every change to the plan, the units and the people, with who made
it, when, and each field's old and new value. Administrators read it in the admin (审计日志); nobody
edits it. Reports keep their own history (reports.ReportEvent, shown on each report), not repeated here.
Changes from a page or the admin carry the person (AuditlogMiddleware); those from a command (plan_load,
seed_demo) carry none and show as 系统."""

from auditlog.registry import auditlog
from django.apps import apps

# model → fields left out: who a person is, their role and unit, and whether they may log in are
# recorded; never the password hash
AUDITED = {
    "tasks.Plan": [],
    "tasks.Section": [],
    "tasks.WorkItem": [],
    "tasks.Assignment": [],
    "tasks.Target": [],
    "tasks.TargetReporter": [],
    "tasks.Deadline": [],
    "units.Unit": [],
    "units.User": ["password", "last_login"],
}


def register() -> None:
    for label, excluded in AUDITED.items():
        model = apps.get_model(label)
        if auditlog.contains(model):
            continue
        # the model's own columns, not the rows that point at it (an item's targets are audited as targets)
        fields = [f.name for f in model._meta.concrete_fields if f.name not in excluded]
        auditlog.register(model, include_fields=fields)
