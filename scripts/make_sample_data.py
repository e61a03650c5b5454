#!/usr/bin/env python3
"""Generate data/sample-dataset.json: synthetic sample data (示例数据) for all 42 indicators.

    python3 scripts/make_sample_data.py            # writes data/sample-dataset.json
    python3 scripts/make_sample_data.py --check    # regenerates in memory, fails if the file differs

Standard library only and deterministic (random.Random(2023)): running it twice gives the same
bytes. Every name, number and case is invented; the data exist so that a first-time user sees the
whole plan computed. Working-time cases are built on the real PRC calendar
(data/prc-calendar-2004-2026.csv) with office hours 09:00–12:00 and 14:00–18:00 (7 h = 1 working
day): a case meant to be late is late on that calendar, and one meant to sit on the target does so
to the minute. Clock-stop periods (stops) are excluded, as the engine excludes them.
"""

import csv
import datetime as dt
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "data" / "catalog-qujing-2023.json"
CALENDAR_CSV = ROOT / "data" / "prc-calendar-2004-2026.csv"
OUT = ROOT / "data" / "sample-dataset.json"

AS_OF = dt.datetime(2023, 12, 29, 17, 0)
AS_OF_TEXT = "2023-12-29 17:00"
LAST_CLOSED_DATE = dt.date(2023, 12, 28)  # a date-only end means the end of that day; keep it before asOf

COUNTIES = ["麒麟区", "沾益区", "马龙区", "宣威市", "陆良县", "师宗县", "罗平县", "富源县", "会泽县", "曲靖经开区"]
MONTHS = [7, 8, 9, 10, 11, 12]

rng = random.Random(2023)

# ---------------------------------------------------------------------------------------------
# Working time on the PRC calendar
# ---------------------------------------------------------------------------------------------

HOLIDAYS, WORKDAYS = set(), set()
with open(CALENDAR_CSV, encoding="utf-8") as f:
    for row in csv.DictReader(f):
        d = dt.date.fromisoformat(row["date"])
        (HOLIDAYS if row["kind"] == "holiday" else WORKDAYS).add(d)

SESSIONS = [(9 * 60, 12 * 60), (14 * 60, 18 * 60)]  # minutes after midnight
DAY_MINUTES = sum(b - a for a, b in SESSIONS)  # 420 = 1 working day


def is_working_day(d):
    if d in WORKDAYS:
        return True
    if d in HOLIDAYS:
        return False
    return d.weekday() < 5


def at(d, minute):
    return dt.datetime(d.year, d.month, d.day) + dt.timedelta(minutes=minute)


def day_sessions(d):
    return [(at(d, a), at(d, b)) for a, b in SESSIONS] if is_working_day(d) else []


def subtract(piece, stops):
    """The parts of interval `piece` outside every stop (stops sorted, non-overlapping)."""
    out, (s, e) = [], piece
    for a, b in stops:
        if b <= s or a >= e:
            continue
        if a > s:
            out.append((s, a))
        s = max(s, b)
        if s >= e:
            break
    if s < e:
        out.append((s, e))
    return out


def merged(stops):
    out = []
    for a, b in sorted(stops):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def minutes(a, b):
    return int((b - a).total_seconds() // 60)


def elapsed_working(start, end, stops=()):
    """Working minutes in [start, end) less the stops."""
    stops, total, d = merged(stops), 0, start.date()
    while d <= end.date():
        for s, e in day_sessions(d):
            s, e = max(s, start), min(e, end)
            if s < e:
                total += sum(minutes(p, q) for p, q in subtract((s, e), stops))
        d += dt.timedelta(days=1)
    return total


def add_working(start, work_minutes, stops=()):
    """The earliest instant by which `work_minutes` of working time have run from `start`, stops
    excluded; landing exactly on a session's end gives that end (as the engine's deadline does)."""
    if work_minutes == 0:
        return start
    stops, left, d = merged(stops), work_minutes, start.date()
    while True:
        for s, e in day_sessions(d):
            s = max(s, start)
            if s >= e:
                continue
            for p, q in subtract((s, e), stops):
                n = minutes(p, q)
                if left <= n:
                    return p + dt.timedelta(minutes=left)
                left -= n
        d += dt.timedelta(days=1)


def next_working_day(d):
    while not is_working_day(d):
        d += dt.timedelta(days=1)
    return d


def office_time(d, late_ok=True):
    """A random minute inside office hours on date d (09:00–11:50 or 14:00–17:30)."""
    if rng.random() < 0.55:
        return at(d, 9 * 60 + rng.randint(0, 170))
    return at(d, 14 * 60 + rng.randint(0, 210 if late_ok else 120))


def fmt_dt(x):
    return x.strftime("%Y-%m-%d %H:%M")


def parse_dt(s):
    return dt.datetime.strptime(s, "%Y-%m-%d %H:%M")


def random_date_in_month(month, lo=1, hi=None):
    last = (dt.date(2023, month % 12 + 1, 1) - dt.timedelta(days=1)).day if month < 12 else 31
    return dt.date(2023, month, rng.randint(lo, min(hi or last, last)))


# ---------------------------------------------------------------------------------------------
# Invented names
# ---------------------------------------------------------------------------------------------

TRADE = ["恒晟", "瑞丰", "鑫源", "华磊", "锦程", "顺达", "盛鑫", "云珠", "宏泰", "佳和", "永盛", "嘉禾", "聚丰",
         "兴曲", "珠源", "麒锦", "南盘", "爨乡", "滇峰", "腾越", "福瑞", "祥和", "翠峰", "润泽", "誉达",
         "博远", "立信", "安泰", "汇通", "金曲", "众诚", "德昌", "华曜", "益康", "凯旋", "明远", "裕丰",
         "天泓", "卓越", "新禾", "同创", "宏远", "乌蒙", "龙潭", "启航", "银杉", "弘毅", "合力", "源泰",
         "宸宇", "晟睿", "亿鑫", "朗坤", "泓景", "沐春", "恒信", "星辰", "骏达", "丰泽", "瀚海"]
INDUSTRY = ["商贸", "建材", "餐饮管理", "农业科技", "物流", "信息技术", "电子商务", "装饰工程", "食品",
            "医药", "汽车服务", "文化传媒", "新能源科技", "劳务服务", "酒店管理", "环保科技", "花卉",
            "中药材种植", "机械设备", "供应链管理"]
SURNAMES = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "朱", "马", "胡",
            "郭", "何", "罗", "高", "林", "钱", "浦", "缪", "沈", "段", "孔", "尹", "严"]


