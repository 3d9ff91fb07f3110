#!/usr/bin/env python3
"""Synthetic corpus for the Briefing benchmark.

Generates N study reports in Briefing's own content schema (DESIGN §3) and, unless
--no-hugo, the same reports as a Hugo site with two minimal layout sets:

    OUT/content/site.yaml              title, topics (with ASCII slugs), headlines
    OUT/content/regions.yaml           40 regions (自治区 → 盟市 → 旗区 → 苏木乡镇)
    OUT/content/reports/r00001.md …    front matter (8–15 figures, 4–8 indicators) + 3–6 KB prose
    OUT/hugo/content/posts/r00001.md … the same reports for Hugo (fig:/report:/region: rewritten)
    OUT/hugo-single/                   Hugo site: single pages only (no taxonomies, RSS, sitemap)
    OUT/hugo-tax/                      Hugo site: single pages + topics and regions taxonomies

Deterministic: the same --seed and N give byte-identical files (each report has its own
random stream, so the work is spread over processes without changing the output).
Standard library only.

    python3 bench/gen_corpus.py -n 10000 --seed 6 --out /dev/shm/briefing-bench/n10000
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal, ROUND_HALF_UP, ROUND_FLOOR, getcontext

getcontext().prec = 60

# ---------------------------------------------------------------------------------------
# Vocabulary: regions, topics, figure families.

REGIONS = [  # slug, name, kind, parent
    ("imar", "内蒙古自治区", "自治区", None),
    ("hohhot", "呼和浩特市", "盟市", "imar"),
    ("baotou", "包头市", "盟市", "imar"),
    ("hulunbuir", "呼伦贝尔市", "盟市", "imar"),
    ("hinggan", "兴安盟", "盟市", "imar"),
    ("tongliao", "通辽市", "盟市", "imar"),
    ("chifeng", "赤峰市", "盟市", "imar"),
    ("xilingol", "锡林郭勒盟", "盟市", "imar"),
    ("ulanqab", "乌兰察布市", "盟市", "imar"),
    ("ordos", "鄂尔多斯市", "盟市", "imar"),
    ("bayannur", "巴彦淖尔市", "盟市", "imar"),
    ("wuhai", "乌海市", "盟市", "imar"),
    ("alxa", "阿拉善盟", "盟市", "imar"),
    ("dongsheng", "东胜区", "旗区", "ordos"),
    ("kangbashi", "康巴什区", "旗区", "ordos"),
    ("dalad", "达拉特旗", "旗区", "ordos"),
    ("jungar", "准格尔旗", "旗区", "ordos"),
    ("otog-front", "鄂托克前旗", "旗区", "ordos"),
    ("otog", "鄂托克旗", "旗区", "ordos"),
    ("hanggin", "杭锦旗", "旗区", "ordos"),
    ("uxin", "乌审旗", "旗区", "ordos"),
    ("ejin-horo", "伊金霍洛旗", "旗区", "ordos"),
    ("xincheng", "新城区", "旗区", "hohhot"),
    ("saihan", "赛罕区", "旗区", "hohhot"),
    ("kundulun", "昆都仑区", "旗区", "baotou"),
    ("hailar", "海拉尔区", "旗区", "hulunbuir"),
    ("ulanhot", "乌兰浩特市", "旗区", "hinggan"),
    ("horqin", "科尔沁区", "旗区", "tongliao"),
    ("hongshan", "红山区", "旗区", "chifeng"),
    ("xilinhot", "锡林浩特市", "旗区", "xilingol"),
    ("jining", "集宁区", "旗区", "ulanqab"),
    ("linhe", "临河区", "旗区", "bayannur"),
    ("haibowan", "海勃湾区", "旗区", "wuhai"),
    ("alxa-left", "阿拉善左旗", "旗区", "alxa"),
    ("shulinzhao", "树林召镇", "苏木乡镇", "dalad"),
    ("xuejiawan", "薛家湾镇", "苏木乡镇", "jungar"),
    ("altan-xiret", "阿勒腾席热镇", "苏木乡镇", "ejin-horo"),
    ("galutu", "嘎鲁图镇", "苏木乡镇", "uxin"),
    ("xini", "锡尼镇", "苏木乡镇", "hanggin"),
    ("aolezhaoqi", "敖勒召其镇", "苏木乡镇", "otog-front"),
]
REGION_NAME = {r[0]: r[1] for r in REGIONS}
REGION_SLUGS = [r[0] for r in REGIONS]

TOPICS = [
    ("新能源", "new-energy"), ("碳达峰碳中和", "carbon-peak-neutrality"), ("产业链", "industrial-chains"),
    ("电网", "power-grid"), ("储能", "energy-storage"), ("氢能", "hydrogen"), ("行动学习", "action-learning"),
    ("干部培训", "cadre-training"), ("重点项目", "key-projects"), ("领导包联", "leader-liaison"),
    ("营商环境", "business-environment"), ("乡村振兴", "rural-revitalisation"), ("农牧业", "farming-herding"),
    ("合作社", "cooperatives"), ("问卷调查", "surveys"), ("品牌建设", "brands"), ("人才工作", "talent-work"),
    ("人口流动", "population-mobility"), ("人才政策", "talent-policy"),
    ("创新创业", "innovation-entrepreneurship"), ("基层治理", "grassroots-governance"),
    ("市域社会治理", "municipal-governance"), ("党建引领", "party-building"), ("网格化治理", "grid-governance"),
    ("社区建设", "community-building"), ("社区治理", "community-governance"),
    ("社区工作者", "community-workers"), ("智慧治理", "smart-governance"), ("集体经济", "collective-economy"),
    ("企地共建", "enterprise-village-co-construction"), ("军民共建", "military-civilian-co-construction"),
    ("党员中心户", "party-member-households"), ("生态保护", "ecological-protection"),
    ("文化旅游", "culture-tourism"), ("数字经济", "digital-economy"), ("民生保障", "livelihood"),
]
TOPIC_NAMES = [t[0] for t in TOPICS]

# family key → (unit, decimals, (lo, hi), total label, [(component key, label)])
FAMILIES = {
    "capacity": ("万千瓦", 1, (5, 900), "新能源总装机", [
        ("pv", "光伏发电装机"), ("wind", "风电装机"), ("hydro", "水电装机"), ("biomass", "生物质发电装机"),
        ("storage", "新型储能装机"), ("h2", "制氢配套新能源装机")]),
    "generation": ("亿千瓦时", 2, (1, 120), "总发电量", [
        ("pv", "光伏发电量"), ("wind", "风电发电量"), ("coal", "煤电发电量"), ("other", "其他电源发电量")]),
    "invest": ("亿元", 2, (0.5, 300), "完成投资合计", [
        ("industry", "产业项目投资"), ("infra", "基础设施投资"), ("ecology", "生态环保投资"),
        ("livelihood", "民生项目投资"), ("digital", "数字经济投资")]),
    "funds": ("万元", 1, (20, 5000), "各类经费合计", [
        ("party", "党建工作经费"), ("service", "为民服务专项经费"), ("office", "办公经费"), ("activity", "活动经费")]),
    "pop": ("万人", 2, (0.5, 80), "常住人口合计", [
        ("urban", "城镇常住人口"), ("rural", "乡村常住人口"), ("floating", "流入人口")]),
    "talent": ("人", 0, (30, 5000), "人才总量", [
        ("high", "高层次人才"), ("skilled", "高技能人才"), ("rural", "农村牧区实用人才"),
        ("mgmt", "企业经营管理人才"), ("tech", "专业技术人才")]),
    "households": ("户", 0, (20, 3000), "覆盖农牧户合计", [
        ("coop", "入社农牧户"), ("party", "党员中心户联系户"), ("relocated", "易地搬迁户"), ("help", "结对帮扶户")]),
    "units": ("个", 0, (3, 300), "基层单元合计", [
        ("community", "城镇社区"), ("village", "嘎查村"), ("station", "便民服务站"), ("grid", "网格")]),
    "projects": ("项", 0, (2, 120), "重点项目合计", [
        ("industry", "产业类项目"), ("infra", "基础设施类项目"), ("social", "社会事业类项目"), ("ecology", "生态类项目")]),
    "firms": ("家", 0, (2, 200), "企业合计", [
        ("equipment", "装备制造企业"), ("chemical", "化工企业"), ("service", "生产性服务企业"), ("agri", "农畜产品加工企业")]),
    "land": ("万亩", 2, (0.2, 60), "土地面积合计", [
        ("crop", "耕地"), ("grass", "草原"), ("forest", "林地"), ("unused", "未利用地")]),
}
FAMILY_KEYS = list(FAMILIES)

# trend key → (label, unit, decimals, (lo, hi))
TRENDS = [
    ("output", "工业总产值", "亿元", 1, (20, 3000)),
    ("revenue", "村集体经济收入", "万元", 1, (10, 800)),
    ("gdp", "地区生产总值", "亿元", 1, (50, 6000)),
    ("tax", "税收收入", "亿元", 2, (1, 400)),
    ("members", "社区志愿者人数", "人", 0, (50, 9000)),
    ("capacity", "新能源并网装机", "万千瓦", 1, (10, 3000)),
]

RATES = [
    ("urbanization", "常住人口城镇化率"), ("coverage", "网格化服务覆盖率"), ("satisfaction", "群众满意度"),
    ("renewable_share", "可再生能源消费比重"), ("completion", "年度任务完成率"), ("broadband", "行政村宽带覆盖率"),
]

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "彦雄跃峰喜坤建国志强海燕丽华春梅晓东俊杰文博思远明辉秀英桂兰玉珍德胜永利宏伟国庆红霞金花巴特尔乌云娜日松其其格斯琴图雅"

TITLE_SUFFIXES = ["发展路径研究", "调研报告", "现状、问题与对策研究", "的实践与思考", "工作情况调查",
                  "提升路径研究", "高质量发展对策研究", "问题调研与建议"]

OPENERS = ["近年来，", "从调研情况看，", "总体上看，", "据座谈了解，", "从实地走访看，", "客观地看，",
           "与周边地区相比，", "从长远看，", "在具体工作中，", "从群众反映看，", "进入新发展阶段，", "对照上级要求，"]
SUBJECTS = ["各级党委政府", "相关职能部门", "旗区和苏木乡镇", "基层党组织", "龙头企业", "农牧民合作社",
            "社区“两委”班子", "驻村工作队", "市场主体", "行业主管部门", "各类人才", "党员干部"]
PREDICATES = ["坚持问题导向和目标导向，把{t}作为重点工作来抓", "围绕{t}持续发力，推动各项政策落地见效",
              "在{t}方面进行了有益探索，积累了一批可复制可推广的经验", "把{t}与中心工作统筹谋划、一体推进",
              "注重顶层设计与基层探索相结合，{t}的制度框架逐步完善", "主动对接国家和自治区政策，{t}的支撑条件明显改善",
              "在{t}中发挥了示范带动作用，群众的获得感不断增强", "以{t}为抓手，着力破解发展中的难点堵点",
              "对{t}的认识还不够深入，工作中存在重部署、轻落实的情况", "推进{t}的力度和节奏还不够均衡",
              "在{t}上投入的人力、财力和物力相对有限", "对{t}的考核评价机制尚不健全，激励作用发挥不充分"]
CLOSERS = ["。", "，取得了阶段性成效。", "，但与高质量发展的要求相比仍有差距。", "，形成了上下联动的工作格局。",
           "，这一点在座谈中被多次提到。", "，需要在下一步工作中重点加以解决。", "，为后续工作打下了基础。"]
PROBLEMS = ["统筹协调机制不够顺畅，部门之间信息共享不及时", "要素保障不足，用地、用能、资金等约束较为突出",
            "专业人才匮乏，基层队伍年龄结构和知识结构有待优化", "产业链条较短，精深加工和配套能力不强",
            "基础设施短板明显，部分地区网络和交通条件仍然薄弱", "政策宣传解读不到位，群众知晓率和参与度不高",
            "考核评价偏重过程，结果运用和跟踪问效不够", "资金使用效率不高，部分项目进度滞后于计划"]
SUGGESTIONS = ["强化统筹协调", "完善政策体系", "加大要素保障", "培育市场主体", "加强人才支撑", "推进数字赋能",
               "健全考核机制", "深化改革创新", "突出党建引领", "补齐基础设施短板"]
SUGGESTION_BODIES = ["建立健全由主要领导牵头、相关部门参与的协调机制，定期研究解决重大问题，形成工作合力",
                     "对照国家和自治区最新部署，梳理完善配套措施，明确责任分工和完成时限，确保政策落地",
                     "统筹用好中央、自治区和本级各类资金，创新投融资方式，引导社会资本参与",
                     "支持龙头企业做大做强，培育一批专精特新企业，提升产业集聚度和竞争力",
                     "完善引才、育才、用才、留才政策，落实人才服务保障，营造尊重人才的良好氛围",
                     "推动大数据、物联网等技术与业务深度融合，建设统一的数据平台，提升治理效能",
                     "把重点任务纳入年度实绩考核，强化结果运用，对工作不力的及时约谈提醒",
                     "鼓励基层大胆探索，及时总结推广典型经验，以改革办法破解发展难题"]


def build_filler(rng: random.Random) -> list[str]:
    """A pool of prose sentences with a `{t}` slot for the report's topic."""
    pool = []
    for _ in range(400):
        pool.append(rng.choice(OPENERS) + rng.choice(SUBJECTS) + rng.choice(PREDICATES) + rng.choice(CLOSERS))
    return pool


