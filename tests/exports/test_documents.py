"""The half-year and annual summary drafts (.docx): what they say equals what the approved reports
the test wrote give, a unit without one is written 尚未报送, the layout is GB/T 9704's (A4, margins,
fonts and sizes, "— 1 —" page numbers odd right and even left), who may draft what, and the draft
renders to PDF as a leader would print it."""

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from reports.choices import ReportStatus
from reports.models import ProgressReport
from tasks.models import Deadline
from tests import factories
from tests.helpers import dated
from tests.uploads import pdf
from units.choices import Role

URL = "/api/v1/summaries/draft.docx"
FONTS_CONF = Path(__file__).with_name("fonts.conf")


@pytest.fixture
def half_year(world, make_report):
    """By 2024-07-05: 长春 and 综规处 have June approved (长春 1200 km, 综规处 100 km; 长春 the 62 %
    rate); 吉林 submitted June (300 km) but nobody has approved it."""
    resp = make_report(
        unit=world.resp, period="2024-06", status=ReportStatus.APPROVED, values={world.km: 1200, world.rate: 62},
        done="完成高速公路绿化1200公里。", problems="部分路段苗木成活率偏低。", next_steps="秋季补植。",
    )  # fmt: skip
    lead = make_report(
        unit=world.lead, period="2024-06", status=ReportStatus.APPROVED, values={world.km: 100},
        done="统筹调度全省绿化工作。",
    )  # fmt: skip
    coop = make_report(
        unit=world.coop, period="2024-06", status=ReportStatus.SUBMITTED, values={world.km: 300}
    )
    dated(resp, submitted=dt.date(2024, 7, 2), approved=dt.date(2024, 7, 3))
    dated(lead, submitted=dt.date(2024, 7, 2), approved=dt.date(2024, 7, 4))
    dated(coop, submitted=dt.date(2024, 7, 3))
    return world


def docx_of(response) -> Document:
    assert response.status_code == 200, response.content[:300]
    assert (
        response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    return Document(io.BytesIO(b"".join(response.streaming_content)))


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]


def east_asian_font(run) -> str:
    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


def test_the_departments_half_year_draft_says_what_the_approved_reports_say(half_year, client):
    world = half_year
    client.force_login(world.leader)
    document = docx_of(client.get(URL, {"year": 2024, "half": "h1", "as_of": "2024-07-05"}))
    lines = texts(document)
    assert lines[0] == "吉林省交通运输厅2024年上半年碳达峰碳中和工作总结"
    # one part per section, the genre's numbering: 一、 for sections, （一） for items, 1. for units
    assert "一、推进交通运输绿色低碳转型" in lines and "二、强化交通建设绿色环保" in lines
    assert "（一）碳达峰碳中和工作（第3项）" in lines
    # the km target: the approved parts only (长春 1200 + 综规处 100; 吉林's 300 is not approved)
    km = 1200 + 100
    assert f"高速公路绿化里程：完成{km}公里，占年度目标的{km * 100 // 3087}%" in "\n".join(lines)
    assert "高速公路服务区快充覆盖率：完成62%，占年度目标的68%" in "\n".join(lines)  # 62 of 90 → 68 %
    # each unit's latest approved progress, and 尚未报送 where there is none
    assert "1. 厅综合规划处（2024年6月）：统筹调度全省绿化工作。" in lines
    assert "2. 长春市交通运输局（2024年6月）：完成高速公路绿化1200公里。" in lines
    assert "3. 吉林市交通运输局：尚未报送。" in lines
    # item 9 is owed by 长春 alone and nothing on it is approved
    assert "1. 长春市交通运输局：尚未报送。" in lines
    # the table of targets, the problems and next steps, the issuer and the date
    [table] = document.tables
    header, *rows = [[c.text for c in row.cells] for row in table.rows]
    assert header == ["序号", "指标", "目标", "完成", "占年度目标", "序时进度", "状态"]
    assert [r[:5] for r in rows] == [
        ["3", "高速公路绿化里程", "≥3087公里", f"{km}公里", f"{km * 100 // 3087}%"],
        ["3", "高速公路服务区快充覆盖率", "≥90%", "62%", "68%"],
    ]
    assert "1. 长春市交通运输局：部分路段苗木成活率偏低。" in lines
    assert "1. 长春市交通运输局：秋季补植。" in lines
    assert lines[-2:] == ["吉林省交通运输厅", "2024年7月5日"]


