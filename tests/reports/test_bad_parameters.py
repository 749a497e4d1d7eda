"""Bad parameters get the same Chinese messages on every page and endpoint, next to what caused them,
and never a 500, a silent empty list or DRF's English browsable page."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["/overview/", "/units/", "/obligations/", "/units/changchun/"])
@pytest.mark.parametrize(
    ("as_of", "message"),
    [
        ("9999-12-31", "日期应在 2000 年至 2099 年之间。"),
        ("0001-01-01", "日期应在 2000 年至 2099 年之间。"),
        ("2024-02-30", "2024-02-30 不是有效的日期：2024年2月没有30日。"),
        ("yesterday", "日期格式应为 2024-06-30。"),
    ],
)
def test_a_date_out_of_range_or_impossible_is_named_on_every_page(world, client, page, as_of, message):
    client.force_login(world.leader)
    response = client.get(page, {"as_of": as_of})
    html = response.content.decode()
    assert response.status_code == 200
    assert f"截至日期：{message}" in html or f"<strong>截至日期</strong>：{message}" in html


def test_an_items_page_names_a_bad_date_too(world, client):
    client.force_login(world.leader)
    response = client.get(f"/items/{world.item.pk}/", {"as_of": "9999-12-31"})
    assert response.status_code == 200 and "日期应在 2000 年至 2099 年之间。" in response.content.decode()


def test_a_year_that_is_no_number_is_named_not_ignored(world, client):
    client.force_login(world.leader)
    page = client.get("/overview/", {"year": "abc"}).content.decode()
    assert "年度：年度应为数字，如 2024。" in page


def test_a_bad_sort_is_named_in_chinese(world, client):
    client.force_login(world.leader)
    page = client.get("/units/", {"sort": "evil"}).content.decode()
    assert "排序：“evil”不是有效的排序方式。" in page and "Sort" not in page


@pytest.mark.parametrize("page", ["/obligations/", "/reports/"])
def test_a_bad_period_is_named_rather_than_listing_nothing(world, client, page):
    client.force_login(world.leader)
    text = client.get(page, {"period": "2024-13"}).content.decode()
    assert 'data-testid="filter-errors"' in text
    assert "报送期格式应为 2024-06（月度）、2024-Q2（季度）、2024-H1（半年）或 2024-Y（年度）。" in text


@pytest.mark.parametrize(
    "address", ["/reports/template.xlsx?period=2024-13", "/reports/export/summary.xlsx?as_of=2024-13-01"]
)
def test_a_download_refused_in_a_browser_is_the_portals_chinese_page(world, client, address):
    client.force_login(world.resp_staff)
    response = client.get(address, HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    html = response.content.decode()
    assert response.status_code == 400
    assert 'data-testid="error-page"' in html and "Django REST framework" not in html
    assert "报送期：报送期格式应为" in html or "截至日期：2024-13-01 不是有效的日期" in html


def test_the_same_refusal_is_json_for_an_api_client(world, client):
    client.force_login(world.leader)
    response = client.get("/reports/export/summary.xlsx?as_of=2024-13-01", HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json() == {"as_of": ["2024-13-01 不是有效的日期：月份应为 1–12。"]}
