"""A change to a running plan never creates the past: a unit or an item added by an import or by an
administrator owes reports from the day of the change (or a day the administrator chooses), never
overdue ones for periods that had already ended. The import preview says, per unit, which reports it
adds and removes and how many would be overdue at once, before anything is written."""

import datetime as dt
import re
from html import unescape

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from tasks.models import Assignment, Obligation, Plan, WorkItem
from tasks.workpoints.changes import duty_changes
from tasks.workpoints.imports import UnitChoice, plan_import
from tasks.workpoints.parse import parse_document
from tasks.workpoints.read import document_text
from units.choices import UnitKind
from units.models import Unit

SOURCE = (settings.BASE_DIR / "fixtures" / "work-points-2024.txt").read_text(encoding="utf-8")
AUGUST = timezone.make_aware(dt.datetime(2024, 8, 20, 10))
# item 10 gains a unit the roster does not know yet, which the administrator creates
CHANGED = SOURCE.replace(
    "（厅公路处、省公路局、吉高集团按职责分工负责）",
    "（厅公路处、省公路局、吉高集团、省交通环保中心按职责分工负责）",
    1,
)


def overdue_on(day, **filters) -> int:
    return Obligation.objects.filter(due_date__lt=day, **filters).count()


@time_machine.travel(AUGUST, tick=False)
def test_a_unit_added_by_an_import_owes_nothing_before_the_day_of_the_change(seeded):
    plan = Plan.objects.get(year=2024)
    before = Obligation.objects.filter(plan=plan).count()
    draft = parse_document(CHANGED, year=2024)
    new = {name: UnitChoice(kind=UnitKind.AFFILIATED_AGENCY) for name in ["省交通环保中心"]}
    plan_import(draft=draft, source_text=CHANGED, choices=new)
    unit = Unit.objects.get(name="省交通环保中心")
    owed = Obligation.objects.filter(plan=plan, unit=unit)
    # on item 10, and on items 1–3 (厅直各单位), from August on; nothing for January to July or the
    # half-year summary, nothing overdue
    months = ["2024-08", "2024-09", "2024-10", "2024-11", "2024-12"]
    assert sorted(owed.filter(work_item__number=10).values_list("period", flat=True)) == months
    assert sorted(owed.filter(work_item__number=3).values_list("period", flat=True)) == [*months, "2024-Y"]
    assert owed.count() == 21 and overdue_on(AUGUST.date(), unit=unit) == 0
    assert set(Assignment.objects.filter(unit=unit).values_list("reports_from", flat=True)) == {AUGUST.date()}
    # everybody else's duties are as they were
    assert Obligation.objects.filter(plan=plan).exclude(unit=unit).count() == before


@time_machine.travel(AUGUST, tick=False)
def test_the_preview_lists_each_units_added_duties_and_writes_nothing(seeded):
    plan = Plan.objects.get(year=2024)
    unit = Unit.objects.create(
        code="huanbao", name="省交通环保中心", short_name="环保中心", kind=UnitKind.AFFILIATED_AGENCY
    )
    before = list(Obligation.objects.filter(plan=plan).order_by("pk").values_list("pk", "due_date"))
    rows = duty_changes(parse_document(CHANGED, year=2024), plan)
    assert [(r.unit, len(r.added), r.overdue_at_once, len(r.removed)) for r in rows] == [(unit, 21, 0, 0)]
    assert rows[0].added[0] == (1, "2024-08", dt.date(2024, 9, 5))
    # nothing was written
    assert list(Obligation.objects.filter(plan=plan).order_by("pk").values_list("pk", "due_date")) == before
    assert not Assignment.objects.filter(unit=unit).exists()


@time_machine.travel(AUGUST, tick=False)
def test_the_administrator_adds_a_unit_from_today_by_default(seeded, client):
    client.force_login(seeded_admin())
    item = WorkItem.objects.get(plan__year=2024, number=10)
    page = client.get(f"/admin/tasks/assignment/add/?work_item={item.pk}").content.decode()
    assert re.search(r'<input[^>]*name="reports_from"[^>]*value="2024/08/20"', page)  # zh-hans date input


def seeded_admin():
    from units.models import User

    return User.objects.get(username="admin")


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_the_preview_highlights_sit_around_their_items_with_either_line_end(seeded, client, newline):
    client.force_login(seeded_admin())
    text = SOURCE.replace("\n", newline)
    page = client.post("/plan/import/", {"year": 2025, "text": text}).content.decode()
    source = document_text(text=text)
    draft = parse_document(source, year=2025)
    marks = dict(re.findall(r'<mark id="src-(\d+)" class="d-block">(.*?)</mark>', page, re.S))
    assert len(marks) == len(draft.items) == 26
    for item in draft.items:
        piece = unescape(marks[str(item.number)])
        # each highlight is exactly its item: from its number to the end of its unit parenthesis
        assert piece.startswith(f"{item.number}.") and piece.rstrip().endswith("）"), piece[:20]
