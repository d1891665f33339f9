"""The API's sessions are written by SessionReader (api/serializers/sessions.py) rather than by DRF's field machinery:
the answer must be the one the declared fields give, in every language, for every kind of session."""

import pytest
from rest_framework.test import APIRequestFactory

from api.serializers.sessions import SessionReader, SessionSerializer
from sessions.models import Session, SessionRole
from tests.factories import (
    MeetingFactory,
    PersonFactory,
    RoomFactory,
    SessionFactory,
    SessionRoleFactory,
    ThemeFactory,
    TopicFactory,
)


@pytest.fixture
def programme(db):
    meeting = MeetingFactory(timezone="Asia/Almaty")
    theme = ThemeFactory()
    full = SessionFactory(
        meeting=meeting,
        room=RoomFactory(meeting=meeting),
        theme=theme,
        title_fr="Séance plénière",
        title_ar="الجلسة العامة",
        description_en="<b>Opening</b> & welcome",
        language="fr",
        external_id="ext-1",
    )
    full.topics.set([TopicFactory(theme=theme), TopicFactory(theme=theme)])
    SessionRoleFactory(session=full, role=SessionRole.Role.CHAIR, order=1, subject_ar="الموضوع")
    SessionRoleFactory(session=full, person=PersonFactory(given_name_ar="سارة"), order=2)
    # No room, no type, no theme, a slug no page address accepts, not public.
    bare = SessionFactory(meeting=meeting, type=None, title_en="", title_fr="Seulement en français")
    Session.objects.filter(pk=bare.pk).update(slug="pas à pas", is_public=False)
    return meeting


def declared_representation(session, context):
    """What DRF's declared fields give for this session (the path SessionReader stands in for)."""
    serializer = SessionSerializer(context=context)
    serializer.instance_meeting = session.meeting
    return super(SessionSerializer, serializer).to_representation(session)


@pytest.mark.parametrize("lang", [None, "en", "fr", "ar"])
def test_api_sessions_are_what_the_declared_fields_give(client_for, write_key, programme, lang):
    query = f"?meeting={programme.slug}" + (f"&lang={lang}" if lang else "")
    answer = client_for(write_key).get(f"/api/v1/sessions/{query}").json()["results"]
    assert len(answer) == 2
    request = APIRequestFactory().get(f"/api/v1/sessions/{query}")
    context = {"request": request, "lang": lang}
    for item in answer:
        session = Session.objects.select_related("meeting", "type").get(pk=item["id"])
        assert item == declared_representation(session, context)


@pytest.mark.parametrize(
    ("path", "fmt"),
    [("/api/v1/sessions.json?", "json"), ("/api/v1/sessions/?format=json&", None), ("/api/v1/sessions/?", None)],
)
def test_api_sessions_link_to_themselves_in_the_format_asked_for(anonymous, programme, path, fmt):
    """A format suffix (`.json`) or `?format=` carries over to each session's `url`, as DRF's links do (the reader
    used to drop them)."""
    query = f"meeting={programme.slug}"
    answer = anonymous.get(f"{path}{query}").json()["results"]
    request = APIRequestFactory().get(f"{path}{query}")
    context = {"request": request, "lang": None, "format": fmt}
    session = Session.objects.select_related("meeting", "type").get(pk=answer[0]["id"])
    assert answer[0] == declared_representation(session, context)
    expected = {
        "json": f"http://testserver/api/v1/sessions/{session.pk}.json",
        None: f"http://testserver/api/v1/sessions/{session.pk}/" + ("?format=json" if "format=" in path else ""),
    }
    assert answer[0]["url"] == expected[fmt]


def test_the_reader_stands_in_only_for_the_declared_fields_and_a_request(db):
    assert not SessionReader.applies_to(SessionSerializer(context={}))
    serializer = SessionSerializer(context={"request": APIRequestFactory().get("/api/v1/sessions/")})
    assert SessionReader.applies_to(serializer)
    serializer.fields.pop("timezone")
    assert not SessionReader.applies_to(serializer)
