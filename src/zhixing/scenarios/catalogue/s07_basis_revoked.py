"""S07 执行依据被撤销未终结执行."""

import datetime as dt
from typing import Any

from zhixing.scenarios.base import HIGH, Details, Field, Param, Params, Route, Scenario
from zhixing.scenarios.catalogue.common import CASE, case_columns, fixed
from zhixing.scenarios.thresholds import days_before

SQL = f"""
SELECT {case_columns("c", "c_")}, c.basis_case_no, b.outcome, b.decided_on, b.new_case_no
FROM v_enf_case AS c
JOIN zx_basis_change AS b ON b.case_no = c.basis_case_no
WHERE c.status = '在办' AND c.basis_case_no <> ''
  AND b.outcome IN ('撤销', '改判') AND b.decided_on < :decided_before
"""  # noqa: S608 -- only case_columns() column names are interpolated


def bind(as_of: dt.date, params: Params) -> dict[str, Any]:
    return {"decided_before": days_before(as_of, params["terminate_days"])}


SCENARIO = Scenario(
    code="S07",
    name="执行依据被撤销未终结执行",
    description="在办执行案件的执行依据被撤销或改判，作出决定已超过terminate_days日，案件仍未终结。",
    legal_basis="《民事诉讼法》关于据以执行的法律文书被撤销时终结执行的规定",
    sql=SQL,
    cases=(CASE,),
    key=("c_case_no",),
    recipients=(Route("judge", ""),),
    severity=fixed(HIGH),
    params=(Param("terminate_days", 15, "依据变更后应处理的期限（日）", label="处理期限（日）"),),
    bind=bind,
    evidence=(Field("执行依据", "basis_case_no"),),
    details=Details(
        "依据变更",
        (
            Field("结果", "outcome"),
            Field("决定日期", "decided_on", "date"),
            Field("新案号", "new_case_no"),
        ),
    ),
    handling="承办法官依法裁定终结执行（或依改判内容变更执行），已执行的财产依法执行回转。",
    scope=("c_case_id",),
)
