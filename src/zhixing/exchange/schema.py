"""JSON Schemas of exchange format v1, one per file, derived from the column specifications.

The published copies live in ``exchange/schemas/``; a test checks they equal what this
module derives. Regenerate them after changing ``spec.py``:

    zhixing exchange_schemas
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from zhixing.core.money import AMOUNT_PATTERN, MONEY_MAX
from zhixing.exchange.spec import FILES, FORMAT_VERSION, Column, FileSpec, Kind
from zhixing.exchange.values import DATE_PATTERN, DATETIME_PATTERN

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"

_DESCRIPTIONS = {
    Kind.TEXT: "文本",
    Kind.ENUM: "取值之一",
    Kind.DATE: "日期 YYYY-MM-DD",
    Kind.DATETIME: "ISO 8601 日期时间；未写时区按 +08:00",
    Kind.AMOUNT: "金额（元），非负，最多两位小数",
    Kind.CASE_NO: "案号，如 (2024)沪0104执1234号；全角或半角括号均可",
    Kind.CASE_REF: "案号，须在本批次或数据库中存在",
    Kind.JUDGMENT_NO: "执行依据等文书的案号，可不在数据库中",
    Kind.PARTY_REF: "同一来源的 parties.party_key，须在本批次或数据库中存在",
    Kind.COURT_REF: "法院代码，须在本批次或数据库中存在",
}


def _value_schema(spec: FileSpec, column: Column) -> dict[str, Any]:
    kind = column.kind
    schema: dict[str, Any]
    if kind is Kind.ENUM:
        return {"enum": list(column.values) + ([] if column.required else [None])}
    if kind is Kind.AMOUNT:
        schema = {
            "type": ["string", "number"],
            "pattern": AMOUNT_PATTERN,
            "minimum": 0,
            "exclusiveMaximum": int(MONEY_MAX) + 1,
        }
    elif kind is Kind.DATE:
        schema = {"type": "string", "format": "date", "pattern": DATE_PATTERN}
    elif kind is Kind.DATETIME:
        schema = {"type": "string", "pattern": DATETIME_PATTERN}
    else:
        schema = {"type": "string", "minLength": 1}
        max_length = spec.max_length(column)
        if max_length is not None:
            schema["maxLength"] = max_length
    if not column.required:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        schema["type"] = [*types, "null"]
    return schema


def file_schema(spec: FileSpec) -> dict[str, Any]:
    properties = {}
    for column in spec.columns:
        description = _DESCRIPTIONS[column.kind] + (f"。{column.meaning}" if column.meaning else "")
        prop = {"description": description, **_value_schema(spec, column)}
        prop["x-zhixing-kind"] = column.kind.value
        if column.kind is Kind.ENUM and not column.required:
            # The importer keeps an unknown value of an optional enumeration and warns about it.
            prop["x-zhixing-unknown-values"] = "kept-with-warning"
        if column.extension:
            prop["x-zhixing-extension"] = True
        properties[column.name] = prop
    return {
        "$schema": DIALECT,
        "$id": f"urn:zhixing-exchange:1:{spec.name}",
        "title": f"{FORMAT_VERSION} {spec.name}",
        "description": (
            f"{spec.name}.csv 的一行（表头为列名）、{spec.name}.jsonl 的一行，"
            f"或 batch.xlsx 中 {spec.name} 工作表的一行。空单元格或缺少的键即 null。"
        ),
        "type": "object",
        "required": list(spec.required),
        "properties": properties,
        "additionalProperties": True,
        "x-zhixing-key": list(spec.key),
    }


def manifest_schema() -> dict[str, Any]:
    return {
        "$schema": DIALECT,
        "$id": "urn:zhixing-exchange:1:manifest",
        "title": f"{FORMAT_VERSION} manifest.json",
        "type": "object",
        "required": ["format", "source", "exported_at"],
        "properties": {
            "format": {"const": FORMAT_VERSION},
            "source": {
                "description": "法院代码（法院导出）或机构名称（机构数据）",
                "type": "string",
                "minLength": 1,
                "maxLength": 60,
            },
            "exported_at": {"type": "string", "pattern": DATETIME_PATTERN},
        },
        "additionalProperties": True,
    }


def all_schemas() -> dict[str, dict[str, Any]]:
    """File name in ``schemas/`` -> schema."""
    schemas = {"manifest.json": manifest_schema()}
    schemas.update({f"{spec.name}.json": file_schema(spec) for spec in FILES})
    return schemas


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in all_schemas().items():
        path = directory / name
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written

