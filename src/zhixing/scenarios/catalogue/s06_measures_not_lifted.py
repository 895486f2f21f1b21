"""S06 执行完毕未解除限制措施."""

import datetime as dt
from typing import Any

from zhixing.scenarios.base import HIGH, Details, Field, Param, Params, Route, Scenario
from zhixing.scenarios.catalogue.common import CASE, case_columns, fixed
from zhixing.scenarios.thresholds import workdays_before

SQL = f"""
SELECT p.identity_id AS subject_id, {case_columns("c", "c_")},
       c.closure_mode, c.closed_on, m.measure_id, m.kind AS measure_kind, m.started_on,
       p.party_name
FROM v_enf_case AS c
JOIN zx_measure AS m ON m.case_id = c.case_id
LEFT JOIN v_party AS p ON p.party_id = m.party_id
WHERE c.status = '已结'
  AND c.closure_mode IN ('执行完毕', '终结执行', '执行和解', '不予执行', '驳回申请', '销案')
  AND c.closed_on < :closed_before
  AND m.kind IN ('限制消费', '失信被执行人', '限制出境', '冻结存款', '查封不动产', '查封车辆', '冻结股权')
  AND m.started_on <= :as_of
  AND (m.lifted_on IS NULL OR m.lifted_on > :as_of)
"""  # noqa: S608 -- only case_columns() column names are interpolated


def bind(as_of: dt.date, params: Params) -> dict[str, Any]:
    return {"closed_before": workdays_before(as_of, params["lift_workdays"])}


SCENARIO = Scenario(
    code="S06",
    name="执行完毕未解除限制措施",
    description=(
        "执行案件以执行完毕、终结执行、执行和解、不予执行、驳回申请或销案结案超过lift_workdays个工作日，"
        "仍有限制消费、失信、限制出境、冻结存款、查封不动产、查封车辆或冻结股权措施未解除。"
    ),
    legal_basis="《最高人民法院关于公布失信被执行人名单信息的若干规定》（三个工作日内删除）；限制消费规定",
    sql=SQL,
    cases=(CASE,),
    key=("c_case_no",),
    recipients=(Route("judge", ""), Route("chief", "")),
    severity=fixed(HIGH),
    params=(Param("lift_workdays", 3, "结案后应解除措施的期限（工作日）", label="解除期限（工作日）"),),
    bind=bind,
    evidence=(
        Field("结案方式", "closure_mode"),
        Field("结案日期", "closed_on", "date"),
    ),
    details=Details(
        "未解除措施",
        (
            Field("措施编号", "measure_id"),
            Field("措施", "measure_kind"),
            Field("被采取人", "party_name"),
            Field("采取日期", "started_on", "date"),
        ),
    ),
    handling="承办法官立即解除措施并报送删除失信、限制消费信息；执行局长督办。",
    scope=("c_case_id",),
)
