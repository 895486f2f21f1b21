import json

from zhixing.bench.report import growth_rows, target_rows, write_report
from zhixing.bench.runner import Measurement, Run


def scan(size, seconds):
    return Measurement("scan", size, "sqlite", runs=[Run(seconds, 100.0, ""), Run(seconds + 2, 120.0, "")])


def test_a_missed_target_says_by_how_much():
    rows = target_rows([scan(100_000, 8.0), scan(1_000_000, 119.0)])
    (row,) = [r for r in rows if r[0].startswith("full scan")]
    assert "1,000,000" in row[0]
    assert row[2] == "120.00 s"
    assert row[3] == "missed: 50% of target"


def test_growth_is_reported_relative_to_linear():
    ((_, sizes, _, per_size),) = growth_rows([scan(100_000, 9.0), scan(1_000_000, 99.0)])
    assert sizes == "100,000 → 1,000,000"
    assert per_size == "1.00"


def test_report_files_hold_machine_and_medians(tmp_path):
    write_report(tmp_path, {"cores": 2}, [scan(100_000, 8.0)], "Scans are set-based.")
    data = json.loads((tmp_path / "benchmarks.json").read_text())
    assert data["measurements"][0]["median_seconds"] == 9.0
    assert data["measurements"][0]["peak_rss_mib"] == 120.0
    text = (tmp_path / "benchmarks.md").read_text()
    assert "| cores | 2 |" in text and "Scans are set-based." in text


def test_a_latency_run_with_no_answer_is_a_miss_not_a_pass():
    silent = Measurement("latency 200/s", 50_000, "sqlite", runs=[Run(0.0, 90.0, "")])
    silent.extra.update({"answered": 0, "failed": 2000, "p99_ms": None})
    (row,) = target_rows([silent])
    assert row[2] == "no request answered"
    assert row[3].startswith("missed")


def test_the_report_can_be_rewritten_from_its_json(tmp_path):
    from zhixing.bench.report import load_results

    original = scan(100_000, 8.0)
    original.extra["floor_seconds"] = 4.0
    write_report(tmp_path, {"cores": 2}, [original], "")
    machine, (loaded,) = load_results(tmp_path / "benchmarks.json")
    assert machine == {"cores": 2}
    assert loaded.median_seconds == original.median_seconds and loaded.extra["floor_seconds"] == 4.0
