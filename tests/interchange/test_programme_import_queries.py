"""The programme import loads the sessions' roles at once and writes the new ones together: a session's speakers add
no query of their own, and the history and content version still record them."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.versions import version_of
from sessions.interchange import programme_import, read_programme
from sessions.models import SessionRole
from tests.factories import MeetingFactory
from tests.interchange.builder import build_spec, to_c3voc

pytestmark = pytest.mark.django_db


def _import(spec, *, speakers: bool):
    meeting = MeetingFactory(
        start_date=datetime.date(2024, 11, 1), end_date=datetime.date(2024, 11, 4), timezone=spec.timezone
    )
    document = to_c3voc(spec)
    if not speakers:
        for day in document["schedule"]["conference"]["days"]:
            for talks in day["rooms"].values():
                for talk in talks:
                    talk["persons"] = []
    programme = read_programme(json.dumps(document).encode())
    before = version_of(meetings=[meeting.pk])
    with CaptureQueriesContext(connection) as queries:
        report = programme_import(meeting=meeting, programme=programme)
    return meeting, report, len(queries), before


def test_speakers_of_the_sessions_cost_no_query_each():
    spec = build_spec(sessions=40)
    _meeting, _report, without_roles, _version = _import(spec, speakers=False)
    meeting, report, with_roles, before = _import(spec, speakers=True)

    roles = SessionRole.objects.filter(session__meeting=meeting)
    assert roles.count() == sum(len(entry.speakers) for entry in spec.entries) > 40
    people = len({speaker.code for entry in spec.entries for speaker in entry.speakers})
    assert report.summary()["people"] == {"created": people}
    # The speakers themselves (a photo for a third of them) are written one by one; their roles are not.
    assert with_roles - without_roles <= people * 12
    assert all(role.history.count() == 1 for role in roles)
    assert version_of(meetings=[meeting.pk]) != before


def test_queries_grow_by_a_bounded_number_per_session():
    spec_small, spec_large = build_spec(sessions=20), build_spec(sessions=60)
    _meeting, _report, small, _version = _import(spec_small, speakers=True)
    _meeting, _report, large, _version = _import(spec_large, speakers=True)

    assert (large - small) / 40 <= 20
