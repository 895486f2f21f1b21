from django.db import models

from zhixing.cases.enums import AUCTION_RESULTS, AUCTION_ROUNDS, choices
from zhixing.core.money import MoneyField


class Auction(models.Model):
    source = models.CharField(max_length=60)
    auction_id = models.CharField(max_length=64)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="auctions")
    item = models.CharField(max_length=200)
    round = models.CharField(max_length=4, choices=choices(AUCTION_ROUNDS))
    reference_price_on = models.DateField(null=True, blank=True)
    announced_on = models.DateField(null=True, blank=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    result = models.CharField(max_length=4, choices=choices(AUCTION_RESULTS), blank=True)
    amount = MoneyField(null=True, blank=True)

    class Meta:
        db_table = "zx_auction"
        constraints = [models.UniqueConstraint(fields=["source", "auction_id"], name="uniq_auction")]
        indexes = [models.Index(fields=["case", "item"])]
