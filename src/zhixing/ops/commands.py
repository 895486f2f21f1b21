"""The audit entries of a backup and a restore: who copied or replaced the whole database."""

from __future__ import annotations

from django.db import transaction

from zhixing.audit.models import AuditEvent
from zhixing.core import clock
from zhixing.core.commands import Actor
from zhixing.ops.archive import Manifest


def record_backup(actor: Actor, out: str, *, using: str) -> None:
    """Written before the copy is taken, so the backup holds the record of its own making."""
    with transaction.atomic(using=using, durable=True):
        AuditEvent.objects.using(using).create(
            at=clock.now(), user_id=getattr(actor.user, "pk", None), username=actor.username,
            action="backup", object_type="database", object_id=using, ip=actor.ip,
            detail={"file": out},
        )


def record_restore(actor: Actor, source: str, manifest: Manifest, *, overwrote: list[str], using: str) -> None:
    with transaction.atomic(using=using, durable=True):
        AuditEvent.objects.using(using).create(
            at=clock.now(), user_id=getattr(actor.user, "pk", None), username=actor.username,
            action="restore", object_type="database", object_id=using, ip=actor.ip,
            detail={"file": source, "backup_created_at": manifest.created_at,
                    "dump_sha256": manifest.dump_sha256, "rows": manifest.total_rows,
                    "overwrote": overwrote},
        )
