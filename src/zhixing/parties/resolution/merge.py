from __future__ import annotations

from django.db import models

from zhixing.core.bulksql import repoint_ids
from zhixing.parties.models import Identity

# The audit trail records which identity was looked at then; it is history, not data to follow.
KEEPS_ITS_IDENTITY = {"audit"}


def _rows_naming_an_identity() -> list[tuple[type[models.Model], str]]:
    relations = []
    for relation in Identity._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and relation.is_relation and not relation.concrete):
            continue
        field = relation.field  # type: ignore[union-attr]
        model = relation.related_model
        if model is Identity or not isinstance(field, models.ForeignKey):
            continue
        if model._meta.app_label in KEEPS_ITS_IDENTITY:  # type: ignore[union-attr]
            continue
        relations.append((model, field.column))
    return relations  # type: ignore[return-value]


def merge_identities(survivors: dict[int, int]) -> None:
    """Merge each identity into its survivor (loser id -> survivor id; no survivor is also a
    loser): everything that refers to a loser points at its survivor, and the losers are
    marked merged. Afterwards no party or agency row names a merged identity, so queries
    join on ``identity_id`` directly. One statement per referring table."""
    pairs = sorted(survivors.items())
    for model, column in _rows_naming_an_identity():
        repoint_ids(model, column, column, pairs)
    repoint_ids(Identity, "merged_into_id", "id", pairs)
    repoint_ids(Identity, "merged_into_id", "merged_into_id", pairs)
