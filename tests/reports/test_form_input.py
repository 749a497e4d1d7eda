"""What a new user hit in the report form: files lost without a word after a failed save, no summary of
what to fix, the version shown one ahead of the stored one, invisible characters from Word, numbers as
office staff type them, limits the page did not state, and tables squeezed on a phone."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat

from core.text import clean_text
from reports.choices import ReportStatus
from reports.models import ProgressReport
from reports.workflow import services
from tests import factories
from tests.uploads import EXE_BYTES, PNG_BYTES, pdf
from units.choices import Role

from .test_validation import field_errors, page_post, state

URL = "/api/v1/progress-reports/"
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.fixture
def draft(world, make_report):
    """长春's June draft (version 2: created, then filled in)."""
    return make_report(done="六月进展。")


def png(name="现场照片.png"):
    return SimpleUploadedFile(name, PNG_BYTES, content_type="image/png")


def error_summary(html: str) -> str:
    match = re.search(r'<div class="alert alert-danger error-summary".*?</div>', html, re.S)
    assert match, "no error summary on the page"
    return match.group(0)


def summary_links(html: str) -> list[tuple[str, str]]:
    """The summary's entries that link to a field: [(href, text)]."""
    return re.findall(r'<a class="alert-link" href="([^"]+)">(.*?)</a>', error_summary(html), re.S)


def shown_versions(html: str) -> tuple[int, int]:
    """The version in the form's hidden field and the one the page's head shows (第 N 版)."""
    hidden = re.search(r'<input type="hidden" name="version" value="(\d+)"', html).group(1)
    visible = re.search(r"第 (\d+) 版", html).group(1)
    return int(hidden), int(visible)


# ---------------------------------------------------------------- files chosen before a failed save


def test_files_chosen_before_a_failed_form_are_named_under_the_file_field(world, draft, client, settings):
    # given staff on the June form
    client.force_login(world.resp_staff)
    before = state(draft, settings)
    # when they choose two files but type words where a number belongs, and save
    response = page_post(
        client, draft, world, **{f"value_{world.km.pk}": "一千"}, attachments=[pdf("a.pdf"), png("b.png")]
    )
    # then the file field names both files and asks to choose them again, and nothing is saved
    assert response.status_code == 200
    assert "以下文件尚未上传：a.pdf、b.png。请修正其他错误后重新选择这些文件。" in field_errors(
        response.content.decode(), "attachments"
    )
    assert state(draft, settings) == before


def test_files_are_named_when_the_service_refuses_the_save(world, draft, client, settings):
    # given staff on the June form
    client.force_login(world.resp_staff)
    before = state(draft, settings)
    # when one of the two files they chose is a program dressed as a PDF
    fake = SimpleUploadedFile("程序.pdf", EXE_BYTES, content_type="application/pdf")
    response = page_post(client, draft, world, attachments=[pdf("验收单.pdf"), fake])
    # then the file field says what is wrong with it and that neither file was uploaded
    errors = field_errors(response.content.decode(), "attachments")
    assert "文件“程序.pdf”的类型不符合要求" in errors
    assert "以下文件尚未上传：验收单.pdf、程序.pdf。" in errors
    assert state(draft, settings) == before


def test_files_are_named_after_a_conflict_too(world, draft, client):
    # given a colleague saved the June draft after staff opened it
    opened = draft.version
    colleague = factories.UserFactory(username="changchun-staff-2", unit=world.resp, role=Role.UNIT_STAFF)
    services.report_update(report=draft, user=colleague, version=opened, done="同事的修改。")
    client.force_login(world.resp_staff)
    # when staff save from the version they opened, with a file
    response = page_post(client, draft, world, version=opened, attachments=[pdf("a.pdf")])
    # then the conflict panel explains the clash, and the summary (which leaves the panel in sight and
    # does not repeat it) and the file field say the file must be chosen again
    html = response.content.decode()
    assert response.status_code == 409
    assert "以下文件尚未上传：a.pdf。" in field_errors(html, "attachments")
    assert summary_links(html) == [
        ("#id_attachments", "佐证材料：以下文件尚未上传：a.pdf。请修正其他错误后重新选择这些文件。")
    ]
    assert "已被他人修改" not in error_summary(html)
    assert "data-error-summary-focus" not in error_summary(html)
    assert re.search(r'<form [^>]*data-unsaved="true"', html)