# ---------------------------------------------------------------------------------------
# Numbers.

def dstr(d: Decimal, decimals: int) -> str:
    q = Decimal(1).scaleb(-decimals)
    return format(d.quantize(q, rounding=ROUND_HALF_UP), "f")


def rand_value(rng: random.Random, lo: float, hi: float, decimals: int) -> Decimal:
    # Log-uniform, so small and large values both appear.
    v = lo * (hi / lo) ** rng.random()
    d = Decimal(repr(round(v, decimals))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if d <= 0:
        d = Decimal(1).scaleb(-decimals)
    return d


def rounded_stated(exact: Decimal, decimals: int) -> tuple[Decimal, int]:
    """Round `exact` to `decimals`, adding digits when it sits on the half-unit boundary."""
    while True:
        q = Decimal(1).scaleb(-decimals)
        r = exact.quantize(q, rounding=ROUND_HALF_UP)
        if abs(exact - r) * 2 < q or decimals >= 8:
            return r, decimals
        decimals += 1


def pct_str(d: Decimal, decimals: int) -> str:
    return format(d.quantize(Decimal(1).scaleb(-decimals)), "f")


# ---------------------------------------------------------------------------------------
# One report.

def rid(i: int) -> str:
    return f"r{i:05d}"


def meta(seed: int, i: int) -> dict:
    """Title, regions and topics of report i (used by the report and by links to it)."""
    rng = random.Random(f"{seed}:{i}:meta")
    regions = rng.sample(REGION_SLUGS, rng.randint(2, 5))
    topics = rng.sample(TOPIC_NAMES, rng.randint(2, 4))
    title = REGION_NAME[regions[0]] + topics[0] + rng.choice(TITLE_SUFFIXES)
    return {"regions": regions, "topics": topics, "title": title}


ANCHORS = ["一基本情况", "二主要做法与成效", "三存在的问题", "四对策建议"]


def yaml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make_report(seed: int, i: int, n: int, filler: list[str]) -> tuple[str, str, dict]:
    """Returns (Briefing markdown, Hugo markdown, stats)."""
    m = meta(seed, i)
    rng = random.Random(f"{seed}:{i}:body")
    r = rid(i)
    regions, topics, title = m["regions"], m["topics"], m["title"]
    topic = topics[0]
    year = rng.randint(2015, 2024)
    date = f"{year + 1}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

    figures: list[tuple[str, str]] = []          # (id, yaml text)
    display: dict[str, str] = {}                  # id → formatted value (for Hugo and prose)
    indicators: list[tuple[str, str]] = []

    def add_fig(fid: str, value: Decimal, unit: str, decimals: int, label: str, short: bool) -> str:
        v = dstr(value, decimals)
        if short:
            # The flow form: one line, still labelled (a figure without a label shows its id).
            u = yaml_str(unit) if unit == "%" else unit
            figures.append((fid, f"  {fid}: {{value: {v}, unit: {u}, label: {label}}}\n"))
        else:
            reg = rng.choice(regions)
            u = yaml_str(unit) if unit == "%" else unit
            figures.append((fid, f"  {fid}:\n    value: {v}\n    unit: {u}\n    label: {label}\n"
                                 f"    region: {reg}\n    year: {year}\n    where: {rng.choice('一二三四')}（{rng.choice('一二三')}）\n"))
        display[fid] = v + unit
        return v + unit

    # --- figures: 2–3 families of 2–4 components, one trend pair, 0–2 rates; 8–15 in all.
    fams = rng.sample(FAMILY_KEYS, rng.choice([2, 2, 3, 3, 3]))
    fam_parts: dict[str, list[tuple[str, str, Decimal]]] = {}
    budget = rng.randint(8, 15)
    fixed = 2  # trend pair
    nrates = rng.randint(0, 2)
    comps_room = max(budget - fixed - nrates, 2 * len(fams))
    sizes = [2] * len(fams)
    caps = [min(4, len(FAMILIES[f][4])) for f in fams]
    while sum(sizes) < comps_room:
        room = [k for k in range(len(fams)) if sizes[k] < caps[k]]
        if not room:   # every family full: make up the count with rates
            nrates = min(len(RATES), nrates + comps_room - sum(sizes))
            break
        sizes[rng.choice(room)] += 1
    for fam, size in zip(fams, sizes):
        unit, dec, (lo, hi), _, comps = FAMILIES[fam]
        parts = []
        for key, label in rng.sample(comps, size):
            fid = f"{r}.{fam}.{key}"
            v = rand_value(rng, lo, hi, dec)
            add_fig(fid, v, unit, dec, label, short=rng.random() < 0.3)
            parts.append((fid, label, v))
        fam_parts[fam] = parts
    tkey, tlabel, tunit, tdec, (tlo, thi) = rng.choice(TRENDS)
    prev = rand_value(rng, tlo, thi, tdec)
    cur = (prev * Decimal(repr(rng.uniform(0.85, 1.35)))).quantize(Decimal(1).scaleb(-tdec), rounding=ROUND_HALF_UP)
    if cur == prev:
        cur += Decimal(1).scaleb(-tdec)
    tprev, tcur = f"{r}.trend.{tkey}_prev", f"{r}.trend.{tkey}"
    add_fig(tprev, prev, tunit, tdec, f"上年{tlabel}", short=False)
    add_fig(tcur, cur, tunit, tdec, f"本年{tlabel}", short=False)
    rates = rng.sample(RATES, nrates)
    for key, label in rates:
        add_fig(f"{r}.rate.{key}", rand_value(rng, 20, 99, 1), "%", 1, label, short=rng.random() < 0.5)

    # --- indicators: totals, shares, growth, average, difference; 4–8; a few acknowledged.
    acknowledged = rng.random() < 0.25
    ack_done = False
    stated_of: dict[str, str] = {}   # indicator id → stated text when it passes (for bindings)
    totals: dict[str, Decimal] = {}

    def add_ind(iid: str, label: str, formula: str, unit: str, stated: str | None, ack_note: str | None = None,
                decimals: int | None = None):
        y = f"  {iid}:\n    label: {label}\n    formula: {formula}\n    unit: {yaml_str(unit) if unit == '%' else unit}\n"
        if decimals is not None:
            y += f"    decimals: {decimals}\n"
        if stated is not None:
            y += f"    stated: {stated}\n"
        if ack_note:
            y += f"    expect: discrepancy\n    note: {ack_note}\n"
        indicators.append((iid, y))

    for fam in fams:
        unit, dec, _, tlabel_f, _ = FAMILIES[fam]
        parts = fam_parts[fam]
        total = sum((p[2] for p in parts), Decimal(0))
        totals[fam] = total
        iid = f"{r}.total.{fam}"
        formula = f"sum({r}.{fam}.*)" if rng.random() < 0.6 else " + ".join(p[0] for p in parts)
        display[iid] = dstr(total, dec) + unit
        if acknowledged and not ack_done:
            ack_done = True
            step = Decimal(1).scaleb(-dec)
            off = step * rng.randint(3, 40) * rng.choice([-1, 1])
            if total + off <= 0:
                off = abs(off)
            wrong = total + off
            diff = dstr(abs(off), dec)
            more = "多" if off > 0 else "少"
            note = (f"分项加总为{dstr(total, dec)}{unit}，文中合计写作{dstr(wrong, dec)}{unit}，"
                    f"{more}{diff}{unit}，原文如此。")
            add_ind(iid, tlabel_f, formula, unit, f"{dstr(wrong, dec)} {unit}", note)
            continue
        style = rng.random()
        if style < 0.7 or total < 20:
            stated = f"{dstr(total, dec)} {unit}"
            stated_of[iid] = dstr(total, dec) + unit
        elif style < 0.85:
            stated = f"约 {dstr(total, 0)} {unit}"
        else:
            floor = total.quantize(Decimal(1), rounding=ROUND_FLOOR)
            floor = floor - floor % 10
            while floor >= total:
                floor -= 10
            stated = f"超过 {floor} {unit}"
        add_ind(iid, tlabel_f, formula, unit, stated)

    extras = []
    share_labels: dict[str, str] = {}
    # shares of a component in its family total
    for fam in rng.sample(fams, min(len(fams), rng.randint(1, 2))):
        fid, label, v = rng.choice(fam_parts[fam])
        exact = v / totals[fam] * 100
        extras.append(("share", fam, fid, label, exact))
    extras.append(("growth",))
    extras.append(("avg", rng.choice(fams)))
    extras.append(("diff", rng.choice(fams)))
    rng.shuffle(extras)
    target = rng.randint(4, 8)
    for ex in extras:
        if len(indicators) >= target:
            break
        kind = ex[0]
        if kind == "share":
            _, fam, fid, label, exact = ex
            iid = f"{r}.share.{fid.rsplit('.', 1)[1]}_{fam}"
            share_labels[iid] = label
            val, d = rounded_stated(exact, 1)
            display[iid] = pct_str(val, d) + "%"
            if acknowledged and not ack_done:
                ack_done = True
                wrong = val + Decimal(rng.randint(10, 40)) / 10 * rng.choice([-1, 1])
                if wrong <= 0:
                    wrong = val + Decimal(2)
                note = f"按分项计算占比为{pct_str(val, d)}%，与文中{pct_str(wrong, d)}%不一致，原文如此。"
                add_ind(iid, f"{label}占比", f"share({fid}, {r}.total.{fam})", "%", f"{pct_str(wrong, d)}%", note)
            else:
                add_ind(iid, f"{label}占比", f"share({fid}, {r}.total.{fam})", "%", f"{pct_str(val, d)}%")
                stated_of[iid] = pct_str(val, d) + "%"
        elif kind == "growth":
            iid = f"{r}.growth.{tkey}"
            exact = (cur / prev - 1) * 100
            val, d = rounded_stated(exact, 1)
            display[iid] = pct_str(val, d) + "%"
            add_ind(iid, f"{tlabel}增速", f"growth({tcur}, {tprev})", "%", f"{pct_str(val, d)}%")
            stated_of[iid] = pct_str(val, d) + "%"
        elif kind == "avg":
            fam = ex[1]
            unit, dec, _, _, _ = FAMILIES[fam]
            parts = fam_parts[fam]
            exact = totals[fam] / len(parts)
            val, d = rounded_stated(exact, dec + 1)
            iid = f"{r}.avg.{fam}"
            display[iid] = dstr(val, d) + unit
            add_ind(iid, f"各类{FAMILIES[fam][3].replace('合计', '')}平均值", f"avg({r}.{fam}.*)", unit,
                    f"{dstr(val, d)} {unit}", decimals=d)
            stated_of[iid] = dstr(val, d) + unit
        else:
            fam = ex[1]
            unit, dec, _, _, _ = FAMILIES[fam]
            (a, la, va), (b, lb, vb) = fam_parts[fam][:2]
            iid = f"{r}.diff.{fam}"
            display[iid] = dstr(va - vb, dec) + unit
            add_ind(iid, f"{la}与{lb}之差", f"{a} - {b}", unit, None, decimals=dec)

    # --- prose
    size_target = rng.randint(3000, 6000)
    t = topic

    def fill(k: int) -> list[str]:
        return [rng.choice(filler).replace("{t}", t) for _ in range(k)]

    def region_link(slug: str) -> str:
        return f"[{REGION_NAME[slug]}](region:{slug})"

    def fig_ref(fid: str) -> str:   # binding: the number as written, checked against the value
        return f"[{display[fid]}](fig:{fid})"

    def other_report() -> int:
        if n <= 1:
            return i
        j = rng.randint(1, n - 1)
        return j if j < i else j + 1

    blocks: list = []   # str (fixed text) or list (a paragraph to grow)
    paras: list[list[str]] = []

    def para(*sentences: str) -> list[str]:
        p = list(sentences)
        blocks.append(p)
        paras.append(p)
        return p

    def text(s: str):
        blocks.append(s)

    text("## 一、基本情况\n\n")
    para(f"本报告围绕{region_link(regions[0])}的{t}工作展开调研，", *fill(1))
    for fam in fams:
        unit, dec, _, tl, _ = FAMILIES[fam]
        parts = fam_parts[fam]
        total_id = f"{r}.total.{fam}"
        text(f"### （{'一二三四'[fams.index(fam)]}）{tl.replace('合计', '')}情况\n\n")
        reg = rng.choice(regions)
        if total_id in stated_of:
            lead = f"截至{year}年底，{region_link(reg)}{tl}[{stated_of[total_id]}](fig:{total_id})，分项如下："
        else:
            lead = f"截至{year}年底，{region_link(reg)}{tl}为[](fig:{total_id})（按分项计算），分项如下："
        text(lead + "\n\n")
        items = []
        for fid, label, _ in parts:
            if rng.random() < 0.7:
                items.append(f"- {label}{fig_ref(fid)}；\n")
            else:
                items.append(f"- {label}为[](fig:{fid})；\n")
        text("".join(items) + "\n")
        if f"{r}.avg.{fam}" in stated_of:
            para(f"各分项平均约为[{stated_of[f'{r}.avg.{fam}']}](fig:{r}.avg.{fam})。", *fill(1))
        for iid, label in share_labels.items():
            if iid in stated_of and iid.endswith("_" + fam):
                para(f"{label}占比为[{stated_of[iid]}](fig:{iid})。", *fill(1))
    text("## 二、主要做法与成效\n\n")
    growth_id = f"{r}.growth.{tkey}"
    g = f"增速为[{stated_of[growth_id]}](fig:{growth_id})" if growth_id in stated_of else "变化明显"
    para(f"{year}年，{tlabel}由上年的[](fig:{tprev})变为{fig_ref(tcur)}，{g}。")
    for key, label in rates:
        para(f"{label}达到{fig_ref(f'{r}.rate.{key}')}。")
    j = other_report()
    para(f"这一做法与[《{meta(seed, j)['title']}》](report:{rid(j)})介绍的经验相互印证，", *fill(1))
    text("## 三、存在的问题\n\n")
    para(*fill(1))
    text("".join(f"{k + 1}. **{p}。** {rng.choice(filler).replace('{t}', t)}\n"
                 for k, p in enumerate(rng.sample(PROBLEMS, rng.randint(2, 4)))) + "\n")
    text("## 四、对策建议\n\n")
    j = other_report()
    para(f"针对上述问题，结合[《{meta(seed, j)['title']}》](report:{rid(j)}#{rng.choice(ANCHORS)})的分析，提出以下建议。")
    for k, s in enumerate(rng.sample(SUGGESTIONS, rng.randint(2, 4))):
        text(f"### （{'一二三四五'[k]}）{s}\n\n")
        para(rng.choice(SUGGESTION_BODIES) + "。")
    if n > 2 and rng.random() < 0.5:
        j = other_report()
        para(f"另见[《{meta(seed, j)['title']}》](report:{rid(j)})。")

    # Grow paragraphs with filler until the prose reaches its target size.
    size = sum(len(b.encode()) if isinstance(b, str) else sum(len(s.encode()) for s in b) + 2 for b in blocks)
    while size < size_target:
        s = rng.choice(filler).replace("{t}", t)
        rng.choice(paras).append(s)
        size += len(s.encode())
    body = "".join(b if isinstance(b, str) else "".join(b) + "\n\n" for b in blocks)

    # --- front matter
    group = f"行动学习第{'一二三四五六七八'[rng.randrange(8)]}小组"
    writer = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
    advisors = [rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN) for _ in range(rng.randint(1, 2))]
    summary = (f"报告调研了{REGION_NAME[regions[0]]}{t}的现状，{FAMILIES[fams[0]][3]}{display[f'{r}.total.{fams[0]}']}，"
               f"梳理了存在的问题并提出对策建议。")
    fm = [f"---\ntitle: {title}\ndate: {date}\norder: {i}\ngroup: {group}\nwriter: {writer}\n"
          f"advisors: [{', '.join(advisors)}]\nsource: 《行动学习课题研究成果汇编（合成）》第{rng.randint(1, 300)}页\n"
          f"summary: {summary}\ntopics: [{', '.join(topics)}]\nregions: [{', '.join(regions)}]\nfigures:\n"]
    fm.extend(y for _, y in figures)
    fm.append("indicators:\n")
    fm.extend(y for _, y in indicators)
    fm.append("---\n\n")
    briefing_md = "".join(fm) + body

    hugo_md = (f"---\ntitle: {yaml_str(title)}\ndate: {date}\ntopics: [{', '.join(yaml_str(x) for x in topics)}]\n"
               f"regions: [{', '.join(regions)}]\nsummary: {yaml_str(summary)}\n---\n\n" + hugo_body(body, display))
    stats = {"figures": len(figures), "indicators": len(indicators), "ack": int(ack_done),
             "body_bytes": len(body.encode())}
    return briefing_md, hugo_md, stats


