"""S08 执行案件审限临期或超期. The limit is deadline_on (an approved extension), else
six months from filing; month arithmetic happens in Python, the query compares dates."""

import datetime as dt
from typing import Any

from zhixing.cases.time_limit import LIMIT_MONTHS, case_deadline
from zhixing.scenarios.base import HIGH, MEDIUM, Field, Param, Params, Route, Row, Scenario
from zhixing.scenarios.catalogue.common import CASE, case_columns
from zhixing.scenarios.thresholds import earliest_start_reaching

OVERDUE, NEAR = "超期", "临期"

SQL = f"""
SELECT {case_columns("c", "c_")}, c.procedure, c.filed_on, c.deadline_on,
       CASE WHEN (c.deadline_on IS NOT NULL AND c.deadline_on < :as_of)
              OR (c.deadline_on IS NULL AND c.filed_on < :filed_overdue_before)
            THEN '超期' ELSE '临期' END AS phase
FROM v_enf_case AS c
WHERE c.status = '在办'
  AND ((c.deadline_on IS NOT NULL AND c.deadline_on <= :warn_until)
       OR (c.deadline_on IS NULL AND c.filed_on < :filed_warn_before))
"""  # noqa: S608 -- only case_columns() column names are interpolated


def bind(as_of: dt.date, params: Params) -> dict[str, Any]:
    warn_until = as_of + dt.timedelta(days=params["warn_days"])
    return {
        "warn_until": warn_until,
        # filed_on < x ⇔ filed_on + 6 months < as_of (resp. ≤ warn_until)
        "filed_overdue_before": earliest_start_reaching(as_of, LIMIT_MONTHS),
        "filed_warn_before": earliest_start_reaching(warn_until + dt.timedelta(days=1), LIMIT_MONTHS),
    }


def severity(row: Row, params: Params) -> str:
    return HIGH if row["phase"] == OVERDUE else MEDIUM


def enrich(row: Row, params: Params) -> dict[str, Any]:
    deadline = case_deadline(row["procedure"], _day(row["filed_on"]), _day(row["deadline_on"]))
    if deadline is None:  # not reached: the query keeps enforcement cases with a filing date
        return {}
    return {"审限届满日": deadline.on.isoformat(), "审限依据": deadline.basis}


def _day(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


SCENARIO = Scenario(
    code="S08",
    name="执行案件审限临期或超期",
    description=(
        "在办首次执行或恢复执行案件的审限（经批准延长的审限届满日，否则立案后六个月）在核查日后warn_days日内"
        "届满为临期（中），已在核查日前届满为超期（高，同时提示执行局长）。"
    ),
    legal_basis="《最高人民法院关于严格执行案件审理期限制度的若干规定》（执行案件六个月内执结）",
    sql=SQL,
    cases=(CASE,),
    key=("c_case_no",),
    recipients=(Route("judge", ""), Route("chief", "", only_when=lambda row: row["phase"] == OVERDUE)),
    severity=severity,
    params=(Param("warn_days", 30, "临期提醒天数", label="临期提醒天数"),),
    bind=bind,
    enrich=enrich,
    evidence=(
        Field("情形", "phase"),
        Field("执行程序", "procedure"),
        Field("立案日期", "filed_on", "date"),
    ),
    handling="临期：承办法官加快办理或依规申请延长审限；超期：执行局长督办并说明超期原因。",
    scope=("c_case_id",),
)
