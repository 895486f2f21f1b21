"""The demo generator writes valid exchange-format v1 batches, reproducibly."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from stdnum.cn import ric

from zhixing.cases import enums
from zhixing.core.caseno import parse_case_no
from zhixing.core.idnumbers import normalise_id, ric_15_to_18
from zhixing.core.money import parse_amount
from zhixing.demo.generator import TRUTH_FILE, generate
from zhixing.demo.reading import batch_folders, detect_encoding, read_batch

CASES = 2500
AS_OF = dt.date(2025, 6, 30)

# The column table of exchange format v1, written out here independently of the generator.
SPEC = {
    "courts": "code* name* level parent_code",
    "staff": "staff_id* court_code* name* role* phone",
    "parties": "party_key* kind* name* id_type id_number phone address",
    "cases": "case_no* court_code* category* procedure* cause filed_on* judge_id panel status* "
             "closed_on closure_mode stage stage_since basis_case_no applied_amount deadline_on",
    "case_parties": "case_no* party_key* role* owed_amount",
    "account_txns": "txn_id* case_no* direction* amount* occurred_at* counterparty_key beneficiary_key channel",
    "measures": "measure_id* case_no* party_key* kind* started_on* lifted_on expires_on detail amount",
    "actions": "case_no* action* done_on* staff_id",
    "stage_history": "case_no* stage* entered_on*",
    "auctions": "auction_id* case_no* item* round* reference_price_on announced_on starts_on ends_on result amount",
    "asset_findings": "finding_id* party_key* case_no source* found_on* description value",
    "fees": "case_no* party_key* kind amount_due* amount_paid due_on",
    "bankruptcies": "case_no* party_key* accepted_on* administrator claims_deadline",
    "basis_changes": "case_no* new_case_no decided_on* outcome*",
    "custody": "record_id* name* id_type id_number facility* kind from_on* to_on",
    "consumption": "record_id* name* id_type id_number kind* occurred_at* place",
    "registrations": "id_number* name* status* changed_on",
}
ENUMS = {
    ("courts", "level"): enums.COURT_LEVELS, ("staff", "role"): enums.STAFF_ROLES,
    ("parties", "kind"): enums.PARTY_KINDS,
    ("parties", "id_type"): ("居民身份证", "统一社会信用代码", "组织机构代码", "护照", "港澳台居民证件", "其他"),
    ("cases", "category"): enums.CATEGORIES, ("cases", "procedure"): enums.PROCEDURES,
    ("cases", "panel"): enums.PANELS, ("cases", "status"): enums.STATUSES,
    ("cases", "closure_mode"): enums.CLOSURE_MODES, ("cases", "stage"): enums.STAGES,
    ("case_parties", "role"): enums.CASE_ROLES, ("account_txns", "direction"): enums.TXN_DIRECTIONS,
    ("measures", "kind"): enums.MEASURE_KINDS, ("stage_history", "stage"): enums.STAGES,
    ("auctions", "round"): enums.AUCTION_ROUNDS, ("auctions", "result"): enums.AUCTION_RESULTS,
    ("asset_findings", "source"): enums.FINDING_SOURCES, ("fees", "kind"): enums.FEE_KINDS,
    ("basis_changes", "outcome"): enums.BASIS_OUTCOMES, ("custody", "kind"): enums.CUSTODY_KINDS,
    ("consumption", "kind"): enums.CONSUMPTION_KINDS,
    ("registrations", "status"): enums.REGISTRATION_STATUSES,
}
DATE_FIELDS = {"filed_on", "closed_on", "stage_since", "deadline_on", "started_on", "lifted_on",
               "expires_on", "done_on", "entered_on", "reference_price_on", "announced_on", "starts_on",
               "ends_on", "found_on", "due_on", "accepted_on", "claims_deadline", "decided_on", "from_on",
               "to_on", "changed_on"}
MONEY_FIELDS = {"applied_amount", "owed_amount", "amount", "value", "amount_due", "amount_paid"}
UNIQUE_KEYS = {
    "parties": ("party_key",), "cases": ("case_no",), "account_txns": ("txn_id",),
    "measures": ("measure_id",), "auctions": ("auction_id",), "asset_findings": ("finding_id",),
    "staff": ("staff_id",), "custody": ("record_id",), "consumption": ("record_id",),
    "registrations": ("id_number",), "actions": ("case_no", "action", "done_on", "staff_id"),
    "stage_history": ("case_no", "stage", "entered_on"), "fees": ("case_no", "party_key", "kind"),
    "case_parties": ("case_no", "party_key", "role"), "bankruptcies": ("case_no", "party_key"),
    "basis_changes": ("case_no", "new_case_no", "decided_on", "outcome"),
}


def columns(name: str) -> list[str]:
    return [c.rstrip("*") for c in SPEC[name].split()]


def required(name: str) -> list[str]:
    return [c.rstrip("*") for c in SPEC[name].split() if c.endswith("*")]


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "data"
    generate(folder, CASES, seed=7, as_of=AS_OF)
    return folder


@pytest.fixture(scope="module")
def batches(out) -> dict[str, dict[str, list[dict[str, str]]]]:
    result = {}
    for folder in batch_folders(out):
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        result[manifest["source"]] = read_batch(folder)
    return result


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_gives_byte_identical_files_and_another_seed_does_not(out, tmp_path):
    generate(tmp_path / "again", CASES, seed=7, as_of=AS_OF)
    generate(tmp_path / "other", CASES, seed=8, as_of=AS_OF)
    first = digest(out)
    assert len(first) > 300
    assert digest(tmp_path / "again") == first
    assert digest(tmp_path / "other") != first


def test_refuses_a_folder_that_already_holds_files(out):
    with pytest.raises(Exception, match="not empty"):
        generate(out, CASES, seed=7, as_of=AS_OF)


def test_one_batch_per_court_and_agency_with_a_v1_manifest(out):
    from zhixing.cases.shanghai import SHANGHAI_COURTS

    sources = {}
    for folder in batch_folders(out):
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["format"] == "zhixing-exchange/1"
        assert manifest["exported_at"] == "2025-06-30T18:00:00+08:00"
        sources[manifest["source"]] = folder.name
    courts = {code for code, *_ in SHANGHAI_COURTS}
    assert courts <= set(sources)
    assert set(sources) - courts == {"上海市监狱管理局", "点对点-民航", "点对点-酒店", "上海市市场监督管理局"}


def test_encodings_bom_and_jsonl_vary_by_court(out):
    assert (out / "沪0118" / "cases.jsonl").is_file() and not (out / "沪0118" / "cases.csv").exists()
    raw = (out / "沪0151" / "parties.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert raw.decode("gb18030").startswith("party_key,")
    assert (out / "沪0120" / "cases.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    plain = (out / "沪0104" / "cases.csv").read_bytes()
    assert not plain.startswith(b"\xef\xbb\xbf")
    plain.decode("utf-8")


def test_every_file_has_exactly_the_format_columns_and_valid_values(out, batches):
    for source, files in batches.items():
        for name, rows in files.items():
            assert name in SPEC, f"{source}: unexpected file {name}"
            csv_path = out / source / f"{name}.csv"
            if csv_path.exists():
                data = csv_path.read_bytes()
                header = data.decode(detect_encoding(data)).splitlines()[0]
                assert header.split(",") == columns(name), f"{source}/{name}.csv header"
            for line, row in enumerate(rows, start=2):
                where = f"{source}/{name}:{line}"
                assert set(row) <= set(columns(name)), where
                for field in required(name):
                    assert row.get(field), f"{where}: {field} is required"
                for field, value in row.items():
                    if not value:
                        continue
                    if (name, field) in ENUMS:
                        assert value in ENUMS[(name, field)], f"{where}: {field}={value}"
                    if field in DATE_FIELDS:
                        dt.date.fromisoformat(value)
                    if field in MONEY_FIELDS:
                        parse_amount(value)
                        assert re.fullmatch(r"\d+\.\d{2}", value), f"{where}: {field}={value}"
                    if field == "occurred_at":
                        assert dt.datetime.fromisoformat(value).utcoffset() == dt.timedelta(hours=8)


def test_keys_are_unique_and_references_resolve_inside_each_batch(batches):
    check_keys_and_references(batches)


def test_small_chunks_keep_numbers_keys_and_references_consistent(tmp_path):
    generate(tmp_path / "chunked", 2000, seed=3, as_of=AS_OF, chunk_size=600)
    batches = {f.name: read_batch(f) for f in batch_folders(tmp_path / "chunked")}
    check_keys_and_references(batches)
    numbers = [parse_case_no(r["case_no"]) for f in batches.values() for r in f.get("cases", [])]
    assert len({str(n) for n in numbers}) == 2000
    truth = json.loads((tmp_path / "chunked" / TRUTH_FILE).read_text(encoding="utf-8"))
    assert set(truth["planted"]) == {f"S{i:02d}" for i in range(1, 19)}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_smallest_demo_still_plants_every_scenario(tmp_path, seed):
    generate(tmp_path / "tiny", 200, seed=seed, as_of=AS_OF)
    truth = json.loads((tmp_path / "tiny" / TRUTH_FILE).read_text(encoding="utf-8"))
    missing = [f"S{i:02d}" for i in range(1, 19) if truth["planted"].get(f"S{i:02d}", {}).get("count", 0) < 1]
    assert not missing


def check_keys_and_references(batches) -> None:
    for source, files in batches.items():
        for name, key in UNIQUE_KEYS.items():
            seen = [tuple(r.get(k, "") for k in key) for r in files.get(name, [])]
            assert len(seen) == len(set(seen)), f"{source}/{name}: duplicate {key}"
        parties = {r["party_key"] for r in files.get("parties", [])}
        cases = {r["case_no"] for r in files.get("cases", [])}
        for name in ("case_parties", "account_txns", "measures", "actions", "stage_history",
                     "auctions", "fees", "bankruptcies"):
            for row in files.get(name, []):
                assert row["case_no"] in cases, f"{source}/{name}: {row['case_no']} not in the batch"
        for name in ("case_parties", "measures", "asset_findings", "fees", "bankruptcies"):
            for row in files.get(name, []):
                assert row["party_key"] in parties, f"{source}/{name}: {row['party_key']}"
        for row in files.get("asset_findings", []):
            assert not row.get("case_no") or row["case_no"] in cases
        for row in files.get("account_txns", []):
            for field in ("counterparty_key", "beneficiary_key"):
                assert not row.get(field) or row[field] in parties


def test_case_numbers_parse_and_name_their_court_and_procedure(batches):
    type_of = {"首次执行": "执", "恢复执行": "执恢", "财产保全执行": "执保", "破产清算": "破"}
    seen = set()
    for source, files in batches.items():
        for row in files.get("cases", []):
            number = parse_case_no(row["case_no"])
            assert number.court_code == row["court_code"] == source
            assert number.type_code == type_of[row["procedure"]]
            assert number.year == int(row["filed_on"][:4])
            assert str(number) not in seen
            seen.add(str(number))
    assert len(seen) == CASES
    assert any(r["case_no"].startswith("（") for r in batches["沪0109"]["cases"])
    assert any("执恢" in n for n in seen)


def _identity_rows(batches):
    for source, files in batches.items():
        for row in files.get("parties", []):
            yield source, row
        for name in ("custody", "consumption"):
            for row in files.get(name, []):
                yield source, row


def test_id_numbers_are_valid_except_the_deliberate_typos(out, batches):
    truth = json.loads((out / TRUTH_FILE).read_text(encoding="utf-8"))
    deliberate = {(s, key) for s, key, _ in truth["wrong_check_digits"]}
    invalid, forms = set(), defaultdict(int)
    for source, row in _identity_rows(batches):
        number = row.get("id_number")
        if not number:
            continue
        normal = normalise_id(row.get("id_type"), number)
        assert normal is not None
        forms[(row.get("id_type"), len(number.replace("-", "")), "-" in number)] += 1
        if row.get("id_type") == "居民身份证" and len(number) == 18:
            assert normal.verified == ric.is_valid(number)
        if not normal.verified:
            invalid.add((source, row.get("party_key")))
    assert invalid == deliberate
    assert 0 < len(deliberate) < 0.01 * sum(forms.values())
    assert forms[("居民身份证", 15, False)] and forms[("居民身份证", 18, False)]
    assert forms[("统一社会信用代码", 18, False)]
    assert forms[("组织机构代码", 9, True)] and forms[("组织机构代码", 9, False)]


def test_same_people_appear_in_several_courts_under_old_and_new_numbers(batches):
    forms = defaultdict(set)
    roles = defaultdict(set)
    for source, files in batches.items():
        keyed = {}
        for row in files.get("parties", []):
            number = row.get("id_number", "")
            if row.get("id_type") == "居民身份证" and len(number) == 15:
                canonical = ric_15_to_18(number)
            else:
                normal = normalise_id(row.get("id_type"), number)
                canonical = normal.value if normal and normal.verified else None
                if normal and normal.org_code:
                    canonical = normal.org_code
            if canonical:
                forms[canonical].add((source, len(number.replace("-", ""))))
                keyed[row["party_key"]] = canonical
        for row in files.get("case_parties", []):
            if row["party_key"] in keyed:
                roles[keyed[row["party_key"]]].add((source, row["role"]))
    old_and_new = [c for c, f in forms.items() if {n for _, n in f} >= {15, 18}
                   and len({s for s, _ in f}) >= 2]
    org_and_credit = [c for c, f in forms.items() if {n for _, n in f} >= {9, 18}]
    assert old_and_new and org_and_credit
    both_sides = [c for c, r in roles.items()
                  if any(role == "被执行人" for _, role in r) and any(role == "申请执行人" for _, role in r)
                  and len({s for s, _ in r}) >= 2]
    assert len(both_sides) >= 5


def test_no_two_people_or_companies_share_a_number():
    from zhixing.demo.dates import day_number
    from zhixing.demo.population import Pools

    pools = Pools(seed=4, cases=200_000, as_of=day_number(AS_OF))
    persons, companies = pools.persons, pools.companies
    assert len(set(persons.id18.tolist())) == persons.size > 300_000
    assert len(set(companies.org.tolist())) == companies.size > 100_000


def test_about_forty_percent_of_closed_enforcement_cases_end_as_zhongben(batches):
    closed = [r for f in batches.values() for r in f.get("cases", [])
              if r["category"] == "执行" and r["procedure"] in ("首次执行", "恢复执行") and r["status"] == "已结"]
    share = sum(r["closure_mode"] == "终结本次执行程序" for r in closed) / len(closed)
    assert 0.33 < share < 0.47
    assert len({r["cause"] for f in batches.values() for r in f.get("cases", [])}) >= 10


def test_vehicle_seizures_name_a_shanghai_plate(batches):
    details = [r["detail"] for f in batches.values() for r in f.get("measures", []) if r["kind"] == "查封车辆"]
    assert details and all(re.match(r"^沪[A-N]·[0-9A-Z]{5}", d) for d in details)


def test_judges_of_cases_are_staff_of_the_court(batches):
    for files in batches.values():
        staff = {r["staff_id"]: r["role"] for r in files.get("staff", [])}
        for row in files.get("cases", []):
            if row.get("judge_id"):
                assert staff[row["judge_id"]] == "执行法官"
        if staff:
            roles = set(staff.values())
            assert {"执行法官", "法官助理", "执行局长", "指挥中心"} <= roles


@pytest.mark.parametrize(
    ("applied_yuan", "fee_yuan"),
    [(8_000, 50), (10_000, 50), (500_000, 7_400), (1_000_000, 12_400), (6_000_000, 57_400),
     (20_000_000, 87_400)],
)
def test_enforcement_fee_follows_the_fee_schedule(applied_yuan, fee_yuan):
    import numpy as np

    from zhixing.demo.money import enforcement_fee

    assert enforcement_fee(np.array([applied_yuan * 100]))[0] == fee_yuan * 100


def test_people_have_chinese_names_from_the_surname_table(batches):
    from zhixing.demo.names import FEMALE_CHARS, MALE_CHARS, SURNAMES

    assert len(set(MALE_CHARS)) == len(MALE_CHARS) and len(set(FEMALE_CHARS)) == len(FEMALE_CHARS)
    names = [r["name"] for f in batches.values() for r in f.get("parties", []) if r["kind"] == "自然人"]
    assert names and all(2 <= len(n) <= 4 for n in names)
    assert all(any(n.startswith(s) and len(n) > len(s) for s in SURNAMES) for n in names)
    common = Counter(n[0] for n in names).most_common(3)
    assert {c for c, _ in common} <= set("王李张陈刘徐")
