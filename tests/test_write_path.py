"""One write path: doors (views, routers, management commands) parse input and call commands;
they never write a model themselves (docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "zhixing"

# Where the doors are: every module of these, whatever app it belongs to.
DOORS = ("web/views", "api/routers", "portal", "*/management/commands")
WRITES = {"save", "delete", "update", "create", "get_or_create", "update_or_create", "bulk_create",
          "bulk_update", "upsert_rows", "atomic"}


def door_modules() -> list[Path]:
    found: set[Path] = set()
    for pattern in DOORS:
        for folder in SRC.glob(pattern):
            found.update(folder.rglob("*.py") if folder.is_dir() else [folder])
    found.update(SRC.glob("web/views.py"))
    return sorted(found)


def writes_in(source: str) -> list[str]:
    """Calls that write a model: .save(), .delete(), queryset .update()/.create() …, bulk
    writes, upserts and transactions opened by the door itself."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name not in WRITES:
            continue
        receiver = ast.unparse(func.value) if isinstance(func, ast.Attribute) else ""
        if name in {"update", "delete", "create"} and not any(
            word in receiver for word in ("objects", "filter(", "exclude(", "all()")
        ):
            continue  # dict.update, set operations …
        if name == "atomic" and "transaction" not in receiver:
            continue
        found.append(f"{node.lineno}: {ast.unparse(node)[:80]}")
    return found


def test_the_check_finds_a_write():
    sample = (
        "def view(request):\n"
        "    Alert.objects.filter(pk=1).update(status='x')\n"
        "    row.save()\n"
        "    with transaction.atomic():\n"
        "        Hold.objects.create(alert=a)\n"
        "    data.update(x=1)\n"
    )
    assert [line.split(":")[0] for line in writes_in(sample)] == ["2", "3", "4", "5"]


def test_the_doors_are_found():
    names = {str(p.relative_to(SRC)) for p in door_modules()}
    assert "api/routers/events.py" in names
    assert "web/views/alert.py" in names
    assert "exchange/management/commands/import_batch.py" in names


@pytest.mark.parametrize("module", door_modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_door_writes_a_model_itself(module: Path):
    assert writes_in(module.read_text(encoding="utf-8")) == []
