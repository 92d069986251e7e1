"""Property-based tests of the whole API from its OpenAPI document: requests
generated from the document, sent to a real app on a fresh database, logged
in, must never get a 5xx and must be answered as the document says.
Bounded and derandomised, so every run sends the same requests quickly."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from api.openapi import document
from tests.security.conftest import log_in, without_streams

EXAMPLES_PER_OPERATION = 25
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def fuzzed(make_app):
    """A real app on a fresh database, and a logged-in session's cookie."""
    app = make_app()
    client = app.test_client()
    log_in(client)
    name = app.config["SESSION_COOKIE_NAME"]
    return app, {"Cookie": f"{name}={client.get_cookie(name).value}"}


schema = schemathesis.openapi.from_dict(without_streams(document()))


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_generated_requests_never_get_a_5xx_and_match_the_document(case, fuzzed):
    app, headers = fuzzed
    case.call_and_validate(app=app, headers=headers, checks=CHECKS)
