import json

import pytest
from django.core.management import call_command

from scenario_data import Data
from zhixing.parties.models import Identity, PartyRecord


@pytest.mark.django_db
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


@pytest.mark.django_db
def test_a_derived_column_is_filled_for_every_row_in_batches():
    from zhixing.cases.models import Measure
    from zhixing.core.bulksql import fill_field
    from zhixing.core.plates import plate_in

    data = Data()
    case = data.case("沪0104")
    debtor = data.debtor(case, data.identity("周敏"))
    for n in range(5):
        data.measure(case, debtor, "查封车辆", case.filed_on, detail=f"小型轿车 沪A·1234{n}")
    Measure.objects.update(plate="")
    fill_field(Measure.objects.all(), "plate", lambda m: plate_in(m.detail), batch=2)
    assert sorted(Measure.objects.values_list("plate", flat=True)) == [f"沪A1234{n}" for n in range(5)]
