from zhixing.cases.models.accounts import AccountTxn, TxnReversal
from zhixing.cases.models.auctions import Auction
from zhixing.cases.models.case import Action, Case, CaseParty, StageHistory
from zhixing.cases.models.closure_day import ClosureDay
from zhixing.cases.models.courts import Court, Staff
from zhixing.cases.models.measures import Measure
from zhixing.cases.models.records import AssetFinding, Bankruptcy, BasisChange, Fee

__all__ = [
    "AccountTxn",
    "Action",
    "AssetFinding",
    "Auction",
    "Bankruptcy",
    "BasisChange",
    "Case",
    "CaseParty",
    "ClosureDay",
    "Court",
    "Fee",
    "Measure",
    "Staff",
    "StageHistory",
    "TxnReversal",
]