def test_a_unit_heads_draft_has_its_own_figures_and_goes_to_the_leading_group(half_year, client):
    world = half_year
    Deadline.objects.filter(pk=world.h1.pk).update(recipient="省交通运输厅碳达峰碳中和工作领导小组")
    client.force_login(world.resp_head)
    document = docx_of(client.get(URL, {"year": 2024, "as_of": "2024-07-05"}))  # no unit: their own
    lines = texts(document)
    assert lines[0] == "长春市交通运输局2024年上半年碳达峰碳中和工作总结"
    assert lines[1] == "省交通运输厅碳达峰碳中和工作领导小组："  # 主送: whom item 3's summaries go to
    # its own part of the km target, its share of the province's goal, and the rate it reports
    assert f"高速公路绿化里程：本单位完成1200公里，占全省年度目标的{1200 * 100 // 3087}%" in "\n".join(lines)
    assert not any("厅综合规划处" in line or "吉林市" in line for line in lines)
    assert lines[-2] == "长春市交通运输局"


def test_who_may_draft_what(half_year, client, api_client):
    world = half_year
    # a unit's head or staff: their own unit only
    for user in (world.resp_head, world.resp_staff):
        client.force_login(user)
        assert client.get(URL, {"year": 2024, "unit": "changchun"}).status_code == 200
        refused = client.get(URL, {"year": 2024, "unit": "jilin"}, HTTP_ACCEPT="application/json")
        assert refused.status_code == 403 and "本单位" in refused.json()["detail"]
    # leaders and administrators: the department's and any unit's
    for user in (world.leader, world.admin):
        client.force_login(user)
        assert client.get(URL, {"year": 2024, "unit": "jilin"}).status_code == 200
        assert client.get(URL, {"year": 2024}).status_code == 200
    # nobody signed in: refused
    assert api_client.get(URL, {"year": 2024}).status_code in (401, 403)


def test_bad_choices_are_named_in_chinese(world, client):
    client.force_login(world.leader)
    answer = client.get(
        URL, {"half": "q3", "unit": "nowhere", "as_of": "2024-02-30"}, HTTP_ACCEPT="application/json"
    )
    assert answer.status_code == 400
    assert answer.json() == {
        "half": ["总结类型应为 h1（上半年）或 year（年度）。"],
        "unit": ["没有这个单位（请用单位代码）。"],
        "as_of": ["2024-02-30 不是有效的日期：2024年2月没有30日。"],
    }


