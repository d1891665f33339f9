import csv
import io
import unicodedata

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from participants.models import Participant
from secretariat.exports import export_participants
from tests.factories import DelegationFactory, MeetingFactory, OrganizationFactory, ParticipantFactory, PersonFactory

pytestmark = pytest.mark.django_db
Role = Participant.Role


@pytest.fixture
def meeting_with_delegations():
    meeting = MeetingFactory(title_en="16th General Meeting", title_fr="16e Réunion générale")
    iofs = DelegationFactory(
        meeting=meeting,
        ordering=1,
        organization=OrganizationFactory(
            name_en="Islamic Organization for Food Security",
            name_fr="Organisation islamique pour la sécurité alimentaire",
            name_ar="المنظمة الإسلامية للأمن الغذائي",
            acronym_en="IOFS",
        ),
    )
    kazakhstan = DelegationFactory(
        meeting=meeting,
        ordering=2,
        organization=OrganizationFactory(
            name_en="Kazakhstan", name_fr="Kazakhstan", name_ar="كازاخستان", acronym_en=""
        ),
    )
    people = {
        "adviser": ParticipantFactory(
            delegation=iofs, role=Role.ADVISER, person=PersonFactory(given_name_en="Zara", family_name_en="Adviser")
        ),
        "head": ParticipantFactory(
            delegation=iofs,
            role=Role.HEAD_OF_DELEGATION,
            person=PersonFactory(
                honorific_prefix_en="Amb.",
                given_name_en="Berik",
                family_name_en="Aryn",
                given_name_ar="بيريك",
                family_name_ar="آرين",
            ),
        ),
        "delegate": ParticipantFactory(
            delegation=kazakhstan,
            role=Role.DELEGATE,
            person=PersonFactory(given_name_en="Aigerim", family_name_en="Sadykova"),
        ),
        "declined": ParticipantFactory(
            delegation=kazakhstan,
            role=Role.DELEGATE,
            status=Participant.Status.DECLINED,
            person=PersonFactory(given_name_en="Declined", family_name_en="Person"),
        ),
    }
    return meeting, people


def _pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_export_pdf_groups_by_delegation_in_protocol_order(meeting_with_delegations):
    meeting, people = meeting_with_delegations

    text = _pdf_text(export_participants(meeting=meeting, file_format="pdf", language="en"))

    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines[:2] == ["1", "List of Participants"]  # the page number is drawn first
    assert lines[3:10] == [
        "Islamic Organization for Food Security (IOFS)",
        "Amb. Berik Aryn",
        "head of delegation",
        "H.E. Mr. Zara Adviser",
        "adviser",
        "Kazakhstan",
        "H.E. Mr. Aigerim Sadykova",
    ]
    assert "Declined" not in text
    assert people["head"].person.email not in text


def test_export_pdf_in_french(meeting_with_delegations):
    meeting, _people = meeting_with_delegations

    text = _pdf_text(export_participants(meeting=meeting, file_format="pdf", language="fr"))

    assert "16e Réunion générale" in text
    assert "Organisation islamique pour la sécurité alimentaire (IOFS)" in text


def test_export_pdf_in_arabic_shapes_arabic_names(meeting_with_delegations):
    meeting, _people = meeting_with_delegations

    text = unicodedata.normalize(
        "NFKC", _pdf_text(export_participants(meeting=meeting, file_format="pdf", language="ar"))
    )

    assert "بيريك آرين" in text
    assert "المنظمة الإسلامية للأمن الغذائي" in text
    assert "كازاخستان" in text


def test_export_xlsx_parsed_back(meeting_with_delegations):
    meeting, people = meeting_with_delegations
    people["head"].badge_number = 7
    people["head"].save()

    workbook = load_workbook(io.BytesIO(export_participants(meeting=meeting, file_format="xlsx", language="en")))

    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][:4] == ("delegation", "honorific", "given name", "family name")
    role, badge = rows[0].index("role"), rows[0].index("badge number")
    assert [(row[0], row[2], row[3], row[role], row[badge]) for row in rows[1:]] == [
        ("Islamic Organization for Food Security", "Berik", "Aryn", "head of delegation", 7),
        ("Islamic Organization for Food Security", "Zara", "Adviser", "adviser", None),
        ("Kazakhstan", "Declined", "Person", "delegate", None),
        ("Kazakhstan", "Aigerim", "Sadykova", "delegate", None),
    ]


def test_export_csv_parsed_back_in_arabic(meeting_with_delegations):
    meeting, _people = meeting_with_delegations

    content = export_participants(meeting=meeting, file_format="csv", language="ar").decode("utf-8-sig")

    rows = list(csv.DictReader(io.StringIO(content)))
    assert len(rows) == 4
    first = next(iter(rows[0].values()))
    assert first == "المنظمة الإسلامية للأمن الغذائي"


def test_export_command_writes_file(meeting_with_delegations, tmp_path):
    meeting, _people = meeting_with_delegations
    output = tmp_path / "list.pdf"

    call_command("export_participants", meeting.slug, "--format", "pdf", "--language", "fr", "--output", str(output))

    assert "Organisation islamique pour la sécurité alimentaire (IOFS)" in _pdf_text(output.read_bytes())


def test_export_admin_page_returns_the_file(admin_client, meeting_with_delegations):
    meeting, _people = meeting_with_delegations

    response = admin_client.get(
        reverse("admin:participants_participant_export"), {"meeting": meeting.pk, "format": "csv", "language": "en"}
    )

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="participants-{meeting.slug}-en.csv"'
    assert "Sadykova" in response.content.decode("utf-8-sig")


def test_export_admin_page_refused_to_staff_without_permission(client, django_user_model):
    user = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    client.force_login(user)

    response = client.get(reverse("admin:participants_participant_export"))

    assert response.status_code == 403


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "pdf"])
@pytest.mark.parametrize("size", [1, 6])
def test_export_query_count_flat(django_assert_num_queries, file_format, size):
    meeting = MeetingFactory()
    for _ in range(size):
        ParticipantFactory(delegation__meeting=meeting)

    with django_assert_num_queries(1):
        export_participants(meeting=meeting, file_format=file_format, language="fr")
