import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agreements.models import Commitment, CommitmentUpdate, Instrument, Party, Signature
from agreements.services import commitment_record_update, instrument_create, instrument_set_status, signature_add
from tests.factories import (
    CommitmentFactory,
    InstrumentFactory,
    MeetingFactory,
    OrganizationFactory,
    PartyFactory,
    PersonFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db
JULY_22 = datetime.date(2024, 7, 22)


def test_instrument_create_signed_with_two_parties():
    iofs, fao = OrganizationFactory(acronym_en="IOFS"), OrganizationFactory(acronym_en="FAO")
    theme = ThemeFactory()

    instrument = instrument_create(
        kind=Instrument.Kind.LETTER_OF_INTENT,
        title_en="Letter of Intent between IOFS and FAO",
        slug="iofs-fao",
        status=Instrument.Status.SIGNED,
        signed_on=JULY_22,
        parties=[(iofs, Party.Role.PARTY), (fao, Party.Role.PARTY)],
        themes=[theme],
    )

    instrument.refresh_from_db()
    assert instrument.status == Instrument.Status.SIGNED
    assert [str(party) for party in instrument.parties.all()] == ["IOFS", "FAO"]
    assert list(instrument.themes.all()) == [theme]
    assert str(instrument) == "Letter of Intent between IOFS and FAO (2024)"


def test_instrument_create_signed_with_one_party_is_refused_and_creates_nothing():
    with pytest.raises(ValidationError) as refusal:
        instrument_create(
            kind=Instrument.Kind.LETTER_OF_INTENT,
            title_en="Letter of Intent",
            slug="lonely",
            status=Instrument.Status.SIGNED,
            signed_on=JULY_22,
            parties=[(OrganizationFactory(), Party.Role.PARTY)],
        )

    assert refusal.value.message_dict == {"status": ["An instrument needs at least two parties before it is signed."]}
    assert (Instrument.objects.count(), Party.objects.count()) == (0, 0)


def test_instrument_witness_does_not_count_as_a_party():
    with pytest.raises(ValidationError):
        instrument_create(
            kind=Instrument.Kind.AGREEMENT,
            title_en="Agreement",
            slug="witnessed",
            status=Instrument.Status.SIGNED,
            signed_on=JULY_22,
            parties=[(OrganizationFactory(), Party.Role.PARTY), (OrganizationFactory(), Party.Role.WITNESS)],
        )

    assert Instrument.objects.count() == 0


def test_instrument_set_status_signed_with_one_party_is_refused_and_keeps_the_draft():
    instrument = InstrumentFactory(status=Instrument.Status.DRAFT)
    PartyFactory(instrument=instrument)

    with pytest.raises(ValidationError) as refusal:
        instrument_set_status(instrument=instrument, status=Instrument.Status.SIGNED)

    assert refusal.value.message_dict == {"status": ["An instrument needs at least two parties before it is signed."]}
    instrument.refresh_from_db()
    assert instrument.status == Instrument.Status.DRAFT


def test_instrument_signed_without_a_date_is_refused():
    instrument = InstrumentFactory.build(status=Instrument.Status.SIGNED, signed_on=None)

    with pytest.raises(ValidationError) as refusal:
        instrument.full_clean()

    assert refusal.value.message_dict["signed_on"] == ["A signed instrument needs the date of signature."]


def test_instrument_signed_without_a_date_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        InstrumentFactory(status=Instrument.Status.SIGNED, signed_on=None)

    assert Instrument.objects.count() == 0


def test_instrument_in_force_before_its_signature_is_refused():
    instrument = InstrumentFactory.build(signed_on=JULY_22, entered_into_force_on=datetime.date(2024, 7, 1))

    with pytest.raises(ValidationError) as refusal:
        instrument.full_clean()

    assert refusal.value.message_dict == {
        "entered_into_force_on": ["An instrument enters into force on or after its signature."]
    }


def test_signature_by_an_organization_that_is_not_a_party_is_refused():
    instrument = InstrumentFactory()
    PartyFactory(instrument=instrument)
    party_elsewhere = PartyFactory()

    with pytest.raises(ValidationError) as refusal:
        signature_add(instrument=instrument, party=party_elsewhere, person=PersonFactory(), signed_on=JULY_22)

    assert refusal.value.message_dict == {"party": ["This organization is not a party to this instrument."]}
    assert Signature.objects.count() == 0


def test_signature_on_an_undated_instrument_is_refused():
    instrument = InstrumentFactory(status=Instrument.Status.DRAFT, signed_on=None)
    party = PartyFactory(instrument=instrument)

    with pytest.raises(ValidationError) as refusal:
        signature_add(instrument=instrument, party=party, person=PersonFactory(), signed_on=JULY_22)

    assert refusal.value.message_dict == {
        "signed_on": ["Date the instrument (its “signed on” date) before recording signatures."]
    }
    assert Signature.objects.count() == 0


def test_signature_dated_before_the_instrument_is_refused():
    instrument = InstrumentFactory(signed_on=JULY_22)
    party = PartyFactory(instrument=instrument)

    with pytest.raises(ValidationError) as refusal:
        signature_add(instrument=instrument, party=party, person=PersonFactory(), signed_on=datetime.date(2024, 7, 21))

    assert refusal.value.message_dict == {
        "signed_on": ["A signature cannot be dated before the instrument's date of signature."]
    }
    assert Signature.objects.count() == 0


def test_signature_by_a_party_on_the_day_is_recorded():
    instrument = InstrumentFactory(signed_on=JULY_22)
    party = PartyFactory(instrument=instrument)
    person = PersonFactory(honorific_prefix_en="Amb.", given_name_en="Berik", family_name_en="Aryn")

    signature = signature_add(
        instrument=instrument, party=party, person=person, signed_on=JULY_22, capacity_en="Director General"
    )

    assert Signature.objects.get() == signature
    assert (signature.capacity, str(signature.person)) == ("Director General", "Amb. Berik Aryn")


def test_party_once_per_instrument():
    party = PartyFactory()
    duplicate = Party(instrument=party.instrument, organization=party.organization)

    with pytest.raises(ValidationError) as refusal:
        duplicate.full_clean()

    assert refusal.value.message_dict == {"organization": ["This organization is already a party to this instrument."]}


def test_commitment_record_update_carries_the_status_onto_the_commitment():
    commitment = CommitmentFactory(status=Commitment.Status.PROPOSED)
    meeting = MeetingFactory()

    update = commitment_record_update(
        commitment=commitment, status=Commitment.Status.IN_PROGRESS, meeting=meeting, note_en="Task Force set up."
    )

    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.IN_PROGRESS
    assert list(commitment.updates.all()) == [update]


def test_commitment_update_without_meeting_or_date_is_refused_and_leaves_the_status():
    commitment = CommitmentFactory(status=Commitment.Status.PROPOSED)

    with pytest.raises(ValidationError) as refusal:
        commitment_record_update(commitment=commitment, status=Commitment.Status.COMPLETED)

    assert refusal.value.message_dict == {"reported_on": ["Give the meeting or the date of this update."]}
    commitment.refresh_from_db()
    assert (commitment.status, CommitmentUpdate.objects.count()) == (Commitment.Status.PROPOSED, 0)
