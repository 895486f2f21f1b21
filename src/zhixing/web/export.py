"""Lists as Excel workbooks (openpyxl): a heading row, then one row per item, as shown."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from io import BytesIO
from typing import Any
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 10000


def workbook_response(filename: str, sheet: str, headings: Sequence[str], rows: Iterable[Sequence[Any]]) -> HttpResponse:
    book = Workbook()
    page = book.active
    assert page is not None  # noqa: S101 -- a new workbook has its sheet
    page.title = sheet
    page.append(list(headings))
    for row in rows:
        page.append(list(row))
    for index, column in enumerate(page.columns, start=1):
        page.column_dimensions[get_column_letter(index)].width = max(10, min(40, max(len(str(c.value or "")) * 2 for c in column)))
    buffer = BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
