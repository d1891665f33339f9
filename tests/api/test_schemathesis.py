"""A schema-driven fuzz of every operation: no server error, and every answer as the schema documents it."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from meetings.models import Meeting
from tests.factories import (
    ApiKeyFactory,
    InstrumentFactory,
    MeetingFactory,
    ParticipantFactory,
    PersonFactory,
    SessionFactory,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
FUZZ = settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)


# The live schema, as the application serves it (building it touches no database).
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Requests go through the WSGI handler, whose request signals would close the test's connection.

    Django's own test client disconnects the same receiver for the same reason.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(scope="module", autouse=True)
def representative_data(demo_db, django_db_blocker):
    """The demo meeting, plus private records that must never leak: a draft meeting, hidden sessions...

    Made once for the module (tests/conftest.py's `demo_db`); each operation's writes roll back after it.
    """
    with django_db_blocker.unblock():
        draft = MeetingFactory(status=Meeting.Status.DRAFT)
        SessionFactory(meeting=draft)
        SessionFactory(is_public=False)
        ParticipantFactory(person=PersonFactory(listed_publicly=False), notes="private note", badge_number=7)
        InstrumentFactory(status="draft", signed_on=None)


@pytest.mark.django_db
@schema.include(method="GET").parametrize()
@FUZZ
def test_schema_fuzz_anonymous_reads(case):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.django_db
@schema.parametrize()
@FUZZ
def test_schema_fuzz_with_write_key(case):
    key = ApiKeyFactory(scopes=["read", "read:private", "write"])
    case.call_and_validate(checks=CHECKS, headers={"Authorization": f"Bearer {key.secret}"})