LINK = re.compile(r"\[([^\]]*)\]\((fig|report|region):([^)#]+)(#[^)]*)?\)")


def hugo_body(body: str, display: dict[str, str]) -> str:
    """fig: links become their text (or the value), report:/region: links plain links."""
    def sub(mt: re.Match) -> str:
        txt, scheme, target = mt.group(1), mt.group(2), mt.group(3)
        if scheme == "fig":
            return txt or display[target]
        if scheme == "report":
            return f"[{txt}](/posts/{target}/)"
        return f"[{txt}](/regions/{target}/)"
    return LINK.sub(sub, body)


# ---------------------------------------------------------------------------------------
# Site files.

def site_yaml(headlines: list[str]) -> str:
    """site.yaml: title, the topic registry, and a headline group of r00001's indicators."""
    lines = ["title: 简报基准测试合成语料\n", "subtitle: 由 bench/gen_corpus.py 生成，数字逐项核验\n",
             "base_url: https://example.org/bench/\n", "language: zh-CN\n", "publisher: Briefing benchmark\n",
             "units: {}\n", "headlines:\n", "  - title: 第一篇报告的指标\n", "    indicators:\n"]
    lines.extend(f"      - {h}\n" for h in headlines)
    lines.append("topics:\n")
    lines.extend(f"  - {{name: {name}, slug: {slug}}}\n" for name, slug in TOPICS)
    return "".join(lines)


