"""Identity keys are (scheme, value) pairs, stored in two columns: migration parties/0004
splits the old "scheme:value" text, and resolution finds identities by the pairs."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from zhixing.core.idnumbers import ORG, RIC, USCC, IdKey, normalise_id, ric_15_to_18
from zhixing.parties.models import Identity, IdentityKey, PartyRecord
from zhixing.parties.queries import find_identity
from zhixing.parties.resolution import record_identity_fields, resolve_party_records
from zhixing.parties.resolution.keys import ORG_NAME, row_keys

FIFTEEN = "310104900101123"
RESIDENT = ric_15_to_18(FIFTEEN)
BAD_CHECK = RESIDENT[:17] + ("0" if RESIDENT[17] != "0" else "1")
CREDIT = "91350100M000100Y43"


def _migrate(target: tuple[str, str]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])


@pytest.mark.django_db(transaction=True)
def test_old_key_text_is_split_into_scheme_and_value():
    person = Identity.objects.create(kind="自然人", name="张三")
    _migrate(("parties", "0003_consumption_shanghai_date"))
    old = {
        f"ric:{RESIDENT}": (RIC, RESIDENT),
        "orgname:上海某某贸易有限公司": (ORG_NAME, "上海某某贸易有限公司"),
        "raw:护照:E12345678": ("护照", "E12345678"),
        f"unverified:ric:{BAD_CHECK}": (RIC, BAD_CHECK),
        "unverified:raw:其他:A:B": ("其他", "A:B"),
        "unverified:raw:?:X1": ("?", "X1"),
    }
    with connection.cursor() as cursor:
        for key in old:
            cursor.execute("INSERT INTO zx_identity_key (key, identity_id) VALUES (%s, %s)", [key, person.pk])
        cursor.execute(
            "INSERT INTO zx_party (source, party_key, kind, name, id_type, id_number, id_key, id_verified,"
            " phone, address, identity_id) VALUES ('沪0104', 'p1', '自然人', '张三', '护照', 'E12345678',"
            " 'raw:护照:E12345678', FALSE, '', '', NULL), ('沪0104', 'p2', '自然人', '李四', '', '', '',"
            " FALSE, '', '', NULL)"
        )
    _migrate(("parties", "0004_identity_keys_in_two_columns"))
    assert {k.key for k in IdentityKey.objects.all()} == {IdKey(*pair) for pair in old.values()}
    assert {p.party_key: p.id_key for p in PartyRecord.objects.all()} == {"p1": IdKey("护照", "E12345678"), "p2": None}

    _migrate(("parties", "0003_consumption_shanghai_date"))  # and back, the weak keys marked again
    with connection.cursor() as cursor:
        cursor.execute("SELECT key FROM zx_identity_key")
        assert {key for (key,) in cursor.fetchall()} == set(old)
        cursor.execute("SELECT party_key, id_key FROM zx_party ORDER BY party_key")
        assert cursor.fetchall() == [("p1", "raw:护照:E12345678"), ("p2", "")]
    _migrate(("parties", "0004_identity_keys_in_two_columns"))


def test_keys_are_pairs_whatever_was_written():
    assert normalise_id("居民身份证", FIFTEEN).key == IdKey(RIC, RESIDENT)
    assert normalise_id("护照", "e 1234-5678").key == IdKey("护照", "E12345678")
    assert normalise_id(None, "ABC").key == IdKey("?", "ABC")
    keys = row_keys("法人", "上海某某贸易有限公司", "统一社会信用代码", CREDIT)
    assert keys.strong == (IdKey(USCC, CREDIT), IdKey(ORG, "M000100Y4"))
    assert keys.name is not None and keys.name.scheme == ORG_NAME
    assert record_identity_fields(None, "") == (None, False)


@pytest.mark.django_db
def test_a_number_with_a_colon_is_one_value_not_two_parts():
    key, verified = record_identity_fields("其他", "AB:12")
    record = PartyRecord.objects.create(
        source="沪0104", party_key="p1", kind="法人", name="某某", id_type="其他", id_number="AB:12",
        id_key=key, id_verified=verified,
    )
    resolve_party_records([record.pk])
    record.refresh_from_db()
    assert record.id_key == IdKey("其他", "AB:12")
    identity = find_identity("AB:12")
    assert identity is not None and identity.pk == record.identity_id
    assert (identity.id_type, identity.id_number, identity.verified) == ("其他", "AB:12", False)
