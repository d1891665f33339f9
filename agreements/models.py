from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.access import VisibleQuerySet
from core.history import HistoricalRecords
from core.models import TimeStampedModel
from core.uploads import DOCUMENT_TYPES, check_uploads
from meetings.models import Meeting, Theme
from participants.models import Organization, Person


class InstrumentQuerySet(VisibleQuerySet):
    hides_links = True

    def public_filter(self):
        return Q(status__in=Instrument.PUBLIC_STATUSES)

    def meetings_filter(self, meeting_ids):
        return Q(signed_at__in=meeting_ids)


class Instrument(TimeStampedModel):
    class Kind(models.TextChoices):
        LETTER_OF_INTENT = "letter_of_intent", _("Letter of Intent")
        MEMORANDUM_OF_UNDERSTANDING = "memorandum_of_understanding", _("Memorandum of Understanding")
        AGREEMENT = "agreement", _("Agreement")
        FRAMEWORK_AGREEMENT = "framework_agreement", _("Framework Agreement")
        JOINT_DECLARATION = "joint_declaration", _("Joint Declaration")
        ACTION_PLAN = "action_plan", _("Action Plan")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        UNDER_NEGOTIATION = "under_negotiation", _("under negotiation")
        SIGNED = "signed", _("signed")
        IN_FORCE = "in_force", _("in force")
        EXPIRED = "expired", _("expired")
        TERMINATED = "terminated", _("terminated")

    # Texts still being drafted or negotiated are the parties' business, not the public's.
    PUBLIC_STATUSES = (Status.SIGNED, Status.IN_FORCE, Status.EXPIRED, Status.TERMINATED)
    SIGNED_STATUSES = PUBLIC_STATUSES

    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=400)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    reference = models.CharField(_("reference"), max_length=80, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.DRAFT)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    place_of_signature = models.CharField(_("place of signature"), max_length=200, blank=True)
    signed_at = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="instruments",
        verbose_name=_("signed or announced at meeting"),
    )
    entered_into_force_on = models.DateField(_("entered into force on"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    countries = CountryField(_("countries covered"), multiple=True, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="instruments", verbose_name=_("themes"))
    document = models.FileField(_("signed text"), upload_to="instruments/%Y/", blank=True)
    supersedes = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("supersedes"),
    )
    # History is registered in translation.py, after the translated fields exist.

    objects = InstrumentQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_on", "slug"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["signed", "in_force", "expired", "terminated"]) | Q(signed_on__isnull=False),
                name="instrument_signed_has_date",
                violation_error_message=_("A signed instrument needs the date of signature."),
            ),
            models.CheckConstraint(
                condition=Q(entered_into_force_on__isnull=True)
                | Q(signed_on__isnull=False, entered_into_force_on__gte=F("signed_on")),
                name="instrument_in_force_after_signature",
                violation_error_message=_("An instrument enters into force on or after its signature."),
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(signed_on__isnull=True) | Q(expires_on__gt=F("signed_on")),
                name="instrument_expires_after_signature",
                violation_error_message=_("An instrument expires after its signature."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.signed_on.year})" if self.signed_on else self.title

    def get_absolute_url(self):
        return reverse("agreements:instrument_detail", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        return self.status in self.PUBLIC_STATUSES

    @property
    def is_signed(self):
        return self.status in self.SIGNED_STATUSES

    @property
    def status_display(self):
        """The status as shown: “signed” only once every party has signed, else “partly signed (1 of 2 parties)”.

        Reads the parties and signatures prefetched by the selectors (agreements/selectors.py).
        """
        if self.status != self.Status.SIGNED:
            return self.get_status_display()
        parties = {party.pk for party in self.parties.all() if party.role == Party.Role.PARTY}
        signed = {signature.party_id for signature in self.signatures.all()} & parties
        if not parties or signed == parties:
            return self.get_status_display()
        return _("partly signed (%(signed)d of %(parties)d parties)") % {
            "signed": len(signed),
            "parties": len(parties),
        }

    def clean(self):
        super().clean()
        check_uploads(self, "document", DOCUMENT_TYPES)
        if self.is_signed and not self.signed_on:
            raise ValidationError({"signed_on": _("A signed instrument needs the date of signature.")})
        if self.supersedes_id and self.pk and self.supersedes_id == self.pk:
            raise ValidationError({"supersedes": _("An instrument cannot supersede itself.")})
        # "At least two parties once signed" spans rows: agreements.services and the admin's party
        # formset enforce it, since the parties are saved after the instrument.


class PartyQuerySet(VisibleQuerySet):
    def public_filter(self):
        return Q(instrument__status__in=Instrument.PUBLIC_STATUSES)

    def meetings_filter(self, meeting_ids):
        return Q(instrument__signed_at__in=meeting_ids)


class Party(TimeStampedModel):
    class Role(models.TextChoices):
        PARTY = "party", _("party")
        WITNESS = "witness", _("witness")
        DEPOSITARY = "depositary", _("depositary")

    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="parties", verbose_name=_("instrument")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="parties", verbose_name=_("organization")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTY)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    objects = PartyQuerySet.as_manager()

    class Meta:
        ordering = ["instrument", "order", "id"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "organization"],
                name="party_once_per_instrument",
                violation_error_message=_("This organization is already a party to this instrument."),
            ),
        ]

    def __str__(self):
        return str(self.organization)


