"""What a change touches: every write to a tracked row advances the version of its meeting, or of the site."""

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import versions
from meetings.models import Meeting
from tests import factories

pytestmark = pytest.mark.django_db


def test_version_of_a_session_edit_changes_its_meeting_and_not_another():
    session = factories.SessionFactory()
    other = factories.MeetingFactory()
    before_own, before_other = (
        versions.version_of(meetings=[session.meeting_id]),
        versions.version_of(meetings=[other.pk]),
    )

    session.title_en = "Renamed"
    session.save()

    assert versions.version_of(meetings=[session.meeting_id]) != before_own
    assert versions.version_of(meetings=[other.pk]) == before_other


def test_version_of_a_person_edit_changes_every_meeting():
    meeting = factories.MeetingFactory()
    person = factories.PersonFactory()
    before = versions.version_of(meetings=[meeting.pk])

    person.given_name_en = "Changed"
    person.save()

    assert versions.version_of(meetings=[meeting.pk]) != before


def test_version_of_a_session_role_deleted_changes_its_meeting():
    role = factories.SessionRoleFactory()
    meeting_id = role.session.meeting_id
    other = factories.MeetingFactory()
    before_own, before_other = versions.version_of(meetings=[meeting_id]), versions.version_of(meetings=[other.pk])

    role.delete()

    assert versions.version_of(meetings=[meeting_id]) != before_own
    assert versions.version_of(meetings=[other.pk]) == before_other


def test_version_of_topics_added_to_a_session_changes_its_meeting():
    session = factories.SessionFactory()
    topic = factories.TopicFactory()
    versions.bump([versions.SITE])
    before = versions.version_of(meetings=[session.meeting_id])

    session.topics.add(topic)

    assert versions.version_of(meetings=[session.meeting_id]) != before


def test_version_of_a_participant_moved_to_another_meeting_changes_both():
    participant = factories.ParticipantFactory()
    old_meeting = participant.meeting_id
    new_delegation = factories.DelegationFactory()
    before_old = versions.version_of(meetings=[old_meeting])
    before_new = versions.version_of(meetings=[new_delegation.meeting_id])

    participant.delegation = new_delegation
    participant.save()

    assert versions.version_of(meetings=[old_meeting]) != before_old
    assert versions.version_of(meetings=[new_delegation.meeting_id]) != before_new


def test_version_of_the_whole_site_changes_with_any_meeting():
    meeting = factories.MeetingFactory()
    before = versions.version_of()

    factories.RoomFactory(meeting=meeting)

    assert versions.version_of() != before


def test_version_of_costs_one_query_whatever_the_meetings():
    meeting = factories.MeetingFactory()

    with CaptureQueriesContext(connection) as queries:
        versions.version_of(meetings=Meeting.objects.filter(slug=meeting.slug).values("pk"))
    assert len(queries) == 1


def test_every_domain_model_is_tracked():
    domain = {"meetings", "participants", "working_sessions", "agreements"}
    models = {model for model in apps.get_models() if model._meta.app_label in domain}
    tracked = versions.tracked_models()
    untracked = {m._meta.label for m in models if m not in tracked and not m.__name__.startswith("Historical")}
    assert untracked == set()
