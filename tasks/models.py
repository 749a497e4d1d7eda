from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from units.querysets import PublicQuerySet

from .choices import Aggregation, AssignmentRole, Comparator, DeadlineKind


class Plan(models.Model):
    """A year's work points (工作要点): the document and what it sets out."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    title = models.CharField(_("标题"), max_length=200)
    source_text = models.TextField(_("原文"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("年度工作要点")
        verbose_name_plural = _("年度工作要点")
        ordering = ["-year"]

    def __str__(self):
        return self.title


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

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("责任分工")
        verbose_name_plural = _("责任分工")
        # lead, then responsible, then cooperating units, each in the roster's order
        ordering = [
            "work_item",
            models.Case(
                models.When(role=AssignmentRole.LEAD, then=0),
                models.When(role=AssignmentRole.RESPONSIBLE, then=1),
                default=2,
            ).asc(),
            "unit__sort_order",
        ]
        constraints = [models.UniqueConstraint(fields=["work_item", "unit"], name="unique_assignment")]

    def __str__(self):
        return f"{self.work_item.number} · {self.unit} · {self.get_role_display()}"


class Target(models.Model):
    """A quantitative target (量化指标) of a work item, e.g. 3087 km of expressway greening by 2024-12-31.

    `comparator` says how the actual is judged against `target_value` (≥, =, ≤) or against
    `target_min`..`target_max` (a range such as 2–3 enterprises). `aggregation` says how the actual is
    derived from the units' reports.
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
    aggregation = models.CharField(
        _("实际值计算"), max_length=10, choices=Aggregation.choices, default=Aggregation.SUM
    )
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