def test_a_failed_save_without_files_says_nothing_about_files(world, draft, client):
    client.force_login(world.resp_staff)
    # when a save without files fails
    response = page_post(client, draft, world, **{f"value_{world.km.pk}": "一千"})
    # then no file is said to be missing
    assert response.status_code == 200
    assert "尚未上传" not in response.content.decode()


# ---------------------------------------------------------------- the error summary


def test_error_summary_links_each_error_to_its_field_in_the_pages_order(world, draft, client):
    client.force_login(world.resp_staff)
    # when staff save words for the km figure and a percent sign on it for the rate, with a file
    response = page_post(
        client, draft, world,
        **{f"value_{world.km.pk}": "一千", f"value_{world.rate.pk}": "abc"},
        attachments=[pdf("a.pdf")],
    )  # fmt: skip
    html = response.content.decode()
    # then a summary at the top of the form, which takes the focus, links each error to its field
    summary = error_summary(html)
    assert 'role="alert"' in summary
    assert 'tabindex="-1"' in summary
    assert "data-error-summary-focus" in summary
    assert html.index("error-summary") < html.index('name="done"')
    assert summary_links(html) == [
        (f"#id_value_{world.km.pk}", "高速公路绿化里程（公里） · 本单位完成：请输入数字，例如 12.5。"),
        (f"#id_value_{world.rate.pk}", "高速公路服务区快充覆盖率（%） · 全省合计：请输入数字，例如 12.5。"),
        ("#id_attachments", "佐证材料：以下文件尚未上传：a.pdf。请修正其他错误后重新选择这些文件。"),
    ]
    # and every link leads to a field on the page
    for href, _text in summary_links(html):
        assert f'id="{href[1:]}"' in html


def test_error_summary_names_the_target_of_an_explanation(world, make_report, draft, client):
    # given 长春 reported 100 km by May
    make_report(period="2024-05", status=ReportStatus.APPROVED, values={world.km: 100})
    client.force_login(world.resp_staff)
    # when June says 80 km without a reason (a rule only the service checks)
    response = page_post(client, draft, world, **{f"value_{world.km.pk}": "80"})
    # then the summary says whose explanation is missing and links to it
    assert summary_links(response.content.decode()) == [
        (
            f"#id_explanation_{world.km.pk}",
            "高速公路绿化里程的调减说明：累计值低于本单位上期已报的 100公里，如确需调减，请说明原因。",
        )
    ]


def test_error_summary_lists_an_error_about_the_whole_form(world, make_report, client):
    # given an approved report the administrator opened at its version, which has moved on since
    report = make_report(status=ReportStatus.APPROVED, values={world.km: 10})
    stale = report.version
    ProgressReport.objects.filter(pk=report.pk).update(version=stale + 1)
    client.force_login(world.admin)
    # when the administrator saves a correction from the old version
    response = client.post(
        f"/reports/{report.pk}/correct/",
        {"version": stale, "reason": "数据录入错误。", "done": "更正。", f"value_{world.km.pk}": "12"},
    )
    # then the summary says so, without a link since it is about no one field
    summary = error_summary(response.content.decode())
    assert "该报告已被他人修改" in summary
    assert "<a " not in summary


def test_the_form_stays_unsaved_after_a_failed_save_only(world, draft, client):
    client.force_login(world.resp_staff)
    # given the form as opened: nothing unsaved, no summary
    html = client.get(f"/reports/{draft.pk}/edit/").content.decode()
    assert "data-warn-unsaved" in html
    assert 'data-unsaved="true"' not in html
    assert "error-summary" not in html
    # when a save fails, then the form comes back marked as holding unsaved input
    html = page_post(client, draft, world, **{f"value_{world.km.pk}": "一千"}).content.decode()
    assert re.search(r'<form [^>]*data-warn-unsaved data-unsaved="true"', html)


def test_the_page_has_no_inline_script(world, draft, client):
    # given the strict Content-Security-Policy, the summary's focus comes from portal.js alone
    client.force_login(world.resp_staff)
    html = page_post(client, draft, world, **{f"value_{world.km.pk}": "一千"}).content.decode()
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert " onload=" not in html and " onclick=" not in html and " style=" not in html


