"""S13 违反限制消费令.

"After the measure started" compares the Shanghai date of the consumption (occurred_on,
derived at import) with the start date: the whole first day counts, on every engine."""

from zhixing.scenarios.base import HIGH, Field, Route, Scenario
from zhixing.scenarios.catalogue.common import CASE, SUBJECT_NAME, fixed

SQL = """
SELECT p.identity_id AS subject_id, si.name AS subject_name,
       c.id AS c_case_id, c.case_no AS c_case_no, c.judge_id AS c_judge_id,
       c.court_id AS c_court_id,
       m.measure_id, m.started_on, k.source AS record_source, k.record_id,
       k.kind AS consumption_kind, k.occurred_at, k.place
FROM zx_measure AS m
JOIN zx_case AS c ON c.id = m.case_id
JOIN v_party AS p ON p.party_id = m.party_id
JOIN v_consumption AS k ON k.identity_id = p.identity_id
JOIN zx_identity AS si ON si.id = p.identity_id
WHERE m.kind = '限制消费' AND m.started_on <= :as_of
  AND (m.lifted_on IS NULL OR m.lifted_on > :as_of)
  AND k.occurred_on >= m.started_on AND k.occurred_at <= :as_of_end
"""

SCENARIO = Scenario(
    code="S13",
    name="违反限制消费令",
    description="被采取限制消费措施（未解除）的被执行人，在措施开始后有乘坐飞机、入住星级宾馆等高消费记录。",
    legal_basis="《最高人民法院关于限制被执行人高消费及有关消费的若干规定》",
    sql=SQL,
    cases=(CASE,),
    key=("c_case_no", "record_source", "record_id"),
    recipients=(Route("judge", ""),),
    severity=fixed(HIGH),
    evidence=(
        SUBJECT_NAME,
        Field("限制消费措施编号", "measure_id"),
        Field("措施开始日期", "started_on", "date"),
        Field("消费类型", "consumption_kind"),
        Field("消费时间", "occurred_at", "datetime"),
        Field("地点", "place"),
        Field("记录来源", "record_source"),
    ),
    handling="承办法官核实消费记录，依法予以罚款、拘留；构成拒执罪的移送追究刑事责任。",
    scope=("c_case_id", "subject_id"),
)
