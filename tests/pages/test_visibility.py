"""Drafts, non-public sessions, unlisted people and unsigned instruments answer 404; private data never shows."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from agreements.models import Instrument
from meetings.models import Meeting
from participants.models import Participant
from tests.factories import (
    DelegationFactory,
    DocumentFactory,
    InstrumentFactory,
    ParticipantFactory,
    PartyFactory,
    PersonFactory,
    SessionFactory,
    SessionRoleFactory,
    SignatureFactory,
)
from tests.pages.conftest import LANGUAGES, page_urls


def _urls_of_meeting(slug, session_slug="opening"):
    return [
        reverse("meetings:meeting_detail", kwargs={"slug": slug}),
        reverse("sessions:agenda", kwargs={"meeting_slug": slug}),
        reverse("sessions:agenda_ics", kwargs={"meeting_slug": slug}),
        reverse("sessions:session_detail", kwargs={"meeting_slug": slug, "slug": session_slug}),
        reverse("sessions:session_ics", kwargs={"meeting_slug": slug, "slug": session_slug}),
        reverse("participants:participant_list", kwargs={"meeting_slug": slug}),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_draft_meeting_pages_answer_404(client, draft_meeting, language):
    SessionFactory(meeting=draft_meeting, slug="opening")

    with translation.override(language):
        urls = _urls_of_meeting(draft_meeting.slug)

    responses = [client.get(url) for url in urls]

    assert [response.status_code for response in responses] == [404] * len(urls)
    assert [response.has_header("ETag") for response in responses] == [False] * len(urls)


def test_cancelled_meeting_stays_public_and_says_so(client, draft_meeting):
    draft_meeting.status = Meeting.Status.CANCELLED
    draft_meeting.save()

    response = client.get(reverse("meetings:meeting_detail", kwargs={"slug": draft_meeting.slug}))

    assert response.status_code == 200
    assert "This meeting has been cancelled." in response.content.decode()


def test_non_public_session_answers_404_and_is_left_out_of_the_agenda(client, programme):
    hidden = SessionFactory(meeting=programme.meeting, is_public=False, slug="closed-door", title_en="Closed door")
    slug = programme.meeting.slug

    page = client.get(reverse("sessions:session_detail", kwargs={"meeting_slug": slug, "slug": hidden.slug}))
    ics = client.get(reverse("sessions:session_ics", kwargs={"meeting_slug": slug, "slug": hidden.slug}))
    agenda = client.get(reverse("sessions:agenda", kwargs={"meeting_slug": slug})).content.decode()
    calendar = client.get(reverse("sessions:agenda_ics", kwargs={"meeting_slug": slug})).content.decode()

    assert (page.status_code, ics.status_code) == (404, 404)
    assert "Closed door" not in agenda and "Closed door" not in calendar


@pytest.mark.parametrize("status", [Instrument.Status.DRAFT, Instrument.Status.UNDER_NEGOTIATION])
def test_unsigned_instrument_answers_404_and_is_left_out_of_the_registry(client, programme, status):
    draft = InstrumentFactory(status=status, signed_on=None, title_en="Unsigned memorandum")

    page = client.get(reverse("agreements:instrument_detail", kwargs={"slug": draft.slug}))
    registry = client.get(reverse("agreements:instrument_list")).content.decode()

    assert page.status_code == 404
    assert "Unsigned memorandum" not in registry


def test_person_without_consent_answers_404(client, db):
    person = PersonFactory(listed_publicly=False)

    response = client.get(reverse("participants:person_detail", kwargs={"slug": person.slug}))

    assert response.status_code == 404


def test_unknown_pages_answer_404(client, db):
    urls = [
        reverse("meetings:meeting_detail", kwargs={"slug": "nowhere"}),
        reverse("participants:organization_detail", kwargs={"slug": "nobody"}),
        reverse("agreements:instrument_detail", kwargs={"slug": "nothing"}),
    ]

    assert [client.get(url).status_code for url in urls] == [404, 404, 404]


SECRETS = (
    "leak.email@example.org",
    "+7 700 999 1234",
    "SECRET-PERSON-NOTE",
    "SECRET-PARTICIPANT-NOTE",
    "SECRET-DELEGATION-NOTE",
    "987654",  # badge number
    "Hidden Unlisted Person",
    "hidden-unlisted",  # the slug of the person without consent: no link either
    "Unpublished Meeting Title",
    "Non-public Session Title",
    "Draft Instrument Title",
    "Unpublished Document Title",
    "Declined Delegate",
)


@pytest.fixture
def private_data(programme):
    meeting = programme.meeting
    delegation = meeting.delegations.first()
    delegation.notes = "SECRET-DELEGATION-NOTE"
    delegation.save()
    listed = PersonFactory(email="leak.email@example.org", phone="+7 700 999 1234", notes="SECRET-PERSON-NOTE")
    ParticipantFactory(delegation=delegation, person=listed, badge_number=987654, notes="SECRET-PARTICIPANT-NOTE")
    SessionRoleFactory(session=programme.sessions[0], person=listed)
    unlisted = PersonFactory(
        given_name_en="Hidden", family_name_en="Unlisted Person", slug="hidden-unlisted", listed_publicly=False
    )
    ParticipantFactory(delegation=delegation, person=unlisted, role=Participant.Role.HEAD_OF_DELEGATION)
    SessionRoleFactory(session=programme.sessions[0], person=unlisted)
    party = programme.instrument.parties.first()
    SignatureFactory(instrument=programme.instrument, party=party, person=unlisted, capacity_en="Witness")
    declined = PersonFactory(given_name_en="Declined", family_name_en="Delegate")
    ParticipantFactory(delegation=delegation, person=declined, status=Participant.Status.DECLINED)
    draft_meeting = DelegationFactory(
        meeting__status=Meeting.Status.DRAFT,
        meeting__title_en="Unpublished Meeting Title",
        meeting__series=meeting.series,
        meeting__number=101,
        organization=programme.organization,
    ).meeting
    SessionFactory(meeting=draft_meeting, title_en="Unpublished meeting session")
    SessionFactory(meeting=meeting, is_public=False, title_en="Non-public Session Title", theme=programme.themes[0])
    draft = InstrumentFactory(
        status=Instrument.Status.DRAFT, signed_on=None, title_en="Draft Instrument Title", signed_at=meeting
    )
    PartyFactory(instrument=draft, organization=programme.organization)
    InstrumentFactory(status=Instrument.Status.SIGNED, supersedes=None, signed_on=datetime.date(2024, 7, 22))
    DocumentFactory(meeting=meeting, is_published=False, title_en="Unpublished Document Title")
    return listed


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_private_data_on_any_public_page(client, programme, private_data, language):
    urls = list(page_urls(programme, language).values())
    with translation.override(language):
        urls += [
            reverse("participants:person_detail", kwargs={"slug": private_data.slug}),
            reverse("meetings:search") + "?q=Hidden",
            reverse("meetings:search") + "?q=Unpublished",
            reverse("meetings:search") + "?q=Draft",
            reverse("meetings:search") + "?q=leak.email",
            reverse("meetings:search") + "?q=Non-public",
        ]

    leaks = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        found = [secret for secret in SECRETS if secret in body]
        if found:
            leaks[url] = found

    assert leaks == {}
    # The consenting person next to the secrets is shown, so the pages above did render that data's rows.
    participants = client.get(page_urls(programme, language)["participants"]).content.decode()
    assert private_data.family_name_en in participants


def test_missing_page_uses_the_site_404_template_in_the_page_language(client, db, settings):
    settings.DEBUG = False

    response = client.get("/fr/meetings/nowhere/")

    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="fr" dir="ltr">' in html
    assert html.count("<h1>") == 1
    assert '<a href="/fr/">' in html  # back to the meetings, in French
