from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from units.querysets import PublicQuerySet

from .choices import ROLE_RANK, AssignmentRole, Cadence, Comparator, DeadlineKind, ReporterScope
from .querysets import PlanQuerySet


def default_due_day() -> int:
    return settings.REPORT_MONTHLY_DUE_DAY


class Plan(models.Model):
    """A year's work points (工作要点): the document and what it sets out."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    title = models.CharField(_("标题"), max_length=200)
    # db_default: rows written by code that predates the fields (a server not yet upgraded) stay valid
    issuer = models.CharField(_("发文单位"), max_length=100, blank=True, default="", db_default="")
    doc_number = models.CharField(_("文号"), max_length=50, blank=True, default="", db_default="")
    source_text = models.TextField(_("原文"), blank=True)
    report_cadence = models.CharField(
        _("进展报送周期"), max_length=10, choices=Cadence.choices, default=Cadence.MONTHLY
    )
    report_due_day = models.PositiveSmallIntegerField(
        _("报送截止日"),
        default=default_due_day,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("每期进展须在下一个月的第几日前报送（超过当月天数时取月末）。"),
    )
    start_month = models.PositiveSmallIntegerField(
        _("起报月份"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("从哪个月开始报送进展，至 12 月止。"),
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("年度工作要点")
        verbose_name_plural = _("年度工作要点")
        ordering = ["-year"]

    def __str__(self):
        return self.title

    def routine_periods(self):
        from .periods import routine_periods

        return routine_periods(self.year, self.report_cadence, self.start_month)


class Section(models.Model):
    """One of the plan's numbered parts of key tasks, （一） to （六） in 2024."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("工作要点"), on_delete=models.CASCADE, related_name="sections"
    )
    number = models.PositiveSmallIntegerField(_("序号"))
    title = models.CharField(_("标题"), max_length=200)

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("任务板块")
        verbose_name_plural = _("任务板块")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="unique_section_number")]

    def __str__(self):
        return f"（{self.numeral}）{self.title}"

    @property
    def numeral(self) -> str:
        numerals = "一二三四五六七八九十"
        return numerals[self.number - 1] if 1 <= self.number <= len(numerals) else str(self.number)


class WorkItem(models.Model):
    """A numbered work item (工作任务) of the plan, 1 to 26 in 2024, with its full text."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("工作要点"), on_delete=models.CASCADE, related_name="work_items"
    )
    section = models.ForeignKey(
        Section, verbose_name=_("板块"), on_delete=models.CASCADE, related_name="work_items"
    )
    number = models.PositiveSmallIntegerField(_("序号"))
    title = models.CharField(_("简称"), max_length=100)
    text = models.TextField(_("原文"))
    units_text = models.CharField(_("原文中的单位"), max_length=300, blank=True)
    cooperating_units_report = models.BooleanField(
        _("配合单位也报送进展"),
        default=False,
        help_text=_("勾选后，配合单位也须按期报送本项进展（例如由各市州完成的农村公路指标）。"),
    )

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("工作任务")
        verbose_name_plural = _("工作任务")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="unique_work_item_number")]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def clean(self):
        if self.section_id and self.plan_id and self.section.plan_id != self.plan_id:
            raise ValidationError({"section": _("板块必须属于同一年度工作要点。")})


class Assignment(models.Model):
    """A unit's part in a work item: lead (牵头单位), responsible (责任单位) or cooperating (配合单位)."""

    work_item = models.ForeignKey(
        WorkItem, verbose_name=_("工作任务"), on_delete=models.CASCADE, related_name="assignments"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField(_("分工"), max_length=20, choices=AssignmentRole.choices)
    reports_from = models.DateField(
        _("报送起始日"),
        null=True,
        blank=True,
        help_text=_(
            "单位加入正在执行的工作要点时，从这一天起承担报送：此前已经结束的报送期不需补报。"
            "留空为从工作要点起报月份起。"
        ),
    )

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("责任分工")
        verbose_name_plural = _("责任分工")
        # lead, then responsible, then cooperating units, each in the roster's order
        ordering = [
            "work_item",
            models.Case(
                *(models.When(role=r, then=n) for r, n in ROLE_RANK.items()), default=len(ROLE_RANK)
            ).asc(),
            "unit__sort_order",
        ]
        constraints = [models.UniqueConstraint(fields=["work_item", "unit"], name="unique_assignment")]

    def __str__(self):
        return f"{self.work_item.number} · {self.unit} · {self.get_role_display()}"


class Target(models.Model):
    """A quantitative target (量化指标) of a work item, e.g. 3087 km of expressway greening by 2024-12-31.

    `comparator` says how the actual is judged against `target_value` (≥, =, ≤) or against
    `target_min`..`target_max` (a range such as 2–3 enterprises). Who reports a figure for it, and
    whether that figure is the unit's own part or the province-wide total, is its `reporters`.
    """

    work_item = models.ForeignKey(
        WorkItem, verbose_name=_("工作任务"), on_delete=models.CASCADE, related_name="targets"
    )
    name = models.CharField(_("指标名称"), max_length=120)
    measure_unit = models.CharField(_("计量单位"), max_length=20)
    comparator = models.CharField(_("比较方式"), max_length=10, choices=Comparator.choices)
    target_value = models.DecimalField(_("目标值"), max_digits=14, decimal_places=2, null=True, blank=True)
    target_min = models.DecimalField(_("目标下限"), max_digits=14, decimal_places=2, null=True, blank=True)
    target_max = models.DecimalField(_("目标上限"), max_digits=14, decimal_places=2, null=True, blank=True)
    due_date = models.DateField(_("完成期限"))
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("量化指标")
        verbose_name_plural = _("量化指标")
        ordering = ["work_item", "sort_order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(comparator="range", target_min__isnull=False, target_max__isnull=False)
                    | (~models.Q(comparator="range") & models.Q(target_value__isnull=False))
                ),
                name="target_has_values",
                violation_error_message=_("区间指标需填写上下限，其他指标需填写目标值。"),
            )
        ]

    def __str__(self):
        return f"{self.name} {self.goal_display}"

    @property
    def is_rate(self) -> bool:
        return self.measure_unit == "%"

    @property
    def goal_display(self) -> str:
        def fmt(value) -> str:
            # an object just built in code, or a form being corrected, may hold an int, a str or nothing
            return "—" if value is None else f"{Decimal(str(value)).normalize():f}"

        if self.comparator == Comparator.RANGE:
            return f"{fmt(self.target_min)}–{fmt(self.target_max)}{self.measure_unit}"
        return f"{self.get_comparator_display()}{fmt(self.target_value)}{self.measure_unit}"


