"""Two people open the same draft at version N. The first save wins; the second, still carrying N, is
told of the conflict (API: 409 with the saved report as `current`; page: 409 with both versions side by
side) and nothing of it is written."""

import re
from decimal import Decimal

import pytest

from reports.choices import ReportStatus
from reports.models import Attachment, ProgressReport
from reports.validation import ValueInput
from reports.workflow import services
from tests import factories
from tests.uploads import media_files, pdf
from units.choices import Role

URL = "/api/v1/progress-reports/"


@pytest.fixture
def colleague(world):
    """A second staff member of 长春."""
    return factories.UserFactory(username="changchun-staff-2", unit=world.resp, role=Role.UNIT_STAFF)


@pytest.fixture
def draft(world, make_report):
    return make_report(done="原稿。", values={world.km: 10})


def test_api_second_save_with_the_old_version_gets_409_with_the_first_save(
    world, draft, colleague, api_as, settings
):
    # given two staff members both opened the draft at version N
    first, second = api_as(world.resp_staff), api_as(colleague)
    n = first.get(f"{URL}{draft.pk}/").json()["version"]
    assert second.get(f"{URL}{draft.pk}/").json()["version"] == n

    # when the first saves
    saved = first.patch(
        f"{URL}{draft.pk}/",
        {"version": n, "done": "甲的进展。", "values": [{"target": world.km.pk, "value": "20"}]},
        format="json",
    )
    assert saved.status_code == 200
    assert saved.json()["version"] == n + 1

    # and the second saves from version N
    clash = second.patch(
        f"{URL}{draft.pk}/",
        {"version": n, "done": "乙的进展。", "values": [{"target": world.km.pk, "value": "30"}]},
        format="json",
    )

    # then the second is told of the conflict and shown what the first saved
    assert clash.status_code == 409
    body = clash.json()
    assert "已被他人修改" in body["detail"]
    assert body["current"]["version"] == n + 1
    assert body["current"]["done"] == "甲的进展。"
    assert body["current"]["values"] == [{"target": world.km.pk, "value": "20.00", "explanation": ""}]
    # and nothing of the second save was written
    draft.refresh_from_db()
    assert (draft.version, draft.done) == (n + 1, "甲的进展。")
    assert draft.values.get().value == Decimal("20")
    assert draft.events.last().actor == world.resp_staff


def test_api_same_user_in_two_sessions_conflicts_too(world, draft, api_as):
    # given one staff member has the draft open in two browsers at version N
    one, two = api_as(world.resp_staff), api_as(world.resp_staff)
    n = draft.version
    # when both save from N
    assert (
        one.patch(f"{URL}{draft.pk}/", {"version": n, "done": "第一个窗口。"}, format="json").status_code
        == 200
    )
    clash = two.patch(f"{URL}{draft.pk}/", {"version": n, "done": "第二个窗口。"}, format="json")
    # then the second is a conflict, not a silent overwrite
    assert clash.status_code == 409
    assert clash.json()["current"]["done"] == "第一个窗口。"
    assert ProgressReport.objects.get(pk=draft.pk).done == "第一个窗口。"


def test_api_submit_with_an_old_version_is_a_conflict(world, draft, colleague, api_as):
    # given a colleague saved after staff opened the draft
    n = draft.version
    api_as(colleague).patch(f"{URL}{draft.pk}/", {"version": n, "done": "同事改过。"}, format="json")
    # when staff submit what they saw at version N
    clash = api_as(world.resp_staff).post(f"{URL}{draft.pk}/submit/", {"version": n}, format="json")
    # then it is a conflict and the report stays a draft
    assert clash.status_code == 409
    assert clash.json()["current"]["done"] == "同事改过。"
    assert ProgressReport.objects.get(pk=draft.pk).status == ReportStatus.DRAFT


def test_an_upload_in_between_makes_the_older_save_a_conflict(world, draft, colleague):
    # given staff opened the draft at version N and a colleague then attached a file
    n = draft.version
    services.attachment_add(report=draft, user=colleague, upload=pdf())
    # when staff save from N, then it is a conflict carrying the report as it now stands
    with pytest.raises(services.ReportConflict) as caught:
        services.report_update(
            report=draft, user=world.resp_staff, version=n, done="旧版本上的修改。",
            values=[ValueInput(world.km, Decimal("11"))],
        )  # fmt: skip
    assert caught.value.current.version == n + 1
    draft.refresh_from_db()
    assert draft.done == "原稿。"
    assert draft.values.get().value == Decimal("10")


