import os
import subprocess
import sys
from pathlib import Path


def run_zhixing(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "ZHIXING_DATABASE_URL"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "zhixing", *args], cwd=cwd, env=env,
        capture_output=True, text=True, timeout=120,
    )


def test_first_command_creates_the_default_database_and_applies_migrations(tmp_path):
    result = run_zhixing(["parties", "show", "310104199001011234"], tmp_path)
    assert (tmp_path / "var" / "zhixing.sqlite3").exists()
    assert result.returncode == 1
    assert "no party is known" in result.stderr
    assert "no such table" not in result.stderr
