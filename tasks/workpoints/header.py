"""A plan document's header: its title, the body that issued it and its document number. Plain Python.

Text copied from a government website starts with what the page shows above the document (来源：…,
发布时间：…, 索引号：…); a document sent out by a notice has its number (吉交发〔2024〕12号) and, after
the title, the greeting line (各市（州）交通运输局：). None of them is the title. The title is the
first run of short lines that names the plan (…工作要点, …方案, …清单, …通知 …), else the first run of
short lines."""

import re
from dataclasses import dataclass

from .units import FIRST_LEADS

_ORGAN = r"[\u4e00-\u9fa5（）()〔〕]{2,40}?(?:厅|局|委员会|委|办公室|办公厅|人民政府|政府|中心|集团)"
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fa5]{1,12}\s*[〔［\[(（【]\s*\d{4}\s*[〕］\])）】]\s*\d{1,4}\s*号")
_META = re.compile(
    r"^(?:信息)?(?:来源|发布时间|发布日期|发布机构|发文机关|发文单位|发文字号|文号|索引号|成文日期|主题分类|"
    r"分类|字号|浏览次数|点击数|作者|编辑|责任编辑|有效性)\s*[:：]"
)
_ISSUER_META = re.compile(
    rf"^(?:信息来源|来源|发布机构|发文机关|发文单位)\s*[:：]\s*(?P<organ>{_ORGAN})(?:\s|$)"
)
_GREETING = re.compile(r"^[^。；]{2,120}[:：]$")
_DATE_LINE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_NOTICE = re.compile(r"^(?P<organ>.*?)关于印发\s*(?P<plan>.+?)\s*的通知$")
# (此件公开发布), （2025年3月10日厅党组会议审议通过）: beside the title, not of it
_ASIDE = re.compile(r"^[（(](?:[^）)]{0,12}|[^）)]{0,40}(?:通过|印发|发布|公布))[）)]$")
_YEAR_SPAN = re.compile(r"^[（(]\d{4}\s*[-—–~至]\s*\d{4}\s*年?[）)]$")  # a title's second line
_NOT_TITLE = re.compile(r"^附件\s*\d*\s*[:：]?$|[>＞»]|^(?:标题|名称|主题)\s*[:：]")
TITLE_WORDS = (
    "工作要点",
    "要点",
    "方案",
    "清单",
    "通知",
    "计划",
    "意见",
    "安排",
    "任务分工",
    "责任分工",
    "台账",
)
_ENDS_WITH_YEARS = re.compile(r"[（(]\d{4}\s*[-—–~至]\s*\d{4}\s*年?[）)]$")
TITLE_LINE_MAX = 80
HEADER_LINES = 40


@dataclass
class Header:
    title: str = ""
    issuer: str = ""  # 吉林省交通运输厅
    doc_number: str = ""  # 吉交发〔2024〕12号


def read_header(lines: list[str], *, first_numbered: int) -> Header:
    """The header of a document given as its lines without blanks; `first_numbered` is the index of
    the first numbered line (the title stands before it). A notice that sends the plan out (关于印发
    《…》的通知, its greeting, its signature and date) may stand above the plan's own title: the title
    is the last run of short lines before the first numbered one that names the plan."""
    header = Header()
    runs: list[list[str]] = [[]]
    for at, line in enumerate(lines[: first_numbered if first_numbered > 0 else len(lines)][:HEADER_LINES]):
        line = _without_doc_number(line, header)
        if match := _ISSUER_META.match(line):
            header.issuer = header.issuer or match["organ"]
        following = lines[at + 1] if at + 1 < len(lines) else ""
        if letterhead := re.fullmatch(f"({_ORGAN})(?:文件)?", line):
            if line.endswith("文件") or _DATE_LINE.match(following.replace(" ", "")):
                header.issuer = header.issuer or letterhead[1]
                runs.append([])
                continue
        if _YEAR_SPAN.match(line) and runs[-1]:
            runs[-1].append(line)
            continue
        if (
            not line or _META.match(line) or _GREETING.match(line) or _DATE_LINE.match(line.replace(" ", ""))
            or _ASIDE.match(line) or _NOT_TITLE.search(line) or FIRST_LEADS.search(line)
            or len(line) > TITLE_LINE_MAX or "。" in line
        ):  # fmt: skip
            runs.append([])
            continue
        runs[-1].append(line)
    runs = [run for run in runs if run]
    naming = [run for run in runs if _names_plan("".join(run))]
    chosen = naming[-1] if naming else (runs[0] if runs else [])
    title = "".join(chosen)
    if notice := _NOTICE.match(title):
        header.issuer = header.issuer or notice["organ"]
        plan = re.sub(r"\s+", "", notice["plan"])
        title = plan.strip("《》") if plan.startswith("《") else notice["organ"] + plan
    header.title = title[:200]
    header.issuer = header.issuer or _signature(lines)
    return header


def _names_plan(text: str) -> bool:
    return text.endswith(TITLE_WORDS) or bool(_ENDS_WITH_YEARS.search(text) and "方案" in text)


def _without_doc_number(line: str, header: Header) -> str:
    """The line without a document number that stands alone or begins it (朝交发〔2022〕97号关于印发…),
    the number kept as the header's."""
    found = _DOC_NUMBER.match(line)
    if found is None and (inside := _DOC_NUMBER.search(line)) and len(line) <= len(inside[0]) + 12:
        found = inside
    if found is None:
        return line
    header.doc_number = header.doc_number or re.sub(r"\s+", "", found[0])
    return (line[: found.start()] + line[found.end() :]).strip() if found.start() == 0 else ""


def _signature(lines: list[str]) -> str:
    """The organ signed above the closing date, at the document's end."""
    for at in range(len(lines) - 1, max(len(lines) - 6, 0), -1):
        if _DATE_LINE.match(lines[at].replace(" ", "")) and re.fullmatch(_ORGAN, lines[at - 1]):
            return lines[at - 1]
    return ""