def _form(report, world, done, km, version):
    return {
        "version": version,
        "done": done,
        "problems": "",
        "next_steps": "",
        f"value_{world.km.pk}": km,
        f"explanation_{world.km.pk}": "",
        f"value_{world.rate.pk}": "",
        f"explanation_{world.rate.pk}": "",
        "action": "save",
    }


def test_page_second_save_gets_409_with_both_versions_and_writes_nothing(
    world, draft, colleague, client, settings
):
    from django.test import Client

    # given two staff members opened the June form at version N
    first, second = client, Client()
    first.force_login(world.resp_staff)
    second.force_login(colleague)
    n = draft.version
    assert first.get(f"/reports/{draft.pk}/edit/").status_code == 200
    assert second.get(f"/reports/{draft.pk}/edit/").status_code == 200

    # when the first saves
    saved = first.post(f"/reports/{draft.pk}/edit/", _form(draft, world, "甲填写的六月进展。", "20", n))
    assert saved.status_code == 302

    # and the second saves from N, with a file as well
    data = _form(draft, world, "乙填写的六月进展。", "30", n)
    clash = second.post(f"/reports/{draft.pk}/edit/", {**data, "attachments": [pdf("乙的附件.pdf")]})

    # then the second sees the conflict panel with both versions
    assert clash.status_code == 409
    html = clash.content.decode()
    panel = re.search(r'data-testid="conflict".*?</div>\s*</div>\s*</div>', html, re.S).group(0)
    assert "甲填写的六月进展。" in panel
    assert "乙填写的六月进展。" in panel
    assert "20" in panel and "30" in panel
    # and their own text is still in the form, ready to save again over the new version
    assert re.search(rf'name="version" value="{n + 1}"', html)
    assert "乙填写的六月进展。" in html.split('data-testid="conflict"')[1].split("<form")[1]
    # and nothing of the second save was written
    draft.refresh_from_db()
    assert (draft.version, draft.done) == (n + 1, "甲填写的六月进展。")
    assert draft.values.get().value == Decimal("20")
    assert not Attachment.objects.exists()
    assert media_files(settings.MEDIA_ROOT) == []

    # when the second, having compared, saves again from the version the panel showed
    again = second.post(f"/reports/{draft.pk}/edit/", _form(draft, world, "乙核对后的进展。", "30", n + 1))
    # then their content is saved
    assert again.status_code == 302
    draft.refresh_from_db()
    assert (draft.version, draft.done) == (n + 2, "乙核对后的进展。")


def test_api_create_with_content_does_not_overwrite_a_saved_report(world, colleague, api_as):
    # given a staff member started June's report with content
    payload = {"work_item": world.item.pk, "period": "2024-06", "done": "甲的进展。"}
    first = api_as(world.resp_staff).post(URL, payload, format="json")
    assert first.status_code == 201
    # when a colleague, not knowing, also "creates" June with their own content
    clash = api_as(colleague).post(URL, {**payload, "done": "乙的进展。"}, format="json")
    # then that is a conflict showing the saved content, and the first content stands
    assert clash.status_code == 409
    assert clash.json()["current"]["done"] == "甲的进展。"
    report = ProgressReport.objects.get()
    assert (report.done, report.version) == ("甲的进展。", first.json()["version"])


def test_api_create_of_an_untouched_draft_fills_it_in(world, make_report, api_as):
    # given June's draft exists but nobody has saved anything in it yet
    from reports.workflow.services import report_create

    report = report_create(user=world.resp_staff, work_item=world.item, unit=world.resp, period="2024-06")
    # when staff "create" it with content, then the content is saved into it
    response = api_as(world.resp_staff).post(
        URL, {"work_item": world.item.pk, "period": "2024-06", "done": "填写内容。"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["id"] == report.pk
    assert response.json()["done"] == "填写内容。"
