"""What a unit member sees of reports: the rule is the workflow's (rules.visible_to_unit_member); the
generic cases (inactive, administrator, leader, no unit) are decided once in units.access."""

from units.querysets import RestrictedQuerySet


class ProgressReportQuerySet(RestrictedQuerySet):
    def for_unit_member(self, user):
        from .workflow.rules import visible_to_unit_member

        return self.filter(visible_to_unit_member(user))

    def for_leader(self, user):
        """Leaders read a report once its unit has submitted it; a draft is the unit's own."""
        from .choices import ReportStatus

        return self.exclude(status=ReportStatus.DRAFT)


class ReportPartQuerySet(RestrictedQuerySet):
    """Rows that belong to a report (its values, evidence, history): visible with their report."""

    def for_unit_member(self, user):
        from .models import ProgressReport

        return self.filter(report__in=ProgressReport.objects.for_unit_member(user).values("pk"))

    def for_leader(self, user):
        from .choices import ReportStatus

        return self.exclude(report__status=ReportStatus.DRAFT)
