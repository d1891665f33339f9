from django.core.exceptions import ValidationError
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


class SessionQuerySet(VisibleQuerySet):
    def public_filter(self):
        return Q(is_public=True, meeting__status__in=Meeting.PUBLIC_STATUSES)

    def meetings_filter(self, meeting_ids):
        return Q(meeting__in=meeting_ids)

    def overlapping(self, *, room_id, starts_at, ends_at):
        return self.filter(room_id=room_id, starts_at__lt=ends_at, ends_at__gt=starts_at)


class Session(TimeStampedModel):
    class Kind(models.TextChoices):
        OPENING_CEREMONY = "opening_ceremony", _("opening ceremony")
        PLENARY = "plenary", _("plenary")
        WORKING_SESSION = "working_session", _("working session")
        SIDE_EVENT = "side_event", _("side event")
        SIGNING_CEREMONY = "signing_ceremony", _("signing ceremony")
        BREAK = "break", _("break")
        CLOSING = "closing", _("closing session")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("meeting"))
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.WORKING_SESSION)
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
        ]
        # On PostgreSQL, migration 0002 adds the exclusion constraint session_room_no_overlap.

    def __str__(self):
        return self.title

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
