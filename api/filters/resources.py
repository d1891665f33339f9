import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agreements.models import Commitment, Instrument
from api.access import get_access
from api.filters.base import ConveneFilterSet, IntegerFilter, MeetingSlugFilter
from core.timezones import local_days_bounds
from meetings.models import Meeting, MeetingSeries, Theme
from participants.models import Delegation, Organization, Participant, Person, Position
from sessions.models import Room, Session, SessionRole, SessionType


class SeriesFilter(ConveneFilterSet):
    class Meta:
        model = MeetingSeries
        fields = ["periodicity"]


class ThemeFilter(ConveneFilterSet):
    meeting = MeetingSlugFilter(path="meetings")

    class Meta:
        model = Theme
        fields = []


class MeetingFilter(ConveneFilterSet):
    series = django_filters.CharFilter(field_name="series__slug", label=_("Series (slug)"))
    status = django_filters.ChoiceFilter(choices=Meeting.Status.choices)
    kind = django_filters.ChoiceFilter(choices=Meeting.Kind.choices)
    country = django_filters.CharFilter(method="filter_country", help_text=_("ISO 3166-1 alpha-2 code, e.g. KZ."))
    year = IntegerFilter(field_name="start_date", lookup_expr="year", max_value=9999, label=_("Year it starts"))
    date_after = django_filters.DateFilter(
        field_name="end_date", lookup_expr="gte", label=_("Meetings still going on or after this date (YYYY-MM-DD)")
    )
    date_before = django_filters.DateFilter(
        field_name="start_date", lookup_expr="lte", label=_("Meetings starting on or before this date (YYYY-MM-DD)")
    )

    class Meta:
        model = Meeting
        fields = []

    def filter_country(self, queryset, name, value):
        return queryset.filter(country=value.upper())


class RoomFilter(ConveneFilterSet):
    meeting = MeetingSlugFilter()

    class Meta:
        model = Room
        fields = []


class SessionTypeFilter(ConveneFilterSet):
    meeting = MeetingSlugFilter()

    class Meta:
        model = SessionType
        fields = ["code", "is_break"]


class SessionFilter(ConveneFilterSet):
    meeting = MeetingSlugFilter()
    day = django_filters.DateFilter(method="filter_day", label=_("Day (YYYY-MM-DD), in the meeting's time zone"))
    theme = django_filters.CharFilter(field_name="theme__slug", label=_("Theme (slug)"))
    room = IntegerFilter(field_name="room_id", label=_("Room (id)"))
    type = django_filters.CharFilter(field_name="type__code", label=_("Session type (code)"))
    language = django_filters.CharFilter(
        field_name="language", label=_("Language spoken (ISO 639-1); empty for interpreted sessions")
    )
    external_id = django_filters.CharFilter(field_name="external_id", label=_("External id"))
    speaker = django_filters.CharFilter(method="filter_speaker", label=_("Person with a role in the session (slug)"))

    class Meta:
        model = Session
        fields = []

    def filter_day(self, queryset, name, value):
        # Each meeting has its own time zone, so the day is a different UTC interval for each.
        condition = Q(pk__in=[])
        timezones = Meeting.objects.filter(pk__in=queryset.values("meeting_id")).values_list("timezone", flat=True)
        for tz_name in set(timezones):
            tzinfo = Meeting(timezone=tz_name).tzinfo
            start, end = local_days_bounds(value, value, tzinfo)
            condition |= Q(meeting__timezone=tz_name, starts_at__gte=start, starts_at__lt=end)
        return queryset.filter(condition)

    def filter_speaker(self, queryset, name, value):
        # Through the roles and people this client sees, so that a hidden role or person finds nothing.
        access = get_access(self.request)
        people = Person.objects.visible_to(access).filter(slug=value)
        roles = SessionRole.objects.visible_to(access).filter(person__in=people)
        return queryset.filter(pk__in=roles.values("session_id"))


class OrganizationFilter(ConveneFilterSet):
    meeting = MeetingSlugFilter(path="delegations__meeting", help_text=_("Organizations with a delegation there."))
    kind = django_filters.ChoiceFilter(choices=Organization.Kind.choices)
    country = django_filters.CharFilter(method="filter_country", help_text=_("ISO 3166-1 alpha-2 code, e.g. KZ."))

    class Meta:
        model = Organization
        fields = []

    def filter_country(self, queryset, name, value):
        return queryset.filter(country=value.upper())


