"""`zhixing demo-data` and scripts/demo as a user runs them."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

REPO = Path(__file__).resolve().parent.parent


def test_demo_data_writes_batches_and_reports_what_it_planted(tmp_path):
    out = StringIO()
    call_command("demo_data", str(tmp_path / "d"), "--cases", "300", "--seed", "2", stdout=out, stderr=StringIO())
    text = out.getvalue()
    assert "wrote 300 cases" in text and "S01" in text and "S18" in text
    manifest = json.loads((tmp_path / "d" / "沪0115" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["source"] == "沪0115"


def test_demo_data_refuses_a_used_folder_and_leaves_it_alone(tmp_path):
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(CommandError, match="not empty"):
        call_command("demo_data", str(tmp_path), "--cases", "300", stdout=StringIO(), stderr=StringIO())
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--as-of", "2025-13-01"], "--as-of"), (["--cases", "10"], "at least 200"), (["--seed", "-1"], "--seed")],
)
def test_demo_data_rejects_bad_options_by_name(tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("demo_data", str(tmp_path / "x"), *args, stdout=StringIO(), stderr=StringIO())
    assert not (tmp_path / "x").exists()


FAKE_ZHIXING = """#!/usr/bin/env bash
# Stands in for the real console script: logs each call and fakes its effect.
set -eu
[ "$1" = worker ] && trap 'echo "worker stopped" >> "$FAKE_LOG"; exit 0' TERM
echo "$*" >> "$FAKE_LOG"
case "$1" in
  worker) while true; do sleep 0.05; done ;;
  runserver) for _ in $(seq 100); do grep -q '^worker$' "$FAKE_LOG" && break; sleep 0.05; done ;;
  help) for missing in ${FAKE_MISSING:-}; do [ "$2" = "$missing" ] && exit 1; done; exit 0 ;;
  demo-data) mkdir -p "$2/沪0104" "$2/上海市监狱管理局"; echo '{}' > "$2/沪0104/manifest.json";
             echo '{}' > "$2/上海市监狱管理局/manifest.json"; echo '{}' > "$2/demo-truth.json" ;;
  import) mkdir -p var; touch var/zhixing.sqlite3 ;;
  users) echo "judge / secret" ;;
esac
"""


def _sandbox(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "scripts").mkdir(parents=True)
    shutil.copy(REPO / "scripts" / "demo", root / "scripts" / "demo")
    fake = root / ".venv" / "bin" / "zhixing"
    fake.parent.mkdir(parents=True)
    fake.write_text(FAKE_ZHIXING, encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    return root


def _run(root: Path, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "ZHIXING_DATABASE_URL"}
    environ.update(FAKE_LOG=str(root / "calls.log"), **env)
    return subprocess.run(["bash", str(root / "scripts" / "demo")], cwd=root, env=environ,
                          capture_output=True, text=True, timeout=60)


def _calls(root: Path) -> list[str]:
    log = root / "calls.log"
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    log.unlink(missing_ok=True)
    return [line for line in lines if not line.startswith("help ")]


def _today_in_shanghai() -> str:
    import datetime as dt
    from zoneinfo import ZoneInfo

    return dt.datetime.now(tz=ZoneInfo("Asia/Shanghai")).date().isoformat()


def test_demo_script_runs_every_step_once_then_reuses_them(tmp_path):
    root = _sandbox(tmp_path)
    first = _run(root, ZHIXING_DEMO_AS_OF="2025-06-30")
    assert first.returncode == 0, first.stderr
    calls = _calls(root)
    assert calls[0].startswith("demo-data var/demo-data.partial --cases 20000 --seed 1 --as-of 2025-06-30")
    assert [c for c in calls if c.startswith("import ")] == [
        "import var/demo-data/上海市监狱管理局 var/demo-data/沪0104"], "one process imports every batch"
    assert calls[-5:-3] == ["scan --as-of 2025-06-30", "users demo"]
    # The worker runs beside the server and is stopped when the server stops.
    assert sorted(calls[-3:-1]) == ["runserver 127.0.0.1:8000 --noreload", "worker"]
    assert calls[-1] == "worker stopped"
    assert "http://127.0.0.1:8000/" in first.stdout and "judge / secret" in first.stdout

    second = _run(root, ZHIXING_DEMO_AS_OF="2025-06-30")
    assert second.returncode == 0, second.stderr
    calls = _calls(root)
    assert calls[0] == "users demo" and sorted(calls[1:3]) == ["runserver 127.0.0.1:8000 --noreload", "worker"]

    (root / "var" / "zhixing.sqlite3").unlink()  # a fresh database needs the data again
    assert _run(root, ZHIXING_DEMO_AS_OF="2025-06-30").returncode == 0
    again = _calls(root)
    assert not any(c.startswith("demo-data") for c in again)
    assert [c for c in again if c.startswith("import ")] == [
        "import var/demo-data/上海市监狱管理局 var/demo-data/沪0104"]
    assert "scan --as-of 2025-06-30" in again


def test_the_demo_lives_today_and_starts_again_on_a_later_day(tmp_path):
    """make demo describes the day it runs: the dashboard's year, the open cases, the terms
    of freezes are those of today. Data of an earlier day is generated again (SQLite demo)."""
    root = _sandbox(tmp_path)
    assert _run(root).returncode == 0
    today = _today_in_shanghai()
    calls = _calls(root)
    assert calls[0].endswith(f"--as-of {today}") and f"scan --as-of {today}" in calls
    assert (root / "var" / "demo-data" / "as-of").read_text(encoding="utf-8").strip() == today

    later = _run(root, ZHIXING_DEMO_AS_OF="2099-01-04")
    assert later.returncode == 0, later.stderr
    calls = _calls(root)
    assert calls[0].endswith("--as-of 2099-01-04") and "scan --as-of 2099-01-04" in calls
    assert any(c.startswith("import ") for c in calls)

    kept = _run(root, ZHIXING_DEMO_AS_OF="2099-01-05", ZHIXING_DATABASE_URL="postgresql://demo@localhost/demo")
    assert "note: the demo data in var/demo-data is as of 2099-01-04" in kept.stdout
    assert not any(c.startswith("demo-data") for c in _calls(root))


def test_demo_script_fails_clearly_when_a_command_is_missing(tmp_path):
    root = _sandbox(tmp_path)
    result = _run(root, FAKE_MISSING="scan")
    assert result.returncode != 0
    assert "zhixing scan" in result.stderr and "not available" in result.stderr
    assert _calls(root) == []
    assert not (root / "var" / "demo-data").exists()
