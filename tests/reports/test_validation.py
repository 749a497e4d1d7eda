"""Bad input is refused with a Chinese message next to the field it concerns (the field's key in the
API's 400 body; the field's error on the page), and nothing of the refused save is kept: not the
version, not a value, not an attachment row, not a file in MEDIA_ROOT."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from reports.choices import ReportStatus
from reports.models import ProgressReport, ReportEvent
from reports.validation import ValueInput, validate_upload
from reports.workflow import services
from tests.uploads import EXE_BYTES, PDF_BYTES, PNG_BYTES, field_errors, media_files, page_post, pdf, state

URL = "/api/v1/progress-reports/"

NOT_A_NUMBER = "请输入数字，例如 12.5。"
NEGATIVE = "数值不能为负数。"
OVER_100 = "百分比不能超过 100。"
WRONG_TYPE = "的类型不符合要求"
TOO_LARGE = "超过上限"
PERIOD_FORMAT = "报送期格式应为 2024-06（月度）、2024-Q2（季度）、2024-H1（半年）或 2024-Y（年度）。"


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def office_file(kind: str) -> bytes:
    """A minimal Word or Excel (OOXML) archive."""
    part = "word/document.xml" if kind == "docx" else "xl/workbook.xml"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<document/>")
    return buffer.getvalue()


def ole_file(sector: bytes) -> bytes:
    """A legacy (OLE compound file) Office document whose first sector starts with `sector`."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    return header + sector + b"\x00" * (2048 - len(sector))


@pytest.fixture
def draft(world, make_report):
    """长春's June draft with no values yet."""
    return make_report(done="六月进展。")


@pytest.fixture
def earlier_approved(world, make_report):
    """长春's approved May report: 100 km so far."""
    return make_report(period="2024-05", status=ReportStatus.APPROVED, values={world.km: 100})


# ---------------------------------------------------------------- target values over the API


@pytest.mark.parametrize(
    ("target", "value", "key", "message"),
    [
        ("km", "十二", "values", NOT_A_NUMBER),
        ("km", "-1", "value_{pk}", NEGATIVE),
        ("rate", "100.5", "value_{pk}", OVER_100),
    ],
)
def test_api_refuses_bad_values_and_saves_nothing(
    world, draft, api_as, settings, target, value, key, message
):
    # given 长春's June draft
    target = getattr(world, target)
    before = state(draft, settings)
    # when staff save a bad value together with new text
    response = api_as(world.resp_staff).patch(
        f"{URL}{draft.pk}/",
        {"version": draft.version, "done": "改写。", "values": [{"target": target.pk, "value": value}]},
        format="json",
    )
    # then the API answers 400 with the message under the field's key
    assert response.status_code == 400
    body = response.json()
    key = key.format(pk=target.pk)
    if key == "values":
        # the serializer's error for the first item of the list
        first = body["values"]["0"] if isinstance(body["values"], dict) else body["values"][0]
        assert first == {"value": [message]}
    else:
        assert body[key] == [message]
    # and nothing was saved, not even the text
    assert state(draft, settings) == before


def test_api_refuses_value_below_the_units_previous_without_explanation(
    world, earlier_approved, draft, api_as, settings
):
    # given 长春 reported 100 km by May (approved) and opens June
    before = state(draft, settings)
    client = api_as(world.resp_staff)
    # when staff enter 80 km for June without saying why
    response = client.patch(
        f"{URL}{draft.pk}/",
        {"version": draft.version, "values": [{"target": world.km.pk, "value": "80"}]},
        format="json",
    )
    # then the explanation field asks for a reason and nothing is saved
    assert response.status_code == 400
    assert response.json()[f"explanation_{world.km.pk}"] == [
        "累计值低于本单位上期已报的 100公里，如确需调减，请说明原因。"
    ]
    assert state(draft, settings) == before

    # when they give the reason
    response = client.patch(
        f"{URL}{draft.pk}/",
        {"version": draft.version, "values": [{"target": world.km.pk, "value": "80", "explanation": "复核后剔除重复里程。"}]},
        format="json",
    )  # fmt: skip
    # then the lower figure is accepted with its explanation
    assert response.status_code == 200
    assert response.json()["values"] == [
        {"target": world.km.pk, "value": "80.00", "explanation": "复核后剔除重复里程。"}
    ]


