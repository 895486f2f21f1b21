"""Two date expressions the figures need, written for each engine (SQLite and PostgreSQL)."""

from __future__ import annotations

from django.db.models import DateField, Func, IntegerField


class DaysSince(Func):
    """DaysSince(later, earlier): whole calendar days from the earlier date to the later one."""

    arity = 2
    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)", arg_joiner=") - julianday(", **extra,
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra)


class SixMonthsAfter(Func):
    """The date six calendar months later, clamped to the month's last day (31 Aug -> end of Feb)."""

    arity = 1
    output_field = DateField()

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite rolls 31 Aug + 6 months over into March; the month's last day caps it.
        template = (
            "min(date(%(expressions)s, '+6 months'),"
            " date(%(expressions)s, 'start of month', '+7 months', '-1 day'))"
        )
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="CAST(%(expressions)s + INTERVAL '6 months' AS date)", **extra
        )
