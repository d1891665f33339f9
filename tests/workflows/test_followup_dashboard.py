import datetime
import io
import unicodedata

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from agreements.models import Commitment
from core.roles import ensure_secretariat_group
from meetings.models import Meeting
from participants.models import Participant
from secretariat.dashboard import meeting_dashboard
from secretariat.reports import commitments_followup, followup_pdf, followup_xlsx
from secretariat.services import meeting_prepare_next
from sessions.models import SessionRole
from tests.conftest import sign_in_with_second_factor
from tests.factories import (
    CommitmentFactory,
    CommitmentUpdateFactory,
    DelegationFactory,
    MeetingFactory,
    OrganizationFactory,
    ParticipantFactory,
    SessionFactory,
    SessionRoleFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db
Status = Commitment.Status


@pytest.fixture
def two_meetings():
    sixteenth = MeetingFactory(number=16, start_date=datetime.date(2024, 7, 22), end_date=datetime.date(2024, 7, 23))
    seventeenth = MeetingFactory(
        series=sixteenth.series, number=17, start_date=datetime.date(2026, 7, 20), end_date=datetime.date(2026, 7, 21)
    )
    political = ThemeFactory(name_en="Political affairs", name_ar="الشؤون السياسية", ordering=1)
    economic = ThemeFactory(name_en="Economic affairs", ordering=2)
    iofs = OrganizationFactory(name_en="IOFS", acronym_en="IOFS")
    fao = OrganizationFactory(name_en="FAO", acronym_en="FAO")
    task_force = CommitmentFactory(
        reference="M-1", title_en="Joint Task Force", theme=political, lead_organization=iofs, agreed_at=sixteenth
    )
    data = CommitmentFactory(
        reference="M-2",
        title_en="Data sharing system",
        theme=economic,
        lead_organization=fao,
        agreed_at=sixteenth,
        status=Status.PROPOSED,
        due_on=datetime.date(2025, 12, 31),
    )
    CommitmentUpdateFactory(
        commitment=task_force, reported_on=datetime.date(2020, 1, 1), status=Status.PROPOSED, note_en="Old news"
    )
    CommitmentUpdateFactory(
        commitment=task_force, reported_on=datetime.date(2025, 3, 1), status=Status.IN_PROGRESS, note_en="Met twice"
    )
    CommitmentFactory(reference="X-1", title_en="Other series", agreed_at=MeetingFactory())
    return sixteenth, seventeenth, task_force, data


def test_followup_groups_by_theme_and_lead_with_updates_since_previous_meeting(two_meetings):
    _sixteenth, seventeenth, task_force, data = two_meetings

    report = commitments_followup(seventeenth)

    assert report["since"] == datetime.date(2024, 7, 22)
    assert [
        (
            group["theme"].name_en,
            [
                (
                    org["organization"].name_en,
                    [(c.reference, [u.note_en for u in c.updates_since]) for c in org["commitments"]],
                )
                for org in group["organizations"]
            ],
        )
        for group in report["themes"]
    ] == [
        ("Political affairs", [("IOFS", [("M-1", ["Met twice"])])]),
        ("Economic affairs", [("FAO", [("M-2", [])])]),
    ]
    assert report["status_counts"] == [
        ("proposed", 1),
        ("in progress", 1),
        ("completed", 0),
        ("stalled", 0),
        ("dropped", 0),
    ]


def test_followup_xlsx_parsed_back(two_meetings):
    _sixteenth, seventeenth, _task_force, _data = two_meetings

    workbook = load_workbook(io.BytesIO(followup_xlsx(seventeenth, "en")))

    rows = list(workbook["Commitments"].iter_rows(values_only=True))
    assert rows[0][0].startswith("Follow-up of commitments since ")
    assert [(row[0], row[1], row[2], row[7], row[8]) for row in rows[4:]] == [
        ("Political affairs", "IOFS", "M-1", "in progress", 1),
        ("Economic affairs", "FAO", "M-2", "proposed", 0),
    ]
    updates = list(workbook["Updates"].iter_rows(values_only=True))
    assert [(row[0], row[3], row[4]) for row in updates[1:]] == [("M-1", "in progress", "Met twice")]


def test_followup_pdf_text_in_english_and_arabic(two_meetings):
    _sixteenth, seventeenth, _task_force, _data = two_meetings

    english = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(followup_pdf(seventeenth, "en"))).pages)
    arabic = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(followup_pdf(seventeenth, "ar"))).pages)

    assert "Follow-up of commitments since" in english
    assert "M-1 Joint Task Force — in progress" in english
    assert "Met twice" in english
    assert "Old news" not in english
    assert "الشؤون السياسية" in unicodedata.normalize("NFKC", arabic)


