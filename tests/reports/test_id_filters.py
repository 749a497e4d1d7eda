"""Ids typed into the report list's filters and into addresses: an id no bigint column can hold
(wider than 64 bits), zero, a negative number or a fraction is the filter's Chinese message (API 400;
the page lists nothing and says why) or a 404, never a server error (SQLite raised OverflowError)."""

import pytest

from reports.choices import ReportStatus

URL = "/api/v1/progress-reports/"
TOO_WIDE = "99999999999999999999999"
TOO_BIG = "id 过大，不能超过 9223372036854775807。"
NOT_POSITIVE = "id 须为正整数。"
NOT_AN_ID = "请输入正整数 id。"


@pytest.fixture
def june(world, make_report):
    # submitted, so that the leader, who sees no unit's drafts, sees it
    return make_report(period="2024-06", status=ReportStatus.SUBMITTED)


@pytest.mark.parametrize("field", ["unit", "work_item"])
@pytest.mark.parametrize(
    ("value", "message"),
    [
        (TOO_WIDE, TOO_BIG),
        (str(2**63), TOO_BIG),
        ("0", NOT_POSITIVE),
        ("-1", NOT_POSITIVE),
        ("1.5", NOT_AN_ID),
    ],
)
def test_api_refuses_an_id_filter_that_is_no_id(world, june, api_as, field, value, message):
    response = api_as(world.leader).get(URL, {field: value})
    assert response.status_code == 400
    assert response.json() == {field: [message]}


@pytest.mark.parametrize("field", ["unit", "work_item"])
def test_the_largest_id_filters_to_nothing(world, june, api_as, field):
    response = api_as(world.leader).get(URL, {field: str(2**63 - 1)})
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_id_filters_still_find_reports(world, june, api_as):
    response = api_as(world.leader).get(URL, {"unit": world.resp.pk, "work_item": world.item.pk})
    assert [row["id"] for row in response.json()["results"]] == [june.pk]


@pytest.mark.parametrize(("field", "label"), [("unit", "单位 id"), ("work_item", "工作任务 id")])
def test_report_list_page_says_the_id_is_too_big_and_lists_nothing(world, june, client, field, label):
    client.force_login(world.leader)
    response = client.get("/reports/", {field: TOO_WIDE})
    assert response.status_code == 200
    html = response.content.decode()
    errors = html.split('data-testid="filter-errors"')[1].split("</div>")[0]
    assert label in errors and TOO_BIG in errors
    assert list(response.context["reports"]) == []


@pytest.mark.parametrize(
    "path",
    [
        f"/items/{TOO_WIDE}/",
        f"/reports/{TOO_WIDE}/",
        f"/reports/{TOO_WIDE}/edit/",
        "/reports/{june}/attachments/" + TOO_WIDE + "/",
        f"{URL}{TOO_WIDE}/",
    ],
)
def test_addresses_with_too_wide_an_id_are_404(world, june, client, path):
    client.force_login(world.leader)
    assert client.get(path.format(june=june.pk)).status_code == 404


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_new_report_form_for_too_wide_an_item_id_is_404(world, client, method):
    client.force_login(world.resp_staff)
    url = f"/reports/new/?work_item={TOO_WIDE}&period=2024-06"
    response = getattr(client, method)(url, {"version": 0, "done": "进展。"} if method == "post" else None)
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("who", "address", "status"),
    [
        ("resp_staff", "/my-work/?year=²", 404),  # no year: refused, with the reason
        ("resp_staff", "/my-work/?section=²", 200),
        ("resp_staff", f"/my-work/?section={TOO_WIDE}", 200),
        ("resp_staff", f"/my-work/?year={TOO_WIDE}", 404),  # no plan of that year
        ("leader", "/overview/?year=²", 200),
    ],
)
def test_pages_ignore_numbers_they_cannot_read(world, june, client, who, address, status):
    # "²" is a digit to str.isdigit() but no number to int(): these pages used to fail on it
    client.force_login(getattr(world, who))
    assert client.get(address).status_code == status
