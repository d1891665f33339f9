import datetime
import zoneinfo
from functools import cache, cached_property

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.access import VisibleQuerySet
from core.models import TimeStampedModel
from core.timezones import local_days_bounds
from core.uploads import DOCUMENT_TYPES, check_uploads


@cache
def iana_time_zones():
    """The IANA names this machine's tz database knows: read once per process (a walk of ~600 files, ~10 ms)."""
    return frozenset(zoneinfo.available_timezones())


def validate_timezone(value):
    if value not in iana_time_zones():
        raise ValidationError(
            _("“%(value)s” is not an IANA time zone name such as Asia/Almaty."), params={"value": value}
        )


class ThemeQuerySet(VisibleQuerySet):
    shared = True

    def meetings_filter(self, meeting_ids):
        return (
            Q(meetings__in=meeting_ids)
            | Q(sessions__meeting__in=meeting_ids)
            | Q(instruments__signed_at__in=meeting_ids)
            | Q(commitments__agreed_at__in=meeting_ids)
        )


class Theme(TimeStampedModel):
    """A cluster of cooperation that recurs from meeting to meeting (e.g. political affairs)."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    ordering = models.PositiveSmallIntegerField(_("ordering"), default=0)
    # History is registered in translation.py, after the translated fields exist.

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["ordering", "id"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name


class TopicQuerySet(VisibleQuerySet):
    shared = True

    def meetings_filter(self, meeting_ids):
        return Q(theme__meetings__in=meeting_ids) | Q(sessions__meeting__in=meeting_ids)


class Topic(TimeStampedModel):
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="topics", verbose_name=_("theme"))
    name = models.CharField(_("name"), max_length=300)
    ordering = models.PositiveSmallIntegerField(_("ordering"), default=0)
    # History is registered in translation.py, after the translated fields exist.

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["theme__ordering", "ordering", "id"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class MeetingSeriesQuerySet(VisibleQuerySet):
    shared = True

    def meetings_filter(self, meeting_ids):
        return Q(meetings__in=meeting_ids)


class MeetingSeries(TimeStampedModel):
    class Periodicity(models.TextChoices):
        ANNUAL = "annual", _("annual")
        BIENNIAL = "biennial", _("biennial")
        TRIENNIAL = "triennial", _("triennial")
        AD_HOC = "ad_hoc", _("ad hoc")

    name = models.CharField(_("name"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    periodicity = models.CharField(
        _("periodicity"), max_length=20, choices=Periodicity.choices, default=Periodicity.BIENNIAL
    )
    description = models.TextField(_("description"), blank=True)
    # History is registered in translation.py, after the translated fields exist.

    objects = MeetingSeriesQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")

    def __str__(self):
        return self.name


class MeetingQuerySet(VisibleQuerySet):
    hides_links = True

    def public_filter(self):
        return Q(status__in=Meeting.PUBLIC_STATUSES)

    def meetings_filter(self, meeting_ids):
        return Q(pk__in=meeting_ids)


class Meeting(TimeStampedModel):
    class Kind(models.TextChoices):
        GENERAL_MEETING = "general_meeting", _("general meeting")
        SUMMIT = "summit", _("summit")
        CONFERENCE = "conference", _("conference")
        MINISTERIAL = "ministerial", _("ministerial meeting")
        EXPERT_GROUP = "expert_group", _("expert group meeting")
        WORKSHOP = "workshop", _("workshop")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        CANCELLED = "cancelled", _("cancelled")

    # A cancelled meeting stays visible so that delegates learn it is cancelled.
    PUBLIC_STATUSES = (Status.PUBLISHED, Status.CANCELLED)

    series = models.ForeignKey(
        MeetingSeries,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("series"),
    )
    number = models.PositiveSmallIntegerField(_("number in the series"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.GENERAL_MEETING)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_timezone],
        help_text=_("IANA name of the meeting's local time zone, e.g. Asia/Almaty."),
    )
    city = models.CharField(_("city"), max_length=120)
    country = CountryField(_("country"))
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="meetings", verbose_name=_("themes"))
    reported_attendance = models.PositiveIntegerField(
        _("reported attendance"),
        null=True,
        blank=True,
        help_text=_("Number of participants announced, e.g. in the press release."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    contact_retention_days = models.PositiveIntegerField(
        _("keep contact details for (days)"),
        null=True,
        blank=True,
        help_text=_(
            "Days after the meeting ends when its participants' email addresses and phone numbers are erased "
            "(manage.py erase_expired_contacts), unless they take part in a meeting still keeping them. "
            "Empty: kept until erased by hand."
        ),
    )
    last_badge_number = models.PositiveIntegerField(
        _("last badge number issued"),
        default=0,
        editable=False,
        help_text=_("Badge numbers are never reused within a meeting."),
    )
    # History is registered in translation.py, after the translated fields exist.

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="meeting_ends_on_or_after_start"),
            models.UniqueConstraint(
                fields=["series", "number"],
                condition=Q(series__isnull=False, number__isnull=False),
                name="meeting_number_unique_in_series",
                violation_error_message=_("This series already has a meeting with this number."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.start_date.year})" if self.start_date else self.title

    def keeps_contacts_on(self, day) -> bool:
        """Whether its participants' contact details are still kept on that day (the retention rule)."""
        if self.contact_retention_days is None:
            return True
        return day <= self.end_date + datetime.timedelta(days=self.contact_retention_days)

    @property
    def short_label(self):
        """“UN–OIC 16 (2024)”: the series' acronym and the meeting's number, else the title cut short (admin lists)."""
        year = f" ({self.start_date.year})" if self.start_date else ""
        if self.series_id and self.series.acronym and self.number:
            return f"{self.series.acronym} {self.number}{year}"
        return Truncator(self.title).chars(24) + year

    # A bound on the length keeps the programme (schedule.json, the day tabs) a reasonable size.
    MAX_DAYS = 60

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The meeting cannot end before it starts.")})
        if self.start_date and self.end_date and (self.end_date - self.start_date).days >= self.MAX_DAYS:
            raise ValidationError(
                {"end_date": _("A meeting lasts at most %(days)d days: check the end date.") % {"days": self.MAX_DAYS}}
            )
        if self.pk and self.start_date and self.end_date and self.timezone in iana_time_zones():
            self._check_sessions_still_inside()

    def _check_sessions_still_inside(self):
        """New dates or a new time zone must keep every session of the meeting within its days."""
        first, last = self.local_bounds()
        outside = self.sessions.exclude(starts_at__gte=first, ends_at__lte=last).order_by("starts_at").first()
        if outside:
            raise ValidationError(
                {
                    "start_date": _("The session “%(session)s” would fall outside the meeting's days; move it first.")
                    % {"session": outside}
                }
            )

    def local_bounds(self):
        """The first and last instants of the meeting: midnight to midnight in its own time zone."""
        return local_days_bounds(self.start_date, self.end_date, zoneinfo.ZoneInfo(self.timezone))

    def get_absolute_url(self):
        return reverse("meetings:meeting_detail", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        return self.status in self.PUBLIC_STATUSES

    @cached_property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(self.timezone)

    def _series_neighbours(self):
        if not self.series_id or self.number is None:
            return Meeting.objects.none()
        return Meeting.objects.filter(series_id=self.series_id).exclude(pk=self.pk)

    @cached_property
    def previous_meeting(self):
        """The meeting of the same series with the highest lower number (derived, never stored)."""
        return self._series_neighbours().filter(number__lt=self.number).order_by("-number").first()

    @cached_property
    def next_meeting(self):
        return self._series_neighbours().filter(number__gt=self.number).order_by("number").first()


class DocumentQuerySet(VisibleQuerySet):
    def public_filter(self):
        return Q(is_published=True, meeting__status__in=Meeting.PUBLIC_STATUSES)

    def meetings_filter(self, meeting_ids):
        return Q(meeting__in=meeting_ids)


class Document(TimeStampedModel):
    class Kind(models.TextChoices):
        PRESS_RELEASE = "press_release", _("press release")
        CONCEPT_NOTE = "concept_note", _("concept note")
        AGENDA = "agenda", _("agenda")
        REPORT = "report", _("report")
        LIST_OF_PARTICIPANTS = "list_of_participants", _("list of participants")
        STATEMENT = "statement", _("statement")
        OUTCOME = "outcome", _("outcome document")
        OTHER = "other", _("other")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents", verbose_name=_("meeting"))
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="documents/%Y/", blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    ordering = models.PositiveSmallIntegerField(_("ordering"), default=0)
    # History is registered in translation.py, after the translated fields exist.

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "ordering", "id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        check_uploads(self, "file", DOCUMENT_TYPES)
