from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.access import VisibleQuerySet
from core.models import TimeStampedModel
from meetings.models import Meeting, Theme, Topic
from participants.models import Person


class RoomQuerySet(VisibleQuerySet):
    def public_filter(self):
        return Q(meeting__status__in=Meeting.PUBLIC_STATUSES)

    def meetings_filter(self, meeting_ids):
        return Q(meeting__in=meeting_ids)


class Room(TimeStampedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="rooms", verbose_name=_("meeting"))
    name = models.CharField(_("name"), max_length=200)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    ordering = models.PositiveSmallIntegerField(_("ordering"), default=0)
    # History is registered in translation.py, after the translated fields exist.

    objects = RoomQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "ordering", "id"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    def __str__(self):
        return self.name


# The UN kinds of session: the types a meeting starts with (sessions.services.session_types_add_defaults).
# (code, name in en/fr/ar, colour on the agenda, is a break)
DEFAULT_SESSION_TYPES = (
    ("opening_ceremony", ("Opening ceremony", "Cérémonie d'ouverture", "حفل الافتتاح"), "#1f5f8b", False),
    ("plenary", ("Plenary", "Plénière", "جلسة عامة"), "#2e7d32", False),
    ("working_session", ("Working session", "Séance de travail", "جلسة عمل"), "#5d4037", False),
    ("side_event", ("Side event", "Manifestation parallèle", "فعالية جانبية"), "#6a1b9a", False),
    ("signing_ceremony", ("Signing ceremony", "Cérémonie de signature", "حفل التوقيع"), "#ad1457", False),
    ("break", ("Break", "Pause", "استراحة"), "#757575", True),
    ("closing", ("Closing session", "Séance de clôture", "الجلسة الختامية"), "#1f5f8b", False),
)
# ISO 639-1: the two-letter codes Django knows, each named in its own language (as language pickers do).
LANGUAGE_CHOICES = sorted(
    (code, f"{code} – {info['name_local']}")
    for code, info in LANG_INFO.items()
    if len(code) == 2 and "name_local" in info
)


class SessionTypeQuerySet(VisibleQuerySet):
    def public_filter(self):
        return Q(meeting__status__in=Meeting.PUBLIC_STATUSES)

    def meetings_filter(self, meeting_ids):
        return Q(meeting__in=meeting_ids)