# ---------------------------------------------------------------- the version after a failed save


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        # a file refused by its content: the service has written the text when it looks at the file
        (
            {"attachments": [SimpleUploadedFile("程序.pdf", EXE_BYTES)]},
            "文件“程序.pdf”的类型不符合要求",
        ),
        # save and submit without the progress text: the service has saved when the submit is refused
        ({"done": "", "action": "submit"}, "请填写工作进展后再提交。"),
    ],
    ids=["refused-file", "submit-without-text"],
)
def test_a_save_the_service_refuses_shows_the_stored_version(world, draft, client, settings, fields, message):
    # given the June draft as stored
    stored = ProgressReport.objects.get(pk=draft.pk).version
    client.force_login(world.resp_staff)
    # when a save fails in the service, after it had written (and then undone) the new version
    response = page_post(client, draft, world, **fields)
    html = response.content.decode()
    # then the page says why, and shows the stored version in the form and in its head
    assert message in html
    assert ProgressReport.objects.get(pk=draft.pk).version == stored
    assert shown_versions(html) == (stored, stored)
    # and saving again from that page works
    response = page_post(client, draft, world, version=stored)
    assert response.status_code == 302


def test_a_correction_the_service_refuses_shows_the_stored_version(world, make_report, client):
    # given 长春's approved May (100 km) and June (120 km) reports
    make_report(period="2024-05", status=ReportStatus.APPROVED, values={world.km: 100})
    june = make_report(status=ReportStatus.APPROVED, values={world.km: 120})
    client.force_login(world.admin)
    # when the administrator corrects June to 90 km without a reason for the drop
    response = client.post(
        f"/reports/{june.pk}/correct/",
        {"version": june.version, "reason": "核对。", "done": "更正。", f"value_{world.km.pk}": "90"},
    )
    # then the page asks for the explanation and shows the stored version
    html = response.content.decode()
    assert "如确需调减，请说明原因" in html
    assert shown_versions(html) == (june.version, june.version)


# ---------------------------------------------------------------- text pasted from Word


@pytest.mark.parametrize(
    ("pasted", "kept"),
    [
        ("第一行\r\n第二行\r第三行", "第一行\n第二行\n第三行"),
        ("手动换行\x0b分页\x0c段落\u2029行\u2028尾", "手动换行\n分页\n段落\n行\n尾"),
        ("\ufeff零\u200b宽\u200c字\u200d符\u2060", "零宽字符"),
        ("空\x00字\x07符\x1b", "空字符"),
        ("保留\t制表符与 空格", "保留\t制表符与 空格"),
        ("单位：公里；比例：60％", "单位：公里；比例：60％"),
    ],
    ids=["line-ends", "word-breaks", "zero-width", "controls", "tab-and-space", "visible"],
)
def test_clean_text(pasted, kept):
    assert clean_text(pasted) == kept


def test_page_stores_pasted_text_without_invisible_characters(world, draft, client):
    client.force_login(world.resp_staff)
    # when staff paste text from Word with a NUL, a zero-width space and Word's line break
    response = page_post(
        client, draft, world,
        done="\ufeff完成\x00绿化\u200b 20 公里。\x0b下月继续。",
        problems="资金\x0c不足。",
        next_steps="\u200b",
    )  # fmt: skip
    # then it is saved cleaned, with no message about the characters
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.done, draft.problems, draft.next_steps) == (
        "完成绿化 20 公里。\n下月继续。",
        "资金\n不足。",
        "",
    )


def test_page_explanation_and_review_comment_are_cleaned(world, make_report, client):
    # given 长春 reported 100 km by May; June is entered lower with a pasted reason
    make_report(period="2024-05", status=ReportStatus.APPROVED, values={world.km: 100})
    june = make_report()
    client.force_login(world.resp_staff)
    response = page_post(
        client, june, world,
        **{f"value_{world.km.pk}": "80", f"explanation_{world.km.pk}": "复核\x00后剔除\u200b重复里程。"},
        action="submit",
    )  # fmt: skip
    assert response.status_code == 302
    assert june.values.get(target=world.km).explanation == "复核后剔除重复里程。"
    # when the head returns it with a comment of invisible characters only
    client.force_login(world.resp_head)
    response = client.post(
        f"/reports/{june.pk}/review/", {"action": "return", "comment": "\u200b\x00"}, follow=True
    )
    # then that is no comment at all
    assert "退回时必须填写退回意见。" in response.content.decode()
    assert ProgressReport.objects.get(pk=june.pk).status == ReportStatus.SUBMITTED


