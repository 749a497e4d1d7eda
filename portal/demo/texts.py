"""What the demo's units write: short Chinese texts from templates, varied by work item, month and unit.
An item the 2024 plan names has its own measures; any other item gets the general ones."""

import random

# measures taken on each 2024 work item, by its title (工作任务简称)
MEASURES = {
    "牢固树立生态环保红线意识": (
        "组织理论学习中心组专题学习习近平生态文明思想",
        "开展生态环保警示教育，将生态环保要求纳入干部培训内容",
        "对照生态环保红线要求梳理本单位在建项目和重点工作",
    ),
    "扛起生态环境保护责任": (
        "召开专题会议听取生态环境保护工作情况汇报",
        "将生态环境保护工作纳入年度重要议事日程，逐级压实主体责任",
        "对重点难点问题建立台账，明确责任人和完成时限",
    ),
    "全面落实“双碳”战略部署": (
        "落实碳达峰定期调度机制，按时报送调度数据",
        "梳理碳达峰碳中和年度重点任务完成情况",
        "组织开展行业能耗和碳排放统计监测",
    ),
    "重大项目前期工作生态选线": (
        "在珲春至圈河、汪清至老爷岭高速公路前期工作中开展生态选线比选",
        "对照生态保护红线核查路线方案，优化避让生态敏感区",
    ),
    "交通项目纳入控制性规划": (
        "与自然资源、生态环境等部门对接，推动拟建项目纳入国土空间规划",
        "梳理综合运输通道资源，研究高速公路与普通公路共用通道方案",
    ),
    "推进绿色公路建设": (
        "对在建重大项目开展绿色公路建设专项检查",
        "推进沿边开放旅游大通道灾害治理及生态修复工程",
        "加强设计审查把关，将绿色公路要求写入招标文件",
    ),
    "服务区节能改造与污染治理": (
        "对高速公路服务区污水、油烟设施开展排查检测",
        "推进老旧服务区供暖和照明节能改造",
        "督促服务区、客运站落实生活垃圾分类",
    ),
    "废旧材料综合利用": (
        "推进废旧沥青路面材料厂拌热再生利用",
        "在重载交通路段设计中推广橡胶粉改性沥青路面",
    ),
    "公路两侧造林绿化": (
        "组织实施公路两侧造林绿化和补植补造",
        "开展绿化苗木成活率检查和后期管护",
        "对绿化里程和补植数量逐段核实建档",
    ),
    "交能融合发展": (
        "推进服务区、收费站分布式光伏项目建设",
        "开展交通与能源融合发展应用场景调研",
    ),
    "绿色出行“续航工程”": (
        "推进高速公路服务区充电设施建设和快充桩改造",
        "会同电网企业开展充电设施运行监测",
    ),
    "高速公路噪声污染防治": (
        "对敏感路段开展交通噪声监测",
        "推进声屏障等降噪设施建设和维护",
    ),
    "绿色港航建设": (
        "推进港口岸电设施建设和使用",
        "开展航道整治工程生态保护措施检查",
    ),
    "公交优先与客运班线公交化": (
        "推进客运班线公交化改造",
        "指导各地优化城乡公交线网",
    ),
    "运输结构调整与多式联运": (
        "推进长春国际陆港多式联运示范工程创建",
        "培育规上多式联运企业，打造多式联运线路",
    ),
    "绿色低碳示范试点创建": (
        "组织绿色低碳示范试点申报和跟踪指导",
        "总结推广示范试点经验做法",
    ),
    "设备更新与新能源替代": (
        "推动城市公交、出租车新能源车辆更新",
        "推进港口作业机械和船舶新能源替代",
    ),
    "大气污染防治与I/M制度": (
        "推进机动车排放检验与维护（I/M）制度实施",
        "配合开展重型柴油货车路检路查",
    ),
    "机动车维修行业环保管理": (
        "对机动车维修企业开展环保专项检查",
        "督促维修企业规范处置废机油等危险废物",
    ),
    "公路路域环境污染防治": (
        "开展公路路域环境专项整治",
        "清理公路沿线垃圾和违规堆放物",
    ),
    "船舶污染防治": (
        "开展船舶污染物接收、转运、处置联合监管",
        "对船舶防污染设施设备开展检查",
    ),
    "适应气候变化": (
        "开展交通基础设施气候风险排查",
        "完善极端天气应急预案并组织演练",
    ),
    "绿色交通科技攻关": (
        "组织绿色交通科技项目立项和中期检查",
        "推进科研成果转化应用",
    ),
    "绿色出行宣传教育": (
        "组织开展绿色出行宣传月和公交出行宣传周活动",
        "通过政务新媒体宣传绿色交通政策",
    ),
    "绿色低碳自评估与培训": (
        "组织开展绿色低碳发展自评估",
        "举办绿色低碳业务培训班",
    ),
    "清理不相适应的法规文件": (
        "梳理与生态环境保护要求不相适应的规范性文件",
        "提出法规文件修订、废止建议",
    ),
}
GENERAL_MEASURES = (
    "对照年度工作要点细化任务清单，建立工作台账",
    "召开专题会议研究部署相关工作",
    "开展现场督导检查，及时督促整改",
    "加强与相关部门沟通协调，形成工作合力",
)
DONE_TEMPLATES = (
    "{label}，{a}；{b}。",
    "本月围绕“{title}”，{a}，同时{b}。",
    "{label}，按照工作要点要求，{a}，并{b}，各项工作有序推进。",
)
PROBLEMS_WINTER = ("冬季气温低，室外施工和现场检查受到影响。", "受春节假期影响，部分工作进度放缓。")
PROBLEMS = (
    "部分项目前期手续办理周期较长。",
    "资金保障压力较大，部分工作推进偏慢。",
    "基层专业技术人员不足。",
    "跨部门协调事项较多，推进节奏受到一定影响。",
    "暂无。",
    "暂无。",
    "暂无。",
)
NEXT_STEPS = (
    "继续按照时间节点推进各项工作。",
    "加强与相关部门沟通协调，及时解决存在问题。",
    "做好下月工作进展跟踪和数据报送。",
    "加强督导检查，确保年度任务按期完成。",
    "总结经验做法，推动工作常态化开展。",
)
RETURN_COMMENTS = (
    "工作进展表述过于笼统，请补充具体措施、数量和时间节点。",
    "指标累计值与上期报送口径不一致，请核实后重新报送。",
    "请补充相关佐证材料后重新提交。",
    "存在问题和下步计划填写不完整，请补充。",
)
LEAD_RETURN_COMMENTS = (
    "总结未对照碳达峰碳中和年度重点任务逐项说明，请补充完善后重新报送。",
    "请补充能耗和碳排放相关量化数据。",
)
APPROVE_COMMENTS = ("", "", "", "同意。", "同意报送。", "内容属实，同意。")
REVISED = "已按审核意见补充完善。"
SEE_FILE = "具体情况详见附件总结。"
DIP_EXPLANATION = "受雨季施工影响，本月再生料掺配比例下降，累计数据较上月略有回落。"


