from zhixing.parties.models.agency import ConsumptionRecord, CustodyRecord, Registration
from zhixing.parties.models.identity import Identity, IdentityKey, PartyRecord

__all__ = [
    "ConsumptionRecord",
    "CustodyRecord",
    "Identity",
    "IdentityKey",
    "PartyRecord",
    "Registration",
]
