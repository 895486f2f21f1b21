"""The apps' layering (pyproject's [tool.importlinter], docs/architecture.md): an app imports
only the layers below it. The same contracts run in `make lint`; here they run with the suite,
and a planted upward import shows that they fail."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(source: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(source)}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


def test_the_apps_keep_their_layers():
    run = lint_imports(ROOT / "src")
    assert run.returncode == 0, run.stdout + run.stderr


def test_an_upward_import_breaks_the_contract(tmp_path):
    copy = tmp_path / "src"
    subprocess.run(["cp", "-r", str(ROOT / "src"), str(copy)], check=True)
    params = copy / "zhixing" / "scenarios" / "params.py"
    params.write_text(params.read_text(encoding="utf-8") + "\nimport zhixing.alerts.models  # planted\n",
                      encoding="utf-8")
    run = lint_imports(copy)
    assert run.returncode != 0
    assert "zhixing.scenarios.params -> zhixing.alerts.models" in run.stdout