class PersonFilter(ConveneFilterSet):
    slug = django_filters.CharFilter(field_name="slug", label=_("Slug"))
    meeting = django_filters.CharFilter(
        method="filter_meeting",
        label=_("Meeting (slug)"),
        help_text=_("People taking part in the meeting: participants and people with a role in a session."),
    )
    organization = django_filters.CharFilter(
        method="filter_organization", label=_("Organization (slug): its delegates and staff")
    )

    class Meta:
        model = Person
        fields = []

    def filter_meeting(self, queryset, name, value):
        access = get_access(self.request)
        meetings = Meeting.objects.visible_to(access).filter(slug=value)
        participations = Participant.objects.visible_to(access).filter(meeting__in=meetings)
        roles = SessionRole.objects.visible_to(access).filter(session__meeting__in=meetings)
        return queryset.filter(Q(pk__in=participations.values("person_id")) | Q(pk__in=roles.values("person_id")))

    def filter_organization(self, queryset, name, value):
        # Through visible positions and participations only: a declined invitation is nobody's business.
        access = get_access(self.request)
        positions = Position.objects.visible_to(access).filter(organization__slug=value)
        participations = Participant.objects.visible_to(access).filter(delegation__organization__slug=value)
        return queryset.filter(Q(pk__in=positions.values("person_id")) | Q(pk__in=participations.values("person_id")))


class DelegationFilter(ConveneFilterSet):
    meeting = MeetingSlugFilter()
    organization = django_filters.CharFilter(field_name="organization__slug", label=_("Organization (slug)"))
    role = django_filters.ChoiceFilter(choices=Delegation.Role.choices)

    class Meta:
        model = Delegation
        fields = []


class ParticipantFilter(ConveneFilterSet):
    meeting = MeetingSlugFilter()
    organization = django_filters.CharFilter(
        field_name="delegation__organization__slug", label=_("Organization (slug)")
    )
    delegation = IntegerFilter(field_name="delegation_id", label=_("Delegation (id)"))
    person = django_filters.CharFilter(field_name="person__slug", label=_("Person (slug)"))
    role = django_filters.ChoiceFilter(choices=Participant.Role.choices)
    status = django_filters.ChoiceFilter(choices=Participant.Status.choices)

    class Meta:
        model = Participant
        fields = []


class InstrumentFilter(ConveneFilterSet):
    kind = django_filters.ChoiceFilter(choices=Instrument.Kind.choices)
    status = django_filters.ChoiceFilter(choices=Instrument.Status.choices)
    party = django_filters.CharFilter(method="filter_party", label=_("Party (acronym or slug of the organization)"))
    country = django_filters.CharFilter(
        method="filter_country", label=_("Country covered (ISO 3166-1 alpha-2 code, e.g. KZ)")
    )
    signed_after = django_filters.DateFilter(
        field_name="signed_on", lookup_expr="gte", label=_("Signed on or after (YYYY-MM-DD)")
    )
    signed_before = django_filters.DateFilter(
        field_name="signed_on", lookup_expr="lte", label=_("Signed on or before (YYYY-MM-DD)")
    )
    meeting = MeetingSlugFilter(path="signed_at", help_text=_("The meeting at which it was signed or announced."))
    theme = django_filters.CharFilter(field_name="themes__slug", distinct=True, label=_("Theme (slug)"))

    class Meta:
        model = Instrument
        fields = []

    def filter_party(self, queryset, name, value):
        acronym = Q()
        for code in ("en", "fr", "ar"):
            acronym |= Q(**{f"parties__organization__acronym_{code}__iexact": value})
        return queryset.filter(acronym | Q(parties__organization__slug=value)).distinct()

    def filter_country(self, queryset, name, value):
        code = value.strip().upper()
        if len(code) != 2 or not code.isalpha():
            return queryset.none()
        # Countries are stored as "KZ,TJ": a two-letter code cannot straddle a comma.
        return queryset.filter(countries__contains=code)


class CommitmentFilter(ConveneFilterSet):
    meeting = MeetingSlugFilter(path="agreed_at", help_text=_("The meeting at which it was agreed."))
    theme = django_filters.CharFilter(field_name="theme__slug", label=_("Theme (slug)"))
    lead_organization = django_filters.CharFilter(
        field_name="lead_organization__slug", label=_("Lead organization (slug)")
    )
    status = django_filters.ChoiceFilter(choices=Commitment.Status.choices)

    class Meta:
        model = Commitment
        fields = []
