"""Property-based run over the OpenAPI schema: no input makes the API answer 500,
and every answer has a status, a content type and a body that the schema documents."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.agreements import companies_server


@pytest.fixture
def companies_api(settings):
    """The companies search API the company lookup calls: a local replay server."""
    yield from companies_server.serve(settings)


@pytest.fixture
def api_schema(search_engine, companies_api):
    """The WSGI app, called in-process like Django's test client does: without
    closing the test's database connection at the end of each request."""
    from django.core import signals
    from django.db import close_old_connections

    from parvis.wsgi import application

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_server_error(case):
    # In-process WSGI calls have no HTTP client to decompress a gzipped answer (the
    # site gzips what clients accept, parvis/settings): ask for the plain body.
    # call_and_validate raises when any of the checks below fails (the assertions).
    response = case.call_and_validate(
        headers={"Accept-Encoding": "identity"},
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
    assert response.status_code < 500
