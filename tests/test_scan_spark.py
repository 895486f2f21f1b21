"""`zhixing scan --engine spark` stores exactly the alerts the database's own engine does."""

import pytest

from engine_fixtures import spark_session_once  # noqa: F401
from planted import plant
from scenario_data import Data
from test_scan import scan, state
from zhixing.alerts.models import Alert, Hold

pytestmark = [pytest.mark.django_db, pytest.mark.spark]


def test_spark_scan_stores_the_same_alerts(spark_session_once):  # noqa: F811
    planted = plant(Data())
    scan()
    expected = state()
    assert len(expected) == len(planted.expected)
    Hold.objects.all().delete()
    Alert.objects.all().delete()
    scan("--engine", "spark")
    assert state() == expected
    assert Hold.objects.count() == 1