class SessionType(TimeStampedModel):
    """A kind of session in one meeting's programme (talk, workshop, plenary, break…), with its agenda colour."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="session_types", verbose_name=_("meeting")
    )
    code = models.SlugField(
        _("code"), max_length=60, help_text=_("Stable and untranslated, e.g. “plenary”: exports and the API use it.")
    )
    name = models.CharField(_("name"), max_length=120)
    colour = models.CharField(
        _("colour"),
        max_length=7,
        default="#5d4037",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Give a colour as #rrggbb."))],
    )
    is_break = models.BooleanField(_("break"), default=False, help_text=_("Breaks need no room and have no speakers."))
    ordering = models.PositiveSmallIntegerField(_("ordering"), default=0)
    # History is registered in translation.py, after the translated fields exist.

    objects = SessionTypeQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "ordering", "id"]
        verbose_name = _("session type")
        verbose_name_plural = _("session types")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "code"],
                name="session_type_code_unique_in_meeting",
                violation_error_message=_("Another session type of this meeting has this code."),
            ),
        ]

    def __str__(self):
        return self.name


class SessionQuerySet(VisibleQuerySet):
    def public_filter(self):
        return Q(is_public=True, meeting__status__in=Meeting.PUBLIC_STATUSES)

    def meetings_filter(self, meeting_ids):
        return Q(meeting__in=meeting_ids)

    def overlapping(self, *, room_id, starts_at, ends_at):
        return self.filter(room_id=room_id, starts_at__lt=ends_at, ends_at__gt=starts_at)


class Session(TimeStampedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("meeting"))
    type = models.ForeignKey(
        SessionType,
        # A type in use cannot be deleted, unless with its meeting.
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("type"),
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        blank=True,
        choices=LANGUAGE_CHOICES,
        help_text=_("The language spoken (ISO 639-1); blank when interpreted into the meeting's languages."),
    )
    external_id = models.CharField(
        _("external id"),
        max_length=200,
        blank=True,
        help_text=_("The session's id in the system it was imported from (guid or code): re-imports update it."),
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions", verbose_name=_("theme")
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="sessions", verbose_name=_("topics"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    room = models.ForeignKey(
        Room, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions", verbose_name=_("room")
    )
    is_public = models.BooleanField(_("public"), default=True)
    # Incremented on every change so that calendars (iCalendar SEQUENCE) pick up the update.
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    # History is registered in translation.py, after the translated fields exist.

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "starts_at", "room__ordering", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"),
            models.UniqueConstraint(
                fields=["meeting", "slug"],
                name="session_slug_unique_in_meeting",
                violation_error_message=_("Another session of this meeting has this slug."),
            ),
            models.UniqueConstraint(
                fields=["meeting", "external_id"],
                condition=~Q(external_id=""),
                name="session_external_id_unique_in_meeting",
                violation_error_message=_("Another session of this meeting has this external id."),
            ),
        ]
        # On PostgreSQL, migration 0002 adds the exclusion constraint session_room_no_overlap.

    def __str__(self):
        return self.title

    @property
    def language_name(self):
        """The language spoken, named in itself (“français”); empty when interpreted."""
        return LANG_INFO.get(self.language, {}).get("name_local", "")

    @property
    def is_break(self):
        return bool(self.type_id and self.type.is_break)

    def get_absolute_url(self):
        return reverse("sessions:session_detail", kwargs={"meeting_slug": self.meeting.slug, "slug": self.slug})

    @property
    def local_starts_at(self):
        return self.starts_at.astimezone(self.meeting.tzinfo)

    @property
    def local_ends_at(self):
        return self.ends_at.astimezone(self.meeting.tzinfo)

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("A session must end after it starts.")
        if self.meeting_id and self.starts_at and self.ends_at and not errors:
            meeting = self.meeting
            first, last = meeting.local_bounds()
            if self.starts_at < first or self.ends_at > last:
                errors["starts_at"] = _(
                    "The session must take place within the meeting's days, %(start)s to %(end)s, "
                    "in the meeting's time zone (%(timezone)s)."
                ) % {"start": meeting.start_date, "end": meeting.end_date, "timezone": meeting.timezone}
        if self.room_id and self.meeting_id and self.room.meeting_id != self.meeting_id:
            errors["room"] = _("This room belongs to another meeting.")
        if self.type_id and self.meeting_id and self.type.meeting_id != self.meeting_id:
            errors["type"] = _("This session type belongs to another meeting.")
        if self.room_id and self.starts_at and self.ends_at and not errors:
            clash = (
                Session.objects.overlapping(room_id=self.room_id, starts_at=self.starts_at, ends_at=self.ends_at)
                .exclude(pk=self.pk)
                .first()
            )
            if clash:
                errors["room"] = _("%(room)s is already taken at that time by “%(session)s”.") % {
                    "room": self.room,
                    "session": clash,
                }
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.pk:
            # From the row, not from this copy: a copy read before another change must not reuse its number.
            stored = Session.objects.filter(pk=self.pk).values_list("sequence", flat=True).first()
            self.sequence = (stored if stored is not None else self.sequence) + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "sequence"}
        super().save(*args, **kwargs)


class SessionRoleQuerySet(VisibleQuerySet):
    def public_filter(self):
        return Q(
            session__is_public=True, session__meeting__status__in=Meeting.PUBLIC_STATUSES, person__listed_publicly=True
        )

    def meetings_filter(self, meeting_ids):
        return Q(session__meeting__in=meeting_ids)


class SessionRole(TimeStampedModel):
    class Role(models.TextChoices):
        CHAIR = "chair", _("chair")
        CO_CHAIR = "co_chair", _("co-chair")
        MODERATOR = "moderator", _("moderator")
        KEYNOTE = "keynote", _("keynote speaker")
        SPEAKER = "speaker", _("speaker")
        RAPPORTEUR = "rapporteur", _("rapporteur")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="roles", verbose_name=_("session"))
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="session_roles", verbose_name=_("person"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.SPEAKER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    subject = models.CharField(_("subject"), max_length=300, blank=True, help_text=_("E.g. “Welcome address”"))
    # History is registered in translation.py, after the translated fields exist.

    objects = SessionRoleQuerySet.as_manager()

    class Meta:
        ordering = ["session", "order", "id"]
        verbose_name = _("session role")
        verbose_name_plural = _("session roles")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person", "role"],
                name="session_role_unique",
                violation_error_message=_("This person already has this role in this session."),
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()}"