def test_floor_is_the_latest_submitted_or_approved_earlier_period(world, make_report):
    # given 长春's approved April (50 km), submitted May (100 km), a returned March (500 km) and a
    # draft July (900 km)
    make_report(period="2024-04", status=ReportStatus.APPROVED, values={world.km: 50})
    make_report(period="2024-05", status=ReportStatus.SUBMITTED, values={world.km: 100})
    make_report(period="2024-03", status=ReportStatus.RETURNED, values={world.km: 500})
    make_report(period="2024-07", values={world.km: 900})
    june = make_report(period="2024-06")
    # when June says 99 km, then the floor is May's 100 (not the returned March nor the later July)
    with pytest.raises(ValidationError) as caught:
        services.report_update(
            report=june, user=world.resp_staff, version=june.version, done="x",
            values=[ValueInput(world.km, Decimal("99"))],
        )  # fmt: skip
    assert list(caught.value.message_dict) == [f"explanation_{world.km.pk}"]
    # and 100 itself is fine
    services.report_update(
        report=june, user=world.resp_staff, version=june.version, done="x",
        values=[ValueInput(world.km, Decimal("100"))],
    )  # fmt: skip


def test_another_units_figures_are_not_the_floor(world, make_report):
    # given 吉林 reported 500 km by May
    make_report(unit=world.coop, period="2024-05", status=ReportStatus.APPROVED, values={world.km: 500})
    june = make_report(period="2024-06")
    # when 长春 enters 10 km for June, then that is its own first figure and is accepted
    services.report_update(
        report=june, user=world.resp_staff, version=june.version, done="x",
        values=[ValueInput(world.km, Decimal("10"))],
    )  # fmt: skip
    assert june.values.get().value == Decimal("10")


def test_zero_and_exactly_100_percent_are_accepted(world, draft):
    # given a draft, when staff enter 0 km and a 100 % rate, then both are kept
    services.report_update(
        report=draft, user=world.resp_staff, version=draft.version, done="x",
        values=[ValueInput(world.km, Decimal("0")), ValueInput(world.rate, Decimal("100"))],
    )  # fmt: skip
    assert sorted(draft.values.values_list("value", flat=True)) == [Decimal("0"), Decimal("100")]


def test_api_refuses_a_target_of_another_work_item(world, draft, api_as, make_report, settings):
    # given a target of another item
    from tests.factories import TargetFactory

    foreign = TargetFactory(work_item=world.other_item)
    before = state(draft, settings)
    # when staff send a value for it on item 3's report
    response = api_as(world.resp_staff).patch(
        f"{URL}{draft.pk}/",
        {"version": draft.version, "values": [{"target": foreign.pk, "value": "1"}]},
        format="json",
    )
    # then it is refused and nothing saved
    assert response.status_code == 400
    assert response.json()["values"] == ["指标不属于该工作任务。"]
    assert state(draft, settings) == before


# ---------------------------------------------------------------- periods


@pytest.mark.parametrize(
    ("period", "item", "message"),
    [
        ("2099-01", "item", "尚未开始，不能提前报送"),
        ("2024-13", "item", PERIOD_FORMAT),
        ("2024-6", "item", "报送期格式应为"),
        ("2024-Q5", "item", "报送期格式应为"),
        ("六月", "item", "报送期格式应为"),
        ("2023-12", "item", "报送期须在 2024 年度内。"),
        # periods of the right form that 长春 does not owe: a summary without a plan deadline, a
        # quarter in a plan reported monthly
        ("2024-H1", "other_item", "本单位无需报送第 9 项任务的“2024年上半年工作总结”。"),
        ("2024-H2", "item", "本单位无需报送第 3 项任务的“2024年下半年工作总结”。"),
        ("2024-Q2", "item", "本单位无需报送第 3 项任务的“2024年第2季度进展”。"),
    ],
)
def test_api_refuses_a_bad_period_and_creates_nothing(world, api_as, period, item, message):
    # when 长春's staff start a report for a bad period
    payload = {"work_item": getattr(world, item).pk, "period": period, "done": "进展。"}
    response = api_as(world.resp_staff).post(URL, payload, format="json")
    # then the period field says why and no report exists
    assert response.status_code == 400
    assert message in response.json()["period"][0]
    assert not ProgressReport.objects.exists()


def test_page_refuses_a_future_period_and_creates_nothing(world, client):
    # given 长春's staff on 15 June 2024, on the form of July's report (owed, but not begun)
    client.force_login(world.resp_staff)
    url = f"/reports/new/?work_item={world.item.pk}&period=2024-07"
    # when they save it
    with time_machine.travel(timezone.make_aware(dt.datetime(2024, 6, 15, 10)), tick=False):
        response = client.post(url, {"version": 0, "done": "七月进展。", "action": "save"})
    # then the form tells them why and nothing is created
    assert response.status_code == 200
    assert "报送期 2024年7月 尚未开始，不能提前报送。" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_api_create_with_a_bad_value_creates_nothing(world, api_as, settings):
    # when staff start a June report with a negative value in the same request
    response = api_as(world.resp_staff).post(
        URL,
        {"work_item": world.item.pk, "period": "2024-06", "values": [{"target": world.km.pk, "value": "-5"}]},
        format="json",
    )
    # then the value field says why and there is no half-made draft left behind
    assert response.status_code == 400
    assert response.json()[f"value_{world.km.pk}"] == [NEGATIVE]
    assert not ProgressReport.objects.exists()
    assert not ReportEvent.objects.exists()


