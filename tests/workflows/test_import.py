import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from participants.models import Delegation, Participant, Person, Position
from secretariat.exports import export_participants
from secretariat.importing import ImportFileError, import_participants
from tests.factories import MeetingFactory, OrganizationFactory, ParticipantFactory, PersonFactory, PositionFactory

pytestmark = pytest.mark.django_db

HEADERS = ["given name", "family name", "honorific", "organization", "position", "email", "role", "delegation"]


def _csv(rows, headers=HEADERS) -> bytes:
    lines = [",".join(headers)] + [",".join(row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _xlsx(rows, headers=HEADERS) -> bytes:
    workbook = Workbook()
    workbook.active.append(headers)
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def setting():
    meeting = MeetingFactory(slug="gm-16")
    iofs = OrganizationFactory(acronym_en="IOFS", name_en="Islamic Organization for Food Security", slug="iofs")
    kazakhstan = OrganizationFactory(acronym_en="", name_en="Kazakhstan", name_fr="Kazakhstan", slug="kazakhstan")
    return meeting, iofs, kazakhstan


GOOD_ROWS = [
    ["Berik", "Aryn", "Amb.", "IOFS", "Director General", "berik@example.org", "head of delegation", "IOFS"],
    ["Alibek", "Bakayev", "H.E. Mr.", "Kazakhstan", "Deputy Minister", "", "Chef de délégation", ""],
    ["Aigerim", "Sadykova", "Ms.", "Kazakhstan", "", "aigerim@example.org", "", "Kazakhstan"],
]


@pytest.mark.parametrize("build", [_csv, _xlsx])
def test_import_good_rows_saves_every_row(setting, build):
    meeting, iofs, kazakhstan = setting

    result = import_participants(meeting=meeting, content=build(GOOD_ROWS), dry_run=False)

    assert result.saved is True
    assert [(row.row, row.outcome) for row in result.rows] == [
        (2, "new person, added to the meeting"),
        (3, "new person, added to the meeting"),
        (4, "new person, added to the meeting"),
    ]
    participants = Participant.objects.filter(meeting=meeting).order_by("person__family_name_en")
    assert [
        (p.person.honorific_prefix, p.person.full_name, p.delegation.organization.slug, p.role, p.status)
        for p in participants
    ] == [
        ("Amb.", "Berik Aryn", "iofs", "head_of_delegation", "invited"),
        ("H.E. Mr.", "Alibek Bakayev", "kazakhstan", "head_of_delegation", "invited"),
        ("Ms.", "Aigerim Sadykova", "kazakhstan", "delegate", "invited"),
    ]
    assert participants[0].position.title == "Director General"
    assert participants[0].person.email == "berik@example.org"


@pytest.mark.parametrize("build", [_csv, _xlsx])
def test_import_bad_row_saves_nothing_and_names_row_and_column(setting, build):
    meeting, _iofs, _kazakhstan = setting
    rows = [
        GOOD_ROWS[0],
        ["Alibek", "Bakayev", "H.E. Mr.", "Kazakhstan", "", "not-an-email", "minister", ""],
        GOOD_ROWS[2],
        ["Khalid", "Khiari", "H.E. Amb. Mr.", "Untied Nations", "", "", "", ""],
    ]

    result = import_participants(meeting=meeting, content=build(rows), dry_run=False)

    assert result.saved is False
    assert result.error_messages() == [
        "Row 3, column “email”: “not-an-email” is not an email address.",
        "Row 3, column “role”: unknown role “minister”; use one of: head of delegation, alternate, delegate, "
        "adviser, observer, speaker, guest of honour, secretariat, press.",
        "Row 5, column “organization”: unknown organization “Untied Nations”: add it in the admin first, "
        "or correct the name.",
    ]
    assert Participant.objects.count() == 0
    assert Person.objects.count() == 0
    assert Delegation.objects.count() == 0
    assert Position.objects.count() == 0


@pytest.mark.parametrize("build", [_csv, _xlsx])
def test_import_matches_existing_people_instead_of_duplicating(setting, build):
    meeting, iofs, kazakhstan = setting
    by_email = PersonFactory(given_name_en="Berik", family_name_en="Aryn", email="Berik@Example.org")
    by_name = PersonFactory(given_name_en="Alibek", family_name_en="Bakayev", email="")
    PositionFactory(person=by_name, organization=kazakhstan)
    already = ParticipantFactory(
        delegation__meeting=meeting, delegation__organization=kazakhstan, person__email="aigerim@example.org"
    )
    people_before = Person.objects.count()

    result = import_participants(meeting=meeting, content=build(GOOD_ROWS), dry_run=False)

    assert [row.outcome for row in result.rows] == [
        "existing person (matched by email), added to the meeting",
        "existing person (matched by name and organization), added to the meeting",
        "already a participant: no change",
    ]
    assert Person.objects.count() == people_before
    assert set(Participant.objects.filter(meeting=meeting).values_list("person_id", flat=True)) == {
        by_email.pk,
        by_name.pk,
        already.person_id,
    }


def test_import_duplicate_rows_in_file_refused(setting):
    meeting, _iofs, _kazakhstan = setting
    rows = [GOOD_ROWS[0], GOOD_ROWS[1], ["Berik", "Aryn", "", "IOFS", "", "BERIK@example.org", "", ""]]

    result = import_participants(meeting=meeting, content=_csv(rows), dry_run=False)

    assert result.error_messages() == ["Row 4, column “email”: the same person as row 2."]
    assert Participant.objects.count() == 0


def test_import_dry_run_shows_outcomes_and_saves_nothing(setting):
    meeting, _iofs, _kazakhstan = setting

    result = import_participants(meeting=meeting, content=_csv(GOOD_ROWS), dry_run=True)

    assert result.saved is False
    assert result.has_errors is False
    assert len(result.rows) == 3
    assert Participant.objects.count() == 0
    assert Person.objects.count() == 0


def test_import_headers_as_column_keys_accepted(setting):
    meeting, _iofs, _kazakhstan = setting
    keys = ["given_name", "family_name", "Honorific", "ORGANIZATION", "position", "email", "role", "delegation"]

    result = import_participants(meeting=meeting, content=_csv(GOOD_ROWS, headers=keys), dry_run=True)

    assert [row.outcome for row in result.rows] == ["new person, added to the meeting"] * 3


def test_import_of_an_export_round_trips(setting):
    meeting, _iofs, kazakhstan = setting
    ParticipantFactory(delegation__meeting=meeting, delegation__organization=kazakhstan, role=Participant.Role.ADVISER)
    next_meeting = MeetingFactory()
    content = export_participants(meeting=meeting, file_format="xlsx", language="en")

    result = import_participants(meeting=next_meeting, content=content, dry_run=False)

    assert [row.outcome for row in result.rows] == ["existing person (matched by email), added to the meeting"]
    copied = Participant.objects.get(meeting=next_meeting)
    assert (copied.delegation.organization, copied.role) == (kazakhstan, Participant.Role.ADVISER)


def test_import_unknown_column_refused(setting):
    meeting, _iofs, _kazakhstan = setting

    with pytest.raises(ImportFileError) as error:
        import_participants(
            meeting=meeting, content=_csv([["A", "B", "x"]], headers=["given name", "family name", "shoe size"])
        )

    assert str(error.value).startswith("Unknown column(s): “shoe size” (C).")


def test_import_missing_required_column_refused(setting):
    meeting, _iofs, _kazakhstan = setting

    with pytest.raises(ImportFileError) as error:
        import_participants(meeting=meeting, content=_csv([["A"]], headers=["given name"]))

    assert str(error.value) == "Missing column(s): family name."


def test_import_admin_preview_lists_every_row_then_confirm_saves(admin_client, setting):
    meeting, _iofs, _kazakhstan = setting
    url = reverse("admin:participants_participant_import")
    upload = io.BytesIO(_csv(GOOD_ROWS))
    upload.name = "list.csv"

    preview = admin_client.post(url, {"meeting": meeting.pk, "file": upload, "preview": "1"})

    assert preview.status_code == 200
    assert [(row.row, row.outcome) for row in preview.context["result"].rows] == [
        (2, "new person, added to the meeting"),
        (3, "new person, added to the meeting"),
        (4, "new person, added to the meeting"),
    ]
    page = preview.content.decode()
    assert "Berik Aryn" in page and "Alibek Bakayev" in page and "Aigerim Sadykova" in page
    assert Participant.objects.count() == 0

    confirm = preview.context["confirm_form"]
    response = admin_client.post(url, {**confirm.initial, "confirm": "1"}, follow=True)

    assert response.status_code == 200
    assert Participant.objects.filter(meeting=meeting).count() == 3
    assert "3 rows imported into" in response.content.decode()


def test_import_admin_preview_of_bad_file_shows_errors_and_no_confirm(admin_client, setting):
    meeting, _iofs, _kazakhstan = setting
    url = reverse("admin:participants_participant_import")
    upload = io.BytesIO(_xlsx([GOOD_ROWS[0], ["", "Bakayev", "", "Kazakhstan", "", "", "", ""]]))
    upload.name = "list.xlsx"

    response = admin_client.post(url, {"meeting": meeting.pk, "file": upload, "preview": "1"})

    assert "confirm_form" not in response.context
    assert response.context["result"].error_messages() == ["Row 3, column “given name”: required."]
    assert "1 row has errors: nothing will be saved." in response.content.decode()
    assert Participant.objects.count() == 0


def test_import_command_bad_file_names_row_and_saves_nothing(setting, tmp_path, capsys):
    meeting, _iofs, _kazakhstan = setting
    path = tmp_path / "list.csv"
    path.write_bytes(_csv([GOOD_ROWS[0], ["Alibek", "Bakayev", "", "Kazakhstan", "", "", "minister", ""]]))

    with pytest.raises(CommandError) as error:
        call_command("import_participants", meeting.slug, str(path))

    assert str(error.value) == "1 row(s) with errors: nothing was saved."
    assert "row 3, column “role”: unknown role “minister”" in capsys.readouterr().err
    assert Participant.objects.count() == 0


def test_import_command_good_file_saves(setting, tmp_path, capsys):
    meeting, _iofs, _kazakhstan = setting
    path = tmp_path / "list.xlsx"
    path.write_bytes(_xlsx(GOOD_ROWS))

    call_command("import_participants", meeting.slug, str(path), "--dry-run")
    assert Participant.objects.count() == 0
    call_command("import_participants", meeting.slug, str(path))

    assert Participant.objects.filter(meeting=meeting).count() == 3
    assert "3 row(s) imported into" in capsys.readouterr().out


def test_import_empty_role_keeps_existing_participants_role(setting):
    meeting, _iofs, kazakhstan = setting
    participant = ParticipantFactory(
        delegation__meeting=meeting,
        delegation__organization=kazakhstan,
        role=Participant.Role.GUEST_OF_HONOUR,
        person__email="guest@example.org",
    )
    rows = [["Guest", "Person", "", "Kazakhstan", "", "guest@example.org", "", ""]]

    result = import_participants(meeting=meeting, content=_csv(rows), dry_run=False)

    participant.refresh_from_db()
    assert [row.outcome for row in result.rows] == ["already a participant: no change"]
    assert participant.role == Participant.Role.GUEST_OF_HONOUR


def test_import_a_person_with_one_name(setting):
    meeting, _iofs, _kazakhstan = setting
    rows = [["Julien", "", "", "IOFS", "", "", "", ""]]

    result = import_participants(meeting=meeting, content=_csv(rows), dry_run=False)

    assert result.error_messages() == []
    person = Participant.objects.get(meeting=meeting).person
    assert (person.given_name_en, person.family_name_en or "", person.full_name) == ("Julien", "", "Julien")
