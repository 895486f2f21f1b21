"""The published JSON Schemas agree with the importer's column specifications."""

import json
import re
from pathlib import Path

import pytest

from batches import agency_batch_files, court_batch_files
from zhixing.cases import enums
from zhixing.exchange.schema import SCHEMA_DIR, all_schemas, render
from zhixing.exchange.spec import FILES, Kind
from zhixing.exchange.values import AMOUNT_PATTERN, DATE_PATTERN, DATETIME_PATTERN


def published(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def test_every_published_schema_is_what_the_code_derives():
    expected = all_schemas()
    assert sorted(p.name for p in Path(SCHEMA_DIR).glob("*.json")) == sorted(expected)
    for name, schema in expected.items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == render(schema), (
            f"{name} is stale: run `zhixing exchange_schemas`"
        )


@pytest.mark.parametrize("spec", FILES, ids=lambda spec: spec.name)
def test_schema_columns_required_and_values_match_the_spec(spec):
    schema = published(f"{spec.name}.json")
    assert list(schema["properties"]) == [c.name for c in spec.columns]
    assert schema["required"] == [c.name for c in spec.columns if c.required]
    for column in spec.columns:
        prop = schema["properties"][column.name]
        assert prop["x-zhixing-kind"] == column.kind.value
        if column.kind is Kind.ENUM:
            assert [v for v in prop["enum"] if v is not None] == list(column.values)
            assert (None in prop["enum"]) is not column.required
        else:
            assert ("null" in prop["type"]) is not column.required
        if column.kind is Kind.DATE:
            assert prop["pattern"] == DATE_PATTERN
        if column.kind is Kind.DATETIME:
            assert prop["pattern"] == DATETIME_PATTERN
        if column.kind is Kind.AMOUNT:
            assert prop["pattern"] == AMOUNT_PATTERN


def test_schemas_carry_the_contract_enumerations():
    assert published("cases.json")["properties"]["status"]["enum"] == ["在办", "已结"]
    assert published("measures.json")["properties"]["kind"]["enum"] == list(enums.MEASURE_KINDS)
    assert published("fees.json")["properties"]["kind"]["enum"] == [*enums.FEE_KINDS, None]
    assert published("manifest.json")["properties"]["format"] == {"const": "zhixing-exchange/1"}


def test_the_sample_batches_satisfy_the_schemas():
    """A light check of the sample rows against the schema patterns (types as CSV writes them)."""
    for files in (court_batch_files(), agency_batch_files()):
        for name, rows in files.items():
            schema = published(f"{name}.json")
            for row in rows:
                assert set(schema["required"]) <= {k for k, v in row.items() if v is not None}
                for key, value in row.items():
                    prop = schema["properties"][key]
                    if value is None:
                        continue
                    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
                    if "enum" in prop:
                        assert text in prop["enum"], (name, key, text)
                    if "pattern" in prop:
                        assert re.match(prop["pattern"], text), (name, key, text)
                    if "maxLength" in prop:
                        assert len(text) <= prop["maxLength"]


def test_the_schema_command_checks_and_rewrites(tmp_path, monkeypatch):
    import io

    from django.core.management import CommandError, call_command

    from zhixing.exchange.management.commands import exchange_schemas

    out = io.StringIO()
    call_command("exchange_schemas", "--check", stdout=out)
    assert out.getvalue().strip() == "schemas up to date"

    monkeypatch.setattr(exchange_schemas, "SCHEMA_DIR", tmp_path)
    with pytest.raises(CommandError, match="manifest.json"):
        call_command("exchange_schemas", "--check")
    call_command("exchange_schemas", stdout=io.StringIO())
    (tmp_path / "fees.json").write_text("{}", encoding="utf-8")
    with pytest.raises(CommandError, match=r"out of date: fees\.json$"):
        call_command("exchange_schemas", "--check")
