import io
import unicodedata

import pytest
import zxingcpp
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from participants.models import Participant
from participants.services import participant_checkin_token
from secretariat.badges import badge_queryset, badges_pdf
from tests.factories import MeetingFactory, ParticipantFactory, PersonFactory

pytestmark = pytest.mark.django_db
Status = Participant.Status


def _accredited(**kwargs):
    participant = ParticipantFactory(status=Status.ACCREDITED, **kwargs)
    participant.badge_number = Participant.objects.filter(meeting=participant.meeting).count()
    participant.save()
    return participant


def _qr_codes(pdf_bytes):
    """Every QR code embedded in the PDF, decoded from the images themselves."""
    reader = PdfReader(io.BytesIO(pdf_bytes))
    decoded = []
    for page in reader.pages:
        for image in page.images:
            decoded.extend(result.text for result in zxingcpp.read_barcodes(image.image))
    return decoded


def _checkin_url(meeting):
    return reverse("admin:participants_participant_checkin", args=[meeting.pk])


def test_badge_pdf_qr_decodes_to_a_token_that_checks_in(admin_client):
    participant = _accredited(person=PersonFactory(given_name_en="Berik", family_name_en="Aryn"))
    pdf = badges_pdf(participants=list(badge_queryset(Participant.objects.all())), layout="a6")

    codes = _qr_codes(pdf)
    assert codes == [participant_checkin_token(participant=participant)]
    # The meeting and the random check-in key, signed: never the participant's database id.
    assert codes[0].rsplit(":", 1)[0] == f"{participant.meeting_id}.{participant.checkin_key.hex}"
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Berik Aryn" in text
    assert "H.E. Mr." in text
    assert participant.delegation.organization.name in text
    assert participant.person.email not in text
    assert participant.person.phone not in text

    response = admin_client.post(_checkin_url(participant.meeting), {"token": codes[0], "check_in": "1"}, follow=True)

    participant.refresh_from_db()
    assert response.status_code == 200
    assert participant.status == Status.ATTENDED
    assert participant.checked_in_at is not None
    assert "Berik Aryn checked in at" in response.content.decode()


def test_badge_pdf_a4_holds_four_badges_per_sheet():
    meeting = MeetingFactory()
    for _ in range(5):
        _accredited(delegation__meeting=meeting)
    pdf = badges_pdf(participants=list(badge_queryset(Participant.objects.all())), layout="a4")

    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    assert sorted(_qr_codes(pdf)) == sorted(
        participant_checkin_token(participant=participant) for participant in Participant.objects.all()
    )


def test_badge_pdf_renders_arabic_name():
    participant = _accredited(person=PersonFactory(given_name_ar="علي", family_name_ar="الهاشمي"))
    pdf = badges_pdf(participants=list(badge_queryset(Participant.objects.all())), layout="a6", language="ar")

    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    # Drawn as joined (presentation) letter forms; NFKC folds them back to the letters that were typed.
    assert "ﻋﻠﻲ ﺍﻟﻬﺎﺷﻤﻲ" in text
    assert "علي الهاشمي" in unicodedata.normalize("NFKC", text)
    with translation.override("ar"):
        assert participant.person.full_name == "علي الهاشمي"


def test_checkin_lookup_shows_the_person_before_marking_attended(admin_client):
    participant = _accredited()
    token = participant_checkin_token(participant=participant)

    response = admin_client.post(_checkin_url(participant.meeting), {"token": token, "lookup": "1"})

    participant.refresh_from_db()
    assert response.status_code == 200
    assert response.context["cards"][0]["participant"] == participant
    assert response.context["cards"][0]["can_check_in"] is True
    assert participant.status == Status.ACCREDITED


def test_checkin_forged_token_refused(admin_client):
    participant = _accredited()
    token = participant_checkin_token(participant=participant)
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")

    response = admin_client.post(_checkin_url(participant.meeting), {"token": forged, "check_in": "1"})

    participant.refresh_from_db()
    assert response.context["refusal"] == (
        "This code is not a valid Convene badge: it may have been forged or mistyped."
    )
    assert participant.status == Status.ACCREDITED


def test_checkin_typed_number_finds_the_badge_but_never_checks_in(admin_client):
    participant = _accredited()

    response = admin_client.post(
        _checkin_url(participant.meeting), {"token": str(participant.badge_number), "check_in": "1"}
    )

    participant.refresh_from_db()
    assert [card["participant"] for card in response.context["cards"]] == [participant]
    assert participant.status == Status.ACCREDITED


