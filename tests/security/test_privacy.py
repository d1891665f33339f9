"""Privacy: contact details erased after each meeting's retention; "export everything" and "erase" for a person."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from participants.models import Participant, Person, Position
from tests.factories import (
    DelegationFactory,
    MeetingFactory,
    ParticipantFactory,
    PersonFactory,
    PositionFactory,
    SessionRoleFactory,
    SignatureFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 30)
CHANGELIST = reverse("admin:participants_person_changelist")


def meeting_ended(days_ago, retention_days):
    end = TODAY - datetime.timedelta(days=days_ago)
    return MeetingFactory(start_date=end, end_date=end, contact_retention_days=retention_days)


def attending(person, *meetings):
    for meeting in meetings:
        ParticipantFactory(person=person, delegation=DelegationFactory(meeting=meeting))
    return person


def contacted(name):
    return PersonFactory(given_name_en=name, email=f"{name.lower()}@example.org", phone="+7 7172 000000")


def erase_expired(*arguments):
    out = StringIO()
    call_command("erase_expired_contacts", "--today", TODAY.isoformat(), *arguments, stdout=out)
    return out.getvalue()


def emails_in_history(person):
    return set(Person.history.filter(id=person.pk).values_list("email", flat=True)) - {""}


def test_contacts_are_erased_only_when_every_meeting_of_the_person_is_past_its_retention():
    long_ago = meeting_ended(days_ago=400, retention_days=365)
    keeping_forever = meeting_ended(days_ago=400, retention_days=None)
    recent = meeting_ended(days_ago=10, retention_days=30)
    expired = attending(contacted("Aigerim"), long_ago)
    also_elsewhere = attending(contacted("Nurlan"), long_ago, keeping_forever)
    recent_only = attending(contacted("Dana"), recent)
    no_meeting = contacted("Saule")

    output = erase_expired()

    for person in (expired, also_elsewhere, recent_only, no_meeting):
        person.refresh_from_db()
    assert (expired.email, expired.phone) == ("", "")
    assert emails_in_history(expired) == set()
    assert Person.history.filter(id=expired.pk).first().history_change_reason.startswith("Contact details erased")
    assert [also_elsewhere.email, recent_only.email, no_meeting.email] == [
        "nurlan@example.org",
        "dana@example.org",
        "saule@example.org",
    ]
    assert output.splitlines()[-1] == "1 person."


def test_the_retention_counts_from_the_meetings_last_day():
    meeting = meeting_ended(days_ago=30, retention_days=30)
    person = attending(contacted("Aigerim"), meeting)

    on_the_last_day = erase_expired()
    call_command("erase_expired_contacts", "--today", "2026-12-01", stdout=StringIO())

    person.refresh_from_db()
    assert on_the_last_day.splitlines()[-1] == "0 people."
    assert person.email == ""


def test_a_dry_run_lists_and_changes_nothing():
    person = attending(contacted("Aigerim"), meeting_ended(days_ago=400, retention_days=365))

    output = erase_expired("--dry-run")

    person.refresh_from_db()
    assert output.splitlines() == [
        f"Would erase the contact details of {person} (#{person.pk}).",
        "1 person (dry run).",
    ]
    assert person.email == "aigerim@example.org"


def run_action(client, action, people, **extra):
    return client.post(CHANGELIST, {"action": action, "_selected_action": [p.pk for p in people], **extra})


def test_export_everything_gives_every_record_naming_the_person_and_is_recorded(admin_client):
    person = contacted("Aigerim")
    participant = attending(person, MeetingFactory()).participations.get()
    PositionFactory(person=person, title_en="Deputy Minister")
    SessionRoleFactory(person=person)
    SignatureFactory(person=person, capacity_en="Minister")

    response = run_action(admin_client, "export_everything", [person])

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="person-{person.pk}.json"'
    exported = json.loads(response.content)
    assert (exported["person"]["email"], exported["person"]["phone"]) == ("aigerim@example.org", "+7 7172 000000")
    assert [row["title_en"] for row in exported["positions"]] == ["Deputy Minister"]
    assert [row["id"] for row in exported["participations"]] == [participant.pk]
    assert len(exported["session_roles"]) == 1
    assert [row["capacity_en"] for row in exported["signatures"]] == ["Minister"]
    assert exported["history"][0]["change"] == "Created"
    latest = Person.history.filter(id=person.pk).first()
    assert (latest.history_change_reason, latest.history_user.username) == (
        "Everything about this person exported by admin.",
        "admin",
    )


@pytest.mark.parametrize("participations", [1, 3])
def test_export_everything_query_count_is_flat(admin_client, django_assert_num_queries, participations):
    person = attending(contacted("Aigerim"), *[MeetingFactory() for _index in range(participations)])

    with django_assert_num_queries(21):
        run_action(admin_client, "export_everything", [person])


def test_erasing_asks_first_and_changes_nothing_until_confirmed(admin_client):
    person = contacted("Aigerim")

    response = run_action(admin_client, "erase_people", [person])

    assert response.status_code == 200
    assert "Erase these people?" in response.content.decode()
    assert str(person) in response.content.decode()
    person.refresh_from_db()
    assert person.email == "aigerim@example.org"


def test_erasing_keeps_an_anonymous_participation_and_only_the_erasure_in_history(admin_client):
    person = contacted("Aigerim")
    person.biography_en, person.listed_publicly = "Born in Almaty.", True
    person.save()
    attending(person, MeetingFactory())
    PositionFactory(person=person)

    response = run_action(admin_client, "erase_people", [person], confirm="yes")

    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.given_name, person.family_name, person.slug) == ("Erased", f"#{person.pk}", f"erased-{person.pk}")
    assert (person.email, person.phone, person.notes, person.biography, person.listed_publicly) == (
        "",
        "",
        "",
        "",
        False,
    )
    assert Participant.objects.filter(person=person).count() == 1
    assert Position.objects.filter(person=person).count() == 0
    history = list(Person.history.filter(id=person.pk))
    assert [(version.given_name_en, version.history_change_reason) for version in history] == [
        ("Erased", "Erased at the person's request by admin.")
    ]
    assert Position.history.filter(person_id=person.pk).count() == 0


def test_a_signatory_is_not_erased(admin_client):
    person = contacted("Aigerim")
    SignatureFactory(person=person)

    response = run_action(admin_client, "erase_people", [person], confirm="yes")

    person.refresh_from_db()
    assert person.email == "aigerim@example.org"
    assert (
        "signed an instrument, a public record. Nothing was changed." in admin_client.get(CHANGELIST).content.decode()
    )
    assert response.status_code == 302


def test_staff_who_may_not_change_people_get_no_export(client, django_user_model):
    person = contacted("Aigerim")
    client.force_login(django_user_model.objects.create_user("viewer", password="pw", is_staff=True))

    response = run_action(client, "export_everything", [person])

    assert response.status_code == 403
    assert b"aigerim@example.org" not in response.content
