"""What a probe of the portal found giving a server error, each kept from coming back: a username
longer than the database holds, urge bodies that are not an object or carry a number or a NUL, page
limits past the database's integers, a broken OLE2 file as a template, a format suffix on a file
download, a comment of ten million characters, and an API call without its CSRF token."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from notices.models import Urge
from reports.choices import ReportStatus
from reports.models import ReportEvent
from tasks.models import Obligation
from tests.uploads import multipart

LONG_NAME = "管" * 300


@pytest.mark.parametrize("url", ["/login/", "/admin/login/"])
def test_a_username_longer_than_any_account_is_a_failed_login(world, client, url):
    answer = client.post(url, {"username": LONG_NAME, "password": "x"})
    assert answer.status_code == 200  # the form again, with the same message as any failed login
    assert "用户名" in answer.content.decode()


def test_a_username_longer_than_any_account_gets_a_token_refusal(world):
    answer = APIClient().post("/api/v1/auth/token/", {"username": LONG_NAME, "password": "x"}, format="json")
    assert answer.status_code in (400, 401)


@pytest.fixture
def overdue(world):
    return Obligation.objects.get(unit=world.resp, work_item=world.item, period="2024-05")


@pytest.mark.parametrize(
    ("body", "field"),
    [([], "note"), ({"note": 123}, "note"), ({"note": ["a"]}, "note")],
)
def test_an_urge_body_that_is_not_a_text_note_is_refused(world, api_as, overdue, body, field):
    answer = api_as(world.leader).post(f"/api/v1/obligations/{overdue.pk}/urge/", body, format="json")
    assert answer.status_code == 400 and field in answer.json()
    assert not Urge.objects.exists()


def test_a_nul_in_an_urge_note_is_dropped_and_staff_are_refused_whatever_they_send(world, api_as, overdue):
    url = f"/api/v1/obligations/{overdue.pk}/urge/"
    for body in ([], {"note": 1}, {"note": "请尽快"}):
        assert api_as(world.resp_staff).post(url, body, format="json").status_code == 403
    answer = api_as(world.leader).post(url, {"note": "请尽快\x00报送"}, format="json")
    assert answer.status_code == 201 and Urge.objects.get().note == "请尽快报送"


@pytest.mark.parametrize("limit", ["999999999999999999999999999999", "99999999"])
def test_a_huge_page_is_capped_not_passed_to_the_database(world, make_report, api_as, limit):
    make_report(status=ReportStatus.SUBMITTED)
    answer = api_as(world.leader).get("/api/v1/progress-reports/", {"limit": limit, "offset": limit})
    assert answer.status_code == 200 and answer.json()["results"] == []
    listed = api_as(world.leader).get("/api/v1/progress-reports/", {"limit": limit})
    assert listed.status_code == 200 and len(listed.json()["results"]) == 1


def test_a_broken_ole2_file_as_a_template_is_refused_in_chinese(world, api_as):
    broken = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + b"\xff" * 1536
    answer = api_as(world.resp_staff).post(
        "/api/v1/progress-reports/import/", **multipart(files=[("file", "模板.xlsx", broken)])
    )
    assert answer.status_code in (400, 422)
    assert "Excel" in str(answer.json())


def test_a_format_suffix_on_an_export_file_is_not_a_server_error(world, api_as):
    assert api_as(world.leader).get("/api/v1/exports/1/file.json").status_code == 404


def test_a_comment_too_long_is_refused_and_nothing_is_written(world, make_report, api_as, client):
    report = make_report(status=ReportStatus.SUBMITTED)
    events = ReportEvent.objects.count()
    url = f"/api/v1/progress-reports/{report.pk}/comment/"
    # ten million characters: refused as a request too large to read
    assert api_as(world.resp_head).post(url, {"comment": "长" * 10_000_000}, format="json").status_code == 400
    # one over the limit: refused next to the comment, in the API and on the page
    answer = api_as(world.resp_head).post(url, {"comment": "长" * 2001}, format="json")
    assert answer.status_code == 400 and "2000" in answer.json()["comment"][0]
    client.force_login(world.resp_head)
    page = client.post(
        f"/reports/{report.pk}/review/", {"action": "comment", "comment": "长" * 2001}, follow=True
    )
    assert "2000" in page.content.decode()
    assert ReportEvent.objects.count() == events


def test_an_api_write_without_its_csrf_token_is_refused_in_chinese(world, make_report):
    report = make_report(status=ReportStatus.SUBMITTED)
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(world.resp_head)
    answer = client.post(f"/api/v1/progress-reports/{report.pk}/comment/", {"comment": "好"}, format="json")
    assert answer.status_code == 403
    assert "CSRF" in answer.json()["detail"] and "令牌" in answer.json()["detail"]


def test_the_date_at_the_ends_of_the_calendar_is_refused_before_the_csv_starts(world, client):
    client.force_login(world.leader)
    for day in ("9999-12-31", "0001-01-01"):
        answer = client.get("/reports/export/details.csv", {"as_of": day}, HTTP_ACCEPT="application/json")
        assert answer.status_code == 400 and "as_of" in answer.json()
    assert dt.date(2024, 1, 1)  # the year of the plan the test wrote is inside 2000–2099


def test_one_address_that_keeps_failing_is_refused_even_with_the_right_password(world, client, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    settings.AXES_FAILURE_LIMIT = 100  # the per-username lockout is not what this is about
    # three wrong passwords for three different people from one address
    for name in ("changchun-staff", "jilin-staff", "zonggui-staff"):
        client.post("/login/", {"username": name, "password": "wrong"})
    # then even the right password from that address is refused, as any failed login
    refused = client.post("/login/", {"username": "leader", "password": "pass12345"})
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    # another address is not
    other = client.post("/login/", {"username": "leader", "password": "pass12345"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302
