"""Import in the officer's language (issue 14): French and Arabic headers, consent, honorifics and positions in
three languages, the template to download, and the bulk "list publicly" action recorded in history."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from core.access import PUBLIC
from participants.models import Participant, Person
from secretariat.exports import export_participants
from secretariat.importing import ImportFileError, import_participants
from tests.factories import MeetingFactory, OrganizationFactory, ParticipantFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _csv(headers, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


@pytest.fixture
def meeting():
    OrganizationFactory(acronym_en="IOFS", name_en="Islamic Organization for Food Security", slug="iofs")
    OrganizationFactory(acronym_en="", name_en="Kazakhstan", name_fr="Kazakhstan", slug="kazakhstan")
    return MeetingFactory(status="published")


FRENCH = ["Civilité", "Prénom", "Nom", "Délégation", "Fonction", "Fonction (arabe)", "Courriel", "Rôle", "Consentement"]


def test_import_with_french_headers_fills_every_language_and_consent(meeting):
    rows = [
        [
            *("H.E. Mr.", "Berik", "Aryn", "IOFS", "Senior Liaison Officer", "كبير موظفي الاتصال"),
            *("", "chef de délégation", "oui"),
        ],
        ["Ms.", "Aigerim", "Sadykova", "Kazakhstan", "", "", "", "", ""],
    ]

    result = import_participants(meeting=meeting, content=_csv(FRENCH, rows), dry_run=False)

    assert result.saved is True
    berik = Person.objects.get(family_name_en="Aryn")
    assert (berik.honorific_prefix_en, berik.honorific_prefix_fr, berik.honorific_prefix_ar) == (
        "H.E. Mr.",
        "S.E. M.",
        "معالي السيد",
    )
    assert berik.listed_publicly is True
    assert Person.objects.get(family_name_en="Sadykova").listed_publicly is False
    participant = Participant.objects.get(person=berik)
    assert (participant.role, participant.position.title_en, participant.position.title_ar) == (
        "head_of_delegation",
        "Senior Liaison Officer",
        "كبير موظفي الاتصال",
    )
    assert list(Participant.objects.filter(meeting=meeting).visible_to(PUBLIC)) == [participant]


def test_import_with_arabic_headers_and_no_accents(meeting):
    headers = ["اللقب", "الاسم", "اسم العائلة", "الوفد", "الموافقة", "civilite (arabe)"]
    rows = [["Dr.", "Berik", "Aryn", "IOFS", "نعم", "د."]]

    result = import_participants(meeting=meeting, content=_csv(headers, rows), dry_run=False)

    berik = Person.objects.get(family_name_en="Aryn")
    assert result.saved is True
    assert (berik.honorific_prefix_ar, berik.honorific_prefix_fr, berik.listed_publicly) == ("د.", "Dr", True)


def test_import_unknown_header_names_it_and_the_template(meeting):
    with pytest.raises(ImportFileError) as error:
        import_participants(meeting=meeting, content=_csv(["Prénom", "Nom", "Surnom"], [["A", "B", "C"]]))

    assert str(error.value).startswith("Unknown column(s): “Surnom” (C). Expected: delegation, honorific,")
    assert str(error.value).endswith("(or the same in English, French or Arabic; download the template).")


def test_import_bad_consent_names_row_and_column_and_saves_nothing(meeting):
    rows = [["Ms.", "Ana", "Li", "IOFS", "", "", "", "", "peut-être"]]

    result = import_participants(meeting=meeting, content=_csv(FRENCH, rows), dry_run=False)

    assert result.saved is False
    assert result.error_messages() == [
        "Row 2, column “consents to be listed publicly”: “peut-être” is neither yes nor no (oui / non, نعم / لا)."
    ]
    assert Person.objects.count() == 0


def test_import_withdraws_consent_of_a_known_person_with_history(meeting):
    person = PersonFactory(given_name_en="Ana", family_name_en="Li", email="ana@example.org", listed_publicly=True)
    rows = [["", "Ana", "Li", "IOFS", "", "", "ana@example.org", "", "non"]]

    import_participants(meeting=meeting, content=_csv(FRENCH, rows), dry_run=False)

    person.refresh_from_db()
    assert person.listed_publicly is False
    assert [record.listed_publicly for record in person.history.order_by("history_id")] == [True, False]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_import_template_in_french_reimports(admin_client, meeting, file_format):
    url = reverse("admin:participants_participant_import_template", args=[file_format])

    response = admin_client.get(url, HTTP_ACCEPT_LANGUAGE="fr")

    if file_format == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        rows = [list(row) for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]
    assert response["Content-Disposition"] == f'attachment; filename="participants-template-fr.{file_format}"'
    assert rows[0][:4] == ["délégation", "titre honorifique", "prénom", "nom de famille"]
    assert rows[1][:4] == ["Kazakhstan", "H.E. Mr.", "Alibek", "Bakayev"]
    with translation.override("fr"):
        result = import_participants(meeting=meeting, content=response.content, filename=f"t.{file_format}")
    assert result.error_messages() == []


def test_import_template_unknown_format_is_404(admin_client):
    assert admin_client.get("/admin/participants/participant/import/template.pdf").status_code == 404


def test_arabic_export_prints_arabic_honorifics_and_positions(meeting):
    rows = [["H.E. Mr.", "Berik", "Aryn", "IOFS", "Senior Liaison Officer", "كبير موظفي الاتصال", "", "", "oui"]]
    import_participants(meeting=meeting, content=_csv(FRENCH, rows), dry_run=False)
    legacy = PersonFactory(honorific_prefix_en="Ms.", honorific_prefix_ar=None, given_name_en="Ana")
    ParticipantFactory(person=legacy, delegation=Participant.objects.get().delegation)

    content = export_participants(meeting=meeting, file_format="csv", language="ar").decode("utf-8-sig")

    exported = list(csv.DictReader(io.StringIO(content)))
    assert [(row["اللقب التشريفي"], row["المنصب"]) for row in exported] == [
        ("معالي السيد", "كبير موظفي الاتصال"),
        ("السيدة", ""),
    ]
    assert "H.E." not in content
    assert "Senior Liaison Officer" not in content


def test_list_publicly_action_records_consent_in_history(admin_client):
    shy, listed = PersonFactory(listed_publicly=False), PersonFactory(listed_publicly=True)
    participant = ParticipantFactory(person=shy)
    changelist = reverse("admin:participants_participant_changelist")

    response = admin_client.post(
        changelist, {"action": "list_publicly", "_selected_action": [participant.pk]}, follow=True
    )
    admin_client.post(
        reverse("admin:participants_person_changelist"),
        {"action": "stop_listing_publicly", "_selected_action": [listed.pk]},
    )

    shy.refresh_from_db()
    listed.refresh_from_db()
    assert (shy.listed_publicly, listed.listed_publicly) == (True, False)
    latest = shy.history.order_by("-history_id").first()
    assert (latest.history_change_reason, latest.history_user.username) == (
        "consent to be listed publicly given",
        "admin",
    )
    assert listed.history.order_by("-history_id").first().history_change_reason == "consent withdrawn"
    assert [str(message) for message in response.context["messages"]] == [f"1 person now listed publicly: {shy}."]