def measures(title: str) -> tuple[str, ...]:
    return MEASURES.get(title, GENERAL_MEASURES)


def two_measures(rng: random.Random, title: str) -> tuple[str, str]:
    """Two measures taken on an item: mostly its own, now and then a general one."""
    own = list(measures(title))
    first = rng.choice(own)
    others = [m for m in own if m != first]
    second = rng.choice(others) if others and rng.random() < 0.6 else rng.choice(GENERAL_MEASURES)
    return first, second


def progress_text(rng: random.Random, *, title: str, label: str, month: int, figures: str = "") -> dict:
    """工作进展, 存在问题 and 下步计划 of a routine report; `figures` is the sentence on the unit's values."""
    a, b = two_measures(rng, title)
    done = rng.choice(DONE_TEMPLATES).format(label=label, title=title, a=a, b=b)
    winter = month in (1, 2, 12) or (month == 11 and rng.random() < 0.5)
    problems = rng.choice(PROBLEMS_WINTER if winter and rng.random() < 0.6 else PROBLEMS)
    return {"done": done + figures, "problems": problems, "next_steps": rng.choice(NEXT_STEPS)}


def completed_text(rng: random.Random, *, title: str, label: str, first: bool) -> dict:
    """A unit declaring its part of an item done (本项工作已完成): in the month it finished, and after."""
    a, b = two_measures(rng, title)
    if first:
        done = f"{label}，本单位承担的“{title}”各项工作已全部完成：{a}，{b}。"
    else:
        done = f"本单位承担的“{title}”工作已完成，{label}做好成果巩固，{b}。"
    return {"done": done, "problems": "暂无。", "next_steps": "巩固工作成效，做好常态化管理。"}


def summary_text(rng: random.Random, *, title: str, label: str, unit: str) -> dict:
    """A half-year or annual summary (item 3's 碳达峰碳中和工作总结): a short text, the file says the rest."""
    a, b = rng.sample(list(measures(title)), 2)
    return {
        "done": f"{label}，{unit}{a}，{b}，各项重点任务有序推进。{SEE_FILE}",
        "problems": rng.choice(PROBLEMS),
        "next_steps": "持续推进各项重点任务，按时报送总结和调度数据。",
    }


def figures_sentence(label: str, figures: list[tuple[str, str, str, bool]]) -> str:
    """One sentence on a unit's target values, each (name, value, measure unit, whether the figure is
    the province's, 全省, or the unit's own part, 本单位): 截至2024年8月底，全省…累计完成…公里，…。"""
    parts, said = [], None
    for name, value, measure_unit, total in figures:
        whose = "全省" if total else "本单位"
        verb = "达到" if measure_unit == "%" else "累计完成"
        parts.append(f"{'' if whose == said else whose}{name}{verb}{value}{measure_unit}")
        said = whose
    return f"截至{label}底，{'，'.join(parts)}。" if parts else ""
