"""Quantitative targets and report deadlines in a work item's text. Plain Python.

A target is a number (or a range: 2-3户, 8—10条, 2至3个) with a measure unit (公里, 万株, %, 条 …);
what it measures is the noun phrase before it (完成全省高速公路绿化单项里程3087公里 → 高速公路绿化单项
里程), or, when only a verb stands before the number, the verb and the noun after it (培育2-3户规上多式
联运企业 → 培育规上多式联运企业). In a list (…3087公里、国省干线公路绿化429公里) each name starts after
the previous figure, and a later one takes the first one's leading verb (补植乔木120.64万株、灌木130万丛
→ 补植灌木). A length in 公里 of an activity is its 里程 (国省干线公路绿化 → 国省干线公路绿化里程).

The comparator comes from the wording: 以上, 不低于, 不少于, 达, 达到, 力争…达 → at least; 以内, 以下,
不超过, 不高于 → at most; a range → between; 达到100% → exactly (a rate cannot pass 100). A due date
comes from the clause (6月底, 12月底前, 年底前, 上半年), else the year's end."""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

MEASURE_UNITS = (
    "万平方米", "平方米", "万人次", "人次", "公里", "千米", "万株", "万丛", "万吨", "万辆", "亿元", "万元", "公顷",
    "%", "条", "户", "个", "辆", "艘", "座", "项", "家", "吨", "亩", "km",
)  # fmt: skip
_NUMBER = r"\d+(?:\.\d+)?"
_FIGURE = re.compile(
    rf"(?P<low>{_NUMBER})(?:\s*(?:-|—|–|~|至|到)\s*(?P<high>{_NUMBER}))?\s*(?P<unit>{'|'.join(map(re.escape, MEASURE_UNITS))})"
)
_CLAUSE_END = "，,；;。：:"
_LEADING = re.compile(
    r"^(?:、|和|及|以及|全省|全年|累计|保持|保证|确保|力争|努力|实现|完成|达到|到|在|于|\d{4}年(?:底|末)?(?:前)?|年底前?|年内)+"
)
_TRAILING = re.compile(r"(?:达到|达|在|为|不低于|不少于|不超过|不高于|超过|保持在|控制在)+$")
VERBS = (
    "补植",
    "新增",
    "新建",
    "改造",
    "培育",
    "打造",
    "建成",
    "建设",
    "淘汰",
    "更新",
    "推广",
    "创建",
    "完成",
    "培训",
)
_AT_LEAST_BEFORE = ("不低于", "不少于", "达到", "达", "超过")
_AT_MOST_BEFORE = ("不超过", "不高于", "不多于", "控制在")
_MONTH_END = re.compile(r"(\d{1,2})月(?:底|末)")
_DATE = re.compile(r"(\d{1,2})月(\d{1,2})日")


@dataclass
class TargetDraft:
    name: str
    measure_unit: str
    comparator: str  # gte, lte, eq, range (tasks.choices.Comparator)
    target_value: Decimal | None
    target_min: Decimal | None
    target_max: Decimal | None
    due_date: dt.date
    source: str  # the words it was read from


@dataclass
class DeadlineDraft:
    name: str
    kind: str  # half_year_summary, annual_summary (tasks.choices.DeadlineKind)
    period: str  # 2024-H1, 2024-Y
    due_date: dt.date
    recipient: str = ""


def _fold(text: str) -> str:
    """Full-width digits, signs and percent as ASCII; everything else as written."""
    return unicodedata.normalize("NFKC", text).replace("％", "%")