def test_followup_admin_page_and_downloads(admin_client, two_meetings):
    _sixteenth, seventeenth, _task_force, _data = two_meetings
    url = reverse("admin:agreements_commitment_followup", args=[seventeenth.pk])

    page = admin_client.get(url)
    xlsx = admin_client.get(url, {"format": "xlsx", "language": "fr"})
    pdf = admin_client.get(url, {"format": "pdf"})

    assert page.status_code == 200
    assert "Met twice" in page.content.decode()
    assert xlsx["Content-Disposition"] == f'attachment; filename="follow-up-{seventeenth.slug}-fr.xlsx"'
    assert pdf["Content-Type"] == "application/pdf"


def test_followup_admin_refused_without_permission(client, django_user_model, two_meetings):
    _sixteenth, seventeenth, _task_force, _data = two_meetings
    client.force_login(django_user_model.objects.create_user("viewer", password="pw", is_staff=True))

    response = client.get(reverse("admin:agreements_commitment_followup", args=[seventeenth.pk]))

    assert response.status_code == 403


def test_followup_after_prepare_next_on_demo_lists_carried_commitments():
    call_command("load_demo")
    sixteenth = Meeting.objects.get(slug="16th-un-oic-general-meeting-astana-2024")
    seventeenth = meeting_prepare_next(meeting=sixteenth, start_date=datetime.date(2026, 7, 20))

    report = commitments_followup(seventeenth)

    agreed = Commitment.objects.filter(agreed_at__series=sixteenth.series, agreed_at__number__lte=16)
    assert {c.pk for c in report["commitments"]} == set(agreed.values_list("pk", flat=True))
    carried = [c for c in report["commitments"] if any(u.meeting_id == seventeenth.pk for u in c.updates_since)]
    assert {c.pk for c in carried} == set(agreed.open().values_list("pk", flat=True))


def _meeting_with(size):
    meeting = MeetingFactory()
    for index in range(size):
        delegation = DelegationFactory(meeting=meeting)
        ParticipantFactory(delegation=delegation, status=Participant.Status.ACCREDITED, badge_number=index + 1)
        ParticipantFactory(delegation=delegation, status=Participant.Status.INVITED)
        session = SessionFactory(meeting=meeting, title_en=f"Session {index}")
        if index % 2:
            SessionRoleFactory(session=session, role=SessionRole.Role.CHAIR)
        CommitmentFactory(agreed_at=meeting, due_on=datetime.date(2000, 1, 1), status=Status.IN_PROGRESS)
    return meeting


def test_dashboard_counts():
    meeting = _meeting_with(3)
    Participant.objects.filter(meeting=meeting, status=Participant.Status.ACCREDITED).update(
        badge_printed_at=datetime.datetime(2024, 7, 21, tzinfo=datetime.UTC)
    )
    CommitmentFactory(agreed_at=meeting, due_on=datetime.date(2000, 1, 1), status=Status.COMPLETED)

    data = meeting_dashboard(meeting)

    assert data["statuses"] == [
        ("invited", 3),
        ("registered", 0),
        ("accredited", 3),
        ("attended", 0),
        ("declined", 0),
        ("cancelled", 0),
    ]
    assert (data["totals"]["badges_assigned"], data["totals"]["badges_printed"], data["totals"]["checked_in"]) == (
        3,
        3,
        0,
    )
    assert [counts for _delegation, counts in data["delegations"]] == [[1, 0, 1, 0, 0, 0]] * 3
    assert [session.title_en for session in data["sessions_without_chair"]] == ["Session 0", "Session 2"]
    assert len(data["overdue_commitments"]) == 3


def test_dashboard_page(admin_client):
    meeting = _meeting_with(2)

    response = admin_client.get(reverse("admin:meetings_meeting_dashboard", args=[meeting.pk]))

    assert response.status_code == 200
    assert "Session 0" in response.content.decode()