def test_the_layout_is_the_official_documents(half_year, client):
    client.force_login(half_year.leader)
    document = docx_of(client.get(URL, {"year": 2024, "as_of": "2024-07-05"}))
    section = document.sections[0]

    # A4, top 37 mm, left 28 mm, a 156 × 225 mm type area
    def mm(length) -> float:
        return round(length / Mm(1), 1)  # Word keeps lengths in twips: to a tenth of a millimetre

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.top_margin), mm(section.left_margin)) == (37, 28)
    assert mm(section.page_width - section.left_margin - section.right_margin) == 156
    assert mm(section.page_height - section.top_margin - section.bottom_margin) == 225
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    title = paragraphs[0]
    [body] = [p for p in paragraphs if p.text.startswith("2024年上半年，")]  # the opening paragraph
    assert (east_asian_font(title.runs[0]), title.runs[0].font.size) == ("方正小标宋简体", Pt(22))
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert (east_asian_font(body.runs[0]), body.runs[0].font.size) == ("仿宋_GB2312", Pt(16))
    assert body.paragraph_format.first_line_indent == Pt(32)  # two characters
    # 22 lines on a page: a fixed pitch of 225 mm / 22
    assert abs(body.paragraph_format.line_spacing - Mm(225 / 22)) < Mm(0.05)
    by_text = {p.text: p for p in paragraphs}
    assert east_asian_font(by_text["一、推进交通运输绿色低碳转型"].runs[0]) == "黑体"
    assert east_asian_font(by_text["（一）碳达峰碳中和工作（第3项）"].runs[0]) == "楷体_GB2312"
    # page numbers "— N —" in 4号, odd pages right and even pages left
    assert document.settings.odd_and_even_pages_header_footer
    for footer, side in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        [number] = footer.paragraphs
        assert number.alignment == side
        assert number.text.startswith("— ") and number.text.endswith(" —")
        assert "PAGE" in number._element.xml and number.runs[0].font.size == Pt(14)


def test_the_final_version_goes_back_as_the_units_summary_in_one_step(world, client):
    # a unit's staff member uploads the edited draft as the half-year summary
    client.force_login(world.resp_staff)
    page = client.get("/summaries/draft/").content.decode()
    assert 'data-testid="final-upload"' in page
    answer = client.post("/summaries/final/", {"year": 2024, "half": "h1", "file": pdf("半年总结定稿.pdf")})
    report = ProgressReport.objects.get(unit=world.resp, work_item=world.item, period="2024-H1")
    assert answer.status_code == 302 and answer["Location"] == f"/reports/{report.pk}/"
    assert report.status == ReportStatus.DRAFT and list(
        report.attachments.values_list("name", flat=True)
    ) == ["半年总结定稿.pdf"]
    # a head is told the staff upload it (the workflow: staff report, heads review)
    client.force_login(world.resp_head)
    assert 'data-testid="final-upload"' not in client.get("/summaries/draft/").content.decode()
    # a unit that owes no summary (only item 9, monthly) is told so, and nothing is written
    unit = factories.UnitFactory(code="baishan", name="白山市交通运输局", short_name="白山市")
    factories.AssignmentFactory(work_item=world.other_item, unit=unit)
    client.force_login(factories.UserFactory(username="baishan-staff", unit=unit, role=Role.UNIT_STAFF))
    answer = client.post(
        "/summaries/final/", {"year": 2024, "half": "year", "file": pdf("年度总结.pdf")}, follow=True
    )
    assert "本单位在该年度没有需要报送的工作总结。" in answer.content.decode()
    assert not ProgressReport.objects.filter(unit=unit).exists()


def test_the_command_writes_the_draft(half_year, tmp_path):
    out = tmp_path / "总结.docx"
    call_command(
        "draft_summary",
        "--year",
        "2024",
        "--half",
        "year",
        "--unit",
        "changchun",
        "--as-of",
        "2024-12-31",
        "-o",
        str(out),
    )
    assert texts(Document(out))[0] == "长春市交通运输局2024年度碳达峰碳中和工作总结"


@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")),
    reason="LibreOffice (soffice) and poppler-utils (pdftotext) are needed to render the draft",
)
def test_the_draft_prints_on_a4_with_page_numbers(half_year, client, tmp_path):
    client.force_login(half_year.leader)
    response = client.get(URL, {"year": 2024, "as_of": "2024-07-05"})
    source = tmp_path / "draft.docx"
    source.write_bytes(b"".join(response.streaming_content))
    env = {"FONTCONFIG_FILE": str(FONTS_CONF), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180, env=env,
    )  # fmt: skip
    pdf = tmp_path / "draft.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "pts (A4)" in info
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "吉林省交通运输厅2024年上半年碳达峰碳中" in text.replace(" ", "")
    for page in range(1, pages + 1):
        assert f"— {page} —" in text
