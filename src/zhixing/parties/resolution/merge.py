from __future__ import annotations

from django.db import models

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
        relations.append((model, field.name))
    return relations  # type: ignore[return-value]


def merge_identities(survivor: int, losers: list[int]) -> None:
    """Point everything that refers to the losers at the survivor, and mark the losers merged.
    Afterwards no party or agency row names a merged identity, so queries join on
    ``identity_id`` directly."""
    for model, field_name in _rows_naming_an_identity():
        model._default_manager.filter(**{f"{field_name}__in": losers}).update(**{field_name: survivor})
    Identity.objects.filter(id__in=losers).update(merged_into=survivor)
    Identity.objects.filter(merged_into__in=losers).update(merged_into=survivor)
