"""Quantitative targets and report deadlines in a work item's text. Plain Python.

A target is a number (or a range: 2-3户, 8—10条, 2至3个) with a measure unit (公里, 万株, %, 条 …);
what it measures is the noun phrase before it (完成全省高速公路绿化单项里程3087公里 → 高速公路绿化单项
里程), or, when only a verb stands before the number, the verb and the noun after it (培育2-3户规上多式
联运企业 → 培育规上多式联运企业). In a list (…3087公里、国省干线公路绿化429公里) each name starts after
the previous figure, and a later one takes the first one's leading verb (补植乔木120.64万株、灌木130万丛
→ 补植灌木). A length in 公里 of an activity is its 里程 (国省干线公路绿化 → 国省干线公路绿化里程).

The comparator comes from the wording: 以上, 不低于, 不少于, 达, 达到, 力争…达 → at least; 以内, 以下,
不超过, 不高于 → at most; a range → between; 达到100% → exactly (a rate cannot pass 100); 左右, 约 →
approximate, a range of a tenth either side. A name that would end in a verb or a preposition (重点扶持,
加强与) takes the noun after the figure. A due date comes from the clause (6月底, 12月底前, 年底前,
上半年), else the year's end; in a plan for several years (2021—2025年, 三年行动), from the year the
clause names (到2025年), else the plan's last year."""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

# the longer first: 万标箱 before 标箱, 场次 before 场, 人次 before 人
MEASURE_UNITS = (
    "亿人次", "亿吨", "万TEU", "万标准箱", "标准箱", "万艘次", "艘次", "万平方米", "平方米", "万人次", "人次", "万人", "公里", "千米", "万株", "万丛", "万吨", "万辆", "亿元", "万元",
    "公顷", "万标箱", "标箱", "TEU", "场次", "%", "条", "户", "个", "辆", "艘", "座", "项", "家", "吨", "亩", "km",
    "名", "人", "场", "套", "次", "所", "处", "批",
)  # fmt: skip
_NUMBER = r"\d+(?:\.\d+)?"
_FIGURE = re.compile(
    rf"(?P<low>{_NUMBER})(?:\s*(?:-|—|–|~|至|到)\s*(?P<high>{_NUMBER}))?\s*(?P<unit>{'|'.join(map(re.escape, MEASURE_UNITS))})"
)
_CLAUSE_END = "，,；;。：:"
_LEADING = re.compile(
    r"^(?:、|和|及|以及|全省|全年|累计|保持|保证|确保|力争|努力|实现|完成|达到|到|在|于|\d{4}年(?:底|末)?(?:前)?|年底前?|年内"
    r"|\d{1,2}月(?:\d{1,2}日|底|末)?(?:前|以前)?|[上下]半年|前)+"
)
_TRAILING = re.compile(
    r"(?:达到|达|在|为|不低于|不少于|不超过|不高于|超过|保持在|控制在|大约|(?<![节签预合条公制契简违履集])约为?)+$"
)
# a name ending here is a fragment (重点扶持, 加强与): the noun after the figure completes it
_DANGLING = re.compile(
    r"(?:与|和|及|对|向|将|把|从|由|同|扶持|引进|培养|举办|开展|组织|支持|吸引|引导|带动|评选|表彰|选树|"
    r"遴选|认定|命名|发展|新培育|新认定|储备|招聘|录用|选派|选拔|资助|奖励|签约|节约|招标)$"
)
# a plan for several years: 2021—2025年, （2023-2025年）, 三年行动, 五年
_YEARS = re.compile(r"(\d{4})\s*(?:年)?\s*(?:-|—|–|～|~|至|到)\s*(\d{4})\s*年")
_SPAN_WORDS = {"两年": 1, "二年": 1, "三年": 2, "五年": 4}
_NAMED_YEAR = re.compile(r"(?:到|至|于|在)?(\d{4})\s*年")
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
    "举办",
    "开展",
    "引进",
    "培养",
    "扶持",
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


def plan_years(title: str, year: int) -> int:
    """The last year of a plan for several years, as its title says (2021—2025年 → 2025; 三年行动
    from `year` → year + 2); 0 for a plan of one year."""
    title = _fold(title or "")
    if (match := _YEARS.search(title)) and int(match[1]) <= year < int(match[2]) <= year + 10:
        return int(match[2])
    for words, more in _SPAN_WORDS.items():
        if f"{words}行动" in title or f"{words}计划" in title or f"{words}规划" in title:
            return year + more
    return 0