def place_prefix(county):
    return "曲靖" if county in ("麒麟区", "沾益区", "马龙区", "曲靖经开区") else county


class Names:
    def __init__(self):
        self.used = set()

    def unique(self, make):
        for _ in range(200):
            n = make()
            if n not in self.used:
                self.used.add(n)
                return n
        raise RuntimeError("could not invent a unique name")

    def company(self, county, industries=INDUSTRY, suffix="有限公司"):
        return self.unique(lambda: f"{place_prefix(county)}{rng.choice(TRADE)}{rng.choice(industries)}{suffix}")


# ---------------------------------------------------------------------------------------------
# Case builders
# ---------------------------------------------------------------------------------------------

def spread(n, items):
    """n items cycling over `items`, each appearing as evenly as possible, in random order."""
    out = []
    while len(out) < n:
        block = list(items)
        rng.shuffle(block)
        out.extend(block)
    out = out[:n]
    rng.shuffle(out)
    return out


def kinds_for(n, n_late, n_exact, n_open):
    k = ["late"] * n_late + ["exact"] * n_exact + ["open"] * n_open
    k += ["ok"] * (n - len(k))
    rng.shuffle(k)
    return k


def make_stops(start, net, stop_specs):
    """Clock-stop periods placed along the case: each begins after some net working time has run
    and lasts some calendar days, ending at an office-hours time on a working day."""
    chosen = [s for s in stop_specs if rng.random() < s[0]]
    if not chosen:
        return []
    offsets = sorted(rng.sample(range(int(net * 0.1) + 1, int(net * 0.85) + 2), len(chosen)))
    stops = []
    for (_, reason, (dlo, dhi)), off in zip(chosen, offsets):
        a = add_working(start, off, [(p, q) for p, q, _ in stops])
        end_day = next_working_day(a.date() + dt.timedelta(days=rng.randint(dlo, dhi)))
        b = office_time(end_day)
        if b <= a:
            b = a + dt.timedelta(hours=2)
        stops.append((a, b, reason))
    return stops


def pick_start(net, stop_specs, end_month, earliest=None):
    """A start date such that the case, with its stops, ends in end_month (at the latest by asOf)."""
    span = net / DAY_MINUTES * 1.45 + sum(s[0] * (s[2][0] + s[2][1]) / 2 for s in stop_specs)
    target_end = random_date_in_month(end_month, hi=27)
    guess = target_end - dt.timedelta(days=round(span))
    for _ in range(200):
        d = next_working_day(guess)
        if earliest and d < earliest:
            d = next_working_day(earliest)
        start = office_time(d)
        stops = make_stops(start, net, stop_specs)
        end = add_working(start, net, [(a, b) for a, b, _ in stops])
        if end > AS_OF - dt.timedelta(hours=1):
            guess -= dt.timedelta(days=(end - AS_OF).days + 2)
        elif end.month != end_month:
            guess += dt.timedelta(days=(target_end - end.date()).days)
        else:
            return start, stops, end
    raise RuntimeError("no start found")


def open_start(net_at_asof):
    """The latest office-hours start from which about `net_at_asof` working minutes have run by asOf."""
    d = AS_OF.date()
    while True:
        d -= dt.timedelta(days=1)
        if not is_working_day(d):
            continue
        s = office_time(d)
        if elapsed_working(s, AS_OF) >= net_at_asof:
            return s


def working_indicator(iid, cfg, names):
    """Cases of an elapsed_working indicator."""
    target = cfg["target"]
    tmin = round(target * DAY_MINUTES)
    specials = cfg.get("specials", [])
    opens = cfg.get("opens", [])
    n = cfg["n"]
    n_random = n - len(specials)
    kinds = kinds_for(n_random, cfg["n_late"], cfg.get("n_exact", 1), len(opens))
    counties = spread(n, COUNTIES)
    months = iter(spread(n_random - len(opens), MONTHS))  # end months of the closed random cases
    open_fracs = list(opens)
    cases = []
    plans = [("special", s) for s in specials] + [(k, None) for k in kinds]
    for i, (kind, sp) in enumerate(plans):
        county = (sp or {}).get("county") or counties[i]
        case = {"name": cfg["name"](county, names), "county": county}
        case.update(cfg.get("extra", {}))
        note = None
        if kind == "special":
            start = parse_dt(sp["start"])
            net = sp["net"]
            stops = []
            end = add_working(start, net, stops)
            note = sp.get("note")
        elif kind == "open":
            frac = open_fracs.pop(0)
            start = open_start(round(frac * tmin))
            stops, end = [], None
        else:
            if kind == "exact":
                net = tmin
            elif kind == "late":
                net = round(rng.uniform(*cfg["late"]) * DAY_MINUTES)
                net = max(net, tmin + 1)
            else:
                net = round(rng.uniform(*cfg["ok"]) * DAY_MINUTES)
                net = min(net, tmin - 1)
            start, stops, end = pick_start(net, cfg.get("stops", []), next(months), cfg.get("earliest"))
        case["start"] = fmt_dt(start)
        if end is not None:
            case["end"] = fmt_dt(end)
        if stops:
            case["stops"] = [{"start": fmt_dt(a), "end": fmt_dt(b), "reason": r} for a, b, r in stops]
        if note:
            case["note"] = note
        cases.append(case)
    if iid == "1.1":
        for c in cases:
            add_setup_steps(c)
    for c in cases:
        if "end" not in c:
            ran = elapsed_working(parse_dt(c["start"]), AS_OF)
            c["note"] = ("办理中，已超过时限" if ran > tmin else
                         "办理中，临近时限" if ran >= 0.85 * tmin else "办理中")
    cases.sort(key=lambda c: c["start"])
    for k, c in enumerate(cases, 1):
        c["id"] = f"QJ-{iid}-{k:04d}"
    return [order_fields(c) for c in cases]


SETUP_STEPS = ["营业执照", "公章刻制", "发票申领", "社保登记", "公积金登记", "银行开户"]


