"""Smaller fixes of issue 14: "signed" only once every party signed, badges with dates and venue, the demo's
check-in times on the morning of the opening."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from participants.models import Participant
from secretariat.badges import ROLE_COLOURS, badge_queryset, badges_pdf
from tests.factories import InstrumentFactory, ParticipantFactory, PartyFactory, SignatureFactory

pytestmark = pytest.mark.django_db


def test_instrument_with_one_of_two_parties_signed_is_partly_signed(client, admin_client):
    instrument = InstrumentFactory(title_en="Letter of Intent")
    first, second = PartyFactory(instrument=instrument), PartyFactory(instrument=instrument)
    SignatureFactory(party=first)

    detail = client.get(f"/en/agreements/{instrument.slug}/").content.decode()
    registry = client.get("/en/agreements/").content.decode()
    admin_list = admin_client.get(reverse("admin:agreements_instrument_changelist")).content.decode()
    SignatureFactory(party=second)
    instrument.refresh_from_db()

    assert "Partly signed (1 of 2 parties)" in detail
    assert "Partly signed (1 of 2 parties)" in registry
    assert "partly signed (1 of 2 parties)" in admin_list
    assert instrument.status_display == "signed"


def test_badge_shows_the_meetings_dates_and_venue_and_the_roles_colour():
    participant = ParticipantFactory(status=Participant.Status.ACCREDITED, role=Participant.Role.HEAD_OF_DELEGATION)
    participant.badge_number = 1
    participant.save()
    meeting = participant.meeting
    meeting.venue_en, meeting.city_en = "Palace of Independence", "Astana"
    meeting.start_date, meeting.end_date = datetime.date(2024, 7, 22), datetime.date(2024, 7, 23)
    meeting.save()

    pdf = badges_pdf(participants=list(badge_queryset(Participant.objects.all())), layout="a6")

    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "July 22, 2024 – July 23, 2024 · Palace of Independence, Astana" in text
    assert "HEAD OF DELEGATION" in text
    assert len(set(ROLE_COLOURS.values())) >= 8  # roles told apart by colour (alternate shares the delegate's)


def test_demo_guests_checked_in_on_the_morning_of_the_opening(demo_db):
    guests = Participant.objects.filter(role=Participant.Role.GUEST_OF_HONOUR).select_related("meeting")

    arrivals = sorted(
        guest.checked_in_at.astimezone(guest.meeting.tzinfo).strftime("%Y-%m-%d %H:%M") for guest in guests
    )

    assert arrivals[0] == "2024-07-22 08:30"
    assert all(arrival.startswith("2024-07-22 0") for arrival in arrivals)
