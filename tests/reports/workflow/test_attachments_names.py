"""Evidence files keep the name the user gave them, however long, for display and download, while the
file system only ever sees a short generated name: a name of 84 Chinese characters used to exceed its
255-byte limit and fail the save with a server error. A name that is no name (`..`, `.`, a folder) is
refused next to the file field instead of being dropped without a word."""

from pathlib import Path
from urllib.parse import quote

import pytest
from django.test import Client

from reports.models import Attachment
from reports.workflow import services
from tests.uploads import PDF_BYTES, field_errors, media_files, multipart, page_post, pdf, state

URL = "/api/v1/progress-reports/"
INVALID_NAME = "文件名无效"


@pytest.fixture
def draft(world, make_report):
    """长春's June draft."""
    return make_report(done="六月进展。")


LONG_NAMES = [
    # (name uploaded, name shown and downloaded)
    ("文" * 84 + ".pdf", "文" * 83 + ".pdf"),  # 256 bytes: one character goes, the extension stays
    ("碳达峰" * 40 + ".PDF", ("碳达峰" * 40)[:83] + ".PDF"),
    ("a" * 250 + ".pdf", "a" * 196 + ".pdf"),  # 200 characters at most, extension kept
    ("验收单（2024年6月）.pdf", "验收单（2024年6月）.pdf"),  # a name that fits is kept as it is
]


@pytest.mark.parametrize(
    ("uploaded", "shown"), LONG_NAMES, ids=["84-chinese", "120-chinese", "250-ascii", "fits"]
)
def test_api_stores_a_long_name_and_downloads_under_it(
    world, draft, api_as, client, settings, uploaded, shown
):
    # when staff upload a PDF with a long name through the API
    response = api_as(world.resp_staff).post(
        f"{URL}{draft.pk}/attachments/", {"file": pdf(uploaded)}, format="multipart"
    )
    # then it is stored, shown under its own name, shortened only as far as needed
    assert response.status_code == 201, response.content.decode()
    assert response.json()["name"] == shown
    assert len(shown.encode()) <= 255
    # and on disk it has a short generated name with the extension, in the report's folder
    [stored] = media_files(settings.MEDIA_ROOT)
    assert stored.parent == Path(settings.MEDIA_ROOT) / "reports" / str(draft.pk)
    assert stored.suffix == ".pdf"
    assert len(stored.name) < 50
    # and the download gives the file under its name (RFC 5987, so that Chinese survives)
    client.force_login(world.resp_head)
    download = client.get(response.json()["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    disposition = download["Content-Disposition"]
    if shown.isascii():
        assert disposition == f'attachment; filename="{shown}"'
    else:
        assert disposition == f"attachment; filename*=utf-8''{quote(shown)}"


def test_page_stores_a_long_chinese_name(world, draft, client, settings):
    # given 长春's staff on the June form
    client.force_login(world.resp_staff)
    # when they save with a file named with 90 Chinese characters
    name = "吉林省高速公路服务区充电设施建设情况" * 5 + ".pdf"
    response = page_post(client, draft, world, attachments=[pdf(name)])
    # then the save goes through, and the report page lists the file by its name
    assert response.status_code == 302
    attachment = Attachment.objects.get(report=draft)
    assert attachment.name == name[:83] + ".pdf"
    assert attachment.name in client.get(f"/reports/{draft.pk}/").content.decode()
    assert len(media_files(settings.MEDIA_ROOT)) == 1


def test_two_files_of_the_same_name_are_both_kept(world, draft, client):
    # when the same name is uploaded twice
    first = services.attachment_add(report=draft, user=world.resp_staff, upload=pdf("验收单.pdf"))
    second = services.attachment_add(
        report=draft, user=world.resp_staff, upload=pdf("验收单.pdf", PDF_BYTES + b"%second")
    )
    # then both keep the name and each downloads its own content
    assert first.name == second.name == "验收单.pdf"
    client.force_login(world.resp_staff)
    url = f"/reports/{draft.pk}/attachments/{second.pk}/"
    assert b"".join(client.get(url).streaming_content).endswith(b"%second")


BAD_NAMES = ["..", ".", "材料/", "C:\\材料\\", "   "]
BAD_NAME_IDS = ["parent", "dot", "folder", "windows-folder", "blank"]


@pytest.mark.parametrize("name", BAD_NAMES, ids=BAD_NAME_IDS)
def test_page_refuses_a_file_without_a_name(world, draft, client, settings, name):
    # given 长春's staff on the June form
    client.force_login(world.resp_staff)
    before = state(draft, settings)
    # when a file named `name` is sent with the form
    fields = {"version": draft.version, "done": "六月进展（新）。", "action": "save"}
    response = client.post(
        f"/reports/{draft.pk}/edit/", **multipart(fields, [("attachments", name, PDF_BYTES)])
    )
    # then the form says so under the file field and saves nothing, not even the text
    assert response.status_code == 200
    assert INVALID_NAME in field_errors(response.content.decode(), "attachments")
    assert state(draft, settings) == before


@pytest.mark.parametrize("name", BAD_NAMES, ids=BAD_NAME_IDS)
def test_api_refuses_a_file_without_a_name(world, draft, api_as, settings, name):
    # given 长春's June draft
    before = state(draft, settings)
    # when a script uploads a file named `name`
    response = api_as(world.resp_staff).post(
        f"{URL}{draft.pk}/attachments/", **multipart(files=[("file", name, PDF_BYTES)])
    )
    # then it answers 400 saying the name is not valid, and nothing is stored
    assert response.status_code == 400
    assert INVALID_NAME in response.json()["attachments"][0]
    assert state(draft, settings) == before


def test_page_refuses_a_nameless_file_with_the_csrf_check_on(world, draft, settings):
    # given a browser-like client that must pass the CSRF check (which reads the form first)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.resp_staff)
    browser.get(f"/reports/{draft.pk}/edit/")
    token = browser.cookies["csrftoken"].value
    before = state(draft, settings)
    # when a file named `..` is sent with the form
    fields = {"csrfmiddlewaretoken": token, "version": draft.version, "done": "新的进展。", "action": "save"}
    response = browser.post(
        f"/reports/{draft.pk}/edit/", **multipart(fields, [("attachments", "..", PDF_BYTES)])
    )
    # then the form refuses it under the file field, and nothing is saved
    assert response.status_code == 200
    assert INVALID_NAME in field_errors(response.content.decode(), "attachments")
    assert state(draft, settings) == before
    # and without a token the form is still refused by the CSRF check
    del fields["csrfmiddlewaretoken"]
    assert browser.post(f"/reports/{draft.pk}/edit/", **multipart(fields)).status_code == 403
