from django.db import models

from zhixing.cases.enums import TXN_DIRECTIONS, choices
from zhixing.core.money import MoneyField


class AccountTxn(models.Model):
    """A movement in the case's own court account (一案一账户)."""

    source = models.CharField(max_length=60)
    txn_id = models.CharField(max_length=64)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="account_txns")
    direction = models.CharField(max_length=4, choices=choices(TXN_DIRECTIONS))
    amount = MoneyField()
    occurred_at = models.DateTimeField()
    counterparty = models.ForeignKey(
        "parties.PartyRecord", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    beneficiary = models.ForeignKey(
        "parties.PartyRecord", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(max_length=40, blank=True)

    class Meta:
        db_table = "zx_account_txn"
        constraints = [models.UniqueConstraint(fields=["source", "txn_id"], name="uniq_txn")]
        indexes = [
            models.Index(fields=["case", "direction"]),
            models.Index(fields=["beneficiary"]),
            models.Index(fields=["occurred_at"], name="zx_txn_occurred_idx"),
        ]


class TxnReversal(models.Model):
    """A correction (冲正) of a money row: the row stays as stored, this fact voids it.
    Money held, S01, S05 and the ledger leave a reversed row out."""

    txn = models.OneToOneField(AccountTxn, on_delete=models.PROTECT, related_name="reversal")
    reason = models.CharField(max_length=300)
    recorded_by = models.CharField(max_length=150)
    recorded_at = models.DateTimeField()

    class Meta:
        db_table = "zx_txn_reversal"
