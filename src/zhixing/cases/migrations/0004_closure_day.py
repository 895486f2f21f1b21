"""The dashboard's per-court, per-day sums of closed enforcement cases (zx_closure_day),
filled set-based from the cases already there and kept by triggers on zx_case and
zx_account_txn: summing every case in the city on each request took 1.8 s at a million
cases. A case's contribution is taken out with its old values and put back with its new
ones, so the table holds the same sums whichever order rows are written or deleted in."""

from django.db import migrations, models


def enforcement(alias: str) -> str:
    return f"{alias}.category = '执行' AND {alias}.procedure IN ('首次执行', '恢复执行') AND {alias}.closed_on IS NOT NULL"


ENFORCEMENT = enforcement("c")

FILL = """
INSERT INTO zx_closure_day
    (court_id, closed_on, closed, completed, zhongben, within_limit, total_days, applied_fen, arrived_fen)
SELECT c.court_id, c.closed_on, COUNT(*),
       SUM(CASE WHEN c.closure_mode = '执行完毕' THEN 1 ELSE 0 END),
       SUM(CASE WHEN c.closure_mode = '终结本次执行程序' THEN 1 ELSE 0 END),
       SUM(CASE WHEN c.closed_on <= {limit} THEN 1 ELSE 0 END),
       SUM({days}), SUM({applied}), COALESCE(SUM(a.fen), 0)
FROM zx_case c
LEFT JOIN (SELECT case_id, SUM({amount}) AS fen FROM zx_account_txn WHERE direction = '到账' GROUP BY case_id) a
       ON a.case_id = c.id
WHERE {enforcement}
GROUP BY c.court_id, c.closed_on
"""

# SQLite: one trigger per event; a case's (or transaction's) share is added with sign +1 / -1.
SQLITE_CASE_SHARE = """
INSERT INTO zx_closure_day
    (court_id, closed_on, closed, completed, zhongben, within_limit, total_days, applied_fen, arrived_fen)
SELECT {r}.court_id, {r}.closed_on, {s},
       {s} * ({r}.closure_mode = '执行完毕'), {s} * ({r}.closure_mode = '终结本次执行程序'),
       {s} * ({r}.closed_on <= COALESCE({r}.deadline_on, min(date({r}.filed_on, '+6 months'),
                                         date({r}.filed_on, 'start of month', '+7 months', '-1 day')))),
       {s} * CAST(julianday({r}.closed_on) - julianday({r}.filed_on) AS INTEGER),
       {s} * COALESCE(CAST(round({r}.applied_amount * 100) AS INTEGER), 0),
       {s} * (SELECT COALESCE(SUM(CAST(round(amount * 100) AS INTEGER)), 0) FROM zx_account_txn
              WHERE case_id = {r}.id AND direction = '到账')
WHERE {case_is_counted}
ON CONFLICT (court_id, closed_on) DO UPDATE SET
    closed = closed + excluded.closed, completed = completed + excluded.completed,
    zhongben = zhongben + excluded.zhongben, within_limit = within_limit + excluded.within_limit,
    total_days = total_days + excluded.total_days, applied_fen = applied_fen + excluded.applied_fen,
    arrived_fen = arrived_fen + excluded.arrived_fen;
"""

SQLITE_TXN_SHARE = """
UPDATE zx_closure_day SET arrived_fen = arrived_fen + {s} * CAST(round({r}.amount * 100) AS INTEGER)
WHERE {r}.direction = '到账' AND (court_id, closed_on) = (
    SELECT c.court_id, c.closed_on FROM zx_case c WHERE c.id = {r}.case_id AND {enforcement});
"""

CASE_COLUMNS = ["category", "procedure", "court_id", "closed_on", "closure_mode", "filed_on", "deadline_on", "applied_amount"]
TXN_COLUMNS = ["case_id", "direction", "amount"]


def changed(columns: list[str]) -> str:
    """True when an update changed one of these columns (SQLite's IS NOT is IS DISTINCT FROM)."""
    return " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)


