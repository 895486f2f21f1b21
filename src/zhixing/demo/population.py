"""The people and organisations the demo's cases are about.

Each pool is split into a *random* region, drawn from freely by the case generator, and a
*planted* region handed out one by one to scenario plantings, so a planted debtor appears only
in the cases its scenario built around it.
"""

from __future__ import annotations

import numpy as np

from zhixing.demo import ids
from zhixing.demo.names import PersonNames
from zhixing.demo.text import digits

DISTRICTS = ("黄浦区", "徐汇区", "长宁区", "静安区", "普陀区", "虹口区", "杨浦区", "闵行区", "宝山区",
             "嘉定区", "浦东新区", "金山区", "松江区", "青浦区", "奉贤区", "崇明区")
ROADS = ("漕溪北路", "虹桥路", "中山西路", "武宁路", "曹杨路", "四平路", "控江路", "七莘路", "莘庄路",
         "友谊路", "嘉罗公路", "张杨路", "世纪大道", "蒙山路", "人民北路", "华新路", "南桥路", "八一路",
         "大连路", "共和新路", "沪太路", "龙华中路", "天山路", "江宁路", "真北路", "都市路", "龙吴路",
         "剑川路", "罗秀路", "浦星公路")
BRAND_CHARS = ("鑫华达恒泰盛丰宏瑞祥源通宇博嘉德信安隆昌兴裕汇金晟佳亿诚海天润远弘锦辰凯启荣昊"
               "骏铭峰润康茂顺福鼎联创科力美嘉尚卓宸越")
INDUSTRIES = ("贸易", "建筑工程", "餐饮管理", "物业管理", "科技", "实业", "投资管理", "服装", "物流",
              "装饰工程", "电子商务", "文化传媒", "汽车销售", "房地产开发", "劳务派遣", "保安服务",
              "信息技术", "机械设备", "食品", "酒店管理")
PROPERTY_INDUSTRY = INDUSTRIES.index("物业管理")
BANKS = ("中国工商银行股份有限公司上海市分行", "中国建设银行股份有限公司上海市分行",
         "中国农业银行股份有限公司上海市分行", "中国银行股份有限公司上海市分行",
         "交通银行股份有限公司太平洋信用卡中心", "招商银行股份有限公司信用卡中心",
         "上海浦东发展银行股份有限公司信用卡中心", "上海银行股份有限公司", "上海农村商业银行股份有限公司",
         "中信银行股份有限公司信用卡中心", "兴业银行股份有限公司上海分行", "平安银行股份有限公司信用卡中心")
# Registration statuses as the market regulator writes them.
REG_STATUSES = ("存续", "吊销", "注销", "经营异常")
PERSON = 0
COMPANY = 1
_BRANDS = np.array(list(BRAND_CHARS), dtype=object)
_INDUSTRIES = np.array(INDUSTRIES, dtype=object)
_DISTRICTS = np.array(DISTRICTS, dtype=object)
_ROADS = np.array(ROADS, dtype=object)


