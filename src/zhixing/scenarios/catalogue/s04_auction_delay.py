"""S04 执行拍卖拖延."""

import datetime as dt
from typing import Any

from zhixing.scenarios.base import MEDIUM, Field, Param, Params, Route, Scenario
from zhixing.scenarios.catalogue.common import CASE, case_columns, fixed
from zhixing.scenarios.thresholds import days_before

SQL = f"""
WITH items AS (
    SELECT a.case_id, a.item,
           MAX(a.reference_price_on) AS reference_price_on,
           SUM(CASE WHEN a.announced_on IS NOT NULL AND a.announced_on <= :as_of
                    THEN 1 ELSE 0 END) AS announced,
           MAX(CASE WHEN a.round = '一拍' AND a.result = '流拍' THEN a.ends_on END) AS first_failed_on,
           MAX(CASE WHEN a.round = '二拍' AND a.result = '流拍' THEN a.ends_on END) AS second_failed_on,
           SUM(CASE WHEN a.round = '二拍' AND a.announced_on IS NOT NULL AND a.announced_on <= :as_of
                    THEN 1 ELSE 0 END) AS second_announced,
           SUM(CASE WHEN a.round = '变卖' AND a.announced_on IS NOT NULL AND a.announced_on <= :as_of
                    THEN 1 ELSE 0 END) AS sale_announced
    FROM zx_auction AS a
    GROUP BY a.case_id, a.item
),
late AS (
    SELECT i.*,
           CASE WHEN i.reference_price_on < :start_before AND i.announced = 0
                THEN '确定参考价后未启动拍卖'
                WHEN i.second_failed_on < :relist_before AND i.sale_announced = 0
                THEN '二拍流拍后未启动变卖'
                WHEN i.first_failed_on < :relist_before AND i.second_announced = 0
                THEN '一拍流拍后未启动二拍' END AS delay
    FROM items AS i
)
SELECT {case_columns("c", "c_")}, l.item, l.delay, l.reference_price_on,
       l.first_failed_on, l.second_failed_on
FROM late AS l JOIN v_enf_case AS c ON c.case_id = l.case_id
WHERE c.status = '在办' AND l.delay IS NOT NULL
"""  # noqa: S608 -- only case_columns() column names are interpolated


def bind(as_of: dt.date, params: Params) -> dict[str, Any]:
    return {
        "start_before": days_before(as_of, params["start_days"]),
        "relist_before": days_before(as_of, params["relist_days"]),
    }


SCENARIO = Scenario(
    code="S04",
    name="执行拍卖拖延",
    description=(
        "在办执行案件的财产：确定参考价超过start_days日仍未发布拍卖公告；或某轮流拍超过relist_days日"
        "仍未发布下一轮（一拍后二拍、二拍后变卖）公告。"
    ),
    legal_basis="《最高人民法院关于人民法院确定财产处置参考价若干问题的规定》第三十条；网络司法拍卖规定",
    sql=SQL,
    cases=(CASE,),
    key=("c_case_no", "item"),
    recipients=(Route("judge", ""),),
    severity=fixed(MEDIUM),
    params=(
        Param("start_days", 10, "确定参考价后启动拍卖的期限（日）", label="启动拍卖期限（日）"),
        Param("relist_days", 30, "流拍后启动下一轮的期限（日）", label="再次拍卖期限（日）"),
    ),
    bind=bind,
    evidence=(
        Field("财产", "item"),
        Field("拖延情形", "delay"),
        Field("参考价确定日期", "reference_price_on", "date"),
        Field("一拍流拍日期", "first_failed_on", "date"),
        Field("二拍流拍日期", "second_failed_on", "date"),
    ),
    handling="承办法官尽快发布拍卖（或变卖）公告，或在系统中说明暂缓处置的理由。",
    scope=("c_case_id",),
)
