"""How many evidence files: at most REPORT_MAX_ATTACHMENTS on one report, refused by the attachment
service (from the page, the API and a save with files alike) with a Chinese message; at most
DATA_UPLOAD_MAX_NUMBER_FILES in one request, which Django refuses while reading it: 400, never 500, and
JSON with a Chinese message from the API. A refused upload writes nothing: no row, no file, no version."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client

from reports.models import Attachment, ProgressReport
from reports.workflow import services
from tests.uploads import PDF_BYTES, field_errors, media_files, multipart, page_post, pdf, race, state

URL = "/api/v1/progress-reports/"
REPORT_FULL = "每份报告最多 2 个佐证材料"


@pytest.fixture
def draft(world, make_report):
    """长春's June draft."""
    return make_report(done="六月进展。")


@pytest.fixture
def full_draft(world, draft, settings):
    """The June draft with as many files as a report may have: two, for the test."""
    settings.REPORT_MAX_ATTACHMENTS = 2
    for n in range(2):
        services.attachment_add(report=draft, user=world.resp_staff, upload=pdf(f"材料{n}.pdf"))
    draft.refresh_from_db()
    return draft


# ---------------------------------------------------------------- per report


def test_service_refuses_a_file_beyond_the_limit(world, full_draft, settings):
    before = state(full_draft, settings)
    # when staff attach a third file
    with pytest.raises(ValidationError) as caught:
        services.attachment_add(report=full_draft, user=world.resp_staff, upload=pdf("第三个.pdf"))
    # then it is refused with the limit in the message, and nothing is written
    message = caught.value.message_dict["attachments"][0]
    assert REPORT_FULL in message and "已有 2 个" in message
    assert state(full_draft, settings) == before


def test_a_save_with_more_files_than_there_is_room_for_writes_nothing(world, draft, settings):
    # given a limit of 3 and one file on the draft
    settings.REPORT_MAX_ATTACHMENTS = 3
    services.attachment_add(report=draft, user=world.resp_staff, upload=pdf("已有.pdf"))
    draft.refresh_from_db()
    before = state(draft, settings)
    # when staff save new text with three more files
    with pytest.raises(ValidationError) as caught:
        services.report_update(
            report=draft, user=world.resp_staff, version=draft.version, done="新的进展。",
            uploads=[pdf(f"新{n}.pdf") for n in range(3)],
        )  # fmt: skip
    # then the message says how many may still go, and neither the text nor a file is kept
    assert "本次最多还能上传 2 个" in caught.value.message_dict["attachments"][0]
    assert state(draft, settings) == before
    # and the two that fit are taken
    services.report_update(
        report=draft, user=world.resp_staff, version=draft.version, uploads=[pdf("新0.pdf"), pdf("新1.pdf")]
    )
    assert Attachment.objects.filter(report=draft).count() == 3


def test_page_says_the_report_is_full_under_the_file_field(world, full_draft, client, settings):
    client.force_login(world.resp_staff)
    before = state(full_draft, settings)
    # when staff save the form with one more file
    response = page_post(client, full_draft, world, attachments=[pdf("第三个.pdf")])
    # then the file field says the report is full, and nothing is saved
    assert response.status_code == 200
    assert REPORT_FULL in field_errors(response.content.decode(), "attachments")
    assert state(full_draft, settings) == before


def test_page_shows_both_limits_beside_the_file_field(world, draft, client, settings):
    settings.REPORT_MAX_ATTACHMENTS = 7
    client.force_login(world.resp_staff)
    html = client.get(f"/reports/{draft.pk}/edit/").content.decode()
    assert "一次最多 10 个，每份报告最多 7 个" in html


def test_api_refuses_a_file_beyond_the_limit(world, full_draft, api_as, settings):
    before = state(full_draft, settings)
    response = api_as(world.resp_staff).post(
        f"{URL}{full_draft.pk}/attachments/", {"file": pdf("第三个.pdf")}, format="multipart"
    )
    assert response.status_code == 400
    assert REPORT_FULL in response.json()["attachments"][0]
    assert state(full_draft, settings) == before


# ---------------------------------------------------------------- per request


def eleven_files(field):
    return [(field, f"材料{n}.pdf", PDF_BYTES) for n in range(11)]


def test_api_answers_400_in_chinese_json_to_too_many_files_at_once(world, draft, api_as, settings):
    before = state(draft, settings)
    # when a script sends eleven files in one request (the limit is ten)
    response = api_as(world.resp_staff).post(
        f"{URL}{draft.pk}/attachments/", **multipart(files=eleven_files("file"))
    )
    # then the API answers 400 in JSON, in Chinese, and nothing is stored
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "一次最多提交 10 个文件，请分批上传。"}
    assert state(draft, settings) == before


def test_page_answers_400_to_too_many_files_at_once(world, draft, settings):
    # given a browser-like client on the June form (the CSRF check reads the form first)
    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)
    browser.force_login(world.resp_staff)
    browser.get(f"/reports/{draft.pk}/edit/")
    before = state(draft, settings)
    # when it sends eleven files with the form
    fields = {"csrfmiddlewaretoken": browser.cookies["csrftoken"].value, "version": draft.version}
    response = browser.post(f"/reports/{draft.pk}/edit/", **multipart(fields, eleven_files("attachments")))
    # then a 400 page says why and leads back to the form, and nothing is saved
    assert response.status_code == 400
    html = response.content.decode()
    assert "一次最多提交 10 个文件，请分批上传。" in html
    assert f'href="/reports/{draft.pk}/edit/"' in html
    assert state(draft, settings) == before


# ---------------------------------------------------------------- two uploads at once


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent transactions (PostgreSQL)")
def test_two_uploads_at_once_cannot_both_take_the_last_place(world, make_report, settings):
    # given a draft with one place left
    settings.REPORT_MAX_ATTACHMENTS = 1
    report = make_report()
    # when two uploads come at once, the second while the first is written but not committed
    outcome = race(
        lambda: services.attachment_add(
            report=ProgressReport.objects.get(pk=report.pk), user=world.resp_staff, upload=pdf("甲.pdf")
        ),
        lambda: services.attachment_add(
            report=ProgressReport.objects.get(pk=report.pk), user=world.resp_staff, upload=pdf("乙.pdf")
        ),
        refused=ValidationError,
    )
    # then the second is refused, and the report holds one file, on disk too
    assert outcome == {"first": "done", "second": "refused"}
    assert list(Attachment.objects.filter(report=report).values_list("name", flat=True)) == ["甲.pdf"]
    assert len(media_files(settings.MEDIA_ROOT)) == 1
