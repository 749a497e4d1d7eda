"""What each role may do in the Django admin, held as data.

Superusers (the technical operators who run the server) may do everything, including Celery's
schedules' tasks and the lockout records. An administrator (系统管理员) manages the plan, the units and
the people, reads reports, the audit trail and the notices (and resends a failed one), may change the
time of the daily reminder job, and nothing else: a person is deactivated, never deleted,
so that their reports and history stay whole; a report changes only through the portal's workflow.
"""

from .choices import Role

_PLAN_MODELS = ("plan", "section", "workitem", "assignment", "target", "targetreporter", "deadline")
_REPORT_MODELS = ("progressreport", "targetvalue", "attachment", "reportevent")

ADMIN_PERMISSIONS = frozenset(
    [f"units.{action}_unit" for action in ("view", "add", "change")]
    + [f"units.{action}_user" for action in ("view", "add", "change")]
    + [f"tasks.{action}_{model}" for model in _PLAN_MODELS for action in ("view", "add", "change", "delete")]
    + ["tasks.view_obligation"]  # follows from the plan; never edited by hand
    + [f"reports.view_{model}" for model in _REPORT_MODELS]
    + ["auditlog.view_logentry"]
    # notices and their delivery log: read, and resend a failed one (the action needs "change")
    + ["notices.view_notice", "notices.change_notice", "notices.view_reminder", "notices.view_urge"]
    # export jobs: read, and queue a stuck one again (the action needs "change")
    + ["exports.view_exportjob", "exports.change_exportjob"]
    # the daily reminder job's schedule: its time, and switching it off and on
    + [f"django_celery_beat.{a}_{m}" for m in ("periodictask", "crontabschedule") for a in ("view", "change")]
)

PERMISSIONS_BY_ROLE = {Role.ADMIN: ADMIN_PERMISSIONS}


def role_permissions(user) -> frozenset[str]:
    if not (user.is_active and user.is_authenticated):
        return frozenset()
    return PERMISSIONS_BY_ROLE.get(getattr(user, "role", None), frozenset())
