"""Reading a batch folder: manifest.json and one CSV, JSONL or XLSX sheet per entity.

Readers only split files into rows of raw cells with their physical line numbers; turning
cells into values is ``parsing``'s job.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from zhixing.exchange.encoding import EncodingProblem, decode_text
from zhixing.exchange.errors import WHOLE_FILE, Problems
from zhixing.exchange.spec import BY_NAME, FORMAT_VERSION
from zhixing.exchange.values import BadValue, JsonNumber, is_blank, to_datetime

MANIFEST = "manifest.json"
WORKBOOK = "batch.xlsx"
FORMATS = ("csv", "jsonl")
MAX_SOURCE_LENGTH = 60

RawRow = tuple[int, dict[str, Any]]


@dataclass(frozen=True)
class Manifest:
    source: str
    exported_at: dt.datetime


@dataclass
class RawFile:
    entity: str
    label: str  # how problems name the file: cases.csv, batch.xlsx[cases]
    columns: list[str] | None  # header columns; None for JSONL (keys per line) or an empty file
    rows: list[RawRow]


@dataclass
class RawBatch:
    path: Path
    manifest: Manifest | None
    files: dict[str, RawFile] = field(default_factory=dict)
    digest: str = ""
    ignored: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_batch(path: Path, problems: Problems) -> RawBatch:
    if not path.is_dir():
        problems.add(str(path), 0, WHOLE_FILE, "不是一个批次目录")
        return RawBatch(path, None)
    digest = hashlib.sha256()
    manifest = _read_manifest(path, problems, digest)
    batch = RawBatch(path, manifest)
    if manifest is None:
        return batch
    known = {MANIFEST, WORKBOOK}
    sheets = (
        _read_workbook(path / WORKBOOK, problems, digest, batch.warnings) if (path / WORKBOOK).exists() else {}
    )
    for entity in BY_NAME:
        found: list[RawFile] = []
        for fmt in FORMATS:
            file_path = path / f"{entity}.{fmt}"
            known.add(file_path.name)
            if file_path.is_file():
                raw = _read_text_file(entity, file_path, fmt, problems, digest)
                if raw is not None:
                    found.append(raw)
        if entity in sheets:
            found.append(sheets[entity])
        if len(found) > 1:
            labels = "、".join(f.label for f in found)
            problems.add(found[1].label, 0, WHOLE_FILE, f"{entity} 同时由 {labels} 提供，只能用一种")
        if found:  # even when repeated, so that references to its rows still resolve
            batch.files[entity] = found[0]
    batch.ignored = sorted(p.name for p in path.iterdir() if p.name not in known)
    batch.digest = digest.hexdigest()
    return batch


def _read_manifest(path: Path, problems: Problems, digest: Any) -> Manifest | None:
    manifest_path = path / MANIFEST
    if not manifest_path.is_file():
        problems.add(MANIFEST, 0, WHOLE_FILE, "缺少 manifest.json，无法识别批次")
        return None
    data = manifest_path.read_bytes()
    digest.update(MANIFEST.encode() + b"\0" + data)
    try:
        text, _ = decode_text(data)
        content = json.loads(text)
    except (EncodingProblem, json.JSONDecodeError) as exc:
        problems.add(MANIFEST, 1, WHOLE_FILE, f"不是有效的 JSON：{exc}")
        return None
    if not isinstance(content, dict):
        problems.add(MANIFEST, 1, WHOLE_FILE, "应为 JSON 对象")
        return None
    version = content.get("format")
    if version != FORMAT_VERSION:
        problems.add(MANIFEST, 1, "format", f"未知的格式版本 {version!r}，只接受 {FORMAT_VERSION!r}")
        return None
    source = content.get("source")
    source = source.strip() if isinstance(source, str) else ""
    if not source:
        problems.add(MANIFEST, 1, "source", "缺少来源（法院代码或机构名称）")
    elif len(source) > MAX_SOURCE_LENGTH:
        problems.add(MANIFEST, 1, "source", f"来源超过 {MAX_SOURCE_LENGTH} 个字符")
        source = ""
    exported_at = None
    if is_blank(content.get("exported_at")):
        problems.add(MANIFEST, 1, "exported_at", "缺少导出时间")
    else:
        try:
            exported_at = to_datetime(content["exported_at"])
        except BadValue as exc:
            problems.add(MANIFEST, 1, "exported_at", str(exc))
    if not source or exported_at is None:
        return None
    return Manifest(source, exported_at)


def _decode(label: str, data: bytes, problems: Problems) -> str | None:
    try:
        text, _ = decode_text(data)
    except EncodingProblem as exc:
        problems.add(label, exc.line, WHOLE_FILE, str(exc))
        return None
    return text


def _read_text_file(
    entity: str, path: Path, fmt: str, problems: Problems, digest: Any
) -> RawFile | None:
    data = path.read_bytes()
    digest.update(path.name.encode() + b"\0" + data)
    text = _decode(path.name, data, problems)
    if text is None:
        return None
    if fmt == "csv":
        return _split_csv(entity, path.name, text, problems)
    return _split_jsonl(entity, path.name, text, problems)


def _header(label: str, cells: list[Any], problems: Problems) -> list[str]:
    """Column names of a header row; a repeated name is a problem, a blank one is skipped."""
    names: list[str] = []
    for cell in cells:
        name = "" if cell is None else str(cell).strip()
        if name and name in names:
            problems.add(label, 1, name, "列名重复")
        names.append(name)
    return names


def _row(header: list[str], cells: list[Any] | tuple[Any, ...]) -> dict[str, Any] | None:
    """Cells keyed by column name; None when the row has values beyond the header."""
    if len(cells) > len(header) and not all(is_blank(c) for c in cells[len(header) :]):
        return None
    return {name: cell for name, cell in zip(header, cells, strict=False) if name}


def _split_csv(entity: str, label: str, text: str, problems: Problems) -> RawFile:
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[RawRow] = []
    header: list[str] | None = None
    line = 1
    try:
        for cells in reader:
            start, line = line, reader.line_num + 1
            if header is None:
                header = _header(label, cells, problems)
                continue
            if all(not c.strip() for c in cells):
                continue
            values = _row(header, cells)
            if values is None:
                problems.add(label, start, WHOLE_FILE, f"有 {len(cells)} 个值，多于表头的 {len(header)} 列")
            else:
                rows.append((start, values))
    except csv.Error as exc:
        problems.add(label, reader.line_num, WHOLE_FILE, f"CSV 格式错误：{exc}")
    return RawFile(entity, label, header, rows)


def _split_jsonl(entity: str, label: str, text: str, problems: Problems) -> RawFile:
    rows: list[RawRow] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line, parse_float=JsonNumber)
        except json.JSONDecodeError as exc:
            problems.add(label, number, WHOLE_FILE, f"不是有效的 JSON：{exc.msg}（第 {exc.colno} 列）")
            continue
        if not isinstance(value, dict):
            problems.add(label, number, WHOLE_FILE, "每行应为一个 JSON 对象")
            continue
        if "\\ud" in line.lower() and not _encodable(value):
            problems.add(label, number, WHOLE_FILE, "含有不成对的 Unicode 代理字符（\\ud800–\\udfff）")
            continue
        rows.append((number, value))
    return RawFile(entity, label, None, rows)


def _encodable(value: dict[str, Any]) -> bool:
    """False when a string holds a lone surrogate, which no database can store."""
    try:
        json.dumps(value, ensure_ascii=False, default=str).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_FORMULA_TAG = re.compile(rb"<(\w+:)?f[\s>/]")
# (sheet, row) -> {column index: the formula as written, e.g. "=1000*2"}
Formulas = dict[tuple[str, int], dict[int, str]]


def _formulas(data: bytes) -> Formulas:
    """Formula cells of the workbook. Reading values only, openpyxl gives a formula's
    cached result, or None when the file has none (files written by a program rather than
    saved by Excel): a formula must not silently blank a good value."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if not any(
            _FORMULA_TAG.search(archive.read(name))
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
        ):
            return {}
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    found: Formulas = {}
    try:
        for entity in BY_NAME:
            if entity not in workbook.sheetnames:
                continue
            for number, cells in enumerate(workbook[entity].iter_rows(), start=1):
                for index, cell in enumerate(cells):
                    if getattr(cell, "data_type", None) == "f":
                        found.setdefault((entity, number), {})[index] = str(cell.value)
    finally:
        workbook.close()
    return found


