from django.db import models


class ImportBatch(models.Model):
    """One imported batch folder: what came in, from whom, and how many rows of each file."""

    source = models.CharField(max_length=60)
    exported_at = models.DateTimeField()
    imported_at = models.DateTimeField(auto_now_add=True)
    path = models.CharField(max_length=500)
    digest = models.CharField(max_length=64, help_text="SHA-256 over the batch's files")
    row_counts = models.JSONField(default=dict)
    realtime = models.BooleanField(default=False)

    class Meta:
        db_table = "zx_import_batch"
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.source} {self.exported_at:%Y-%m-%d %H:%M}"
