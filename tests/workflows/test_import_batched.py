"""The participant import checks each row on its own but writes a chunk of rows at a time: the result must be the one
importing the rows one by one gives, its errors must still name their row and column, and its number of queries must
not grow with the number of rows (beyond the batches the database's own limits impose)."""

import math

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from core.versions import version_of
from participants.models import Delegation, Participant, Person, Position
from secretariat.importing import import_participants
from tests.factories import MeetingFactory, OrganizationFactory, ParticipantFactory, PersonFactory, PositionFactory
from tests.workflows.test_import import _csv

pytestmark = pytest.mark.django_db

HEADERS = [
    "given name",
    "family name",
    "honorific",
    "organization",
    "position",
    "email",
    "role",
    "delegation",
    "given name (French)",
    "consents to be listed publicly",
]

# New people, people known by email or by name and organization, a participant whose role and delegation change,
# a person completed in French, a consent withdrawn, and a row without email that finds the person an earlier row
# of the same file created (with a position at the same organization).
MIXED_ROWS = [
    ["Berik", "Aryn", "Amb.", "IOFS", "Director General", "berik@example.org", "head of delegation", "", "", ""],
    ["Alibek", "Bakayev", "H.E. Mr.", "Kazakhstan", "Deputy Minister", "", "alternate", "", "Alibek", ""],
    ["Known", "ByEmail", "", "Kazakhstan", "Adviser", "KNOWN@example.org", "", "", "Connu", "no"],
    ["Known", "ByName", "", "Kazakhstan", "", "", "adviser", "", "", ""],
    ["Already", "There", "", "IOFS", "Counsellor", "already@example.org", "observer", "IOFS", "", "yes"],
    ["Nadia", "Karim", "Ms.", "IOFS", "Analyst", "nadia@example.org", "", "", "", ""],
    ["Nadia", "Karim", "", "IOFS", "", "", "speaker", "", "Nadia", ""],
    ["Omar", "Haddad", "", "Kazakhstan", "", "omar@example.org", "press", "", "", "oui"],
]


@pytest.fixture
def known():
    meeting = MeetingFactory(slug="gm-16")
    OrganizationFactory(acronym_en="IOFS", name_en="Islamic Organization for Food Security", slug="iofs")
    kazakhstan = OrganizationFactory(acronym_en="", name_en="Kazakhstan", slug="kazakhstan")
    PersonFactory(given_name_en="Known", family_name_en="ByEmail", email="known@example.org", listed_publicly=True)
    by_name = PersonFactory(given_name_en="Known", family_name_en="ByName", email="")
    PositionFactory(person=by_name, organization=kazakhstan, title_en="Attaché")
    ParticipantFactory(
        delegation__meeting=meeting,
        delegation__organization=kazakhstan,
        person__given_name_en="Already",
        person__family_name_en="There",
        person__email="already@example.org",
        role=Participant.Role.DELEGATE,
    )
    return meeting


def _state(meeting):
    """Everything the import writes, by natural keys (the ids differ from one run to the other)."""
    people = sorted(
        (
            p.slug,
            p.given_name_en,
            p.family_name_en,
            p.given_name_fr,
            p.honorific_prefix_en,
            p.honorific_prefix_fr,
            p.email,
            p.listed_publicly,
            p.sort_name,
        )
        for p in Person.objects.all()
    )
    positions = sorted(
        (p.person.slug, p.organization.slug, p.title_en, p.title_fr or "") for p in Position.objects.all()
    )
    delegations = sorted(d.organization.slug for d in Delegation.objects.filter(meeting=meeting))
    participants = sorted(
        (p.person.slug, p.delegation.organization.slug, p.position.title_en if p.position else "", p.role, p.status)
        for p in Participant.objects.filter(meeting=meeting)
    )
    # Each record's latest history row says what the record holds now.
    for model, fields in ((Person, ("email", "listed_publicly", "given_name_fr")), (Participant, ("role",))):
        for record in model.objects.all():
            latest = record.history.order_by("-history_id").first()
            assert latest is not None, record
            assert [getattr(latest, name) for name in fields] == [getattr(record, name) for name in fields]
    return people, positions, delegations, participants