def test_checkin_revoked_token_refused_after_rotation(admin_client):
    participant = _accredited()
    old_token = participant_checkin_token(participant=participant)
    changelist = reverse("admin:participants_participant_changelist")

    admin_client.post(changelist, {"action": "rotate_checkin_key", "_selected_action": [participant.pk]})
    response = admin_client.post(_checkin_url(participant.meeting), {"token": old_token, "check_in": "1"})

    participant.refresh_from_db()
    assert response.context["refusal"] == (
        "This badge has been revoked (a new badge was issued since): ask for the current badge."
    )
    assert participant.status == Status.ACCREDITED
    new_token = participant_checkin_token(participant=participant)
    assert new_token != old_token
    admin_client.post(_checkin_url(participant.meeting), {"token": new_token, "check_in": "1"})
    participant.refresh_from_db()
    assert participant.status == Status.ATTENDED


def test_checkin_other_meeting_token_refused(admin_client):
    participant = _accredited(delegation__meeting__title_en="General Meeting in Geneva")
    other_meeting = MeetingFactory()

    response = admin_client.post(
        _checkin_url(other_meeting), {"token": participant_checkin_token(participant=participant), "check_in": "1"}
    )

    participant.refresh_from_db()
    assert response.context["refusal"] == (
        f"This badge is for another meeting ({participant.meeting}), not for {other_meeting}."
    )
    assert participant.status == Status.ACCREDITED


def test_checkin_registered_participant_refused_until_accredited(admin_client):
    participant = ParticipantFactory(status=Status.REGISTERED)

    response = admin_client.post(
        _checkin_url(participant.meeting),
        {"token": participant_checkin_token(participant=participant), "check_in": "1"},
    )

    participant.refresh_from_db()
    assert response.context["refusal"] == f"{participant.person} cannot go from “registered” to “attended”."
    assert participant.status == Status.REGISTERED


def test_checkin_page_requires_change_permission(client, django_user_model):
    meeting = MeetingFactory()
    user = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    client.force_login(user)

    response = client.get(_checkin_url(meeting))

    assert response.status_code == 403


def test_checkin_page_anonymous_redirected_to_login(client):
    meeting = MeetingFactory()

    response = client.get(_checkin_url(meeting))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("size", [1, 6])
def test_checkin_page_query_count_flat(admin_client, django_assert_num_queries, size):
    meeting = MeetingFactory()
    participants = [_accredited(delegation__meeting=meeting) for _ in range(size)]
    token = participant_checkin_token(participant=participants[-1])
    admin_client.get(_checkin_url(meeting))  # session warm-up

    with django_assert_num_queries(6):  # 6 since the session's second factor (its TOTP device) is read
        admin_client.post(_checkin_url(meeting), {"token": token, "lookup": "1"})


def test_print_badges_action_returns_pdf_and_records_printing(admin_client):
    accredited = _accredited()
    registered = ParticipantFactory(status=Status.REGISTERED, delegation=accredited.delegation)
    changelist = reverse("admin:participants_participant_changelist")

    response = admin_client.post(
        changelist, {"action": "print_badges", "_selected_action": [accredited.pk, registered.pk]}
    )

    accredited.refresh_from_db()
    registered.refresh_from_db()
    assert response["Content-Type"] == "application/pdf"
    assert _qr_codes(response.content) == [participant_checkin_token(participant=accredited)]
    assert accredited.badge_printed_at is not None
    assert registered.badge_printed_at is None
    assert accredited.history.first().badge_printed_at == accredited.badge_printed_at


@pytest.mark.parametrize("size", [1, 8])
def test_print_badges_action_query_count_flat(admin_client, django_assert_num_queries, size):
    meeting = MeetingFactory()
    participants = [_accredited(delegation__meeting=meeting) for _ in range(size)]
    changelist = reverse("admin:participants_participant_changelist")
    admin_client.get(changelist)

    # The action chooses the printable badges and names their meeting, then the job (run inline at this size) reads
    # them again, with their delegations, organizations and meeting; one query reads the session's second factor.
    with django_assert_num_queries(17):
        response = admin_client.post(
            changelist, {"action": "print_badges", "_selected_action": [p.pk for p in participants]}
        )
    assert response["Content-Type"] == "application/pdf"


def test_checkin_twice_says_already_checked_in(admin_client):
    participant = _accredited(person=PersonFactory(honorific_prefix_en="", given_name_en="Ana", family_name_en="Li"))
    token = participant_checkin_token(participant=participant)
    admin_client.post(_checkin_url(participant.meeting), {"token": token, "check_in": "1"})
    participant.refresh_from_db()
    first = participant.checked_in_at

    response = admin_client.post(_checkin_url(participant.meeting), {"token": token, "check_in": "1"})

    participant.refresh_from_db()
    local = first.astimezone(participant.meeting.tzinfo).strftime("%H:%M")
    assert [str(message) for message in response.context["messages"]] == [
        f"Ana Li was already checked in, at {local} (Asia/Almaty, UTC+05:00)."
    ]
    assert participant.checked_in_at == first
