"""The summary workbook's look, as a leader opens and prints it: a title row and a coloured, wrapped
header repeated on every printed page, frozen under the header, filterable; the lights as fills,
shares as percentages, dates as dates, long texts wrapped in rows tall enough for them; A4 landscape,
one page wide, page numbers in the footer."""

import datetime as dt
import io

import openpyxl
import pytest
import time_machine

from reports.choices import ReportStatus

URL = "/reports/export/summary.xlsx"


@pytest.fixture
def book(world, make_report, client):
    with time_machine.travel(dt.datetime(2024, 7, 3, 2, tzinfo=dt.UTC)):
        make_report(
            unit=world.resp, period="2024-06", status=ReportStatus.APPROVED, values={world.km: 1200, world.rate: 62},
            done="完成高速公路两侧绿化一千二百公里，补植乔木和灌木，完善服务区绿化设施。" * 3,
        )  # fmt: skip
    client.force_login(world.admin)
    response = client.get(URL, {"year": 2024, "as_of": "2024-07-10"})
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def rgb(cell) -> str:
    return cell.fill.fgColor.rgb[-6:] if cell.fill.fill_type == "solid" else ""


def test_every_sheet_has_its_title_header_panes_filter_and_print_setup(book):
    for sheet in book.worksheets:
        assert sheet["A1"].font.b and sheet["A1"].font.sz == 14, sheet.title
        header = sheet["A2"]
        assert header.font.b and rgb(header) == "2F6B4F" and header.alignment.wrap_text, sheet.title
        assert sheet.freeze_panes == "A3", sheet.title
        assert sheet.auto_filter.ref.startswith("A2:"), sheet.title
        assert sheet.print_title_rows == "$2:$2", sheet.title
        setup = sheet.page_setup
        # one page wide (fitToWidth 1 is the file format's default when absent), as many long as needed
        assert (setup.orientation, str(setup.paperSize), setup.fitToWidth or 1, setup.fitToHeight) == (
            "landscape", "9", 1, 0,
        ), sheet.title  # fmt: skip
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert "第 &P 页，共 &N 页" in (sheet.oddFooter.center.text or ""), sheet.title
        assert sheet.column_dimensions["A"].width > 4, sheet.title


def test_lights_are_fills_shares_percent_dates_dates_and_texts_wrapped(book):
    units = book["单位"]
    header = [c.value for c in units[2]]
    row = {h: c for h, c in zip(header, units[3], strict=True)}
    assert row["按时报送率"].number_format == "0%"
    overdue = next(r for r in units.iter_rows(min_row=3) if r[header.index("逾期未报")].value)
    assert rgb(overdue[header.index("逾期未报")]) == "FFC7CE"  # the alert light
    targets = book["指标"]
    header = [c.value for c in targets[2]]
    km = next(r for r in targets.iter_rows(min_row=3) if r[1].value == "高速公路绿化里程")
    assert km[header.index("实际")].number_format == '#,##0.##"公里"'
    assert km[header.index("完成进度")].number_format == "0%"
    assert rgb(km[header.index("状态")]) in {"C6E0F5", "C6EFCE", "FFEB9C", "FFC7CE", "EDEDED"}
    assert km[header.index("截止日期")].number_format == "yyyy-mm-dd"
    details = book["明细"]
    done = details["F3"]
    assert done.alignment.wrap_text and done.alignment.vertical == "top" and done.border.left.style == "thin"
    assert details["J3"].number_format == "yyyy-mm-dd hh:mm" and isinstance(details["J3"].value, dt.datetime)
    # the row is as tall as its wrapped text needs (Excel does not grow it by itself)
    assert details.row_dimensions[3].height >= 3 * 16


def test_a_long_list_of_units_is_cut_to_what_prints_legibly_and_counted(world, client):
    from tasks.choices import AssignmentRole
    from tasks.models import Assignment
    from tests import factories

    many = [factories.UnitFactory(short_name=f"第{n}市交通运输局") for n in range(30)]
    Assignment.objects.bulk_create(
        [Assignment(work_item=world.item, unit=u, role=AssignmentRole.RESPONSIBLE) for u in many]
    )
    responsible = Assignment.objects.filter(work_item=world.item, role=AssignmentRole.RESPONSIBLE).count()
    client.force_login(world.admin)
    response = client.get(URL, {"year": 2024, "as_of": "2024-07-10"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))["总表"]
    row = next(r for r in sheet.iter_rows(min_row=3) if r[1].value == world.item.number)
    names = row[5].value
    assert names.endswith(f"等{responsible}个单位") and names.startswith("长春市")
    assert sheet.row_dimensions[row[0].row].height < 409  # whole on the page, not cut at Excel's tallest row