def test_batched_import_gives_what_importing_row_by_row_gives(known):
    meeting = known
    with transaction.atomic():
        batched = import_participants(meeting=meeting, content=_csv(MIXED_ROWS, HEADERS), dry_run=False, chunk_size=3)
        batched_state = _state(meeting)
        transaction.set_rollback(True)

    one_by_one = []
    for row in MIXED_ROWS:
        result = import_participants(meeting=meeting, content=_csv([row], HEADERS), dry_run=False)
        assert result.saved, result.error_messages()
        one_by_one.extend(outcome.outcome for outcome in result.rows)

    assert batched.saved, batched.error_messages()
    assert (
        [row.outcome for row in batched.rows]
        == one_by_one
        == [
            "new person, added to the meeting",
            "new person, added to the meeting",
            "existing person (matched by email), added to the meeting",
            "existing person (matched by name and organization), added to the meeting",
            "already a participant: updated role, delegation, position",
            "new person, added to the meeting",
            "already a participant: updated role",
            "new person, added to the meeting",
        ]
    )
    assert batched_state == _state(meeting)


def test_errors_name_their_rows_in_every_chunk_and_nothing_is_saved(known):
    meeting = known
    participants_before, people_before = Participant.objects.count(), Person.objects.count()
    rows = [
        *MIXED_ROWS[:5],  # the first chunk is valid, and written before the next one is read
        ["Julien", "x" * 130, "", "IOFS", "", "", "", "", "", ""],
        MIXED_ROWS[5],
        ["Sara", "Nour", "", "Untied Nations", "", "sara@example", "", "", "", "maybe"],
        ["Berik", "Aryn", "", "IOFS", "", "Berik@Example.org", "", "", "", ""],
    ]

    result = import_participants(meeting=meeting, content=_csv(rows, HEADERS), dry_run=False, chunk_size=5)

    assert result.saved is False
    assert result.error_messages() == [
        "Row 7, column “family name”: Ensure this value has at most 120 characters (it has 130).",
        "Row 9, column “email”: “sara@example” is not an email address.",
        "Row 9, column “consents to be listed publicly”: “maybe” is neither yes nor no (oui / non, نعم / لا).",
        "Row 9, column “organization”: unknown organization “Untied Nations”: add it in the admin first, or correct "
        "the name.",
        "Row 10, column “email”: the same person as row 2.",
    ]
    assert (Participant.objects.count(), Person.objects.count()) == (participants_before, people_before)
    assert not Person.objects.filter(email="berik@example.org").exists()


def test_the_pages_showing_what_an_import_wrote_are_told_by_the_content_versions(known):
    meeting = known
    before = (version_of(meetings=[meeting.pk]), version_of(meetings=[]))

    import_participants(meeting=meeting, content=_csv(MIXED_ROWS, HEADERS), dry_run=False, chunk_size=3)

    # The meeting's (delegations, participants) and the site's (people, positions).
    after = (version_of(meetings=[meeting.pk]), version_of(meetings=[]))
    assert after[0] != before[0] and after[1] != before[1]


def test_progress_is_told_after_each_chunk(known):
    told = []

    import_participants(
        meeting=known,
        content=_csv(MIXED_ROWS[:5], HEADERS),
        dry_run=True,
        chunk_size=2,
        progress=lambda done, total: told.append((done, total)),
    )

    assert told == [(2, 5), (4, 5), (5, 5)]


def _new_rows(count, prefix):
    return [
        [f"Given{i}", f"{prefix}{i}", "Mr.", "IOFS" if i % 2 else "Kazakhstan", "Adviser", f"{prefix}{i}@example.org"]
        + ["adviser"] * 1
        + ["", "", ""]
        for i in range(count)
    ]


def _queries(meeting, rows):
    with CaptureQueriesContext(connection) as queries:
        result = import_participants(meeting=meeting, content=_csv(rows, HEADERS), dry_run=False)
    assert result.saved, result.error_messages()[:3]
    return len(queries)


def _insert_batches(rows: int) -> int:
    """The INSERT statements Django needs for `rows` new people, positions and participants and their history:
    one per model on PostgreSQL (a chunk is 500 rows), more on SQLite, which takes at most 999 values a query."""
    batches = 0
    for model in (Person, Position, Participant):
        for concrete in (model, model.history.model):
            fields = [field for field in concrete._meta.concrete_fields if not field.primary_key]
            size = min(connection.ops.bulk_batch_size(fields, [None] * rows) or rows, 500)
            batches += math.ceil(rows / size)
    return batches


def test_queries_do_not_grow_with_the_rows(known):
    meeting = known
    small = _queries(meeting, _new_rows(50, "Small"))
    large = _queries(meeting, _new_rows(200, "Large"))

    # The same queries, but for the database's own limit on the values of one INSERT (none on PostgreSQL).
    assert large - small <= _insert_batches(200) - _insert_batches(50)
    assert Participant.objects.filter(meeting=meeting, role=Participant.Role.ADVISER).count() == 250
