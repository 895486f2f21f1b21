"""Schemathesis over the OpenAPI schema, in-process (WSGI, no network): no 500, no response
that breaks the schema, for generated valid and invalid input."""

import os

import pytest

schemathesis = pytest.importorskip("schemathesis")

from collections import Counter  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from world import build_world, make_users  # noqa: E402
from zhixing.core.commands import Actor  # noqa: E402
from zhixing.tokens.commands import issue_token  # noqa: E402

# `make bench` runs a longer search (ZHIXING_SCHEMATHESIS_EXAMPLES=200).
EXAMPLES_PER_OPERATION = int(os.environ.get("ZHIXING_SCHEMATHESIS_EXAMPLES", "10"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def keep_test_connection():
    """The WSGI handler closes the database connection after each request, which would end
    the test's transaction; Django's own test client disconnects the same handlers."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.usefixtures("keep_test_connection")
@pytest.mark.parametrize("username", ["admin", "judge_a"])
def test_no_server_error_and_no_schema_violation(username):
    from zhixing.config.wsgi import application

    build_world()
    make_users()
    token = issue_token(Actor.command_line(), username, "schemathesis").token
    schema = schemathesis.openapi.from_wsgi(
        "/api/openapi.json", application, headers={"Authorization": f"Bearer {token}"}
    )
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    statuses: Counter[int] = Counter()

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            @settings(
                max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, derandomize=True,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def check(case):
                response = case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
                statuses[response.status_code] += 1

            check()
    # the run reached the views: valid requests answered and bad ones refused, never a 5xx
    assert statuses[200] > 0
    assert statuses[422] > 0
    assert not [code for code in statuses if code >= 500]
