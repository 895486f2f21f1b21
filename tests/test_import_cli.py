"""`zhixing import DIR` as a user runs it: summary, rejection listing, exit status, progress."""

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from batches import court_batch_files, row_counts, write_batch
from zhixing.exchange.commands.batches import import_batch
from zhixing.exchange.management.commands import import_batch as command_module

ZHIXING = str(Path(sys.executable).with_name("zhixing"))


@pytest.mark.django_db
def test_import_prints_a_summary_of_rows_per_file(tmp_path):
    out = io.StringIO()
    call_command("import_batch", str(write_batch(tmp_path, "沪0104", court_batch_files())), stdout=out)
    text = out.getvalue()
    assert "已导入批次" in text and "沪0104" in text
    assert re.search(r"│ case_parties\.csv\s+│\s+7 │", text)
    assert re.search(r"│ 合计\s+│\s+37 │", text)
    assert "涉及当事人身份 4 个，案件 4 件" in text


@pytest.mark.django_db
def test_a_rejected_batch_lists_200_errors_then_a_count_and_exits_with_status_2(tmp_path):
    parties = [{"party_key": f"P{i}", "kind": "自然人", "name": "张三"} for i in range(250)]
    links = [{"case_no": "(2024)沪0104执1号", "party_key": f"P{i}", "role": "被执行人"} for i in range(250)]
    folder = write_batch(tmp_path, "沪0104", {"parties": parties, "case_parties": links})
    counts = row_counts()
    err = io.StringIO()
    with pytest.raises(CommandError) as info:
        call_command("import_batch", str(folder), stderr=err)
    assert info.value.returncode == 2
    assert "250 个错误" in str(info.value) and "数据库未作任何改动" in str(info.value)
    lines = err.getvalue().splitlines()
    assert len(lines) == 201
    assert lines[0] == "case_parties.csv:2: case_no: 案号 '(2024)沪0104执1号' 在本批次和数据库中都不存在"
    assert lines[199].startswith("case_parties.csv:201: case_no: ")
    assert lines[200] == "……另有 50 个错误未列出"
    assert row_counts() == counts