def _sqlite_triggers() -> list[str]:
    def share(template, row, sign):
        return template.format(r=row, s=sign, enforcement=ENFORCEMENT, case_is_counted=enforcement(row))

    case_out, case_in = share(SQLITE_CASE_SHARE, "OLD", -1), share(SQLITE_CASE_SHARE, "NEW", 1)
    txn_out, txn_in = share(SQLITE_TXN_SHARE, "OLD", -1), share(SQLITE_TXN_SHARE, "NEW", 1)
    return [
        f"CREATE TRIGGER zx_closure_day_case_ins AFTER INSERT ON zx_case BEGIN {case_in} END",
        f"CREATE TRIGGER zx_closure_day_case_del AFTER DELETE ON zx_case BEGIN {case_out} END",
        f"CREATE TRIGGER zx_closure_day_case_upd AFTER UPDATE ON zx_case WHEN {changed(CASE_COLUMNS)}"
        f" BEGIN {case_out} {case_in} END",
        f"CREATE TRIGGER zx_closure_day_txn_ins AFTER INSERT ON zx_account_txn BEGIN {txn_in} END",
        f"CREATE TRIGGER zx_closure_day_txn_del AFTER DELETE ON zx_account_txn BEGIN {txn_out} END",
        f"CREATE TRIGGER zx_closure_day_txn_upd AFTER UPDATE ON zx_account_txn WHEN {changed(TXN_COLUMNS)}"
        f" BEGIN {txn_out} {txn_in} END",
    ]


POSTGRES_FUNCTIONS = """
CREATE FUNCTION zx_closure_day_case_share(r zx_case, s integer) RETURNS void LANGUAGE sql AS $$
INSERT INTO zx_closure_day
    (court_id, closed_on, closed, completed, zhongben, within_limit, total_days, applied_fen, arrived_fen)
SELECT r.court_id, r.closed_on, s,
       s * (r.closure_mode = '执行完毕')::int, s * (r.closure_mode = '终结本次执行程序')::int,
       s * (r.closed_on <= COALESCE(r.deadline_on, CAST(r.filed_on + INTERVAL '6 months' AS date)))::int,
       s * (r.closed_on - r.filed_on), s * COALESCE(CAST(r.applied_amount * 100 AS bigint), 0),
       s * (SELECT COALESCE(SUM(CAST(amount * 100 AS bigint)), 0) FROM zx_account_txn
            WHERE case_id = r.id AND direction = '到账')
WHERE {case_is_counted}
ON CONFLICT (court_id, closed_on) DO UPDATE SET
    closed = zx_closure_day.closed + excluded.closed, completed = zx_closure_day.completed + excluded.completed,
    zhongben = zx_closure_day.zhongben + excluded.zhongben,
    within_limit = zx_closure_day.within_limit + excluded.within_limit,
    total_days = zx_closure_day.total_days + excluded.total_days,
    applied_fen = zx_closure_day.applied_fen + excluded.applied_fen,
    arrived_fen = zx_closure_day.arrived_fen + excluded.arrived_fen
$$;

CREATE FUNCTION zx_closure_day_txn_share(r zx_account_txn, s integer) RETURNS void LANGUAGE sql AS $$
UPDATE zx_closure_day d SET arrived_fen = d.arrived_fen + s * CAST(r.amount * 100 AS bigint)
FROM zx_case c
WHERE r.direction = '到账' AND c.id = r.case_id AND {enforcement}
  AND d.court_id = c.court_id AND d.closed_on = c.closed_on
$$;

CREATE FUNCTION zx_closure_day_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM zx_closure_day_case_share(OLD, -1); END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM zx_closure_day_case_share(NEW, 1); END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION zx_closure_day_txn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM zx_closure_day_txn_share(OLD, -1); END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM zx_closure_day_txn_share(NEW, 1); END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER zx_closure_day_case_write AFTER INSERT OR DELETE ON zx_case
    FOR EACH ROW EXECUTE FUNCTION zx_closure_day_case();
CREATE TRIGGER zx_closure_day_case_change AFTER UPDATE ON zx_case
    FOR EACH ROW WHEN ({case_changed}) EXECUTE FUNCTION zx_closure_day_case();
CREATE TRIGGER zx_closure_day_txn_write AFTER INSERT OR DELETE ON zx_account_txn
    FOR EACH ROW EXECUTE FUNCTION zx_closure_day_txn();
CREATE TRIGGER zx_closure_day_txn_change AFTER UPDATE ON zx_account_txn
    FOR EACH ROW WHEN ({txn_changed}) EXECUTE FUNCTION zx_closure_day_txn();
"""