def _due(clause: str, sentence: str, year: int, last_year: int) -> dt.date:
    """A target's due date: the clause's date; in a plan for several years, in the year its sentence
    names (到2025年，新增…), else at the plan's end; in a plan of one year, else at its end."""
    if last_year:
        named = [int(y) for y in _NAMED_YEAR.findall(sentence) if year <= int(y) <= last_year]
        within = named[-1] if named else last_year
        return clause_due(clause, within) or dt.date(within, 12, 31)
    # a plan of one year that dates a target later (2026年6月底前完成…) is taken at its word
    later = [int(y) for y in _NAMED_YEAR.findall(clause) if year < int(y) <= year + 5]
    if later:
        return clause_due(clause, later[-1]) or dt.date(later[-1], 12, 31)
    return clause_due(clause, year) or dt.date(year, 12, 31)


def find_targets(body: str, *, year: int, last_year: int = 0) -> list[TargetDraft]:
    text = _fold(body)
    targets: list[TargetDraft] = []
    clause_start, previous_end, first_verb = 0, 0, ""
    for match in _FIGURE.finditer(text):
        if text[max(match.start() - 1, 0) : match.start()] == "第":
            continue  # 第3批: which one, not how many
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
        sentence_start = max(text.rfind(c, 0, match.start()) + 1 for c in "。；;")
        targets.append(
            TargetDraft(
                name=name[:120], measure_unit=unit, comparator=comparator, target_value=value, target_min=low,
                target_max=high, due_date=_due(clause, text[sentence_start:clause_end], year, last_year),
                source=text[head_start:clause_end].lstrip("、"),
            )
        )  # fmt: skip
        previous_end = match.end()
    return targets


def _name(head: str, tail: str) -> str:
    name = _TRAILING.sub("", _LEADING.sub("", head.strip())).strip()
    if name and name not in VERBS and not _DANGLING.search(name):
        return name
    noun = re.split(r"[、和及与]", tail, maxsplit=1)[0].strip()
    noun = re.sub(r"^(?:以上|以内|以下|左右)?的?", "", noun)
    noun = re.sub(r"(以上|以内|以下|左右)$", "", noun).strip()
    return f"{name}{noun}" if noun else name


# 约 ends these words without meaning "about": 节约1.5万吨 is a saving of 1.5万吨
_WORDS_WITH_YUE = (
    "节约",
    "签约",
    "预约",
    "合约",
    "条约",
    "公约",
    "制约",
    "契约",
    "简约",
    "违约",
    "履约",
    "集约",
)


def _goal(match, head: str, tail: str):
    low, high = Decimal(match["low"]), Decimal(match["high"]) if match["high"] else None
    if high is not None:
        return "range", None, min(low, high), max(low, high)
    after = tail.lstrip()
    before = head.rstrip()
    if after.startswith("左右") or (before.endswith(("约", "约为")) and not before.endswith(_WORDS_WITH_YUE)):
        # approximate: within a tenth either side
        tenth = low / 10
        return "range", None, (low - tenth).quantize(Decimal("0.01")), (low + tenth).quantize(Decimal("0.01"))
    if after.startswith(("以内", "以下")) or before.endswith(_AT_MOST_BEFORE):
        return "lte", low, None, None
    if after.startswith("以上") or before.endswith(("不低于", "不少于", "超过")):
        return "gte", low, None, None
    if match["unit"] == "%" and low == 100 and before.endswith(_AT_LEAST_BEFORE):
        return "eq", low, None, None
    return "gte", low, None, None


_SUMMARIES = re.compile(
    r"报送(?P<first>[^，,。；;]*?)(?P<half>半年)(?:工作)?总结(?:(?:及|和|、|以及)(?P<second>[^，,。；;]*?)(?P<annual>年度)(?:工作)?总结)?"
    r"|报送(?P<only>[^，,。；;]*?)(?P<annual_only>年度)(?:工作)?总结"
)
_RECIPIENT = re.compile(r"向(?P<who>[^，,。；;]+?)报送")


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
