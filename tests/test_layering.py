"""The scenarios are declarations and their engine: they never import the alerts that carry
their findings and effects out, nor the evaluation app that runs both (docs/architecture.md)."""

import ast
from pathlib import Path

import zhixing.scenarios

ABOVE_SCENARIOS = ("zhixing.alerts", "zhixing.evaluation")


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def _is_above(module: str) -> bool:
    return any(module == top or module.startswith(f"{top}.") for top in ABOVE_SCENARIOS)


def test_no_scenarios_module_imports_alerts_or_evaluation():
    root = Path(zhixing.scenarios.__file__).parent
    offenders = [
        f"{path.relative_to(root.parent)}:{line} imports {module}"
        for path in sorted(root.rglob("*.py"))
        for line, module in _imports(path)
        if _is_above(module)
    ]
    assert offenders == []


def test_the_check_sees_every_form_of_import(tmp_path):
    source = tmp_path / "m.py"
    source.write_text(
        "import zhixing.alerts.models\n"
        "from zhixing import evaluation\n"
        "def f():\n    from zhixing.alerts.raising import store_findings\n",
        encoding="utf-8",
    )
    found = {m for _, m in _imports(source) if _is_above(m)}
    assert {"zhixing.alerts.models", "zhixing.evaluation", "zhixing.alerts.raising"} <= found