# ---------------------------------------------------------------- files


BAD_FILES = [
    ("总结.pdf", b"this is only text pretending to be a PDF\n", WRONG_TYPE),
    ("总结.pdf", EXE_BYTES, WRONG_TYPE),
    ("setup.exe", EXE_BYTES, WRONG_TYPE),
    ("照片.pdf", PNG_BYTES, WRONG_TYPE),  # a real image, but the name says PDF
    ("总结.docx", b"PK\x03\x04" + b"\x00" * 60, WRONG_TYPE),  # broken archive
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES)
def test_api_refuses_a_file_of_the_wrong_type(world, draft, api_as, settings, name, content, message):
    # given 长春's June draft
    before = state(draft, settings)
    # when staff upload a file whose content is not what an evidence file should be
    response = api_as(world.resp_staff).post(
        f"{URL}{draft.pk}/attachments/", {"file": upload(name, content)}, format="multipart"
    )
    # then the attachments field says why, and there is no row and no file on disk
    assert response.status_code == 400
    assert message in response.json()["attachments"][0]
    assert name in response.json()["attachments"][0]
    assert state(draft, settings) == before


def test_api_refuses_a_file_that_is_too_large(world, draft, api_as, settings):
    # given the limit is 1 KB
    settings.REPORT_ATTACHMENT_MAX_BYTES = 1024
    before = state(draft, settings)
    # when staff upload a 2 KB PDF
    big = upload("大文件.pdf", PDF_BYTES + b"0" * 2048)
    response = api_as(world.resp_staff).post(
        f"{URL}{draft.pk}/attachments/", {"file": big}, format="multipart"
    )
    # then the attachments field names the size and the limit, and nothing is stored
    assert response.status_code == 400
    assert TOO_LARGE in response.json()["attachments"][0]
    assert "1.0\xa0KB" in response.json()["attachments"][0]
    assert state(draft, settings) == before


