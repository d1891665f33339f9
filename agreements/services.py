"""Writes about instruments and commitments. Each service validates (full_clean) and is atomic."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agreements.models import Commitment, CommitmentUpdate, Instrument, Party, Signature


@transaction.atomic
def instrument_create(*, parties=(), themes=(), **fields) -> Instrument:
    """Create an instrument with its parties: ``parties`` is a list of (organization, role) pairs.

    A signed instrument is first saved as a draft, its parties added, then moved to its status, so that
    the rule "at least two parties once signed" holds at every step.
    """
    target_status = fields.pop("status", Instrument.Status.DRAFT)
    instrument = Instrument(status=Instrument.Status.DRAFT, **fields)
    instrument.full_clean()
    instrument.save()
    for order, (organization, role) in enumerate(parties):
        party = Party(instrument=instrument, organization=organization, role=role, order=order)
        party.full_clean()
        party.save()
    instrument.themes.set(themes)
    if target_status != Instrument.Status.DRAFT:
        instrument_set_status(instrument=instrument, status=target_status)
    return instrument


@transaction.atomic
def instrument_set_status(*, instrument: Instrument, status: str) -> Instrument:
    instrument.status = status
    if instrument.is_signed and instrument.parties.filter(role=Party.Role.PARTY).count() < 2:
        raise ValidationError({"status": _("An instrument needs at least two parties before it is signed.")})
    instrument.full_clean()
    instrument.save()
    return instrument


@transaction.atomic
def signature_add(*, instrument: Instrument, party: Party, person, signed_on, **fields) -> Signature:
    signature = Signature(instrument=instrument, party=party, person=person, signed_on=signed_on, **fields)
    signature.full_clean()
    signature.save()
    return signature


@transaction.atomic
def commitment_record_update(*, commitment: Commitment, status: str, **fields) -> CommitmentUpdate:
    """Record what happened to a commitment and carry its new status onto the commitment."""
    update = CommitmentUpdate(commitment=commitment, status=status, **fields)
    update.full_clean()
    update.save()
    if commitment.status != status:
        commitment.status = status
        commitment.save(update_fields=["status", "updated_at"])
    return update


@transaction.atomic
def commitment_follow_latest_update(*, commitment: Commitment) -> Commitment:
    """The commitment takes the status of its latest update (after updates were edited or deleted in the admin)."""
    latest = commitment.updates.order_by("-reported_on", "-id").first()
    if latest and latest.status != commitment.status:
        commitment.status = latest.status
        commitment.save(update_fields=["status", "updated_at"])
    return commitment