def _resolve_formulas(
    label: str, number: int, header: list[str], cells: list[Any], formulas: dict[int, str],
    problems: Problems, warnings: list[str],
) -> bool:
    """Keep a formula cell's cached result (with a warning) or refuse the cell; False when refused."""
    ok = True
    for index, formula in sorted(formulas.items()):
        name = header[index] if index < len(header) and header[index] else get_column_letter(index + 1)
        where = f"单元格 {get_column_letter(index + 1)}{number}"
        cached = cells[index] if index < len(cells) else None
        if cached is None:
            problems.add(label, number, name, f"{where} 是公式 {formula}，文件中没有它的计算结果：请把公式转为数值后再导出")
            ok = False
        else:
            warnings.append(f"{label}:{number}: {name}: {where} 是公式 {formula}，已使用文件中保存的计算结果 {cached!r}")
    return ok


def _read_workbook(path: Path, problems: Problems, digest: Any, warnings: list[str]) -> dict[str, RawFile]:
    data = path.read_bytes()
    digest.update(path.name.encode() + b"\0" + data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = _formulas(data)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        problems.add(WORKBOOK, 0, WHOLE_FILE, f"无法读取 Excel 文件：{exc}")
        return {}
    sheets: dict[str, RawFile] = {}
    try:
        for entity in BY_NAME:
            if entity not in workbook.sheetnames:
                continue
            label = f"{WORKBOOK}[{entity}]"
            rows: list[RawRow] = []
            header: list[str] | None = None
            for number, cells in enumerate(workbook[entity].iter_rows(values_only=True), start=1):
                in_row = formulas.get((entity, number))
                if header is None:
                    header = _header(label, list(cells), problems)
                    if in_row:
                        problems.add(label, number, WHOLE_FILE, "表头中不能有公式")
                    continue
                if in_row and not _resolve_formulas(label, number, header, list(cells), in_row, problems, warnings):
                    continue
                if all(is_blank(c) for c in cells):
                    continue
                values = _row(header, cells)
                if values is None:
                    problems.add(label, number, WHOLE_FILE, f"有 {len(cells)} 个值，多于表头的 {len(header)} 列")
                else:
                    rows.append((number, values))
            sheets[entity] = RawFile(entity, label, header, rows)
    finally:
        workbook.close()
    return sheets
