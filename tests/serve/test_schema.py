"""schemathesis against /openapi.json: no 5xx, and every response matches the documented schema."""

from __future__ import annotations

import pytest
from serve_fixtures import served_db_fixture, server_fixture  # noqa: F401  (the fixtures used here)

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed (the dev extra)")
from hypothesis import HealthCheck, given, settings  # noqa: E402

EXAMPLES_PER_OPERATION = 25  # bounded: the whole run takes well under a minute


def test_every_operation_keeps_its_schema_and_never_answers_5xx(server):
    schema = schemathesis.openapi.from_url(f"{server}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck),
                  database=None)
        def check(case):
            case.call_and_validate()

        check()