def test_api_stores_pasted_text_without_invisible_characters(world, draft, api_as):
    response = api_as(world.resp_staff).patch(
        f"{URL}{draft.pk}/",
        {
            "version": draft.version,
            "done": "完成\x00绿化\u200b。\r\n下月继续。",
            "values": [{"target": world.km.pk, "value": "20", "explanation": "\ufeff首次填报"}],
        },
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["done"] == "完成绿化。\n下月继续。"
    assert body["values"][0]["explanation"] == "首次填报"


def test_api_correction_reason_of_invisible_characters_is_blank(world, make_report, api_as):
    report = make_report(status=ReportStatus.APPROVED)
    response = api_as(world.admin).post(
        f"{URL}{report.pk}/correct/",
        {"version": report.version, "reason": "\u200b\x00", "done": "更正。"},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["reason"]


# ---------------------------------------------------------------- numbers as office staff type them


@pytest.mark.parametrize(
    ("target", "typed", "stored"),
    [
        ("km", "1,200", "1200"),
        ("km", "1，200", "1200"),
        ("km", "１２００", "1200"),
        ("km", " 1 200.5 ", "1200.5"),
        ("km", "12,345.25", "12345.25"),
        ("rate", " 60% ", "60"),
        ("rate", "60％", "60"),
        ("rate", "６０．５", "60.5"),
    ],
)
def test_page_reads_numbers_as_office_staff_type_them(world, draft, client, target, typed, stored):
    target = getattr(world, target)
    client.force_login(world.resp_staff)
    response = page_post(client, draft, world, **{f"value_{target.pk}": typed})
    assert response.status_code == 302
    assert draft.values.get(target=target).value == Decimal(stored)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("60%", "该指标的单位是“公里”，请只填写数字，不要输入 %。"),
        ("1,2", "请输入数字，例如 12.5。"),
        ("12,00", "请输入数字，例如 12.5。"),
        ("一千", "请输入数字，例如 12.5。"),
        ("12.345", "最多保留两位小数。"),
    ],
)
def test_page_refuses_numbers_it_cannot_read_with_a_chinese_message(
    world, draft, client, settings, typed, message
):
    before = state(draft, settings)
    client.force_login(world.resp_staff)
    response = page_post(client, draft, world, **{f"value_{world.km.pk}": typed})
    assert field_errors(response.content.decode(), f"value_{world.km.pk}").strip() == f"<li>{message}</li>"
    assert state(draft, settings) == before


# ---------------------------------------------------------------- what the page says before submitting


def test_upload_help_states_the_file_size_limit(world, draft, client, settings):
    settings.REPORT_ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
    client.force_login(world.resp_staff)
    html = client.get(f"/reports/{draft.pk}/edit/").content.decode()
    assert f"单个文件不超过 {filesizeformat(20 * 1024 * 1024)}。" in html
    assert "不超过上限" not in html


@pytest.mark.parametrize(
    ("period", "rule"),
    [
        ("2024-H1", "半年工作总结须上传总结文件后才能提交审核。"),
        ("2024-Y", "年度工作总结须上传总结文件后才能提交审核。"),
    ],
    ids=["half-year", "annual"],
)
def test_summary_form_says_the_file_is_needed_before_submitting(world, client, period, rule):
    # given 长春's summary draft, opened before anything was attached
    report = services.report_create(
        user=world.resp_staff, work_item=world.item, unit=world.resp, period=period
    )
    client.force_login(world.resp_staff)
    html = client.get(f"/reports/{report.pk}/edit/").content.decode()
    # then the top of the form and the file field's help both say a summary file is required
    top = re.search(r'data-testid="summary-rule">(.*?)</div>', html).group(1)
    assert top == rule
    assert html.index('data-testid="summary-rule"') < html.index('name="done"')
    help_text = re.search(r'id="id_attachments".*?<div class="form-text">(.*?)</div>', html, re.S).group(1)
    assert help_text.startswith(rule)


def test_monthly_form_does_not_ask_for_a_summary_file(world, draft, client):
    client.force_login(world.resp_staff)
    html = client.get(f"/reports/{draft.pk}/edit/").content.decode()
    assert "须上传总结文件" not in html


# ---------------------------------------------------------------- tables on a phone


def test_every_table_scrolls_sideways_rather_than_squeezing():
    # every table in the templates sits in a .table-responsive container and keeps its columns readable
    tables = {
        path.relative_to(TEMPLATES): text
        for path in TEMPLATES.rglob("*.html")
        if "<table" in (text := path.read_text())
    }
    assert tables
    for path, text in tables.items():
        for match in re.finditer(r"<table[^>]*>", text):
            assert re.search(r'<div class="table-responsive[ "][^>]*>\s*$', text[: match.start()]), path
            assert "table-nowrap" in match.group(0), path
        assert "col-text" in text, path
