"""Identity resolution across courts and agencies.

Each party row and agency row gets matching keys from its number (and, for organisations,
its normalised name); rows and existing identities that share a key become one identity.
Resolution works on the rows of one batch and the identities their keys reach: it never
recomputes the whole table.
"""

from zhixing.parties.resolution.keys import record_identity_fields
from zhixing.parties.resolution.resolve import resolve_agency_rows, resolve_party_records

__all__ = ["record_identity_fields", "resolve_agency_rows", "resolve_party_records"]