def add_setup_steps(case):
    """Parallel company-setup procedures spanning exactly the case's start..end working time."""
    start, end = parse_dt(case["start"]), parse_dt(case["end"])
    total = elapsed_working(start, end)
    lic_end = round(total * rng.uniform(0.3, 0.55))
    last = rng.choice(["发票申领", "银行开户", "公章刻制"])
    steps = [{"name": "营业执照", "start": start, "end": add_working(start, lic_end)}]
    for name in SETUP_STEPS[1:]:
        off = max(1, round(lic_end * rng.uniform(0.8, 1.0) + total * rng.uniform(0, 0.12)))
        if name == last:
            fin = total
        else:
            fin = min(total - rng.randint(1, max(2, total // 6)), off + rng.randint(10, 90))
            fin = max(fin, off + 5) if off + 5 < total else total - 1
        off = min(off, fin - 1)
        steps.append({"name": name, "start": add_working(start, off), "end": add_working(start, fin)})
    case["steps"] = [{"name": s["name"], "start": fmt_dt(s["start"]), "end": fmt_dt(s["end"])} for s in steps]


FIELD_ORDER = ["id", "name", "county", "period", "customerClass", "projectType", "start", "end", "stops", "steps",
               "cost", "fees", "base", "numerator", "denominator", "current", "previous", "count", "value",
               "recovered", "claims", "outcome", "years", "costPercent", "lendingRate", "note"]


def order_fields(c):
    extra = set(c) - set(FIELD_ORDER)
    assert not extra, extra
    return {k: c[k] for k in FIELD_ORDER if k in c}


def calendar_indicator(iid, cfg, names, years=False):
    """Cases of a calendar_days (or years) indicator, with date-only start and end."""
    target_days = round(cfg["target"] * 365) if years else cfg["target"]
    n = cfg["n"]
    opens = list(cfg.get("opens", []))
    kinds = kinds_for(n, cfg["n_late"], cfg.get("n_exact", 1), len(opens))
    if "kinds" in cfg:
        kinds = cfg["kinds"](n)
    counties = spread(n, COUNTIES)
    months = iter(spread(n - kinds.count("open"), MONTHS))
    cases = []
    for i, kind in enumerate(kinds):
        county = counties[i]
        case = {"name": cfg["name"](county, names), "county": county}
        if kind == "open":
            frac = opens.pop(0)
            # date-only start counts from the following midnight
            start = (AS_OF - dt.timedelta(days=frac * target_days)).date() - dt.timedelta(days=1)
            case["start"] = start.isoformat()
        else:
            if kind == "exact":
                days = target_days
            elif kind == "late":
                days = max(target_days + 1, round(rng.uniform(*cfg["late"]) * target_days))
            else:
                days = min(target_days - 1, round(rng.uniform(*cfg["ok"]) * target_days))
            month = next(months)
            if cfg.get("by_start"):
                start = random_date_in_month(month)
                end = start + dt.timedelta(days=days)
                if end > LAST_CLOSED_DATE:
                    end = LAST_CLOSED_DATE - dt.timedelta(days=rng.randint(0, 20))
                    start = end - dt.timedelta(days=days)
            else:
                end = min(random_date_in_month(month, hi=28), LAST_CLOSED_DATE)
                start = end - dt.timedelta(days=days)
            if cfg.get("holiday_extension") and kind == "late":
                # the period's last day falls on a day off, so it runs on to the next working day
                # (民法典第二百零三条) and the notice is longer than 20 days
                while is_working_day(start + dt.timedelta(days=target_days)):
                    start += dt.timedelta(days=1)
                end = next_working_day(start + dt.timedelta(days=target_days))
            if cfg.get("workday_ends"):
                # courts act on working days: move both dates onto one, keeping the length and the month
                step = 1 if end.day < 15 else -1
                while not (is_working_day(start) and is_working_day(start + dt.timedelta(days=days))):
                    start += dt.timedelta(days=step)
                end = start + dt.timedelta(days=days)
            case["start"], case["end"] = start.isoformat(), end.isoformat()
        if cfg.get("note_fn"):
            note = cfg["note_fn"](kind, case)
            if note:
                case["note"] = note
        cases.append(case)
    cases.sort(key=lambda c: c["start"])
    for k, c in enumerate(cases, 1):
        c["id"] = f"QJ-{iid}-{k:04d}"
    return [order_fields(c) for c in cases]


def per_county(iid, make):
    out = []
    for k, county in enumerate(COUNTIES, 1):
        c = {"id": f"QJ-{iid}-{k:04d}", "county": county}
        c.update(make(county, k - 1))
        out.append(order_fields(c))
    return out


def rate_indicator(iid, label, target, den_range, ok_range, below, exact_at=None, note=None, den_fixed=None):
    """One record per county; `below` counties fall short of the target."""
    low = rng.sample(range(10), below)
    exact_county = None
    if exact_at is not None:
        exact_county = rng.choice([k for k in range(10) if k not in low])

    def make(county, k):
        den = den_fixed if den_fixed else rng.randint(*den_range)
        if k == exact_county:
            # a numerator/denominator pair that equals the target to the digit
            num, den = exact_at
        elif k in low:
            r = rng.uniform(target - (ok_range[1] - target) * 0.6, target - 0.05 * max(0.2, ok_range[1] - target))
            num = min(den, int(r / 100 * den))
            while num / den * 100 >= target:
                num -= 1
        else:
            r = rng.uniform(*ok_range)
            num = min(den, int(round(r / 100 * den)))
            while num / den * 100 <= target and num < den:  # strictly above, so only exact_at sits on it
                num += 1
        c = {"name": f"{county}{label}", "numerator": num, "denominator": den}
        if note:
            c["note"] = note
        return c

    return per_county(iid, make)


# ---------------------------------------------------------------------------------------------
# The indicators
# ---------------------------------------------------------------------------------------------

def build():
    names = {}

    def N(iid):
        return names.setdefault(iid, Names())

    ind = {}

    # ---- 1 Business entry -------------------------------------------------------------------
    ind["1.1"] = working_indicator("1.1", dict(
        n=24, target=0.4, ok=(0.2, 0.38), late=(0.45, 0.75), n_late=3, n_exact=0,
        name=lambda c, nm: nm.company(c),
        specials=[
            dict(start="2023-08-15 09:00", net=168, note="恰好 2 小时 48 分钟 = 0.4 个工作日（等于目标）"),
            dict(start="2023-11-21 10:30", net=168,
                 note="跨午休：10:30 提交、15:18 全部办结，午休 12:00–14:00 不计，净 2 小时 48 分钟 = 0.4 个工作日（等于目标）"),
            dict(start="2023-09-28 16:30", net=150,
                 note="跨中秋国庆假期：9 月 28 日 16:30 提交，9 月 29 日—10 月 6 日放假不计，10 月 7 日（周六调休上班）10:00 办结"),
            dict(start="2023-10-07 09:20", net=140, note="10 月 7 日（周六）为国庆调休上班日，照常计时"),
            dict(start="2023-12-12 21:30", net=130, note="晚间网上提交，次日 09:00 起计时"),
        ]), N("1.1"))

    ind["1.2"] = calendar_indicator("1.2", dict(
        n=20, target=20, late=(1.05, 1.1), n_late=2, by_start=True, holiday_extension=True,
        kinds=lambda n: spread_kinds(n, {"late": 2, "exact": n - 2}),
        name=lambda c, nm: nm.company(c, ["商贸", "餐饮管理", "装饰工程", "电子商务", "信息技术", "劳务服务", "农业科技"]),
        note_fn=lambda kind, c: "公示期最后一日为休息日，顺延至下一工作日届满" if kind == "late" else None,
    ), N("1.2"))

    # ---- 2 Business location ----------------------------------------------------------------
    social_projects = ["商业综合体", "仓储物流中心", "标准厂房", "住宅小区（一期）", "农产品加工厂", "酒店",
                       "新能源电池材料厂房", "冷链物流园", "汽车4S店", "职业培训学校", "民营医院门诊楼",
                       "光伏组件厂房", "建材市场", "养老公寓", "写字楼"]
    gov_projects = ["第一中学教学综合楼建设项目", "人民医院住院楼建设项目", "城区道路提升改造工程",
                    "污水处理厂提标改造工程", "农贸市场改造项目", "中心卫生院改扩建项目", "体育馆建设项目",
                    "老旧小区改造项目", "城市供水管网改造工程", "幼儿园新建项目", "应急物资储备库建设项目",
                    "图书馆新馆建设项目", "防洪排涝工程", "乡村振兴产业路工程"]
    approval_stops = [(0.6, "专家评审", (5, 15)), (0.4, "补正材料", (2, 10)), (0.3, "公示", (7, 7))]
    ind["2.1"] = working_indicator("2.1", dict(
        n=16, target=35, ok=(18, 34), late=(36.5, 44), n_late=2, n_exact=1, opens=[0.96, 0.88, 0.3],
        extra={"projectType": "social_investment"}, stops=approval_stops,
        name=lambda c, nm: nm.unique(lambda: f"{place_prefix(c)}{rng.choice(TRADE)}{rng.choice(social_projects)}项目"),
    ), N("2.1"))
    ind["2.2"] = working_indicator("2.2", dict(
        n=14, target=45, ok=(24, 44), late=(47, 56), n_late=2, n_exact=1, opens=[1.04, 0.92, 0.45],
        extra={"projectType": "government_investment"}, stops=approval_stops,
        name=lambda c, nm: nm.unique(lambda: f"{c}{rng.choice(gov_projects)}"),
    ), N("2.2"))

    def project_fees(county, k):
        base = rng.choice([800, 1200, 1500, 2000, 3000, 4500, 6000, 8000, 12000, 20000]) * 10000.0
        base += rng.randint(0, 99) * 10000
        target_ratio = rng.uniform(1.1, 2.15) if k not in late_23 else rng.uniform(2.3, 2.9)
        total = base * target_ratio / 100
        parts = [("城市基础设施配套费", 0.62), ("防空地下室易地建设费", 0.18), ("多测合一测绘费", 0.08),
                 ("工程质量检测费", 0.08), ("水土保持补偿费", 0.04)]
        fees = split_fees(total, parts)
        c = {"name": N("2.3").unique(lambda: f"{place_prefix(county)}{rng.choice(TRADE)}{rng.choice(social_projects)}项目"),
             "fees": fees, "base": base}
        if k in late_23:
            c["note"] = "小型项目，配套费占比偏高"
        return c

    late_23 = set(rng.sample(range(12), 2))
    counties_23 = spread(12, COUNTIES)
    ind["2.3"] = []
    for k in range(12):
        c = {"id": f"QJ-2.3-{k + 1:04d}", "county": counties_23[k]}
        c.update(project_fees(counties_23[k], k))
        ind["2.3"].append(order_fields(c))
    # one project given as a single cost figure instead of an itemised list
    c = ind["2.3"][5]
    c["cost"] = round(sum(f["amount"] for f in c.pop("fees")), 2)
    ind["2.3"][5] = order_fields(c)

    # ---- 3 Utility services -----------------------------------------------------------------
    ind["3.1"] = working_indicator("3.1", dict(
        n=20, target=1, ok=(0.3, 0.95), late=(1.1, 1.8), n_late=3, n_exact=1,
        stops=[(0.08, "补正材料", (1, 3))],
        name=lambda c, nm: nm.company(c) + " 用水报装",
        specials=[dict(start="2023-10-07 15:00", net=300,
                       note="10 月 7 日（周六）、8 日（周日）为国庆调休上班日：10 月 7 日 15:00 受理，8 日 11:00 通水")],
    ), N("3.1"))
    ind["3.2"] = working_indicator("3.2", dict(
        n=18, target=1, ok=(0.35, 0.95), late=(1.1, 1.6), n_late=2, n_exact=1,
        stops=[(0.08, "补正材料", (1, 3))],
        name=lambda c, nm: nm.company(c, ["餐饮管理", "食品", "酒店管理", "建材", "机械设备", "医药"]) + " 用气报装",
        specials=[dict(start="2023-10-06 20:00", net=240,
                       note="国庆假期最后一天晚间网上申请，10 月 7 日（周六调休上班）09:00 起计时，15:00 通气")],
    ), N("3.2"))
    utilities = ["供水", "燃气", "电力"]
    ind["3.3"] = working_indicator("3.3", dict(
        n=14, target=0.5, ok=(0.15, 0.48), late=(0.55, 1.0), n_late=2, n_exact=1,
        stops=[(0.1, "现场勘查", (1, 2))],
        name=lambda c, nm: nm.unique(lambda: f"{place_prefix(c)}{rng.choice(TRADE)}{rng.choice(INDUSTRY)}有限公司{rng.choice(utilities)}外线工程（规划、占道、掘路并联审批）"),
        specials=[dict(start="2023-09-28 17:00", net=150,
                       note="跨中秋国庆假期：9 月 28 日 17:00 受理，10 月 7 日（周六调休上班）10:30 办结，净 2.5 小时")],
    ), N("3.3"))
    customer_stop = [(0.25, "客户原因暂停", (1, 4))]
    ind["3.4"] = working_indicator("3.4", dict(
        n=22, target=3, ok=(0.8, 2.8), late=(3.2, 4.5), n_late=3, n_exact=0,
        extra={"customerClass": "residential"}, stops=customer_stop,
        name=lambda c, nm: nm.unique(lambda: f"{rng.choice(SURNAMES)}某某 居民住宅新装（{c}）"),
        specials=[dict(start="2023-09-28 15:00", net=3 * DAY_MINUTES,
                       note="9 月 28 日受理、10 月 9 日接电：自然日 11 天，但 9 月 29 日—10 月 6 日放假不计，10 月 7、8 日调休上班计入，恰好 3 个工作日（等于目标）")],
    ), N("3.4"))
    shops = ["便利店", "餐馆", "理发店", "农资店", "汽修店", "茶叶店", "药店", "五金店", "烧烤店", "洗衣店"]
    ind["3.5"] = working_indicator("3.5", dict(
        n=20, target=7, ok=(2, 6.7), late=(7.5, 10), n_late=3, n_exact=1,
        extra={"customerClass": "low_voltage_non_residential"}, stops=customer_stop,
        name=lambda c, nm: nm.unique(lambda: f"{c}{rng.choice(TRADE)}{rng.choice(shops)} 低压新装"),
        specials=[dict(start="2023-09-26 10:00", net=round(6.5 * DAY_MINUTES),
                       note="跨中秋国庆假期，放假期间不计时，6.5 个工作日接电")],
    ), N("3.5"))
    hv_industries = ["硅材料", "新能源电池材料", "铝业", "水泥", "冷链物流", "磷化工", "食品加工", "建材",
                     "数据科技", "钢铁", "煤化工", "纺织"]
    hv_stops = [(0.5, "客户原因暂停", (5, 25))]
    ind["3.6"] = working_indicator("3.6", dict(
        n=14, target=50, ok=(22, 48), late=(52, 62), n_late=2, n_exact=1, opens=[0.95, 0.4],
        extra={"customerClass": "high_voltage_single"}, stops=hv_stops,
        name=lambda c, nm: nm.company(c, hv_industries) + f" 10kV 单电源新装（{rng.choice([630, 800, 1250, 2000, 3150])} kVA）",
    ), N("3.6"))
    dual_industries = ["数据科技", "硅材料", "化工", "冷链物流", "新能源电池材料", "水务"]

    def dual_name(c, nm):
        def make():
            if c != "曲靖经开区" and rng.random() < 0.3:
                base = f"{c}{rng.choice(['人民医院新院区', '中医医院', '妇幼保健院'])}"
            else:
                base = f"{place_prefix(c)}{rng.choice(TRADE)}{rng.choice(dual_industries)}有限公司"
            return base + f" 10kV 双电源新装（{rng.choice([2000, 3150, 5000, 8000])} kVA）"
        return nm.unique(make)

    ind["3.7"] = working_indicator("3.7", dict(
        n=11, target=70, ok=(40, 68), late=(72, 84), n_late=2, n_exact=1, opens=[0.9, 0.25],
        extra={"customerClass": "high_voltage_dual"}, stops=hv_stops,
        name=dual_name,
    ), N("3.7"))

    # ---- 4 Labor ----------------------------------------------------------------------------
    period_note = "统计期：2023 年 1—11 月"
    ind["4.1"] = rate_indicator("4.1", "企业劳动合同签订情况（职工人数）", 98, (6000, 60000), (98.1, 99.6), 2, note=period_note)
    ind["4.2"] = rate_indicator("4.2", "劳动人事争议仲裁结案情况（件）", 91, (60, 420), (91.5, 97), 2, exact_at=(182, 200), note=period_note)
    ind["4.3"] = rate_indicator("4.3", "劳动人事争议调解情况（件）", 61.5, (150, 900), (62, 72), 2, note=period_note)
    hr_agencies = dict(zip(COUNTIES, [108, 26, 14, 40, 29, 15, 20, 22, 31, 35]))
    ind["4.4"] = per_county("4.4", lambda c, k: {
        "name": f"{c}人力资源服务机构（期末存量，家）", "count": hr_agencies[c] + rng.randint(-2, 2), "note": "截至 2023 年 11 月底"})

    # ---- 5 Financial services ---------------------------------------------------------------
    ind["5.1"] = rate_indicator("5.1", "中小微企业申贷获得情况（户）", 99.15, (800, 9000), (99.2, 99.8), 2, note=period_note)
    prev_bal = dict(zip(COUNTIES, [128.0, 31.0, 18.5, 52.0, 36.0, 17.0, 24.0, 27.5, 33.0, 21.0]))
    low_52 = set(rng.sample(COUNTIES, 2))

    def growth(c, k):
        prev = round(prev_bal[c] * rng.uniform(0.95, 1.05), 2)
        g = rng.uniform(0.24, 0.29) if c in low_52 else rng.uniform(0.305, 0.40)
        return {"name": f"{c}普惠小微贷款余额（亿元）", "current": round(prev * (1 + g), 2), "previous": prev,
                "note": "2023 年 11 月末与 2022 年 11 月末比较"}

    ind["5.2"] = per_county("5.2", growth)
    ind["5.3"] = []
    for c in rate_indicator("5.3", "政府性融资担保新增小微企业和“三农”担保户数", 90, (40, 400), (90.5, 96), 1):
        c["note"] = f"户数占比如上；金额占比 {rng.uniform(90.2, 95.5):.1f}%（须两项均达标）"
        ind["5.3"].append(c)

    # ---- 6 International trade --------------------------------------------------------------
    ind["6.1"] = trend("6.1", "进出口整体通关时间（小时）", [38.6, 37.9, 36.4, 36.8, 35.1, 34.2, 33.5, 31.9, 32.3, 30.4, 29.6])

    # ---- 7 Taxation -------------------------------------------------------------------------
    ind["7.1"] = per_county("7.1", lambda c, k: {"name": f"{c}纳税基本信息共享（项）", "numerator": 48, "denominator": 48})
    gap_72 = rng.randrange(10)
    ind["7.2"] = per_county("7.2", lambda c, k: {
        "name": f"{c}主要涉税服务事项网上办理（项）", "numerator": 224 if k == gap_72 else 226, "denominator": 226,
        **({"note": "2 项事项仍须到厅办理"} if k == gap_72 else {})})
    ind["7.3"] = trend("7.3", "市场主体纳税时间（小时）", [112.0, 109.5, 110.2, 106.8, 104.0, 101.5, 99.8, 97.2, 96.5, 94.1, 92.0])

    # ---- 8 Dispute resolution ---------------------------------------------------------------
    e_low = rng.randrange(10)
    exact_81 = (e_low + 3) % 10
    ind["8.1"] = rate_indicator("8.1", "涉企合同案件电子送达（次）", 90, (400, 3000), (90.5, 97), 0)
    for k, c in enumerate(ind["8.1"]):
        if k == e_low:
            den = c["denominator"]
            c["numerator"] = int(den * 0.885)
        elif k == exact_81:
            c["numerator"], c["denominator"] = 1170, 1300
            c["note"] = "恰好 90%，未高于 90%，不达标（目标为“高于 90%”）"

    disputes = ["买卖合同纠纷", "建设工程施工合同纠纷", "租赁合同纠纷", "金融借款合同纠纷", "承揽合同纠纷",
                "服务合同纠纷", "运输合同纠纷", "借款合同纠纷"]

    def dispute_name(c, nm):
        return nm.unique(lambda: f"{place_prefix(c)}{rng.choice(TRADE)}{rng.choice(INDUSTRY)}有限公司诉"
                                 f"{rng.choice(['曲靖', c])}{rng.choice(TRADE)}{rng.choice(INDUSTRY)}有限公司{rng.choice(disputes)}")

    ind["8.2"] = calendar_indicator("8.2", dict(
        n=20, target=111, ok=(0.35, 0.97), late=(1.05, 1.6), n_late=3, n_exact=1, opens=[1.1, 0.93, 0.4],
        workday_ends=True, name=dispute_name,
        note_fn=lambda kind, c: {"open": "审理中", "late": "委托鉴定，审理期限延长"}.get(kind),
    ), N("8.2"))
    for c in ind["8.2"]:
        if "end" not in c:
            days = (AS_OF - dt.datetime.fromisoformat(c["start"]) - dt.timedelta(days=1)).days
            if days > 111:
                c["note"] = "审理中，已超过 111 天"
            elif days > 95:
                c["note"] = "审理中，临近 111 天"

    def dispute_cost(county, k):
        claim = float(rng.choice([8, 15, 30, 50, 80, 120, 200, 350, 600]) * 10000 + rng.randint(0, 99) * 100)
        ratio = rng.uniform(14, 19) if k in late_83 else rng.uniform(5, 12.5)
        total = claim * ratio / 100
        c = {"name": dispute_name(county, N("8.3")), "base": claim}
        if k % 3 == 0:
            c["cost"] = round(total, 2)
        else:
            split = [("诉讼费", 0.25), ("律师费", 0.55), ("保全费", 0.05), ("执行费", 0.15)]
            c["fees"] = split_fees(total, split)
        if k in late_83:
            c["note"] = "小额标的，律师费占比高"
        return c

    late_83 = set(rng.sample(range(12), 2))
    counties_83 = spread(12, COUNTIES)
    ind["8.3"] = []
    for k in range(12):
        c = {"id": f"QJ-8.3-{k + 1:04d}", "county": counties_83[k]}
        c.update(dispute_cost(counties_83[k], k))
        ind["8.3"].append(order_fields(c))

    listed = [("麒麟区", "股份有限公司", "新能源科技", 10), ("曲靖经开区", "股份有限公司", "新材料", 10),
              ("宣威市", "股份有限公司", "食品", 9), ("陆良县", "股份有限公司", "化工", 10),
              ("沾益区", "股份有限公司", "农业发展", 9.5), ("罗平县", "股份有限公司", "生物科技", 8)]
    ind["8.4"] = []
    for k, (c, suffix, industry, v) in enumerate(listed, 1):
        rec = {"id": f"QJ-8.4-{k:04d}", "county": c,
               "name": N("8.4").unique(lambda: f"{place_prefix(c)}{rng.choice(TRADE)}{industry}{suffix}"),
               "value": v}
        if v < 10:
            rec["note"] = "关联交易披露不完整" if v <= 9 else "年报未披露个别关联方"
        ind["8.4"].append(order_fields(rec))

    # ---- 9 Market competition ---------------------------------------------------------------
    ind["9.1"] = rate_indicator("9.1", "政府采购意向公开（项目数）", 95, (80, 700), (95.5, 99.5), 2, note=period_note)
    ind["9.2"] = rate_indicator("9.2", "公共资源全流程电子化交易（项目数）", 95, (60, 600), (95.5, 100), 1, exact_at=(380, 400), note=period_note)
    ind["9.3"] = rate_indicator("9.3", "在线（不见面）开标（项目数）", 99, (60, 600), (99.1, 100), 2, note=period_note)

    # ---- 10 Business insolvency -------------------------------------------------------------
    bk_industries = ["煤业", "水泥", "房地产开发", "建材", "商贸", "焦化", "农业开发", "酒店管理", "矿业", "铁合金"]

    def bk_name(kind):
        return lambda c, nm: nm.unique(lambda: f"{place_prefix(c)}{rng.choice(TRADE)}{rng.choice(bk_industries)}有限公司{kind}")

    ind["10.1"] = calendar_indicator("10.1", dict(
        n=12, target=730, ok=(0.3, 0.97), late=(1.05, 1.3), n_late=2, n_exact=1, opens=[0.985, 0.45],
        workday_ends=True, name=bk_name("破产清算案"),
        note_fn=lambda kind, c: {"open": "审理中"}.get(kind),
    ), N("10.1"))
    ind["10.2"] = calendar_indicator("10.2", dict(
        n=12, target=55, ok=(0.35, 0.97), late=(1.1, 1.35), n_late=2, n_exact=1, opens=[0.93, 0.3],
        workday_ends=True, name=bk_name("破产申请审查案"),
        note_fn=lambda kind, c: {"open": "审查中"}.get(kind),
    ), N("10.2"))
    ind["10.3"] = calendar_indicator("10.3", dict(
        n=10, target=1.2, ok=(0.6, 0.97), late=(1.06, 1.3), n_late=2, n_exact=1, opens=[0.95],
        workday_ends=True, name=bk_name("破产债权清偿"),
        note_fn=lambda kind, c: {"open": "尚未分配完毕", "exact": "438 天 = 1.2 年（自然日 ÷ 365），等于目标"}.get(kind),
    ), N("10.3"), years=True)

    late_104 = set(rng.sample(range(10), 2))
    counties_104 = spread(10, COUNTIES)
    ind["10.4"] = []
    for k in range(10):
        c0 = counties_104[k]
        estate = float(rng.choice([300, 600, 900, 1500, 2400, 4000, 8000]) * 10000 + rng.randint(0, 99) * 1000)
        ratio = rng.uniform(13.5, 17) if k in late_104 else rng.uniform(6, 12.5)
        total = estate * ratio / 100
        split = [("管理人报酬", 0.45), ("评估审计费", 0.18), ("拍卖佣金", 0.2), ("诉讼费", 0.07), ("资产管理变价费", 0.1)]
        fees = split_fees(total, split)
        rec = {"id": f"QJ-10.4-{k + 1:04d}", "county": c0, "name": bk_name("破产清算案")(c0, N("10.4")),
               "fees": fees, "base": estate}
        if k in late_104:
            rec["note"] = "财产规模小，固定费用占比高"
        ind["10.4"].append(order_fields(rec))

    counties_105 = spread(10, COUNTIES)
    ind["10.5"] = []
    rates_105 = [0.24, 0.33, 0.45, 0.47, 0.5, 0.52, 0.57, 0.63, 0.72, 0.39]
    rng.shuffle(rates_105)
    for k in range(10):
        c0 = counties_105[k]
        claims = float(rng.choice([900, 1600, 2500, 4000, 6500, 9000, 15000]) * 10000 + rng.randint(0, 99) * 1000)
        r = rates_105[k] + rng.uniform(-0.02, 0.02)
        rec = {"id": f"QJ-10.5-{k + 1:04d}", "county": c0, "name": bk_name("破产案债权清偿")(c0, N("10.5")),
               "recovered": round(claims * r, 2), "claims": claims}
        if r > 0.6:
            rec["note"] = "重整成功，继续经营价值较高"
        ind["10.5"].append(order_fields(rec))
    # scale so that the pooled recovery (Σ recovered ÷ Σ claims) lands at 45–50 %
    pooled = sum(c["recovered"] for c in ind["10.5"]) / sum(c["claims"] for c in ind["10.5"])
    factor = rng.uniform(0.46, 0.49) / pooled
    for c in ind["10.5"]:
        c["recovered"] = round(min(c["claims"] * 0.95, c["recovered"] * factor), 2)
    # Fields of the World Bank Doing Business recovery method (option recoveryMethod), derived
    # without the random stream so that the rest of the data stays as it was.
    for k, c in enumerate(ind["10.5"]):
        share = c["recovered"] / c["claims"]
        c["outcome"] = "going_concern" if share > 0.55 else "piecemeal"
        c["years"] = round(0.8 + 0.1 * (k % 6), 1)
        c["costPercent"] = 8 + (k * 3) % 10
        c["lendingRate"] = 4.35
        ind["10.5"][k] = order_fields(c)

    # ---- 11 Market supervision --------------------------------------------------------------
    ind["11.1"] = rate_indicator("11.1", "信用修复企业（家）", 55, (120, 1500), (56, 72), 2, note=period_note)

    # ---- 12 Livability ----------------------------------------------------------------------
    ind["12.1"] = rate_indicator("12.1", "随迁子女义务教育（人）", 91, (1200, 16000), (91.5, 96), 2, note="2023 年秋季学期")
    ind["12.2"] = counts("12.2", "区域医疗共享中心（个）", [3, 1, 1, 2, 1, 1, 1, 1, 1, 0])
    ind["12.3"] = counts("12.3", "街道（乡镇）级区域养老服务中心（个）", [1, 0, 0, 1, 1, 0, 1, 0, 1, 0])
    ind["12.4"] = rate_indicator("12.4", "运营养老机构护理型床位（张）", 55, (300, 2600), (55.5, 64), 3, note="截至 2023 年 11 月底")
    ind["12.5"] = counts("12.5", "“老年幸福食堂”（个）", [2, 1, 0, 1, 1, 0, 1, 0, 1, 0])
    ind["12.6"] = per_county("12.6", lambda c, k: {
        "name": f"{c}完成营造林（万亩）",
        "count": [0.66, 0.82, 0.58, 1.56, 0.71, 0.77, 0.88, 0.85, 1.52, 0.13][k], "note": "2023 年 1—11 月"})
    return ind


def split_fees(total, parts):
    """Fee items summing to `total` (to the fen), each near its nominal share."""
    weights = [share * rng.uniform(0.85, 1.15) for _, share in parts]
    amounts = [round(total * w / sum(weights), 2) for w in weights[:-1]]
    amounts.append(round(total - sum(amounts), 2))
    assert all(a > 0 for a in amounts)
    return [{"name": name, "amount": a} for (name, _), a in zip(parts, amounts)]


def spread_kinds(n, counts):
    k = [name for name, m in counts.items() for _ in range(m)]
    rng.shuffle(k)
    return k


def counts(iid, label, values):
    return per_county(iid, lambda c, k: {"name": f"{c}{label}", "count": values[k], "note": "2023 年内建成"})


def trend(iid, label, values):
    out = []
    for m, v in enumerate(values, 1):
        out.append(order_fields({"id": f"QJ-{iid}-{m:04d}", "name": f"2023 年 {m} 月{label}",
                                 "period": f"2023-{m:02d}", "value": v}))
    return out


# ---------------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------------

def validate(data, catalog):
    ids = [i["id"] for i in catalog["indicators"]]
    by_id = {i["id"]: i for i in catalog["indicators"]}
    assert list(data["indicators"]) == ids, "indicators must be the 42 catalogue ids in order"
    assert len(ids) == 42
    report = {}
    for iid, cases in data["indicators"].items():
        meta = by_id[iid]
        method = meta["method"]
        assert cases, iid
        seen = set()
        rows = {"n": len(cases), "late": [], "exact": [], "open": [], "stopped_saves": []}
        for c in cases:
            assert set(c) <= set(FIELD_ORDER), (iid, c)
            assert c["id"] not in seen, (iid, c["id"])
            seen.add(c["id"])
            if "county" in c:
                assert c["county"] in COUNTIES, (iid, c)
            if method == "elapsed_working":
                start = parse_dt(c["start"])
                # the catalogue spells its keys in snake_case or (since) camelCase
                project_type = meta.get("projectType") or meta.get("project_type")
                customer_class = meta.get("customerClass") or meta.get("customer_class")
                assert c.get("projectType") == project_type, (iid, c["id"])
                assert c.get("customerClass") == customer_class, (iid, c["id"])
                stops = [(parse_dt(s["start"]), parse_dt(s["end"])) for s in c.get("stops", [])]
                for a, b in stops:
                    assert a < b, (iid, c["id"])
                if iid == "1.1":
                    assert [s["name"] for s in c["steps"]] == SETUP_STEPS, c["id"]
                    s0 = min(parse_dt(s["start"]) for s in c["steps"])
                    s1 = max(parse_dt(s["end"]) for s in c["steps"])
                    assert (fmt_dt(s0), fmt_dt(s1)) == (c["start"], c["end"]), c["id"]
                    for s in c["steps"]:
                        assert parse_dt(s["start"]) < parse_dt(s["end"]), (c["id"], s)
                tmin = round(meta["target"] * DAY_MINUTES)
                if "end" in c:
                    end = parse_dt(c["end"])
                    assert start < end <= AS_OF, (iid, c["id"])
                    for a, b in stops:
                        assert start <= a and b <= end, (iid, c["id"])
                    net = elapsed_working(start, end, stops)
                    if net > tmin:
                        rows["late"].append(f'{c["id"]} {net / DAY_MINUTES:.2f}')
                    elif net == tmin:
                        rows["exact"].append(c["id"])
                    if stops and elapsed_working(start, end) > tmin >= net:
                        rows["stopped_saves"].append(c["id"])
                else:
                    net = elapsed_working(start, AS_OF, stops)
                    rows["open"].append(f'{c["id"]} {net / DAY_MINUTES:.1f}/{meta["target"]:g}')
            elif method in ("calendar_days", "years"):
                start = dt.date.fromisoformat(c["start"])
                limit = meta["target"] * 365 if method == "years" else meta["target"]
                if "end" in c:
                    end = dt.date.fromisoformat(c["end"])
                    assert start < end <= LAST_CLOSED_DATE, (iid, c["id"])
                    days = (end - start).days
                    if days > limit + 1e-9:
                        rows["late"].append(f'{c["id"]} {days}d')
                    elif abs(days - limit) < 1e-9:
                        rows["exact"].append(c["id"])
                else:
                    days = (AS_OF - dt.datetime.combine(start + dt.timedelta(days=1), dt.time())).total_seconds() / 86400
                    rows["open"].append(f'{c["id"]} {days:.1f}/{limit:g}d')
            elif method == "cost_ratio":
                assert ("cost" in c) != ("fees" in c) and c["base"] > 0, (iid, c)
                assert all(f["amount"] > 0 for f in c.get("fees", [])), (iid, c["id"])
                cost = c["cost"] if "cost" in c else sum(f["amount"] for f in c["fees"])
                if cost / c["base"] * 100 > meta["target"]:
                    rows["late"].append(f'{c["id"]} {cost / c["base"] * 100:.2f}%')
            elif method == "rate":
                assert isinstance(c["numerator"], int) and 0 <= c["numerator"] <= c["denominator"], (iid, c)
                r = c["numerator"] / c["denominator"] * 100
                t = meta["target"]
                below = r < t if meta["direction"] in ("ge", "eq") else r <= t
                if below:
                    rows["late"].append(f'{c["id"]} {r:.2f}%')
                elif r == t:
                    rows["exact"].append(c["id"])
            elif method == "growth":
                g = (c["current"] / c["previous"] - 1) * 100
                if g < meta["target"]:
                    rows["late"].append(f'{c["id"]} {g:.1f}%')
            elif method == "count":
                assert c["count"] >= 0
            elif method == "trend":
                assert c["period"].startswith("2023-") and c["value"] > 0
            elif method == "index":
                assert 0 <= c["value"] <= 10
                if c["value"] != meta["target"]:
                    rows["late"].append(f'{c["id"]} {c["value"]}')
            elif method == "recovery_rate":
                assert 0 <= c["recovered"] <= c["claims"], (iid, c)
            else:
                raise AssertionError(f"unknown method {method}")
        # pooled figure, as the calculator would show it
        if method == "rate":
            rows["pooled"] = sum(c["numerator"] for c in cases) / sum(c["denominator"] for c in cases) * 100
        elif method == "growth":
            rows["pooled"] = (sum(c["current"] for c in cases) / sum(c["previous"] for c in cases) - 1) * 100
        elif method == "count":
            rows["pooled"] = sum(c["count"] for c in cases)
        elif method == "recovery_rate":
            rows["pooled"] = sum(c["recovered"] for c in cases) / sum(c["claims"] for c in cases) * 100
        elif method == "trend":
            rows["pooled"] = cases[-1]["value"]
            assert cases[-1]["value"] < cases[-2]["value"], iid
        elif method == "cost_ratio":
            rows["pooled"] = sum(c.get("cost") or sum(f["amount"] for f in c["fees"]) for c in cases) / sum(c["base"] for c in cases) * 100
        elif method == "index":
            rows["pooled"] = sum(c["value"] for c in cases) / len(cases)
        if method in ("elapsed_working", "calendar_days"):
            counties = {c["county"] for c in cases}
            assert counties == set(COUNTIES), (iid, set(COUNTIES) - counties)
        report[iid] = rows
    return report


def main():
    catalog = json.loads(CATALOG.read_text(encoding="utf-8"))
    ind = build()
    ordered = {i["id"]: ind[i["id"]] for i in catalog["indicators"]}
    missing = set(ind) ^ set(ordered)
    assert not missing, missing
    data = {"label_zh": "示例数据（虚构，仅供演示）", "label_en": "Sample data (synthetic, for demonstration)",
            "asOf": AS_OF_TEXT, "indicators": ordered}
    report = validate(data, catalog)
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if "--check" in sys.argv:
        if OUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUT} is out of date: run scripts/make_sample_data.py")
        print(f"{OUT.relative_to(ROOT)} is up to date")
        return
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(text.encode('utf-8')) / 1024:.0f} KB, "
          f"{sum(len(v) for v in ordered.values())} records")
    if "-v" in sys.argv or "--verbose" in sys.argv:
        for iid, r in report.items():
            extra = f" pooled={r['pooled']:.2f}" if "pooled" in r else ""
            print(f"{iid:>5} n={r['n']:<3}{extra}")
            for key in ("late", "exact", "open", "stopped_saves"):
                if r[key]:
                    print(f"        {key}: {', '.join(r[key])}")


if __name__ == "__main__":
    main()
