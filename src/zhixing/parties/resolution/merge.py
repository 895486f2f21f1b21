from __future__ import annotations

from django.db import models

from zhixing.parties.models import Identity


def merge_identities(survivor: int, losers: list[int]) -> None:
    """Point everything that refers to the losers at the survivor, and mark the losers merged."""
    for relation in Identity._meta.related_objects:
        field = relation.field
        if relation.related_model is Identity or not isinstance(field, models.ForeignKey):
            continue
        manager = relation.related_model._default_manager  # type: ignore[union-attr]
        manager.filter(**{f"{field.name}__in": losers}).update(**{field.name: survivor})
    Identity.objects.filter(id__in=losers).update(merged_into=survivor)
    Identity.objects.filter(merged_into__in=losers).update(merged_into=survivor)
