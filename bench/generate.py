#!/usr/bin/env python3
"""Generate synthetic but realistic ecoplan activity logs for benchmarking.

    python bench/generate.py OUTDIR --regions N --years 2021-2025 --per-year K [--seed S]
    python bench/generate.py OUTDIR --single N [--years 2021-2025] [--seed S]
    … --marked       the same data as tools and hands also write it: every date quoted ("2024-03-10"), the
                     document behind `%YAML 1.2` / `---` and closed by `...` (valid YAML that ecoplan once left to
                     its positioned reader; now read on the fast path)
    … --realistic    logs as people keep them: half the activities that state amounts leave them out (a
                     measure-not-stated warning where the requirement counts 篇, 件 …), and one press conference in
                     ten names the other level's obligation (CQ-17/district in a county's log: not counted)

One log per reporting unit. The first 42 files are the bureaus of Chongqing's 42 regions (城口县生态环境局 …,
against chongqing-impl). After them, three files in four are county-level bureaus of every other province, taken
round-robin by province from the national registry (src/ecoplan_cli/regions/china.tsv, read as text) and checked
against national-2021-2025 — named by name where the country has it once, else by code (`region: 130102`); the
fourth file keeps a Chongqing name and varies the unit (城口县生态环境局-0042), a fraction of them (--schools)
school logs (`level: school`). 江北区 and 渝北区 record nothing after 2025-11-05, the day before they were abolished.

Activities follow what the bundled plans ask of each level (checked with `ecoplan show`):
  other provinces ZL10-1 网络主题宣传 yearly ({次, 篇, 件} or per obligation), ZL1-1/research once by 2022, and
                  ongoing national items (ZL1-3, ZL5-2, ZL6-2/3/4/5, ZL7-1, ZL7-2, ZL10-3 …) as filler;
  区/县 bureaus   CQ-17 press conferences (quarterly for 区, half-yearly for 县), CQ-5 研讨 (yearly),
                  CQ-79 网络主题宣传 (a multi-day campaign with {次, 篇, 件}, or split into
                  CQ-79/campaign + CQ-79/articles {篇} + CQ-79/products {件}), CQ-31 products {件},
                  CQ-42 once, and ongoing work (CQ-1/2/6/26/44/47/74/77/84/85) as filler;
  重庆市 bureau   (lead_as 市生态环境局) CQ-16 monthly + CQ-16/press-center, CQ-11 ×3, CQ-14, CQ-15,
                  CQ-22/main-event, CQ-28, CQ-31 {件}, CQ-43, CQ-65, CQ-73 ×3, CQ-A2-5 half-yearly …;
  schools         CQ-51 {课时} per school year, themed days as CQ-51 class hours too (no other row binds a school).
Roughly 8% of scheduled activities are dropped so that checks find realistic gaps.
Every file validates with `ecoplan validate`. Output is deterministic for a given seed.
Only the standard library is used (no ecoplan import), so generation costs nothing in the benchmark.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

PLAN_FIRST_YEAR, PLAN_LAST_YEAR = 2021, 2025

# (name, level, short name, web code) — the registry order of regions/chongqing.yaml.
REGIONS: list[tuple[str, str, str, str]] = [
    ("重庆市", "province", "重庆市", "sthjj.cq"),
    ("万州区", "district", "万州区", "wz"),
    ("涪陵区", "district", "涪陵区", "fl"),
    ("渝中区", "district", "渝中区", "cqyz"),
    ("大渡口区", "district", "大渡口区", "ddk"),
    ("江北区", "district", "江北区", "cqjb"),
    ("沙坪坝区", "district", "沙坪坝区", "cqspb"),
    ("九龙坡区", "district", "九龙坡区", "cqjlp"),
    ("南岸区", "district", "南岸区", "cqna"),
    ("北碚区", "district", "北碚区", "beibei"),
    ("綦江区", "district", "綦江区", "cqqj"),
    ("大足区", "district", "大足区", "dazu"),
    ("渝北区", "district", "渝北区", "ybq"),
    ("巴南区", "district", "巴南区", "cqbn"),
    ("黔江区", "district", "黔江区", "qianjiang"),
    ("长寿区", "district", "长寿区", "cqcs"),
    ("江津区", "district", "江津区", "jiangjin"),
    ("合川区", "district", "合川区", "hc"),
    ("永川区", "district", "永川区", "cqyc"),
    ("南川区", "district", "南川区", "cqnc"),
    ("璧山区", "district", "璧山区", "bishan"),
    ("铜梁区", "district", "铜梁区", "cqtl"),
    ("潼南区", "district", "潼南区", "cqstn"),
    ("荣昌区", "district", "荣昌区", "rongchang"),
    ("开州区", "district", "开州区", "cqkz"),
    ("梁平区", "district", "梁平区", "cqlp"),
    ("武隆区", "district", "武隆区", "cqwl"),
    ("城口县", "county", "城口县", "cqck"),
    ("丰都县", "county", "丰都县", "cqfd"),
    ("垫江县", "county", "垫江县", "cqdj"),
    ("忠县", "county", "忠县", "zhongxian"),
    ("云阳县", "county", "云阳县", "yunyang"),
    ("奉节县", "county", "奉节县", "cqfj"),
    ("巫山县", "county", "巫山县", "cqws"),
    ("巫溪县", "county", "巫溪县", "cqwx"),
    ("石柱土家族自治县", "county", "石柱县", "cqsz"),
    ("秀山土家族苗族自治县", "county", "秀山县", "cqxs"),
    ("酉阳土家族苗族自治县", "county", "酉阳县", "youyang"),
    ("彭水苗族土家族自治县", "county", "彭水县", "pengshui"),
    ("两江新区", "district", "两江新区", "liangjiang"),
    ("重庆高新区", "district", "重庆高新区", "cqgxq"),
    ("万盛经开区", "district", "万盛经开区", "cqws-jkq"),
]

REGISTRY = Path(__file__).resolve().parent.parent / "src" / "ecoplan_cli" / "regions" / "china.tsv"
ABOLISHED = {"江北区": dt.date(2025, 11, 5), "渝北区": dt.date(2025, 11, 5)}  # last day in force (china.tsv)


def national_regions() -> list[tuple[str, str, str, str]]:
    """(region as the log writes it, level, short name, web code) for county-level units outside Chongqing in force
    throughout the plan period, round-robin by province (code order), so that any 30 files cover every province."""
    rows = [line.split("\t") for line in REGISTRY.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith(("#", "code\t"))]  # fmt: skip
    names: dict[str, int] = {}
    for row in rows:
        names[row[1]] = names.get(row[1], 0) + 1
    by_code = {row[0]: row for row in rows}
    provinces: dict[str, list[tuple[str, str, str, str]]] = {}
    for code, name, kind, parent, start, end, *_ in rows:
        if code.endswith("00") or code[:2] in ("50", "71", "81", "82") or start or end:
            continue
        level = "district" if kind == "市辖区" else "county"
        shown = name if names[name] == 1 else code
        short = name if kind != "市辖区" else by_code[parent][1].removesuffix("市") + name
        provinces.setdefault(code[:2], []).append((shown, level, short, f"x{code}"))
    ordered, lists = [], [provinces[key] for key in sorted(provinces)]
    for index in range(max(len(units) for units in lists)):
        ordered += [units[index] for units in lists if index < len(units)]
    return ordered


NATIONAL = national_regions()

PLACES = ["社区", "学校", "企业", "机关", "农村", "家庭", "景区", "园区"]
RIVERS = ["长江", "嘉陵江", "乌江", "綦河", "任河", "大宁河", "龙河", "涪江", "御临河", "濑溪河"]
FACILITIES = ["城市污水处理厂", "生活垃圾焚烧发电厂", "环境监测站", "危险废物处置中心", "医疗废物处置中心"]
DAYS = {  # dated observances (month, day, name)
    "water": (3, 22, "世界水日"),
    "earth": (4, 22, "世界地球日"),
    "env": (6, 5, "六五环境日"),
    "bio": (5, 22, "国际生物多样性日"),
    "lei": (3, 5, "学雷锋纪念日"),
}
ORDINAL_Q = "一二三四"


@dataclass
class Act:
    day: dt.date
    tag: str
    title: str
    requirements: list[str]
    amounts: dict[str, int] = field(default_factory=dict)
    start: dt.date | None = None  # a multi-day activity: start .. day (day is the end)
    evidence: list[str] = field(default_factory=list)
    note: str | None = None


class Year:
    """Random dates inside one calendar year."""

    def __init__(self, rng: random.Random, year: int) -> None:
        self.rng, self.year = rng, year

    def day(self, first_month: int = 1, last_month: int = 12) -> dt.date:
        start = dt.date(self.year, first_month, 1)
        end = dt.date(self.year + (last_month == 12), 1 if last_month == 12 else last_month + 1, 1) - dt.timedelta(days=1)
        return start + dt.timedelta(days=self.rng.randrange((end - start).days + 1))

    def span(self, days_min: int, days_max: int, first_month: int = 1, last_month: int = 12) -> tuple[dt.date, dt.date]:
        end = self.day(first_month, last_month)
        start = max(dt.date(self.year, 1, 1), end - dt.timedelta(days=self.rng.randint(days_min, days_max)))
        return start, end


class Unit:
    def __init__(self, index: int, rng: random.Random, schools: float) -> None:
        later = index - len(REGIONS)
        self.national = later >= 0 and later % 4 != 3
        if self.national:
            name, level, short, code = NATIONAL[(later - later // 4) % len(NATIONAL)]
            self.region, self.short, self.code, self.index = name, short, code, index
            self.school, self.level = False, level
            self.unit = f"{short}生态环境局" if level == "county" else f"{short}生态环境分局"
            return
        name, level, short, code = REGIONS[index % len(REGIONS)]
        cycle = index // len(REGIONS)
        self.region, self.short, self.code, self.index = name, short, code, index
        self.school = cycle > 0 and level != "province" and rng.random() < schools
        if self.school:
            self.level = "school"
            self.unit = f"{short}第{cycle}中学" if cycle < 10 else f"{short}实验学校-{index:04d}"
        else:
            self.level = level
            bureau = f"{name}生态环境局"
            self.unit = bureau if cycle == 0 else f"{bureau}-{index:04d}"

    def url(self, day: dt.date, kind: str, n: int) -> str:
        return f"https://www.{self.code}.gov.cn/zwgk/{kind}/{day:%Y%m}/t{day:%Y%m%d}_{self.index:04d}{n:03d}.html"


# --------------------------------------------------------------------------- activities by level


def county_scheduled(u: Unit, y: Year, rng: random.Random) -> list[Act]:
    """What a 区/县 bureau is asked for each year."""
    year = y.year
    acts: list[Act] = []
    if u.level == "district":
        for q in range(4):
            day = y.day(3 * q + 1, 3 * q + 3)
            kind = rng.choice(["新闻发布会", "媒体通气会"])
            acts.append(Act(day, f"fbh-q{q + 1}", f"{u.short}{year}年第{ORDINAL_Q[q]}季度生态环境{kind}", ["CQ-17"]))
    else:
        for h, (m1, m2, half) in enumerate([(1, 6, "上半年"), (7, 12, "下半年")]):
            day = y.day(m1, m2)
            acts.append(Act(day, f"fbh-h{h + 1}", f"{year}年{u.short}生态环境新闻发布会（{half}）", ["CQ-17"]))
    for act in acts:
        act.evidence = [u.url(act.day, "xwfb", 1)]
    acts.append(
        Act(
            y.day(3, 11),
            "yt",
            rng.choice(
                [
                    "学习贯彻习近平生态文明思想专题研讨会",
                    "习近平生态文明思想专题研讨交流会",
                    "理论学习中心组习近平生态文明思想专题研讨",
                ]
            ),
            rng.choice([["CQ-5"], ["CQ-5", "CQ-1"]]),
        )
    )
    if rng.random() < 0.6:  # one campaign record with all three counting words
        start, end = dt.date(year, 5, rng.randint(15, 25)), dt.date(year, 6, rng.randint(5, 20))
        acts.append(
            Act(
                end,
                "wl",
                f"{year}年“六五”网络主题宣传",
                ["CQ-79"],
                {"次": 1, "篇": rng.randint(8, 16), "件": rng.randint(1, 3)},
                start=start,
                note="系列原创稿件与原创宣传品随活动发布" if rng.random() < 0.5 else None,
            )
        )
    else:  # recorded per obligation
        start, end = y.span(10, 30, 4, 10)
        acts.append(Act(end, "wl", f"“美丽{u.short}”网络主题宣传活动", ["CQ-79/campaign"], start=start))
        acts.append(
            Act(
                y.day(11, 12),
                "wl-gj",
                "全年原创稿件与宣传品汇总",
                ["CQ-79/articles", "CQ-79/products"],
                {"篇": rng.randint(9, 18), "件": rng.randint(1, 3)},
            )
        )
    acts.append(
        Act(
            y.day(),
            "wh",
            rng.choice(
                [
                    f"生态文化宣传片《山水{u.short[:2]}》",
                    f"原创生态文化作品《{rng.choice(RIVERS)}之歌》",
                    "生态环境保护主题快板、情景剧",
                    f"《{rng.choice(RIVERS)}畔》生态文化宣传短片",
                ]
            ),
            ["CQ-31"],
            {"件": rng.randint(1, 2)},
        )
    )
    if year == PLAN_FIRST_YEAR:  # CQ-42 is due by 2021-12-31
        acts.append(Act(y.day(7, 11), "zyfw-fa", f"{u.short}生态环境志愿服务工作方案印发", ["CQ-42"]))
    if year == PLAN_FIRST_YEAR + 2 and rng.random() < 0.5:
        day = y.day(6, 12)
        acts.append(Act(day, "cg", f"{u.short}生态文明教育馆建成开放", ["CQ-60"], {"个": 1}, evidence=[u.url(day, "tpxw", 2)]))
    return acts


def county_filler(u: Unit, y: Year, rng: random.Random) -> Act:
    kind = rng.choices(
        ["volunteer", "lecture", "practice", "facility", "newmedia", "articles", "products", "training", "study", "fund", "day"],
        weights=[16, 14, 12, 8, 12, 10, 6, 8, 6, 2, 6],
    )[0]
    place = rng.choice(PLACES)
    river = rng.choice(RIVERS)
    if kind == "volunteer":
        month, dd, name = rng.choice([DAYS["lei"], DAYS["water"], DAYS["earth"]]) if rng.random() < 0.3 else (0, 0, "")
        title = (
            f"{name}生态环保志愿服务"
            if name
            else rng.choice(
                [
                    f"“河小青”{river}巡河护河志愿服务",
                    "垃圾分类进小区志愿宣传",
                    f"{river}岸线清漂志愿服务行动",
                    "“绿色出行”志愿引导活动",
                    "生态环保志愿者进社区服务",
                ]
            )
        )
        day = dt.date(y.year, month, dd) if name else y.day()
        return Act(day, "zyfw", title, rng.choice([["CQ-44", "CQ-47"], ["CQ-47"], ["CQ-44"]]))
    if kind == "lecture":
        if rng.random() < 0.25:
            start, end = y.span(3, 6)
            return Act(
                end,
                "xj",
                f"习近平生态文明思想宣讲周（{place}场次）",
                ["CQ-6", "CQ-26"],
                start=start,
                evidence=[u.url(end, "gzdt", 3)],
            )
        return Act(y.day(), "xj", f"习近平生态文明思想进{place}宣讲", rng.choice([["CQ-6"], ["CQ-6", "CQ-26"]]))
    if kind == "practice":
        return Act(
            y.day(),
            "sj",
            rng.choice(
                [
                    "“美丽中国，我是行动者”主题实践活动",
                    f"“美丽{u.short[:2]}，我是行动者”{place}行动",
                    "生态文明宣传“五进”活动",
                    "低碳生活进家庭主题实践",
                ]
            ),
            ["CQ-26"],
        )
    if kind == "facility":
        return Act(
            y.day(),
            "kf",
            f"环保设施向公众开放（{rng.choice(FACILITIES)}）",
            ["CQ-74"],
            evidence=[u.url(y.day(), "gzdt", 4)] if rng.random() < 0.5 else [],
        )
    if kind == "newmedia":
        return Act(
            y.day(),
            "xmt",
            rng.choice(["“两微一端”生态环境专题推送", "政务微博生态环境话题互动", "政务抖音号生态科普短视频更新"]),
            ["CQ-77"],
            {"篇": rng.randint(2, 12)},
        )
    if kind == "articles":
        return Act(y.day(), "gj", f"{river}保护系列原创稿件", ["CQ-79/articles", "CQ-77"], {"篇": rng.randint(1, 5)})
    if kind == "products":
        return Act(
            y.day(),
            "xcp",
            rng.choice(["原创生态环境宣传海报", "原创生态环保科普动漫", "原创公益宣传短视频"]),
            ["CQ-79/products", "CQ-31"],
            {"件": rng.randint(1, 2)},
        )
    if kind == "training":
        start, end = y.span(1, 3)
        return Act(end, "px", "生态环境宣传教育能力培训班", ["CQ-85"], {"课时": rng.choice([4, 8, 12, 16])}, start=start)
    if kind == "study":
        return Act(
            y.day(),
            "xx",
            rng.choice(["理论学习中心组专题学习", "党组会专题学习习近平生态文明思想"]),
            rng.choice([["CQ-1"], ["CQ-2"], ["CQ-1", "CQ-2"]]),
        )
    if kind == "fund":
        return Act(y.day(1, 4), "jf", f"{y.year}年生态文明宣传教育专项经费安排", ["CQ-84"])
    month, dd, name = rng.choice([DAYS["env"], DAYS["bio"], DAYS["earth"]])
    return Act(
        dt.date(y.year, month, dd),
        "zt",
        f"{name}主题宣传活动（{u.short}分会场）",
        ["CQ-26", "CQ-6"],
        evidence=[u.url(dt.date(y.year, month, dd), "tpxw", 5)],
    )


def city_scheduled(u: Unit, y: Year, rng: random.Random) -> list[Act]:
    """What 重庆市生态环境局 leads each year (its log names lead_as 市生态环境局)."""
    year = y.year
    acts = []
    for m in range(1, 13):
        day = y.day(m, m)
        acts.append(Act(day, f"fbh-{m:02d}", f"{year}年{m}月例行新闻发布会", ["CQ-16"], evidence=[u.url(day, "xwfb", m)]))
    acts.append(
        Act(dt.date(year, 6, rng.randint(1, 4)), "fbzx", "六五环境日新闻发布会（市新闻发布中心）", ["CQ-16/press-center"])
    )
    acts.append(Act(dt.date(year, 6, 5), "zcc", f"{year}年六五环境日重庆市主场活动", ["CQ-22"]))
    acts.append(Act(y.day(3, 11), "yt", "习近平生态文明思想研讨会", ["CQ-5"]))
    for i in range(3):
        acts.append(Act(y.day(4 * i + 1, 4 * i + 4), f"al-{i + 1}", f"典型实践案例宣传交流活动（第{i + 1}场）", ["CQ-11"]))
        acts.append(Act(y.day(4 * i + 1, 4 * i + 4), f"shzz-{i + 1}", f"环保社会组织能力培训（第{i + 1}期）", ["CQ-73"]))
    start, end = y.span(3, 8, 6, 10)
    acts.append(Act(end, "cf", "“走进一线”行进式采访", ["CQ-14"], start=start))
    acts.append(Act(y.day(9, 12), "zt", "生态环境新闻宣传座谈会", ["CQ-15"]))
    acts.append(Act(y.day(4, 9), "pp", "“渝见长江”特色品牌主题宣传", ["CQ-28"]))
    for i in range(3):
        acts.append(Act(y.day(), f"wh-{i + 1}", f"生态文化精品《{rng.choice(RIVERS)}》", ["CQ-31"], {"件": rng.randint(1, 2)}))
    acts.append(Act(y.day(3, 10), "zypx", "生态环境志愿者培训", ["CQ-43"]))
    acts.append(Act(y.day(3, 10), "qypx", "企业环境信息依法披露培训", ["CQ-65"]))
    acts.append(Act(y.day(1, 6), "lx-1", "生态文明宣传教育联席会议（上半年）", ["CQ-A2-5"]))
    acts.append(Act(y.day(7, 12), "lx-2", "生态文明宣传教育联席会议（下半年）", ["CQ-A2-5"]))
    return acts


def city_filler(u: Unit, y: Year, rng: random.Random) -> Act:
    choice = rng.randrange(7)
    if choice == 0:
        return Act(y.day(), "xw", "主流媒体生态环境专题报道", ["CQ-13"], {"篇": rng.randint(1, 6)})
    if choice == 1:
        return Act(y.day(), "wj", f"生态文化进{rng.choice(PLACES)}“六讲”活动", ["CQ-32"])
    if choice == 2:
        return Act(y.day(), "lt", "绿色生活方式宣传倡导", ["CQ-39", "CQ-26"])
    if choice == 3:
        return Act(y.day(), "zy", f"“河小青”{rng.choice(RIVERS)}志愿服务项目", ["CQ-45"])
    if choice == 4:
        start, end = y.span(2, 5)
        return Act(end, "sj", "生态环境社会教育讲座", ["CQ-57"], {"课时": rng.choice([2, 4, 6])}, start=start)
    if choice == 5:
        return Act(y.day(), "xmt", "“重庆生态环境”政务新媒体专题推送", ["CQ-76"], {"篇": rng.randint(2, 10)})
    return Act(y.day(), "wx", "网络正能量生态环境作品征集", ["CQ-80", "CQ-81"], {"件": rng.randint(1, 5)})


def school_scheduled(u: Unit, y: Year, rng: random.Random) -> list[Act]:
    acts = []
    for month in (3, 5, 10, 12):
        acts.append(Act(y.day(month, month), f"kc-{month:02d}", "生态文明专题教育课", ["CQ-51"], {"课时": rng.choice([2, 3, 4])}))
    return acts


def school_filler(u: Unit, y: Year, rng: random.Random) -> Act:
    if rng.random() < 0.6:
        return Act(
            y.day(),
            "kc",
            rng.choice(["生态文明专题教育课", "垃圾分类主题班会", "节水节电主题教育课"]),
            ["CQ-51"],
            {"课时": rng.choice([1, 2])},
        )
    month, dd, name = rng.choice(list(DAYS.values()))
    # a school is bound by CQ-51 alone (CQ-26's 各级各部门 are government bodies): its themed days are class hours
    return Act(dt.date(y.year, month, dd), "zt", f"{name}校园主题实践活动", ["CQ-51"], {"课时": 1})


NATIONAL_FILLER = [  # (requirement, titles): ongoing national items that bind every level
    ("ZL1-3", ["习近平生态文明思想学习宣传实践效果评估", "生态文明宣传教育成效问卷调查"]),
    ("ZL5-2", ["绿色出行宣传进社区", "“光盘行动”倡议活动", "垃圾分类绿色生活宣传周"]),
    ("ZL6-2", ["生态环境志愿服务队伍培训", "基层环保志愿者招募"]),
    ("ZL6-3", ["“河小青”护河志愿服务", "生态环保志愿服务项目进校园"]),
    ("ZL6-4", ["志愿服务信息平台更新", "环保志愿服务站点建设"]),
    ("ZL6-5", ["最美生态环保志愿者推选宣传", "优秀环保志愿服务案例宣传"]),
    ("ZL7-1", ["六五环境日群众参与活动", "六五环境日主题宣传进社区"]),
    ("ZL7-2", ["“美丽中国，我是行动者”主题实践活动", "“美丽中国，我是行动者”进企业"]),
    ("ZL10-3", ["生态环境政务新媒体矩阵建设", "网络宣教阵地内容更新"]),
]


def national_scheduled(u: Unit, y: Year, rng: random.Random) -> list[Act]:
    """What a county-level bureau outside Chongqing is asked by the national plan each year."""
    year = y.year
    acts: list[Act] = []
    if rng.random() < 0.6:
        start, end = dt.date(year, 5, rng.randint(15, 25)), dt.date(year, 6, rng.randint(5, 20))
        acts.append(
            Act(
                end,
                "wl",
                f"{year}年“六五”网络主题宣传",
                ["ZL10-1"],
                {"次": 1, "篇": rng.randint(8, 16), "件": rng.randint(1, 3)},
                start=start,
            )
        )
    else:
        start, end = y.span(10, 30, 4, 10)
        acts.append(Act(end, "wl", f"“美丽{u.short}”网络主题宣传活动", ["ZL10-1/campaign"], start=start))
        acts.append(
            Act(
                y.day(11, 12),
                "wl-gj",
                "全年原创稿件与宣传品汇总",
                ["ZL10-1/articles", "ZL10-1/products"],
                {"篇": rng.randint(9, 18), "件": rng.randint(1, 3)},
            )
        )
    if year == PLAN_FIRST_YEAR + 1:
        acts.append(Act(y.day(3, 11), "yj", f"{u.short}公民生态环境行为调查研究", ["ZL1-1/research"]))
    return acts


def national_filler(u: Unit, y: Year, rng: random.Random) -> Act:
    requirement, titles = rng.choice(NATIONAL_FILLER)
    return Act(y.day(), requirement.lower(), f"{u.short}{rng.choice(titles)}", [requirement])


# --------------------------------------------------------------------------- writing


def activities_for(u: Unit, year: int, per_year: int, rng: random.Random) -> list[Act]:
    y = Year(rng, year)
    if u.level == "province":
        scheduled, filler = city_scheduled(u, y, rng), city_filler
    elif u.level == "school":
        scheduled, filler = school_scheduled(u, y, rng), school_filler
    elif u.national:
        scheduled, filler = national_scheduled(u, y, rng), national_filler
    else:
        scheduled, filler = county_scheduled(u, y, rng), county_filler
    scheduled = [a for a in scheduled if rng.random() >= 0.08]  # realistic gaps
    if len(scheduled) > per_year:
        scheduled = rng.sample(scheduled, per_year)
    acts = scheduled + [filler(u, y, rng) for _ in range(per_year - len(scheduled))]
    last = ABOLISHED.get(u.region)
    for act in acts if last is not None and year == last.year else ():  # nothing after the region was abolished
        if act.day > last:
            act.day = last - dt.timedelta(days=rng.randrange(30))
            act.start = None
    for act in acts:
        if not act.evidence and rng.random() < 0.25:
            act.evidence = [u.url(act.day, "gzdt", rng.randrange(1000))]
        if act.evidence and rng.random() < 0.15:
            act.evidence.append(u.url(act.day, "tpxw", rng.randrange(1000)))
    acts.sort(key=lambda a: (a.day, a.tag))
    return acts


# Quoted dates (a string in YAML 1.2, a date to the models) and document markers: the same data once validated.
MARKED_HEADER = ["%YAML 1.2", "---"]
MARKED_END = "...\n"


def dated(day: str, marked: bool) -> str:
    return f'"{day}"' if marked else day


def make_realistic(u: Unit, act: Act, rng: random.Random) -> None:
    """Leave out amounts half the time; name the other level's CQ-17 obligation one time in ten."""
    if act.amounts and rng.random() < 0.5:
        act.amounts = {}
    if u.level in ("county", "district") and act.requirements == ["CQ-17"] and rng.random() < 0.1:
        act.requirements = ["CQ-17/" + ("district" if u.level == "county" else "county")]


