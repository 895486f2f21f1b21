"""Splitting a long list into pages of a fixed size, the page number read from ?page=."""

from __future__ import annotations

from django.http import HttpRequest


class Pager:
    def __init__(self, request: HttpRequest, per_page: int) -> None:
        self.per_page = per_page
        raw = request.GET.get("page", "1")
        self.number = int(raw) if raw.isdigit() and int(raw) >= 1 else 1
        self.total = 0

    @property
    def window(self) -> tuple[int, int]:
        start = (self.number - 1) * self.per_page
        return start, start + self.per_page

    @property
    def count(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def first_shown(self) -> int:
        return min(self.window[0] + 1, self.total)

    @property
    def last_shown(self) -> int:
        return min(self.window[1], self.total)

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.count else None
