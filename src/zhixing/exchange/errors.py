"""Problems found in a batch, listed as ``file:line: field: reason``."""

from __future__ import annotations

from dataclasses import dataclass, field

SHOWN_PROBLEMS = 200
WHOLE_FILE = "-"  # the field of a problem about a file rather than one cell


@dataclass(frozen=True, order=True)
class Problem:
    """``line`` is the physical line (CSV, JSONL; the header is line 1) or the sheet row (XLSX);
    0 means the file as a whole."""

    file: str
    line: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.reason}"


@dataclass
class Problems:
    """Collects problems in the order they are found (the importer sorts them for listing)."""

    items: list[Problem] = field(default_factory=list)

    def add(self, file: str, line: int, column: str, reason: str) -> None:
        self.items.append(Problem(file, line, column, reason))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)


class BatchRejected(Exception):
    """The batch has structural errors; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"批次被拒绝：{len(problems)} 个错误")

    def listing(self, limit: int = SHOWN_PROBLEMS) -> list[str]:
        """The first ``limit`` problems, then a line counting the rest."""
        lines = [str(problem) for problem in self.problems[:limit]]
        rest = len(self.problems) - limit
        if rest > 0:
            lines.append(f"……另有 {rest} 个错误未列出")
        return lines