def render(
    u: Unit, years: list[int], per_year: int, rng: random.Random, marked: bool = False, realistic: bool = False
) -> tuple[str, int]:
    out = [
        "# yaml-language-server: $schema=../schema/activity-log.schema.json",
        f"# synthetic benchmark log (bench/generate.py): {u.unit}, {years[0]}–{years[-1]}",
        *(MARKED_HEADER if marked else []),
        f"plans: [{'national-2021-2025' if u.national else 'chongqing-impl'}]",
        f"unit: {u.unit}",
        f"region: {u.region}",
    ]
    if u.level == "school":
        out.append("level: school")
    if u.level == "province":
        out.append("lead_as: [市生态环境局, 重庆市生态环境局]")
    out.append("activities:")
    count = 0
    for year in years:
        for seq, act in enumerate(activities_for(u, year, per_year, rng), start=1):
            if realistic:
                make_realistic(u, act, rng)
            out.append(f"  - id: {year}-{seq:04d}-{act.tag}")
            if act.start is not None and act.start < act.day:
                out.append(f"    start: {dated(act.start.isoformat(), marked)}")
                out.append(f"    end: {dated(act.day.isoformat(), marked)}")
            else:
                out.append(f"    date: {dated(act.day.isoformat(), marked)}")
            out.append(f"    title: {act.title}")
            out.append(f"    requirements: [{', '.join(act.requirements)}]")
            if act.amounts:
                out.append("    amounts: {" + ", ".join(f"{k}: {v}" for k, v in act.amounts.items()) + "}")
            if act.evidence:
                out.append("    evidence: [" + ", ".join(f'"{e}"' for e in act.evidence) + "]")
            if act.note:
                out.append(f"    note: {act.note}")
            count += 1
    return "\n".join(out) + "\n" + (MARKED_END if marked else ""), count