class PersonPool:
    def __init__(self, rng: np.random.Generator, size: int, planted: int, as_of: int) -> None:
        self.size = size + planted
        self.random_size = size
        n = self.size
        self.male = rng.random(n) < 0.56
        age_days = (rng.triangular(22, 38, 75, size=n) * 365.25).astype(np.int64)
        self.birth = as_of - age_days
        ymd = ymd_numbers(self.birth)
        self.born_1900s = ymd < 20000000
        area = ids.draw_areas(rng, ymd // 10000)
        seq = rng.integers(0, 500, size=n) * 2 + self.male.astype(np.int64)
        # Two people never share a number: redraw the sequence of any collision.
        while True:
            repeated = _repeated(area * 10**11 + ymd * 1000 + seq)
            if not repeated.any():
                break
            seq[repeated] = rng.integers(0, 500, size=int(repeated.sum())) * 2 + self.male[repeated]
        self.id18 = ids.resident_ids(area, ymd, seq)
        self.names = PersonNames(rng, self.male)
        self.protected = np.zeros(n, dtype=bool)

    def planted_index(self, start: int, count: int) -> np.ndarray:
        return self.random_size + (np.arange(start, start + count) % (self.size - self.random_size))


class CompanyPool:
    """Companies; the first ``len(BANKS)`` are banks that apply in loan and credit-card cases."""

    def __init__(self, rng: np.random.Generator, size: int, planted: int) -> None:
        self.size = size + planted + len(BANKS)
        self.random_size = size + len(BANKS)
        n = self.size
        self.industry = rng.integers(0, len(INDUSTRIES), size=n)
        brand_a = _BRANDS[rng.integers(0, len(BRAND_CHARS), size=n)]
        brand_b = _BRANDS[rng.integers(0, len(BRAND_CHARS), size=n)]
        brand_c = np.where(rng.random(n) < 0.3, _BRANDS[rng.integers(0, len(BRAND_CHARS), size=n)], "")
        district = rng.integers(0, len(DISTRICTS), size=n)
        with_district = rng.random(n) < 0.25
        self.group = rng.random(n) < 0.04
        prefix = np.where(with_district, "上海市" + _DISTRICTS[district], "上海")
        suffix = np.where(self.group, "（集团）有限公司", "有限公司")
        self.name = prefix + brand_a + brand_b + brand_c + _INDUSTRIES[self.industry] + suffix
        self.name[: len(BANKS)] = BANKS
        self.industry[: len(BANKS)] = -1
        self.group[: len(BANKS)] = False
        bodies = ids.organisation_bodies(rng, n)
        while (repeated := _repeated(bodies.astype(str))).any():
            bodies[repeated] = ids.organisation_bodies(rng, int(repeated.sum()))
        self.org = ids.organisation_codes(bodies)
        self.uscc = ids.credit_codes(np.full(n, "91", dtype=object), district, self.org)
        self.status = rng.choice(4, size=n, p=[0.86, 0.05, 0.03, 0.06])
        self.status[: len(BANKS)] = 0
        self.status_changed = rng.integers(30, 3000, size=n)  # days before the as-of date
        self.protected = np.zeros(n, dtype=bool)
        self.property_managers = np.flatnonzero(self.industry[: self.random_size] == PROPERTY_INDUSTRY)

    def planted_index(self, start: int, count: int) -> np.ndarray:
        return self.random_size + (np.arange(start, start + count) % (self.size - self.random_size))


def _repeated(values: np.ndarray) -> np.ndarray:
    """True for every occurrence of a value after its first."""
    _, first = np.unique(values, return_index=True)
    repeated = np.ones(len(values), dtype=bool)
    repeated[first] = False
    return repeated


def ymd_numbers(days: np.ndarray) -> np.ndarray:
    """Day numbers as YYYYMMDD integers (for the birth-date part of an ID number)."""
    as_dates = days.astype("datetime64[D]")
    year = as_dates.astype("datetime64[Y]").astype(np.int64) + 1970
    month = as_dates.astype("datetime64[M]").astype(np.int64) % 12 + 1
    day = (as_dates - as_dates.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64) + 1
    return year * 10000 + month * 100 + day


class Pools:
    def __init__(self, seed: int, cases: int, as_of: int) -> None:
        rng = np.random.default_rng([seed, 0xB001])
        planted = max(200, cases // 25)
        self.persons = PersonPool(rng, max(800, int(cases * 1.5)), planted, as_of)
        self.companies = CompanyPool(rng, max(200, int(cases * 0.5)), planted // 2)
        self.as_of = as_of


def person_address(idx: np.ndarray) -> np.ndarray:
    """A residential address derived from the person's index (stable, no storage)."""
    idx = np.asarray(idx, dtype=np.int64)
    road = _ROADS[(idx * 7919) % len(ROADS)]
    district = _DISTRICTS[(idx * 104729) % len(DISTRICTS)]
    lane = (idx * 31) % 1800 + 1
    number = (idx * 17) % 60 + 1
    room = ((idx * 13) % 18 + 1) * 100 + (idx % 4) + 1
    return ("上海市" + district + road + lane.astype(str).astype(object) + "弄"
            + number.astype(str).astype(object) + "号" + room.astype(str).astype(object) + "室")


def company_address(idx: np.ndarray) -> np.ndarray:
    idx = np.asarray(idx, dtype=np.int64)
    road = _ROADS[(idx * 6007) % len(ROADS)]
    district = _DISTRICTS[(idx * 7177) % len(DISTRICTS)]
    number = (idx * 29) % 2000 + 1
    return "上海市" + district + road + number.astype(str).astype(object) + "号"


def mobile_phone(idx: np.ndarray) -> np.ndarray:
    idx = np.asarray(idx, dtype=np.int64)
    prefixes = np.array(["139", "138", "137", "136", "135", "186", "185", "159", "158", "177", "189", "133"], dtype=object)
    tail = (idx * 2654435761 + 97) % 100_000_000
    return prefixes[idx % len(prefixes)] + digits(tail, 8)


def landline(idx: np.ndarray) -> np.ndarray:
    idx = np.asarray(idx, dtype=np.int64)
    tail = (idx * 40503 + 11) % 90_000_000 + 10_000_000
    return "021-" + tail.astype(str).astype(object)


__all__ = ["COMPANY", "PERSON", "Pools"]
