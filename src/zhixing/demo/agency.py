"""Agency feeds: custody (上海市监狱管理局), consumption (点对点-民航, 点对点-酒店) and company
registrations (上海市市场监督管理局). They name people and companies by number, not party_key."""

from __future__ import annotations

import numpy as np

from zhixing.demo import ids
from zhixing.demo.context import Context, ids_text
from zhixing.demo.dates import NULL, date_text, datetime_text
from zhixing.demo.population import PERSON, Pools

PRISON_SOURCE = "上海市监狱管理局"
FLIGHT_SOURCE = "点对点-民航"
HOTEL_SOURCE = "点对点-酒店"
REGISTRY_SOURCE = "上海市市场监督管理局"
AGENCY_SOURCES = (PRISON_SOURCE, FLIGHT_SOURCE, HOTEL_SOURCE, REGISTRY_SOURCE)

PRISONS = np.array(["上海市提篮桥监狱", "上海市青浦监狱", "上海市南汇监狱", "上海市五角场监狱",
                    "上海市宝山监狱", "上海市周浦监狱", "上海市新收犯监狱", "上海市女子监狱",
                    "上海市军天湖监狱", "上海市白茅岭监狱"], dtype=object)
ROUTES = np.array(["上海虹桥—北京首都 MU5101", "上海浦东—三亚凤凰 HO1187", "上海虹桥—深圳宝安 CA1837",
                   "上海浦东—成都天府 FM9401", "上海虹桥—广州白云 CZ3596", "上海浦东—昆明长水 MU5803",
                   "上海浦东—东京成田 NH920", "上海虹桥—厦门高崎 MF8508"], dtype=object)
HOTELS = np.array(["上海外滩华尔道夫酒店（五星级）", "上海浦东香格里拉大酒店（五星级）",
                   "三亚亚龙湾丽思卡尔顿酒店（五星级）", "杭州西湖国宾馆（五星级）",
                   "苏州金鸡湖凯宾斯基大酒店（五星级）", "上海虹桥元一希尔顿酒店（五星级）",
                   "北京王府井文华东方酒店（五星级）", "上海锦江饭店（四星级）"], dtype=object)
STATUSES = np.array(["存续", "吊销", "注销", "经营异常"], dtype=object)

Rows = dict[str, np.ndarray]


def _person_columns(pools: Pools, idx: np.ndarray, old_form: np.ndarray) -> Rows:
    persons = pools.persons
    numbers = persons.id18[idx]
    legacy = old_form & persons.born_1900s[idx]
    if legacy.any():
        numbers = np.where(legacy, ids.to_15_digits(numbers), numbers)
    return {"name": persons.names.render(idx), "id_type": np.full(len(idx), "居民身份证", dtype=object),
            "id_number": numbers}


def custody(ctx: Context, pools: Pools) -> Rows:
    """S03 plants (in prison on the as-of date) and background records of past and other people."""
    c, rng, as_of = ctx.chunk, ctx.rng, ctx.as_of
    m = len(c)
    s03 = np.flatnonzero(c.flag("S03"))
    n_bg = max(1, m // 300)
    bg_people = rng.integers(0, pools.persons.random_size, n_bg)
    idx = np.r_[c.debtor_idx[s03], bg_people].astype(np.int64)
    n = len(idx)
    start = np.r_[as_of - rng.integers(30, 900, len(s03)), as_of - rng.integers(400, 3000, n_bg)]
    until = np.r_[np.where(rng.random(len(s03)) < 0.2, NULL, as_of + rng.integers(30, 2000, len(s03))),
                  start[len(s03):] + rng.integers(60, 380, n_bg)]
    until = np.where((until != NULL) & (until > as_of) & (np.arange(n) >= len(s03)), as_of - 5, until)
    cols = _person_columns(pools, idx, rng.random(n) < 0.08)
    serial = np.r_[c.index[s03], c.index[0] + np.arange(n_bg)]
    return {
        "record_id": ids_text("JY", serial, np.r_[np.zeros(len(s03), dtype=np.int64), np.ones(n_bg, dtype=np.int64)]),
        **cols,
        "facility": PRISONS[rng.integers(0, len(PRISONS), n)],
        "kind": np.full(n, "服刑", dtype=object),
        "from_on": date_text(start),
        "to_on": date_text(until),
    }


def consumption(ctx: Context, pools: Pools) -> tuple[Rows, Rows]:
    """Flights and hotel stays: S13 plants by restricted debtors, background by anyone."""
    c, rng, as_of = ctx.chunk, ctx.rng, ctx.as_of
    m = len(c)
    s13 = np.flatnonzero(c.flag("S13") & (c.debtor_kind == PERSON))
    restrict = c.extra["restrict_start"][s13]
    when_s13 = ctx.between(restrict + 10, np.full(len(s13), as_of))
    n_bg = max(2, m // 150)
    bg = rng.integers(0, pools.persons.random_size, n_bg)
    idx = np.r_[c.debtor_idx[s13], bg].astype(np.int64)
    when = np.r_[when_s13, as_of - rng.integers(0, 700, n_bg)]
    serial = np.r_[c.index[s13], c.index[0] + np.arange(n_bg)]
    flight = rng.random(len(idx)) < 0.6
    base = {
        **_person_columns(pools, idx, np.zeros(len(idx), dtype=bool)),
        "record_id": ids_text("XF", serial, np.r_[np.zeros(len(s13), dtype=np.int64), np.ones(n_bg, dtype=np.int64)]),
        "occurred_at": datetime_text(when, rng.integers(6 * 60, 23 * 60, len(idx))),
    }
    flights = {k: v[flight] for k, v in base.items()}
    flights["kind"] = np.full(int(flight.sum()), "乘坐飞机", dtype=object)
    flights["place"] = ROUTES[rng.integers(0, len(ROUTES), int(flight.sum()))]
    hotels = {k: v[~flight] for k, v in base.items()}
    hotels["kind"] = np.full(int((~flight).sum()), "入住星级宾馆", dtype=object)
    hotels["place"] = HOTELS[rng.integers(0, len(HOTELS), int((~flight).sum()))]
    return flights, hotels


def registrations(pools: Pools, used: np.ndarray, as_of: int) -> Rows:
    """One row per company that appears in any court, as the market regulator knows it."""
    firms = pools.companies
    idx = np.flatnonzero(used)
    status = firms.status[idx]
    changed = np.where(status == 0, NULL, as_of - firms.status_changed[idx])
    return {
        "id_number": firms.uscc[idx],
        "name": firms.name[idx],
        "status": STATUSES[status],
        "changed_on": date_text(changed),
    }
