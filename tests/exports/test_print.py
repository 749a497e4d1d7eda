"""The summary workbook as a leader prints it: rendered to PDF by LibreOffice (A4 landscape), its
text read back with pdftotext. No "###" for a date too wide for its column, every item's text whole,
the header row repeated, page numbers in the footer and the text at a readable size."""

import datetime as dt
import re
import shutil
import subprocess
from statistics import median

import pytest

from reports.choices import ReportStatus
from tasks.models import WorkItem
from tests.helpers import dated

pytestmark = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")),
    reason="LibreOffice (soffice) and poppler-utils (pdftotext) are needed to render the workbook",
)

LONG_TEXT = (
    "加快推进交通基础设施绿色化建设，统筹推进高速公路、国省干线公路和农村公路两侧绿化美化，"
    "因地制宜补植乔木和灌木，完善服务区、收费站绿化设施，强化施工期生态保护和水土保持，"
    "开展绿色公路典型示范工程建设并及时总结推广经验做法，全年完成绿化里程不少于三千公里。"
)


def render(tmp_path, content: bytes):
    book = tmp_path / "summary.xlsx"
    book.write_bytes(content)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(book)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "summary.pdf"
    # -raw: in the order LibreOffice drew the text, a cell's wrapped lines one after the other
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, check=True).stdout
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True).stdout
    return pdf, text.decode(), boxes.decode()


def test_the_summary_prints_legibly_on_a4(world, make_report, client, tmp_path):
    WorkItem.objects.filter(pk=world.item.pk).update(text=LONG_TEXT)
    done = "完成绿化里程一百五十公里。" * 6
    june = make_report(period="2024-06", status=ReportStatus.APPROVED, done=done)
    dated(june, submitted=dt.date(2024, 7, 3), approved=dt.date(2024, 7, 4))
    dated(
        make_report(unit=world.coop, period="2024-06", status=ReportStatus.SUBMITTED),
        submitted=dt.date(2024, 7, 9),
    )
    client.force_login(world.leader)
    response = client.get("/reports/export/summary.xlsx", {"year": 2024, "as_of": "2024-12-31"})
    content = b"".join(response.streaming_content) if response.streaming else response.content
    _pdf, text, boxes = render(tmp_path, content)

    assert "###" not in text
    # the item's whole text is on the page (wrapped over lines, never cut)
    flat = re.sub(r"\s+", "", text)
    assert re.sub(r"\s+", "", LONG_TEXT) in flat
    # every page carries its number and the total
    pages = text.count("\f") or 1
    numbers = re.findall(r"第 (\d+) 页，共 (\d+) 页", text)
    assert len(numbers) >= pages - 1 and numbers[0] == ("1", numbers[0][1])
    # A4 landscape pages, text about 9 pt or larger
    size = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', boxes)
    assert (round(float(size.group(1))), round(float(size.group(2)))) == (842, 595)
    heights = [
        float(m.group(2)) - float(m.group(1))
        for m in re.finditer(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">[^<]*[\u4e00-\u9fff]', boxes)
    ]
    assert median(heights) >= 8.5
    # the latest progress and its date are there, the date whole
    assert "2024-07-09" in text and "完成绿化里程一百五十公里" in flat
