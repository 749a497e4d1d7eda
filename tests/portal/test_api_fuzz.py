"""schemathesis against the portal's own OpenAPI schema: for every operation, generated requests (valid
and invalid) as a unit's staff member and as an administrator. No answer may be a server error, and
every answer must be one the schema documents, with the documented content type and body.

The number of examples per operation is bounded (FUZZ_EXAMPLES, 8 by default) so that the suite stays
quick; `make fuzz` runs the same test with many more.
"""

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from reports.choices import ReportStatus
from tests import factories
from tests.helpers import new_token

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
app = WSGIHandler()


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """A WSGI handler closes the database connection after each request, as a server would; here that
    connection holds the test's transaction (PostgreSQL), so it stays open, as Django's test client
    keeps it."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def people(db):
    """A small world: a unit with a staff member and a report, a plan item, and an administrator."""
    unit = factories.UnitFactory()
    staff = factories.UserFactory(unit=unit)
    item = factories.WorkItemFactory()
    factories.AssignmentFactory(work_item=item, unit=unit, role="responsible")
    factories.TargetFactory(work_item=item)
    factories.ProgressReportFactory(unit=unit, work_item=item, status=ReportStatus.DRAFT)
    return {"staff": staff, "admin": factories.AdminFactory()}


@pytest.mark.parametrize("role", ["staff", "admin"])
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_error_and_every_answer_as_documented(case, people, role):
    headers = {"Authorization": f"Token {new_token(people[role])}"}
    case.call_and_validate(app=app, headers=headers, checks=CHECKS)