class SignatureQuerySet(VisibleQuerySet):
    def public_filter(self):
        return Q(instrument__status__in=Instrument.PUBLIC_STATUSES)

    def meetings_filter(self, meeting_ids):
        return Q(instrument__signed_at__in=meeting_ids)


class Signature(TimeStampedModel):
    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("instrument")
    )
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("party"))
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="signatures", verbose_name=_("signatory"))
    capacity = models.CharField(
        _("capacity"), max_length=300, blank=True, help_text=_("The title under which the person signed.")
    )
    signed_on = models.DateField(_("signed on"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # History is registered in translation.py, after the translated fields exist.

    objects = SignatureQuerySet.as_manager()

    class Meta:
        ordering = ["instrument", "order", "id"]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(
                fields=["party", "person"],
                name="signature_once_per_party_and_person",
                violation_error_message=_("This person has already signed for this party."),
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.party})"

    def clean(self):
        super().clean()
        if self.party_id and self.instrument_id and self.party.instrument_id != self.instrument_id:
            raise ValidationError({"party": _("This organization is not a party to this instrument.")})
        if self.instrument_id and self.signed_on:
            instrument = self.instrument
            if instrument.signed_on is None:
                raise ValidationError(
                    {"signed_on": _("Date the instrument (its “signed on” date) before recording signatures.")}
                )
            if self.signed_on < instrument.signed_on:
                raise ValidationError(
                    {"signed_on": _("A signature cannot be dated before the instrument's date of signature.")}
                )


class CommitmentQuerySet(VisibleQuerySet):
    def public_filter(self):
        return Q(agreed_at__isnull=True) | Q(agreed_at__status__in=Meeting.PUBLIC_STATUSES)

    def meetings_filter(self, meeting_ids):
        return Q(agreed_at__in=meeting_ids)

    def open(self):
        return self.filter(
            status__in=(Commitment.Status.PROPOSED, Commitment.Status.IN_PROGRESS, Commitment.Status.STALLED)
        )


class Commitment(TimeStampedModel):
    """A row of the agreed Matrix of cooperation, followed up from one meeting to the next."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        IN_PROGRESS = "in_progress", _("in progress")
        COMPLETED = "completed", _("completed")
        STALLED = "stalled", _("stalled")
        DROPPED = "dropped", _("dropped")

    reference = models.CharField(_("reference"), max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="commitments", verbose_name=_("theme")
    )
    lead_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="led_commitments", verbose_name=_("lead organization")
    )
    partner_organizations = models.ManyToManyField(
        Organization, blank=True, related_name="partner_commitments", verbose_name=_("partner organizations")
    )
    agreed_at = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("agreed at meeting"),
    )
    instrument = models.ForeignKey(
        Instrument,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("arising from instrument"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    # History is registered in translation.py, after the translated fields exist.

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["reference", "id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self):
        return f"{self.reference} {self.title}".strip()


class CommitmentUpdateQuerySet(VisibleQuerySet):
    def public_filter(self):
        meeting_public = Q(meeting__isnull=True) | Q(meeting__status__in=Meeting.PUBLIC_STATUSES)
        commitment_public = Q(commitment__agreed_at__isnull=True) | Q(
            commitment__agreed_at__status__in=Meeting.PUBLIC_STATUSES
        )
        return meeting_public & commitment_public

    def meetings_filter(self, meeting_ids):
        return Q(commitment__agreed_at__in=meeting_ids) | Q(meeting__in=meeting_ids)


class CommitmentUpdate(TimeStampedModel):
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="updates", verbose_name=_("commitment")
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitment_updates",
        verbose_name=_("reported at meeting"),
    )
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Commitment.Status.choices)
    note = models.TextField(_("note"), blank=True)
    # History is registered in translation.py, after the translated fields exist.

    objects = CommitmentUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["commitment", "reported_on", "id"]
        verbose_name = _("commitment update")
        verbose_name_plural = _("commitment updates")
        constraints = [
            models.CheckConstraint(
                condition=Q(meeting__isnull=False) | Q(reported_on__isnull=False),
                name="commitment_update_has_meeting_or_date",
                violation_error_message=_("Give the meeting or the date of this update."),
            ),
        ]

    def __str__(self):
        return f"{self.commitment}: {self.get_status_display()}"
