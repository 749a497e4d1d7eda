"""The work items API's unit filter and the plan's ids in addresses: an id no bigint column can hold
(wider than 64 bits), zero, a negative number or a fraction is a 400 with a Chinese message or a 404,
never a server error (SQLite raised OverflowError on the filter)."""

import pytest

from tests import factories

TOO_WIDE = "99999999999999999999999"
LARGEST = str(2**63 - 1)


@pytest.fixture
def item(db):
    work_item = factories.WorkItemFactory()
    factories.AssignmentFactory(work_item=work_item, role="lead")
    return work_item


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (TOO_WIDE, "id 过大，不能超过 9223372036854775807。"),
        (str(2**63), "id 过大，不能超过 9223372036854775807。"),
        ("0", "id 须为正整数。"),
        ("-3", "id 须为正整数。"),
        ("1.5", "请输入正整数 id。"),
        ("x", "请输入正整数 id。"),
    ],
)
def test_work_items_refuse_a_unit_id_that_is_no_id(api_client, item, value, message):
    api_client.force_authenticate(factories.LeaderFactory())
    response = api_client.get("/api/v1/work-items/", {"unit": value})
    assert response.status_code == 400
    assert response.json() == {"unit": [message]}


def test_the_largest_id_is_a_valid_filter_that_matches_nothing(api_client, item):
    api_client.force_authenticate(factories.LeaderFactory())
    response = api_client.get("/api/v1/work-items/", {"unit": LARGEST, "role": "lead"})
    assert response.status_code == 200
    assert response.json() == []


@pytest.mark.parametrize("path", [f"/api/v1/work-items/{TOO_WIDE}/", f"/api/v1/plans/{TOO_WIDE}/"])
def test_api_addresses_with_too_wide_an_id_are_404(api_client, item, path):
    api_client.force_authenticate(factories.LeaderFactory())
    assert api_client.get(path).status_code == 404


def test_plan_page_of_too_wide_a_year_is_404(client, item):
    client.force_login(factories.LeaderFactory())
    assert client.get(f"/plan/{TOO_WIDE}/").status_code == 404
