"""The admin writes through the services: no participant added past the first step, no save on a stale form,
no database error shown as a server error."""

import pytest
from django.contrib.auth import get_user_model

from core.services import record_save
from participants.models import Participant
from sessions.models import Session
from tests.admin.forms import post_data_from
from tests.factories import DelegationFactory, MeetingFactory, ParticipantFactory, PersonFactory, SessionFactory

pytestmark = pytest.mark.django_db
Status = Participant.Status


def test_admin_add_participant_refuses_attended(secretariat_client):
    delegation = DelegationFactory()
    person = PersonFactory()

    response = secretariat_client.post(
        "/admin/participants/participant/add/",
        {"delegation": delegation.pk, "person": person.pk, "role": "delegate", "status": "attended", "notes": ""},
    )

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["status"]
    assert Participant.objects.count() == 0


def test_admin_add_participant_offers_only_the_first_steps(secretariat_client):
    response = secretariat_client.get("/admin/participants/participant/add/")

    choices = [value for value, _label in response.context["adminform"].form.fields["status"].choices]
    assert choices == ["invited", "registered"]


def test_admin_mark_accredited_with_a_badge_number_typed_earlier_gives_the_next_free_number(secretariat_client):
    meeting = MeetingFactory()
    legacy = ParticipantFactory(delegation=DelegationFactory(meeting=meeting))
    Participant.objects.filter(pk=legacy.pk).update(status=Status.ATTENDED, badge_number=1)
    waiting = ParticipantFactory(delegation=DelegationFactory(meeting=meeting), status=Status.REGISTERED)

    response = secretariat_client.post(
        "/admin/participants/participant/",
        {"action": "mark_accredited", "_selected_action": [waiting.pk]},
        follow=True,
    )

    assert response.status_code == 200
    waiting.refresh_from_db()
    assert (waiting.status, waiting.badge_number) == (Status.ACCREDITED, 2)


def test_admin_change_form_on_a_stale_version_is_refused_naming_who_changed_what(secretariat_client):
    session = SessionFactory(title_en="Opening", description_en="")
    opened = secretariat_client.get(f"/admin/working_sessions/session/{session.pk}/change/")
    colleague = get_user_model().objects.create_user("amina", password="unused-here")
    meanwhile = Session.objects.get(pk=session.pk)
    meanwhile.description_en = "Welcome by the host country."
    meanwhile._history_user = colleague
    record_save(record=meanwhile)

    response = secretariat_client.post(
        f"/admin/working_sessions/session/{session.pk}/change/",
        post_data_from(opened, title_en="Opening ceremony"),
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert len(errors) == 1
    assert "amina" in errors[0] and "description [en]" in errors[0]
    assert Session.objects.values_list("title_en", "description_en").get(pk=session.pk) == (
        "Opening",
        "Welcome by the host country.",
    )


def test_admin_change_form_on_the_current_version_saves(secretariat_client):
    session = SessionFactory(title_en="Opening")
    opened = secretariat_client.get(f"/admin/working_sessions/session/{session.pk}/change/")
    data = post_data_from(opened, title_en="Opening ceremony")
    assert data["record_version"].startswith("h")

    response = secretariat_client.post(f"/admin/working_sessions/session/{session.pk}/change/", data)

    assert response.status_code == 302
    assert Session.objects.get(pk=session.pk).title_en == "Opening ceremony"
