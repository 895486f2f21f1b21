"""Response shapes shared by several routers."""

from __future__ import annotations

from typing import Any

from ninja import Schema


class Error(Schema):
    detail: str | list[dict[str, Any]]


class Refusal(Schema):
    """409: the request conflicts with a rule or a stored fact; names the alert that forbids
    it when an alert does."""

    detail: str
    alert_id: int | None = None
    scenario: str | None = None


class Subject(Schema):
    identity_id: int
    name: str
    kind: str
    id_type: str
    id_number: str


# 503: the database had no turn for the request within ZHIXING_WRITE_WAIT_SECONDS (nothing
# stored; retry after the Retry-After header's seconds), core.overload.
ERRORS: dict[int, type[Schema]] = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error, 503: Error}