def test_dashboard_refused_without_permission(client, django_user_model):
    meeting = MeetingFactory()
    client.force_login(django_user_model.objects.create_user("viewer", password="pw", is_staff=True))

    response = client.get(reverse("admin:meetings_meeting_dashboard", args=[meeting.pk]))

    assert response.status_code == 403


@pytest.mark.parametrize("size", [1, 5])
def test_dashboard_page_query_count_flat(admin_client, django_assert_num_queries, size):
    meeting = _meeting_with(size)
    url = reverse("admin:meetings_meeting_dashboard", args=[meeting.pk])
    admin_client.get(url)

    # 7, the session's second factor (its TOTP device, 1), and the charts: registrations and accreditations (2), the
    # previous meeting of the series (1; here there is none, else its registrations and accreditations, 2 more) and
    # the commitments by theme (1).
    with django_assert_num_queries(12):
        admin_client.get(url)


@pytest.mark.parametrize("size", [1, 5])
def test_followup_page_query_count_flat(admin_client, django_assert_num_queries, size, two_meetings):
    _sixteenth, seventeenth, task_force, _data = two_meetings
    for index in range(size):
        commitment = CommitmentFactory(agreed_at=_sixteenth, theme=task_force.theme)
        CommitmentUpdateFactory(commitment=commitment, meeting=seventeenth, reported_on=None, note_en=f"n{index}")
    url = reverse("admin:agreements_commitment_followup", args=[seventeenth.pk])
    admin_client.get(url)

    with django_assert_num_queries(9):  # with the session's second factor (its TOTP device) and the next meeting
        admin_client.get(url)


def _admin_pages(meeting):
    return [
        reverse("admin:participants_participant_import"),
        reverse("admin:participants_participant_export"),
        reverse("admin:participants_participant_checkin_choose"),
        reverse("admin:agreements_commitment_followup_choose"),
        reverse("admin:meetings_meeting_prepare_next", args=[meeting.pk]),
    ]


@pytest.mark.parametrize("size", [1, 4])
def test_secretariat_pages_render_with_flat_query_counts(admin_client, django_assert_max_num_queries, size):
    meetings = [_meeting_with(2) for _ in range(size)]
    for url in _admin_pages(meetings[0]):
        admin_client.get(url)  # warm-up (session, content types)
        with django_assert_max_num_queries(12, info=url):
            response = admin_client.get(url)
        assert response.status_code == 200, url


def test_meeting_change_form_links_the_workflows(admin_client):
    meeting = MeetingFactory()

    page = admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk])).content.decode()

    for url in (
        reverse("admin:meetings_meeting_dashboard", args=[meeting.pk]),
        reverse("admin:participants_participant_checkin", args=[meeting.pk]),
        reverse("admin:agreements_commitment_followup", args=[meeting.pk]),
        reverse("admin:meetings_meeting_prepare_next", args=[meeting.pk]),
        f"{reverse('admin:participants_participant_import')}?meeting={meeting.pk}",
    ):
        assert f'href="{url}"' in page


@pytest.mark.parametrize(
    "name",
    [
        "admin:participants_participant_import",
        "admin:participants_participant_export",
        "admin:participants_participant_checkin_choose",
        "admin:agreements_commitment_followup_choose",
    ],
)
def test_secretariat_pages_refused_to_staff_without_permission(client, django_user_model, name):
    client.force_login(django_user_model.objects.create_user("viewer", password="pw", is_staff=True))

    assert client.get(reverse(name)).status_code == 403


def test_secretariat_group_member_uses_every_workflow_page(client, django_user_model):
    meeting = _meeting_with(1)
    officer = django_user_model.objects.create_user("officer", password="pw", is_staff=True)
    officer.groups.add(ensure_secretariat_group())
    sign_in_with_second_factor(client, officer)

    for url in [
        *_admin_pages(meeting),
        reverse("admin:meetings_meeting_dashboard", args=[meeting.pk]),
        reverse("admin:participants_participant_checkin", args=[meeting.pk]),
        reverse("admin:agreements_commitment_followup", args=[meeting.pk]),
    ]:
        assert client.get(url).status_code == 200, url