POSTGRES_DROP = """
DROP TRIGGER IF EXISTS zx_closure_day_case_write ON zx_case;
DROP TRIGGER IF EXISTS zx_closure_day_case_change ON zx_case;
DROP TRIGGER IF EXISTS zx_closure_day_txn_write ON zx_account_txn;
DROP TRIGGER IF EXISTS zx_closure_day_txn_change ON zx_account_txn;
DROP FUNCTION IF EXISTS zx_closure_day_case(), zx_closure_day_txn(),
    zx_closure_day_case_share(zx_case, integer), zx_closure_day_txn_share(zx_account_txn, integer);
"""

SQLITE_TRIGGER_NAMES = ["case_ins", "case_del", "case_upd", "txn_ins", "txn_del", "txn_upd"]


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "postgresql":
            fill = FILL.format(
                limit="COALESCE(c.deadline_on, CAST(c.filed_on + INTERVAL '6 months' AS date))",
                days="c.closed_on - c.filed_on", applied="COALESCE(CAST(c.applied_amount * 100 AS bigint), 0)",
                amount="CAST(amount * 100 AS bigint)", enforcement=ENFORCEMENT,
            )
            cursor.execute(fill)
            cursor.execute(POSTGRES_FUNCTIONS.format(
                enforcement=ENFORCEMENT, case_is_counted=enforcement("r"),
                case_changed=changed(CASE_COLUMNS).replace(" IS NOT ", " IS DISTINCT FROM "),
                txn_changed=changed(TXN_COLUMNS).replace(" IS NOT ", " IS DISTINCT FROM "),
            ))
        else:
            fill = FILL.format(
                limit="COALESCE(c.deadline_on, min(date(c.filed_on, '+6 months'),"
                " date(c.filed_on, 'start of month', '+7 months', '-1 day')))",
                days="CAST(julianday(c.closed_on) - julianday(c.filed_on) AS INTEGER)",
                applied="COALESCE(CAST(round(c.applied_amount * 100) AS INTEGER), 0)",
                amount="CAST(round(amount * 100) AS INTEGER)", enforcement=ENFORCEMENT,
            )
            cursor.execute(fill)
            for statement in _sqlite_triggers():
                cursor.execute(statement)


def uninstall(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "postgresql":
            cursor.execute(POSTGRES_DROP)
        else:
            for name in SQLITE_TRIGGER_NAMES:
                cursor.execute(f"DROP TRIGGER IF EXISTS zx_closure_day_{name}")


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_measure_plate")]
    operations = [
        migrations.CreateModel(
            name="ClosureDay",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("closed_on", models.DateField()),
                ("closed", models.IntegerField(default=0)),
                ("completed", models.IntegerField(default=0, help_text="closed as 执行完毕")),
                ("zhongben", models.IntegerField(default=0, help_text="closed as 终结本次执行程序")),
                ("within_limit", models.IntegerField(default=0, help_text="closed within the statutory limit")),
                ("total_days", models.BigIntegerField(default=0, help_text="Σ closed_on − filed_on")),
                ("applied_fen", models.BigIntegerField(default=0, help_text="Σ applied_amount")),
                ("arrived_fen", models.BigIntegerField(default=0, help_text="Σ 到账 of these cases, at any time")),
                ("court", models.ForeignKey(
                    db_constraint=False, on_delete=models.DO_NOTHING, related_name="+", to="cases.court",
                )),
            ],
            options={
                "db_table": "zx_closure_day",
                "indexes": [models.Index(fields=["closed_on"], name="zx_closure_day_on_idx")],
                "constraints": [models.UniqueConstraint(fields=("court", "closed_on"), name="uniq_closure_day")],
            },
        ),
        migrations.RunPython(install, uninstall),
        migrations.AddIndex(
            model_name="accounttxn", index=models.Index(fields=["occurred_at"], name="zx_txn_occurred_idx"),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["category", "procedure", "closed_on", "filed_on", "court", "judge_id"],
                name="zx_case_closing_idx",
            ),
        ),
    ]