class Deadline(models.Model):
    """A dated submission the plan requires, e.g. item 3's half-year carbon summary due 30 June.

    `period` is the report period the deadline closes (2024-H1, 2024-Y)."""

    work_item = models.ForeignKey(
        WorkItem, verbose_name=_("工作任务"), on_delete=models.CASCADE, related_name="deadlines"
    )
    name = models.CharField(_("名称"), max_length=120)
    kind = models.CharField(
        _("类别"), max_length=30, choices=DeadlineKind.choices, default=DeadlineKind.OTHER
    )
    period = models.CharField(_("报送期"), max_length=10)
    due_date = models.DateField(_("截止日期"))
    recipient = models.CharField(_("报送对象"), max_length=100, blank=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("报送节点")
        verbose_name_plural = _("报送节点")
        ordering = ["due_date", "id"]
        constraints = [models.UniqueConstraint(fields=["work_item", "period"], name="unique_deadline_period")]

    def __str__(self):
        return f"{self.name}（{self.due_date:%Y-%m-%d}）"

    def clean(self):
        """A period has one key however it was typed (２０２４-Ｈ１ is 2024-H1), so that the deadline
        meets the reports and obligations filed under it."""
        from .periods import PeriodError, parse_period

        try:
            self.period = parse_period(self.period).key
        except PeriodError as exc:
            raise ValidationError({"period": str(exc)}) from exc


class TargetReporter(models.Model):
    """A unit that reports a figure for a target (填报单位), and what the figure is: its own part
    (`contribution`, 本单位完成, added across reporters) or the province-wide figure (`total`, 全省合计).

    The target's actual is the latest approved total where there is one, otherwise the sum of the
    contributions (reports.figures.target_actuals). Only a reporter's figures count: two units entering
    the same province-wide kilometres cannot add up to twice the road."""

    target = models.ForeignKey(
        Target, verbose_name=_("指标"), on_delete=models.CASCADE, related_name="reporters"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="target_reports"
    )
    scope = models.CharField(
        _("填报口径"), max_length=20, choices=ReporterScope.choices, default=ReporterScope.CONTRIBUTION
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("指标填报单位")
        verbose_name_plural = _("指标填报单位")
        ordering = ["target", "scope", "unit__sort_order"]
        constraints = [models.UniqueConstraint(fields=["target", "unit"], name="unique_target_reporter")]

    def __str__(self):
        return f"{self.target.name} · {self.unit} · {self.get_scope_display()}"


# a model of this app defined in its own module (the plan's derived duties); imported here so that the
# app's models are all in tasks.models
from .epoch import DataEpoch  # noqa: E402, F401
from .obligation import Obligation  # noqa: E402, F401
