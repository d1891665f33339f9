"""A schema-driven fuzz of every operation: no server error, and every answer as the schema documents it."""

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
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


# Schemathesis' coverage phase sends every boundary and every invalid value of every field the schema names (about
# 2,100 requests for a person). POST, PUT and PATCH of a resource validate their body with the same serializer, so
# the field-by-field cases run once per resource, on POST; PUT and PATCH get the fuzzing phase (whole random bodies
# through the update path), and tests/api/test_writes.py tests what an update does. Likewise the query parameters
# of a read are validated whoever asks: their cases run once, in the anonymous reads; the reads with a key get the
# fuzzing phase (what a key sees is tested in tests/api/test_access_matrix.py).
def without_coverage_phase(*methods):
    return SchemathesisConfig.from_dict(
        {"operations": [{"include-method": list(methods), "phases": {"coverage": {"enabled": False}}}]}
    )


# The live schema, as the application serves it (building it touches no database), read once.
reads = schemathesis.openapi.from_wsgi(
    "/api/v1/schema/", application, config=without_coverage_phase("PUT", "PATCH")
).exclude(method=["POST", "PUT", "PATCH", "DELETE"])
everything = schemathesis.openapi.from_dict(reads.raw_schema, config=without_coverage_phase("GET", "PUT", "PATCH"))
everything.app = application


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
def _rates_the_fuzz_cannot_reach():
    """The fuzz sends thousands of requests a minute from one client: with the production rates, all but the first
    120 anonymous reads would be 429s and test nothing. tests/api/test_rate_limit.py tests the limits themselves."""
    rates = {"anon": "1000000/minute", "key": "1000000/minute"}
    with override_settings(REST_FRAMEWORK={**django_settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}):
        caches[django_settings.CONVENE_THROTTLE_CACHE].clear()
        yield


@pytest.fixture
def write_key():
    """One key per operation (made in the operation's transaction), not one per example."""
    return ApiKeyFactory(scopes=["read", "read:private", "write"])


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
# The reads, named by what they are not (above): schemathesis 4.32 joins an include() to the config's [[operations]]
# entry with OR, which would let every operation through.
@reads.parametrize()
@FUZZ
def test_schema_fuzz_anonymous_reads(case):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.django_db
@everything.parametrize()
@FUZZ
def test_schema_fuzz_with_write_key(case, write_key):
    case.call_and_validate(checks=CHECKS, headers={"Authorization": f"Bearer {write_key.secret}"})