def test_a_file_exactly_at_the_limit_is_accepted(world, draft, settings):
    # given a limit of exactly the file's size
    content = PDF_BYTES + b"0" * 100
    settings.REPORT_ATTACHMENT_MAX_BYTES = len(content)
    # when it is uploaded, then it is stored; one byte more is refused
    services.attachment_add(report=draft, user=world.resp_staff, upload=upload("刚好.pdf", content))
    with pytest.raises(ValidationError):
        services.attachment_add(
            report=draft, user=world.resp_staff, upload=upload("多一字节.pdf", content + b"0")
        )
    assert list(draft.attachments.values_list("name", flat=True)) == ["刚好.pdf"]


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [
        ("验收单.pdf", PDF_BYTES, "application/pdf"),
        ("现场.PNG", PNG_BYTES, "image/png"),
        (
            "明细.docx",
            office_file("docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "台账.xlsx",
            office_file("xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("纪要.doc", ole_file(b"\xec\xa5\xc1\x00"), "application/msword"),
        # legacy files whose first sector filetype does not recognise, or takes for the other kind
        ("纪要.doc", ole_file(b"\xfd\xff\xff\xff\x00\x00\x00\x00"), "application/msword"),
        ("台账.xls", ole_file(b"\x01\x00\x00\x00"), "application/vnd.ms-excel"),
    ],
)
def test_evidence_files_are_accepted_by_content(world, draft, api_as, settings, name, content, mime):
    # when staff upload a genuine evidence file
    response = api_as(world.resp_staff).post(
        f"{URL}{draft.pk}/attachments/", {"file": upload(name, content)}, format="multipart"
    )
    # then it is stored with its real type, on disk under the report's folder
    assert response.status_code == 201, response.content.decode()
    assert response.json()["content_type"] == mime
    files = media_files(settings.MEDIA_ROOT)
    assert len(files) == 1
    assert files[0].parent.name == str(draft.pk)


def test_legacy_container_named_as_something_else_is_refused(world):
    # given an OLE container (could be anything: an installer, a macro file) named .pdf
    with pytest.raises(ValidationError) as caught:
        validate_upload(upload("总结.pdf", ole_file(b"\xec\xa5\xc1\x00")))
    # then it is refused
    assert WRONG_TYPE in caught.value.message_dict["attachments"][0]


# ---------------------------------------------------------------- a save with a good value and a bad file


def test_service_save_with_good_value_and_bad_file_writes_nothing(world, draft, settings):
    # given 长春's June draft
    before = state(draft, settings)
    # when staff save a good value, a good PDF and a disguised executable in one go
    with pytest.raises(ValidationError) as caught:
        services.report_update(
            report=draft, user=world.resp_staff, version=draft.version, done="新的进展。",
            values=[ValueInput(world.km, Decimal("12"))],
            uploads=[pdf("好文件.pdf"), upload("坏文件.pdf", EXE_BYTES)],
        )  # fmt: skip
    # then the bad file is named and nothing at all was written, not even the good file
    assert "坏文件.pdf" in caught.value.message_dict["attachments"][0]
    assert state(draft, settings) == before


# ---------------------------------------------------------------- the report page


@pytest.mark.parametrize(
    ("target", "value", "message"),
    [("km", "abc", NOT_A_NUMBER), ("km", "-3", NEGATIVE), ("rate", "120", OVER_100)],
)
def test_page_shows_the_message_under_the_value_and_saves_nothing(
    world, draft, client, settings, target, value, message
):
    # given 长春's staff on the June form
    client.force_login(world.resp_staff)
    target = getattr(world, target)
    before = state(draft, settings)
    # when they save a bad value
    response = page_post(client, draft, world, **{f"value_{target.pk}": value})
    # then the form comes back with the message under that field
    assert response.status_code == 200
    assert response.context["form"].errors[f"value_{target.pk}"] == [message]
    assert message in field_errors(response.content.decode(), f"value_{target.pk}")
    # and nothing was saved
    assert state(draft, settings) == before


def test_page_asks_for_an_explanation_when_the_value_drops(world, earlier_approved, draft, client, settings):
    # given 长春 reported 100 km by May
    client.force_login(world.resp_staff)
    before = state(draft, settings)
    # when June's form says 80 km without a reason
    response = page_post(client, draft, world, **{f"value_{world.km.pk}": "80"})
    # then the explanation field asks for one and nothing is saved
    assert response.status_code == 200
    errors = field_errors(response.content.decode(), f"explanation_{world.km.pk}")
    assert "累计值低于本单位上期已报的 100公里" in errors
    assert state(draft, settings) == before
    # when they give it, then the form saves
    response = page_post(
        client, draft, world, **{f"value_{world.km.pk}": "80", f"explanation_{world.km.pk}": "剔除重复里程。"}
    )
    assert response.status_code == 302
    assert draft.values.get().explanation == "剔除重复里程。"


@pytest.mark.parametrize(
    ("name", "content", "message", "limit"),
    [
        ("总结.pdf", b"plain text\n", WRONG_TYPE, None),
        ("setup.pdf", EXE_BYTES, WRONG_TYPE, None),
        ("大文件.pdf", PDF_BYTES + b"0" * 4096, TOO_LARGE, 1024),
    ],
)
def test_page_refuses_a_bad_file_with_a_good_value_and_saves_nothing(
    world, draft, client, settings, name, content, message, limit
):
    # given 长春's staff on the June form (and, for one case, a 1 KB limit)
    if limit:
        settings.REPORT_ATTACHMENT_MAX_BYTES = limit
    client.force_login(world.resp_staff)
    before = state(draft, settings)
    # when they save a good value with a good file and a bad one
    response = page_post(
        client, draft, world, **{f"value_{world.km.pk}": "12"},
        attachments=[pdf("好文件.pdf"), upload(name, content)],
    )  # fmt: skip
    # then the attachments field says what is wrong with the bad file
    assert response.status_code == 200
    errors = field_errors(response.content.decode(), "attachments")
    assert message in errors
    assert name in errors
    # and nothing was saved: no text, no value, no rows, no files
    assert state(draft, settings) == before


def test_page_saves_a_good_value_and_file(world, draft, client, settings):
    # given 长春's staff on the June form
    client.force_login(world.resp_staff)
    # when they save a value and a PDF
    response = page_post(
        client, draft, world, **{f"value_{world.km.pk}": "12"}, attachments=[pdf("验收单.pdf")]
    )
    # then both are kept and the version moves on
    assert response.status_code == 302
    after = state(draft, settings)
    assert after["version"] == draft.version + 1
    assert after["values"] == [(world.km.pk, Decimal("12"))]
    assert after["attachments"] == 1
    assert len(after["files"]) == 1
