import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.access import VisibleQuerySet
from core.history import HistoricalRecords
from core.languages import translated_value
from core.models import TimeStampedModel
from core.uploads import PHOTO_TYPES, check_uploads
from meetings.models import Meeting
from participants.honorifics import honorific_in


class OrganizationQuerySet(VisibleQuerySet):
    shared = True

    def meetings_filter(self, meeting_ids):
        return (
            Q(delegations__meeting__in=meeting_ids)
            | Q(parties__instrument__signed_at__in=meeting_ids)
            | Q(led_commitments__agreed_at__in=meeting_ids)
        )


class Organization(TimeStampedModel):
    class Kind(models.TextChoices):
        MEMBER_STATE = "member_state", _("member state")
        UN_ENTITY = "un_entity", _("UN entity")
        OIC_INSTITUTION = "oic_institution", _("OIC institution")
        INTERGOVERNMENTAL = "intergovernmental", _("other intergovernmental organization")
        GOVERNMENT_BODY = "government_body", _("government body")
        NGO = "ngo", _("non-governmental organization")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent organization"),
        help_text=_("E.g. the United Nations for FAO, the OIC for IOFS."),
    )
    country = CountryField(_("country"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    # History is registered in translation.py, after the translated fields exist.

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self):
        return self.acronym or self.name

    def clean(self):
        super().clean()
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("An organization cannot be its own parent or ancestor.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    def get_absolute_url(self):
        return reverse("participants:organization_detail", kwargs={"slug": self.slug})


class PersonQuerySet(VisibleQuerySet):
    def public_filter(self):
        # People who consented to appear on public pages and in anonymous API answers.
        return Q(listed_publicly=True)

    def listed(self):
        return self.public()

    def meetings_filter(self, meeting_ids):
        return (
            Q(participations__meeting__in=meeting_ids)
            | Q(session_roles__session__meeting__in=meeting_ids)
            | Q(signatures__instrument__signed_at__in=meeting_ids)
        )

    def unattached_filter(self):
        # Someone just entered, in no meeting yet, may be registered by any writer (and is then in its reach).
        return Q(participations__isnull=True, session_roles__isnull=True, signatures__isnull=True)


class Person(TimeStampedModel):
    honorific_prefix = models.CharField(
        _("honorific prefix"), max_length=60, blank=True, help_text=_("E.g. “H.E. Amb. Mr.”")
    )
    given_name = models.CharField(_("given name"), max_length=120)
    # Optional: many people go by one name (mononyms); the given name then sorts and badges them.
    family_name = models.CharField(_("family name"), max_length=120, blank=True)
    sort_name = models.CharField(_("sort name"), max_length=250, blank=True, editable=False, db_index=True)
    external_id = models.CharField(
        _("external id"),
        max_length=200,
        blank=True,
        db_index=True,
        help_text=_("The person's id in the system a programme was imported from: re-imports find them by it."),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    nationality = CountryField(_("nationality"), blank=True)
    biography = models.TextField(_("biography"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="people/", blank=True)
    # Private: never on a public page nor in an anonymous API answer.
    email = models.EmailField(_("email"), blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    notes = models.TextField(_("internal notes"), blank=True)
    listed_publicly = models.BooleanField(
        _("consents to be listed publicly"),
        default=False,
        help_text=_("Without consent the person never appears on public pages or in the public API."),
    )
    # History is registered in translation.py, after the translated fields exist.

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["sort_name", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        # The people a public list may show, with the key it sorts them by: PostgreSQL counts and sorts a meeting's
        # listed participants from this index alone, without reading 20,000 wide rows (docs/PERFORMANCE.md).
        indexes = [
            models.Index(fields=["id", "sort_name"], condition=Q(listed_publicly=True), name="person_listed"),
        ]

    def clean(self):
        super().clean()
        check_uploads(self, "photo", PHOTO_TYPES)

    def __str__(self):
        return " ".join(part for part in (self.honorific_prefix, self.given_name, self.family_name) if part)

    def fill_sort_name(self):
        """Family name first, else the one name; read in the site's order of languages (core/languages.py).
        Called by save(), and by bulk writes, which do not call it."""
        family, _lang = translated_value(self, "family_name")
        given, _lang = translated_value(self, "given_name")
        self.sort_name = f"{family or given} {given if family else ''}".strip().casefold()[:250]

    def save(self, *args, **kwargs):
        self.fill_sort_name()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "sort_name"}
        super().save(*args, **kwargs)

    @property
    def full_name(self):
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def honorific(self):
        """The honorific in the active language: as typed in it, else translated from English, else as typed."""
        language = (translation.get_language() or "en").split("-")[0]
        own = getattr(self, f"honorific_prefix_{language}", None)
        if own:
            return own
        return honorific_in(self.honorific_prefix_en or "", language) or self.honorific_prefix

    @property
    def name_with_honorific(self):
        """“معالي السيد بريك آرين”: the honorific in the reader's language (lists of participants, badges)."""
        return " ".join(part for part in (self.honorific, self.given_name, self.family_name) if part)

    def get_absolute_url(self):
        return reverse("participants:person_detail", kwargs={"slug": self.slug})


class PositionQuerySet(VisibleQuerySet):
    def public_filter(self):
        return Q(person__listed_publicly=True)

    def meetings_filter(self, meeting_ids):
        return Q(person__in=Person.objects.in_meetings(meeting_ids).values("pk"))


class Position(TimeStampedModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions", verbose_name=_("person"))
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="positions", verbose_name=_("organization")
    )
    title = models.CharField(_("title"), max_length=300, help_text=_("E.g. “Deputy Minister of Foreign Affairs”"))
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    # History is registered in translation.py, after the translated fields exist.

    objects = PositionQuerySet.as_manager()

    class Meta:
        ordering = ["person", "-start_date", "id"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="position_ends_on_or_after_start",
                violation_error_message=_("A position cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.title}, {self.organization}"


class DelegationQuerySet(VisibleQuerySet):
    def public_filter(self):
        return Q(meeting__status__in=Meeting.PUBLIC_STATUSES)

    def meetings_filter(self, meeting_ids):
        return Q(meeting__in=meeting_ids)


class Delegation(TimeStampedModel):
    class Role(models.TextChoices):
        CONVENER = "convener", _("convener")
        HOST = "host", _("host")
        PARTICIPANT = "participant", _("participant")
        OBSERVER = "observer", _("observer")
        GUEST = "guest", _("guest")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="delegations", verbose_name=_("meeting")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="delegations", verbose_name=_("organization")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTICIPANT)
    ordering = models.PositiveSmallIntegerField(_("ordering"), default=0)
    notes = models.TextField(_("internal notes"), blank=True)
    history = HistoricalRecords()

    objects = DelegationQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "ordering", "organization__slug", "id"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organization"],
                name="delegation_one_per_organization_per_meeting",
                violation_error_message=_("This organization already has a delegation at this meeting."),
            ),
        ]

    def __str__(self):
        return f"{self.organization} – {self.meeting}"


class ParticipantQuerySet(VisibleQuerySet):
    def public_filter(self):
        return Q(meeting__status__in=Meeting.PUBLIC_STATUSES, person__listed_publicly=True) & ~Q(
            status__in=(Participant.Status.DECLINED, Participant.Status.CANCELLED)
        )

    def meetings_filter(self, meeting_ids):
        return Q(meeting__in=meeting_ids)

    def listed(self):
        """Participants a public page of their (public) meeting lists: the public rows of visible_to."""
        return self.public()

    def in_protocol_order(self):
        """Head of delegation first, then alternates, delegates, advisers and the rest; each by name (sort_name)."""
        order = models.Case(
            *(models.When(role=role, then=rank) for rank, role in enumerate(Participant.PROTOCOL_ORDER)),
            default=len(Participant.PROTOCOL_ORDER),
            output_field=models.IntegerField(),
        )
        return self.alias(protocol_rank=order).order_by(
            "delegation__ordering", "delegation_id", "protocol_rank", "person__sort_name", "id"
        )


class Participant(TimeStampedModel):
    class Role(models.TextChoices):
        HEAD_OF_DELEGATION = "head_of_delegation", _("head of delegation")
        ALTERNATE = "alternate", _("alternate")
        DELEGATE = "delegate", _("delegate")
        ADVISER = "adviser", _("adviser")
        OBSERVER = "observer", _("observer")
        SPEAKER = "speaker", _("speaker")
        GUEST_OF_HONOUR = "guest_of_honour", _("guest of honour")
        SECRETARIAT = "secretariat", _("secretariat")
        PRESS = "press", _("press")

    PROTOCOL_ORDER = (
        Role.HEAD_OF_DELEGATION,
        Role.GUEST_OF_HONOUR,
        Role.ALTERNATE,
        Role.DELEGATE,
        Role.ADVISER,
        Role.SPEAKER,
        Role.OBSERVER,
        Role.SECRETARIAT,
        Role.PRESS,
    )

    class Status(models.TextChoices):
        INVITED = "invited", _("invited")
        REGISTERED = "registered", _("registered")
        ACCREDITED = "accredited", _("accredited")
        ATTENDED = "attended", _("attended")
        DECLINED = "declined", _("declined")
        CANCELLED = "cancelled", _("cancelled")

    # Denormalised from the delegation so that the database can hold the per-meeting rules.
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="participants", verbose_name=_("meeting"), editable=False
    )
    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="participants", verbose_name=_("delegation")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="participations", verbose_name=_("person")
    )
    position = models.ForeignKey(
        Position,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        db_index=False,  # participant_position_at (Meta.indexes) begins with it
        related_name="participations",
        verbose_name=_("position"),
        help_text=_("The position in which the person attends."),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices, default=Role.DELEGATE)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.INVITED)
    badge_number = models.PositiveIntegerField(_("badge number"), null=True, blank=True)
    badge_printed_at = models.DateTimeField(_("badge printed at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    # Secret behind the signed check-in token; replacing it revokes every token issued before.
    checkin_key = models.UUIDField(_("check-in key"), default=uuid.uuid4, unique=True, editable=False)
    notes = models.TextField(_("internal notes"), blank=True)
    history = HistoricalRecords(excluded_fields=["checkin_key"])

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "delegation", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        # The default ordering, read from an index: a page of 100 of 20,000 participants stops after 100 rows
        # instead of sorting a meeting's every row (docs/PERFORMANCE.md).
        indexes = [
            models.Index(fields=["meeting", "delegation", "id"], name="participant_in_default_order"),
            # Every column the public list of participants filters and sorts a meeting's participants by: it counts
            # them and finds one page's ids from this index alone (participants/selectors.listed_participants_page).
            models.Index(fields=["meeting", "person", "status", "delegation", "role"], name="participant_listing"),
            # "Is this position the one held at this meeting?" for each of an XL agenda's 3,000 speakers
            # (participants.selectors.positions_for): with an index on the position alone, SQLite searched the
            # meeting's 20,000 participants for each one instead (9 s). It also serves the position's own lookups.
            models.Index(fields=["position", "meeting"], name="participant_position_at"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="participant_once_per_meeting",
                violation_error_message=_("This person already takes part in this meeting."),
            ),
            models.UniqueConstraint(
                fields=["meeting", "badge_number"],
                condition=Q(badge_number__isnull=False),
                name="participant_badge_unique_in_meeting",
                violation_error_message=_("This badge number is already used at this meeting."),
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.delegation.organization})"

    def clean(self):
        super().clean()
        if self.delegation_id:
            self.meeting_id = self.delegation.meeting_id
        if self.position_id and self.person_id and self.position.person_id != self.person_id:
            raise ValidationError({"position": _("This position belongs to another person.")})

    def save(self, *args, **kwargs):
        if self.delegation_id:
            self.meeting_id = self.delegation.meeting_id
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude=None):
        # meeting is not editable, so forms exclude it; it must still take part in the unique checks.
        if exclude and "meeting" in exclude:
            exclude = set(exclude) - {"meeting"}
        super().validate_constraints(exclude=exclude)
