"""An item's page shows a page of units at a time: the obligation grid and the reporters' figures
go by pages of units (the as-of date kept in the links), a role's card names its first units and
counts the rest, and a chart draws each reporter's line only while there are few."""

import json
import re

import pytest

from reports.choices import ReportStatus

AS_OF = "2024-07-10"


def grid_units(html: str) -> list[str]:
    grid = html[html.index('data-testid="item-obligations"') :]
    grid = grid[: grid.index("</table>")]
    return re.findall(r'<th class="text-nowrap fw-normal">([^<]+)</th>', grid)


def next_link(html: str, anchor: str) -> str:
    nav = html[html.index(f'data-testid="{anchor}-page-info"') :]
    return re.search(r'href="(\?[^"]+)">下一页', nav).group(1).replace("&amp;", "&")


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr("reports.dashboard.item.UNITS_PER_PAGE", 2)
    monkeypatch.setattr("reports.views.item.UNITS_PER_PAGE", 2)


def test_the_grid_shows_a_page_of_units_and_the_next_page_the_rest(world, client, small_pages):
    client.force_login(world.leader)
    url = f"/items/{world.item.pk}/"
    # when a leader opens item 3 (three units owe reports) with two units to a page
    html = client.get(url, {"as_of": AS_OF}).content.decode()
    # then the first two units in the roster's order are shown, and the page says how many there are
    units = sorted([world.lead, world.resp, world.coop], key=lambda u: (u.sort_order, u.pk))
    assert grid_units(html) == [u.short_name for u in units[:2]]
    assert "第 1 / 2 页，共 3 个单位" in html
    # and the next page, with the date kept, shows the third
    link = next_link(html, "obligations")
    assert f"as_of={AS_OF}" in link
    second = client.get(url + link).content.decode()
    assert grid_units(second) == [units[2].short_name]
    assert "截至 2024年7月10日" in second
    # every period owed by then is a column on both pages
    header = second[second.index('data-testid="item-obligations"') :]
    header = header[: header.index("</thead>")]
    assert [m for m in ("1月", "6月", "上半年") if m in header] == ["1月", "6月", "上半年"]


def test_the_reporters_figures_go_by_pages_too(world, make_report, client, small_pages):
    # given three units' approved km figures for June
    for unit, value in ((world.lead, 1), (world.resp, 2), (world.coop, 3)):
        make_report(unit=unit, period="2024-06", status=ReportStatus.APPROVED, values={world.km: value})
    client.force_login(world.leader)
    html = client.get(f"/items/{world.item.pk}/", {"as_of": AS_OF}).content.decode()
    table = html[html.index('data-testid="contributions"') : html.index('data-testid="figures-page-info"')]
    # then the first page lists two of the item's five reporter rows (three for km, two for the rate)
    assert table.count("<tr data-target=") == 2
    assert "第 1 / 3 页，共 5 条" in html


def test_a_roles_card_names_its_first_units_and_counts_the_rest(world, client, monkeypatch):
    from tests import factories

    monkeypatch.setattr("reports.views.item.NAMES_PER_ROLE", 1)
    extra = factories.UnitFactory(short_name="四平市")
    factories.AssignmentFactory(work_item=world.item, unit=extra, role="cooperating")
    client.force_login(world.leader)
    html = client.get(f"/items/{world.item.pk}/", {"as_of": AS_OF}).content.decode()
    card = html[html.index('<h2 class="h6">配合单位</h2>') :]
    card = card[: card.index("</p>")]
    assert "吉林市" in card and "四平市" not in card and "等，另有 1 个单位" in card


def test_a_chart_draws_each_reporters_line_only_while_there_are_few(world, make_report, client, monkeypatch):
    make_report(period="2024-06", status=ReportStatus.APPROVED, values={world.km: 5})
    client.force_login(world.leader)

    def lines():
        html = client.get(f"/items/{world.item.pk}/", {"as_of": AS_OF}).content.decode()
        data = html[html.index('id="dashboard-charts"') :]
        charts = json.loads(data[data.index(">") + 1 : data.index("</script>")])
        return [line["name"] for line in charts[f"history-{world.km.pk}"]["lines"]], html

    # three reporters: the total and each unit's line
    names, _html = lines()
    assert names[0] == "实际（合计）" and set(names[1:]) == {"综规处", "长春市", "吉林市"}
    # with a limit of two lines a chart draws the total only, and says where the units' figures are
    monkeypatch.setattr("reports.dashboard.item.UNIT_LINES", 2)
    monkeypatch.setattr("reports.views.item.UNIT_LINES", 2)
    names, html = lines()
    assert names == ["实际（合计）"]
    assert "3 个单位填报，图中只画合计" in html