def regions_yaml() -> str:
    out = ["# Region registry of the synthetic benchmark corpus.\n"]
    for slug, name, kind, parent in REGIONS:
        out.append(f"- slug: {slug}\n  name: {name}\n  kind: {kind}\n")
        if parent:
            out.append(f"  parent: {parent}\n")
    return "".join(out)


HUGO_SINGLE_CONFIG = """baseURL = "https://example.org/hugo-single/"
languageCode = "zh-cn"
title = "Hugo 单页基准"
contentDir = "../hugo/content"
hasCJKLanguage = true
disableKinds = ["taxonomy", "term", "section", "RSS", "sitemap", "robotsTXT", "404"]
enableRobotsTXT = false
[markup.goldmark.renderer]
unsafe = false
"""

HUGO_TAX_CONFIG = """baseURL = "https://example.org/hugo-tax/"
languageCode = "zh-cn"
title = "Hugo 分类基准"
contentDir = "../hugo/content"
hasCJKLanguage = true
disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]
[taxonomies]
topic = "topics"
region = "regions"
[markup.goldmark.renderer]
unsafe = false
"""

BASEOF = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"""

SINGLE_PLAIN = """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time>{{ .Date.Format "2006-01-02" }}</time> · {{ delimit .Params.topics "、" }}</p>
{{ .Content }}</article>{{ end }}
"""

SINGLE_TAX = """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time>{{ .Date.Format "2006-01-02" }}</time></p>
<p>主题：{{ range .GetTerms "topics" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
<p>地区：{{ range .GetTerms "regions" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
{{ .Content }}</article>{{ end }}
"""

HOME_MINIMAL = """{{ define "main" }}<h1>{{ .Site.Title }}</h1><p>{{ len .Site.RegularPages }} 篇报告</p>{{ end }}
"""

LIST_TAX = """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}</ul>{{ end }}
"""

TAXONOMY_TAX = """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}</ul>{{ end }}
"""


def write(path: str, text: str):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def write_hugo_sites(out: str):
    for name, config, single, home, extra in [
        ("hugo-single", HUGO_SINGLE_CONFIG, SINGLE_PLAIN, HOME_MINIMAL, {}),
        ("hugo-tax", HUGO_TAX_CONFIG, SINGLE_TAX, LIST_TAX,
         {"_default/list.html": LIST_TAX, "_default/taxonomy.html": TAXONOMY_TAX, "_default/term.html": LIST_TAX}),
    ]:
        d = os.path.join(out, name)
        os.makedirs(os.path.join(d, "layouts", "_default"), exist_ok=True)
        write(os.path.join(d, "config.toml"), config)
        write(os.path.join(d, "layouts", "_default", "baseof.html"), BASEOF)
        write(os.path.join(d, "layouts", "_default", "single.html"), single)
        write(os.path.join(d, "layouts", "index.html"), home)
        for rel, text in extra.items():
            write(os.path.join(d, "layouts", rel), text)


def _work(args: tuple) -> dict:
    seed, lo, hi, n, out, hugo = args
    filler = build_filler(random.Random(f"{seed}:filler"))
    rep_dir = os.path.join(out, "content", "reports")
    hugo_dir = os.path.join(out, "hugo", "content", "posts")
    totals = {"figures": 0, "indicators": 0, "ack": 0, "body_bytes": 0}
    for i in range(lo, hi):
        b, h, st = make_report(seed, i, n, filler)
        write(os.path.join(rep_dir, rid(i) + ".md"), b)
        if hugo:
            write(os.path.join(hugo_dir, rid(i) + ".md"), h)
        for k in ("figures", "indicators", "ack", "body_bytes"):
            totals[k] += st[k]
    return totals


def first_indicators(seed: int, n: int) -> list[str]:
    filler = build_filler(random.Random(f"{seed}:filler"))
    b, _, _ = make_report(seed, 1, n, filler)
    fm = b.split("\nindicators:\n", 1)[1].split("\n---\n", 1)[0]
    return re.findall(r"^  (r\d+\.[a-z0-9_.]+):$", fm, re.M)[:4]


def generate(n: int, seed: int, out: str, hugo: bool = True, jobs: int | None = None) -> dict:
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "content", "reports"))
    if hugo:
        os.makedirs(os.path.join(out, "hugo", "content", "posts"))
        write_hugo_sites(out)
    write(os.path.join(out, "content", "site.yaml"), site_yaml(first_indicators(seed, n)))
    write(os.path.join(out, "content", "regions.yaml"), regions_yaml())
    jobs = jobs or os.cpu_count() or 1
    chunk = max(50, n // (jobs * 8) + 1)
    tasks = [(seed, lo, min(lo + chunk, n + 1), n, out, hugo) for lo in range(1, n + 1, chunk)]
    totals = {"figures": 0, "indicators": 0, "ack": 0, "body_bytes": 0}
    if jobs == 1 or len(tasks) == 1:
        results = map(_work, tasks)
    else:
        pool = ProcessPoolExecutor(max_workers=jobs)
        results = pool.map(_work, tasks)
    for res in results:
        for k in totals:
            totals[k] += res[k]
    if jobs != 1 and len(tasks) != 1:
        pool.shutdown()
    totals["reports"] = n
    return totals


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--reports", type=int, default=1000, help="number of reports (default 1000)")
    ap.add_argument("--seed", type=int, default=6, help="random seed (default 6)")
    ap.add_argument("--out", required=True, help="output folder (replaced)")
    ap.add_argument("--no-hugo", action="store_true", help="only the Briefing content, no Hugo sites")
    ap.add_argument("-j", "--jobs", type=int, default=None, help="worker processes (default: all cores)")
    a = ap.parse_args(argv)
    if a.reports < 1:
        ap.error("-n must be at least 1")
    t0 = time.perf_counter()
    st = generate(a.reports, a.seed, a.out, hugo=not a.no_hugo, jobs=a.jobs)
    dt = time.perf_counter() - t0
    print(f"{a.reports} reports → {a.out} in {dt:.1f} s: {st['figures']} figures, {st['indicators']} indicators "
          f"({st['ack']} acknowledged discrepancies), prose {st['body_bytes'] / a.reports / 1024:.1f} KB/report",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
