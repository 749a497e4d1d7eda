"""What an export covers, and how it writes a figure: shared by the workbook's sheets and the CSV."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SummaryFilter:
    """What the workbook covers: a section (its number), a unit, a report period; empty means all."""

    section: int | None = None
    unit_id: int | None = None
    period: str = ""

    def items(self, items):
        return items.filter(section__number=self.section) if self.section else items


EVERYTHING = SummaryFilter()  # no section, unit or period chosen


def figure_text(value, measure_unit: str) -> str:
    """A figure with its measure unit (1200公里), or 暂无."""
    if value is None:
        return "暂无"
    text = f"{value.normalize():f}" if hasattr(value, "normalize") else str(value)
    return f"{text}{measure_unit}"