def parse_years(text: str) -> list[int]:
    first, _, last = text.partition("-")
    years = list(range(int(first), int(last or first) + 1))
    if not years or years[0] < PLAN_FIRST_YEAR or years[-1] > PLAN_LAST_YEAR:
        raise argparse.ArgumentTypeError(f"years must lie inside the plan period {PLAN_FIRST_YEAR}-{PLAN_LAST_YEAR}")
    return years


def generate(
    outdir: Path,
    regions: int,
    years: list[int],
    per_year: int,
    seed: int = 1,
    schools: float = 0.1,
    marked: bool = False,
    realistic: bool = False,
) -> tuple[list[Path], int]:
    """Write `regions` logs into outdir; returns the paths and the number of activities."""
    outdir.mkdir(parents=True, exist_ok=True)
    paths, total = [], 0
    for index in range(regions):
        rng = random.Random(f"{seed}:{index}")  # per-file stream: file i is the same whatever N is
        unit = Unit(index, rng, schools)
        text, count = render(unit, years, per_year, rng, marked, realistic)
        path = outdir / f"{index:04d}-{unit.short}{'-school' if unit.school else ''}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        total += count
    return paths, total


def generate_single(
    outdir: Path,
    activities: int,
    years: list[int],
    seed: int = 1,
    region_index: int = 27,
    marked: bool = False,
    realistic: bool = False,
) -> tuple[Path, int]:
    """One big log (default 城口县) with about `activities` activities spread over the years."""
    outdir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{seed}:single")
    unit = Unit(region_index, rng, 0.0)
    per_year = -(-activities // len(years))
    text, count = render(unit, years, per_year, rng, marked, realistic)
    if count > activities:  # trim whole records from the end
        lines = text.splitlines(keepends=True)
        starts = [i for i, line in enumerate(lines) if line.startswith("  - id: ")]
        text = "".join(lines[: starts[activities]])
        count = activities
    path = outdir / f"single-{activities}.yaml"
    path.write_text(text, encoding="utf-8")
    return path, count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--regions", type=int, default=42, help="number of log files (units): Chongqing's 42, then others")
    parser.add_argument("--years", type=parse_years, default=parse_years("2021-2025"), help="e.g. 2021-2025")
    parser.add_argument("--per-year", type=int, default=40, help="activities per unit per year")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--schools", type=float, default=0.1, help="share of school logs after the first 42 files")
    parser.add_argument("--single", type=int, metavar="N", help="write one big file with N activities instead")
    parser.add_argument(
        "--marked", action="store_true", help="quote every date and add %%YAML 1.2 / --- / ... (the same data once validated)"
    )
    parser.add_argument(
        "--realistic",
        action="store_true",
        help="half the amounts left out, some CQ-17 under the other level (warnings, not counted)",
    )
    args = parser.parse_args(argv)
    if args.single:
        path, count = generate_single(
            args.outdir, args.single, args.years, args.seed, marked=args.marked, realistic=args.realistic
        )
        print(f"{path}: {count} activities")
        return 0
    paths, total = generate(
        args.outdir, args.regions, args.years, args.per_year, args.seed, args.schools, args.marked, args.realistic
    )
    print(f"{len(paths)} files, {total} activities in {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