def test_the_zhixing_command_exits_2_on_a_bad_batch_and_0_on_a_good_one(tmp_path):
    env = dict(os.environ, ZHIXING_DATABASE_URL=f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    files = court_batch_files()
    files["cases"][0]["filed_on"] = "2025-02-30"
    bad = write_batch(tmp_path, "沪0104", files)
    run = subprocess.run([ZHIXING, "import", str(bad)], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2, run.stderr
    assert "cases.csv:2: filed_on: 日期不存在：'2025-02-30'" in run.stderr.splitlines()

    good = write_batch(tmp_path, "沪0104", court_batch_files())
    run = subprocess.run([ZHIXING, "import", str(good)], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "合计" in run.stdout


@pytest.mark.django_db
def test_the_command_accepts_realtime_and_defers_it_to_commit(tmp_path, django_capture_on_commit_callbacks):
    folder = write_batch(tmp_path, "沪0104", court_batch_files())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        call_command("import_batch", str(folder), "--realtime", stdout=io.StringIO())
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_a_missing_folder_is_a_rejection_too(tmp_path):
    err = io.StringIO()
    with pytest.raises(CommandError) as info:
        call_command("import_batch", str(tmp_path / "nowhere"), stderr=err)
    assert info.value.returncode == 2
    assert err.getvalue().splitlines() == [f"{tmp_path / 'nowhere'}:0: -: 不是一个批次目录"]


class RecordingProgress:
    def __init__(self):
        self.phases: list[tuple[str, int]] = []
        self.advanced: dict[str, int] = {}

    def start(self, description, total):
        self.phases.append((description, total))
        self.advanced[description] = 0

    def advance(self, count):
        self.advanced[self.phases[-1][0]] += count


@pytest.mark.django_db
def test_progress_is_reported_for_reading_and_writing(tmp_path):
    progress = RecordingProgress()
    import_batch(write_batch(tmp_path, "沪0104", court_batch_files()), progress=progress)
    assert progress.phases == [("校验", 37), ("写入", 37)]
    assert progress.advanced == {"校验": 37, "写入": 37}


def test_the_bar_appears_only_for_batches_over_the_threshold():
    from rich.console import Console

    console = Console(file=io.StringIO(), force_terminal=True, width=80)
    small = command_module._RichProgress(console)
    small.start("写入", command_module.PROGRESS_THRESHOLD)
    small.advance(10)
    small.close()
    assert small.progress is None and console.file.getvalue() == ""

    large = command_module._RichProgress(console)
    large.start("写入", command_module.PROGRESS_THRESHOLD + 1)
    large.advance(command_module.PROGRESS_THRESHOLD + 1)
    large.close()
    assert large.progress is not None
    assert "写入" in console.file.getvalue()


@pytest.mark.django_db
def test_several_folders_import_in_order_and_a_rejected_one_names_itself(tmp_path):
    from batches import agency_batch_files

    court = write_batch(tmp_path, "沪0104", court_batch_files())
    agency = write_batch(tmp_path, "上海市监狱管理局", agency_batch_files())
    call_command("import_batch", str(court), str(agency), stdout=io.StringIO())
    assert row_counts()["zx_custody"] == 1 and row_counts()["zx_case"] == 4

    broken = write_batch(tmp_path, "沪0105", {"cases": [{"case_no": "(2024)沪0105执1号"}]})
    before = row_counts()
    with pytest.raises(CommandError) as info:
        call_command("import_batch", str(court), str(broken), stdout=io.StringIO(), stderr=io.StringIO())
    assert str(broken) in str(info.value) and "此前的 1 个批次已导入" in str(info.value)
    after = row_counts()
    assert after.pop("zx_import_batch") == before.pop("zx_import_batch") + 1, "the re-import is logged"
    assert after.pop("zx_audit_event") == before.pop("zx_audit_event") + 1, "and audited"
    assert after == before, "re-importing the first folder changed nothing; the broken one wrote nothing"


@pytest.mark.django_db
def test_a_large_batch_leaves_the_planner_with_true_row_counts(tmp_path):
    from django.db import connection

    from zhixing.exchange.commands.batches import ANALYZE_AFTER_ROWS

    def parties(prefix: str, count: int) -> list[dict]:
        return [
            {"party_key": f"{prefix}{i}", "kind": "自然人", "name": f"当事人{i}", "id_type": None, "id_number": None}
            for i in range(count)
        ]

    # The second batch grows the table fivefold: the statistics of the first must not stay.
    import_batch(write_batch(tmp_path / "first", "沪0104", {"parties": parties("A", ANALYZE_AFTER_ROWS)}))
    import_batch(write_batch(tmp_path / "second", "沪0104", {"parties": parties("B", ANALYZE_AFTER_ROWS * 4)}))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'zx_party'")
            (estimated_rows,) = cursor.fetchone()
        else:
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'zx_party' LIMIT 1")
            estimated_rows = int(cursor.fetchone()[0].split()[0])
    assert estimated_rows >= ANALYZE_AFTER_ROWS * 4


@pytest.mark.django_db
def test_the_command_refreshes_statistics_once_after_all_folders_even_when_one_is_rejected(
    tmp_path, monkeypatch
):
    from zhixing.exchange.commands import batches as actions

    refreshes = []
    monkeypatch.setattr(actions, "refresh_planner_statistics", lambda: refreshes.append(1))
    parties = [
        {"party_key": f"P{i}", "kind": "自然人", "name": f"当事人{i}", "id_type": None, "id_number": None}
        for i in range(actions.ANALYZE_AFTER_ROWS)
    ]
    first = write_batch(tmp_path / "first", "沪0104", {"parties": parties})
    second = write_batch(tmp_path / "second", "沪0104", court_batch_files())
    broken = write_batch(tmp_path / "broken", "沪0105", {"cases": [{"case_no": "(2024)沪0105执1号"}]})
    with pytest.raises(CommandError):
        call_command(
            "import_batch", str(first), str(second), str(broken), stdout=io.StringIO(), stderr=io.StringIO()
        )
    assert refreshes == [1]


@pytest.mark.django_db(transaction=True)
def test_realtime_evaluation_failing_after_commit_is_told_not_thrown(tmp_path, monkeypatch):
    from zhixing.cases.models import Case

    def broken(**scope):
        raise RuntimeError("engine down")

    from world import ensure_courts

    ensure_courts()  # another transactional test may have flushed the seeded courts
    monkeypatch.setattr("zhixing.evaluation.realtime.evaluate_touched", broken)
    folder = write_batch(tmp_path, "沪0104", court_batch_files())
    err = io.StringIO()
    with pytest.raises(CommandError) as info:
        call_command("import_batch", str(folder), "--realtime", stdout=io.StringIO(), stderr=err)
    assert info.value.returncode == 3
    message = str(info.value)
    assert "已保存" in message and "未完成实时研判" in message and "zhixing scan" in message
    assert "RuntimeError" in message and "zhixing worker" in message
    assert Case.objects.filter(source="沪0104").exists()  # the batch is committed
