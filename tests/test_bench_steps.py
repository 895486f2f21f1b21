import json

import pytest
from django.core.management import call_command

from scenario_data import Data
from zhixing.parties.models import Identity, PartyRecord

pytestmark = pytest.mark.django_db(transaction=True)


def test_resolution_from_scratch_forgets_and_finds_every_identity_again(capsys):
    data = Data()
    person = data.identity("周敏")
    case = data.case("沪0104")
    data.debtor(case, person)
    data.applicant(data.case("沪0105"), person)
    before = Identity.objects.count()
    call_command("bench", "step", "resolve")
    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert figures["party_rows"] == 2 and figures["identities"] == 1
    assert Identity.objects.count() == 1 and before >= 1
    assert PartyRecord.objects.filter(identity__isnull=True).count() == 0