def clause_due(clause: str, year: int) -> dt.date | None:
    if match := _DATE.search(clause):
        month, day = int(match[1]), int(match[2])
        if 1 <= month <= 12 and 1 <= day <= 31:
            try:
                return dt.date(year, month, day)
            except ValueError:
                return None
    if match := _MONTH_END.search(clause):
        month = int(match[1])
        if 1 <= month <= 12:
            return _month_end(year, month)
    if "上半年" in clause:
        return dt.date(year, 6, 30)
    if re.search(r"年底|年末|年内|全年", clause):
        return dt.date(year, 12, 31)
    return None


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def find_targets(body: str, *, year: int) -> list[TargetDraft]:
    text = _fold(body)
    targets: list[TargetDraft] = []
    clause_start, previous_end, first_verb = 0, 0, ""
    for match in _FIGURE.finditer(text):
        start = max(text.rfind(c, 0, match.start()) + 1 for c in _CLAUSE_END)  # the clause this figure is in
        sibling = start <= previous_end and targets
        if not sibling:
            clause_start, first_verb = start, ""
        head_start = previous_end if sibling else start
        head = text[head_start : match.start()]
        clause_end = min(
            (at for c in _CLAUSE_END if (at := text.find(c, match.end())) >= 0), default=len(text)
        )
        tail = text[match.end() : clause_end]
        name = _name(head, tail)
        if not name:
            previous_end = match.end()
            continue
        if not sibling:
            first_verb = next((v for v in VERBS if name.startswith(v)), "")
        elif first_verb and not name.startswith(first_verb) and not name.startswith(VERBS):
            name = first_verb + name
        unit = "公里" if match["unit"] in ("千米", "km") else match["unit"]
        if unit == "公里" and not re.search(r"(里程|长度|路线|线路|道路|公路)$", name):
            name += "里程"
        comparator, value, low, high = _goal(match, head, tail)
        clause = text[clause_start:clause_end]
        targets.append(
            TargetDraft(
                name=name[:120], measure_unit=unit, comparator=comparator, target_value=value, target_min=low,
                target_max=high, due_date=clause_due(clause, year) or dt.date(year, 12, 31),
                source=text[head_start:clause_end].lstrip("、"),
            )
        )  # fmt: skip
        previous_end = match.end()
    return targets


def _name(head: str, tail: str) -> str:
    name = _TRAILING.sub("", _LEADING.sub("", head.strip())).strip()
    if name and name not in VERBS:
        return name
    noun = re.split(r"[、和及与]", tail, maxsplit=1)[0].strip()
    noun = re.sub(r"(以上|以内|以下|左右)$", "", noun).strip()
    return f"{name}{noun}" if noun else ""


def _goal(match, head: str, tail: str):
    low, high = Decimal(match["low"]), Decimal(match["high"]) if match["high"] else None
    if high is not None:
        return "range", None, min(low, high), max(low, high)
    after = tail.lstrip()
    before = head.rstrip()
    if after.startswith(("以内", "以下")) or before.endswith(_AT_MOST_BEFORE):
        return "lte", low, None, None
    if after.startswith("以上") or before.endswith(("不低于", "不少于", "超过")):
        return "gte", low, None, None
    if match["unit"] == "%" and low == 100 and before.endswith(_AT_LEAST_BEFORE):
        return "eq", low, None, None
    return "gte", low, None, None


_SUMMARIES = re.compile(
    r"报送(?P<first>[^，。；]*?)(?P<half>半年)(?:工作)?总结(?:(?:及|和|、|以及)(?P<second>[^，。；]*?)(?P<annual>年度)(?:工作)?总结)?"
    r"|报送(?P<only>[^，。；]*?)(?P<annual_only>年度)(?:工作)?总结"
)
_RECIPIENT = re.compile(r"向(?P<who>[^，。；]+?)报送")


def find_deadlines(body: str, *, year: int) -> list[DeadlineDraft]:
    """Half-year and annual summaries the item requires (item 3: 在6月底和12月底前分别向…报送…半年工作
    总结及年度工作总结), with their due dates in the order written, else 30 June and 31 December."""
    text = _fold(body)
    match = _SUMMARIES.search(text)
    if not match:
        return []
    sentence_start = max(text.rfind(c, 0, match.start()) + 1 for c in "。；;")
    sentence = text[sentence_start : match.end()]
    dates = [_month_end(year, int(m)) for m in _MONTH_END.findall(sentence) if 1 <= int(m) <= 12]
    recipient = (_RECIPIENT.search(sentence) or {"who": ""})["who"] if _RECIPIENT.search(sentence) else ""
    recipient = re.sub(r"^(?:分别|及时|按时)+", "", recipient).strip()
    found = []
    if match["half"]:
        prefix = match["first"].strip()
        found.append(("半年工作总结", prefix, "half_year_summary", f"{year}-H1", dt.date(year, 6, 30)))
        if match["annual"]:
            found.append(("年度工作总结", match["second"].strip() or prefix, "annual_summary", f"{year}-Y",
                          dt.date(year, 12, 31)))  # fmt: skip
    else:
        found.append(
            ("年度工作总结", match["only"].strip(), "annual_summary", f"{year}-Y", dt.date(year, 12, 31))
        )
    if len(dates) != len(found):
        dates = [default for *_rest, default in found]
    return [
        DeadlineDraft(name=f"{prefix}{label}", kind=kind, period=period, due_date=due, recipient=recipient)
        for (label, prefix, kind, period, _default), due in zip(found, dates, strict=True)
    ]
