from django.db.models import Exists, OuterRef, Prefetch, Q

from agreements.models import Commitment, CommitmentUpdate, Instrument, Party, Signature
from api.filters import resources as filters
from api.filters.base import translated
from api.serializers import agreements, meetings, participants, sessions
from api.views.base import ConveneViewSet
from meetings.models import Meeting, MeetingSeries, Theme, Topic
from participants.models import Delegation, Organization, Participant, Person
from sessions.models import Room, Session, SessionRole


def visible_meeting_records(queryset, access, meeting="meeting", public=None):
    """Records of published meetings, plus those of the meetings whose private data the client may see."""
    if access.private_all:
        return queryset
    public = public if public is not None else Q(**{f"{meeting}__status__in": Meeting.PUBLIC_STATUSES})
    if access.private:
        return queryset.filter(public | Q(**{f"{meeting}__in": access.private_meetings}))
    return queryset.filter(public)


class SeriesViewSet(ConveneViewSet):
    """Meeting series, such as the biennial UN–OIC General Meetings."""

    serializer_class = meetings.MeetingSeriesSerializer
    filterset_class = filters.SeriesFilter
    search_fields = [*translated("name"), "acronym", "slug"]
    ordering_fields = ["slug", "name"]
    ordering = ["slug"]

    def get_queryset(self):
        return MeetingSeries.objects.all()


class ThemeViewSet(ConveneViewSet):
    """Clusters of cooperation that recur from meeting to meeting, with their topics."""

    serializer_class = meetings.ThemeSerializer
    filterset_class = filters.ThemeFilter
    search_fields = [*translated("name"), "slug"]
    ordering_fields = ["ordering", "slug", "name"]
    ordering = ["ordering"]

    def get_queryset(self):
        return Theme.objects.prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("ordering", "id")))


class MeetingViewSet(ConveneViewSet):
    """Meetings; looked up by slug. Anonymous clients see published and cancelled meetings only."""

    serializer_class = meetings.MeetingSerializer
    filterset_class = filters.MeetingFilter
    search_fields = [*translated("title", "city"), "slug"]
    lookup_field = "slug"
    ordering_fields = ["start_date", "end_date", "number", "slug", "title"]
    ordering = ["-start_date"]

    def get_queryset(self):
        queryset = Meeting.objects.prefetch_related("themes")
        return visible_meeting_records(
            queryset, self.access, meeting="pk", public=Q(status__in=Meeting.PUBLIC_STATUSES)
        )


class RoomViewSet(ConveneViewSet):
    serializer_class = sessions.RoomSerializer
    filterset_class = filters.RoomFilter
    search_fields = translated("name")
    ordering_fields = ["ordering", "name", "capacity"]
    ordering = ["meeting_id", "ordering"]

    def get_queryset(self):
        return visible_meeting_records(Room.objects.all(), self.access)


class SessionViewSet(ConveneViewSet):
    """Sessions with their chairs, speakers and other roles; times in the meeting's time zone."""

    serializer_class = sessions.SessionSerializer
    filterset_class = filters.SessionFilter
    search_fields = translated("title", "description")
    ordering_fields = ["starts_at", "ends_at", "slug", "title"]
    ordering = ["starts_at"]

    def get_queryset(self):
        access = self.access
        roles = SessionRole.objects.order_by("order", "id")
        if not access.private_all:
            listed = Q(person__listed_publicly=True)
            if access.private:
                listed |= Q(session__meeting__in=access.private_meetings)
            roles = roles.filter(listed)
        queryset = Session.objects.select_related("meeting").prefetch_related("topics", Prefetch("roles", roles))
        public = Q(is_public=True, meeting__status__in=Meeting.PUBLIC_STATUSES)
        return visible_meeting_records(queryset, access, public=public)


class OrganizationViewSet(ConveneViewSet):
    """Member states, UN entities, OIC institutions and the other organizations that take part."""

    serializer_class = participants.OrganizationSerializer
    filterset_class = filters.OrganizationFilter
    search_fields = [*translated("name", "acronym"), "slug"]
    ordering_fields = ["slug", "name", "kind"]
    ordering = ["slug"]

    def get_queryset(self):
        return Organization.objects.all()


class PersonViewSet(ConveneViewSet):
    """People who consented to be listed; contact details only for keys with read:private."""

    serializer_class = participants.PersonSerializer
    filterset_class = filters.PersonFilter
    search_fields = translated("given_name", "family_name")
    ordering_fields = ["slug", "family_name", "given_name"]
    ordering = ["family_name_en", "given_name_en"]

    def get_queryset(self):
        access = self.access
        queryset = Person.objects.all()
        if access.private_all:
            return queryset
        listed = Q(listed_publicly=True)
        if not access.private:
            return queryset.filter(listed)
        in_reach = Exists(Participant.objects.filter(person=OuterRef("pk"), meeting__in=access.private_meetings))
        return queryset.annotate(api_private=in_reach).filter(listed | Q(api_private=True))


class DelegationViewSet(ConveneViewSet):
    serializer_class = participants.DelegationSerializer
    filterset_class = filters.DelegationFilter
    search_fields = translated("organization__name", "organization__acronym")
    ordering_fields = ["ordering", "role"]
    ordering = ["meeting_id", "ordering"]

    def get_queryset(self):
        return visible_meeting_records(Delegation.objects.all(), self.access)


class ParticipantViewSet(ConveneViewSet):
    """Participants listed publicly; badge numbers, notes and check-in times only for read:private keys."""

    serializer_class = participants.ParticipantSerializer
    filterset_class = filters.ParticipantFilter
    search_fields = translated("person__given_name", "person__family_name")
    ordering_fields = ["role", "status"]
    ordering = ["meeting_id", "delegation_id"]

    def get_queryset(self):
        access = self.access
        if access.private_all:
            return Participant.objects.all()
        public = Q(meeting__status__in=Meeting.PUBLIC_STATUSES, person__listed_publicly=True) & ~Q(
            status__in=(Participant.Status.DECLINED, Participant.Status.CANCELLED)
        )
        return visible_meeting_records(Participant.objects.all(), access, public=public)


class InstrumentViewSet(ConveneViewSet):
    """Letters of intent, memoranda and agreements, with parties and signatures; looked up by slug."""

    serializer_class = agreements.InstrumentSerializer
    filterset_class = filters.InstrumentFilter
    search_fields = [*translated("title", "summary"), "reference", "slug"]
    lookup_field = "slug"
    ordering_fields = ["signed_on", "slug", "title", "status"]
    ordering = ["-signed_on", "slug"]

    def get_queryset(self):
        queryset = Instrument.objects.prefetch_related(
            "themes",
            Prefetch("parties", Party.objects.order_by("order", "id")),
            Prefetch("signatures", Signature.objects.select_related("party", "person").order_by("order", "id")),
        )
        public = Q(status__in=Instrument.PUBLIC_STATUSES)
        return visible_meeting_records(queryset, self.access, meeting="signed_at", public=public)


class CommitmentViewSet(ConveneViewSet):
    """Rows of the agreed Matrix of cooperation, with the updates reported since."""

    serializer_class = agreements.CommitmentSerializer
    filterset_class = filters.CommitmentFilter
    search_fields = [*translated("title", "description"), "reference"]
    ordering_fields = ["reference", "due_on", "status"]
    ordering = ["reference"]

    def get_queryset(self):
        queryset = Commitment.objects.prefetch_related(
            "partner_organizations", Prefetch("updates", CommitmentUpdate.objects.order_by("reported_on", "id"))
        )
        public = Q(agreed_at__isnull=True) | Q(agreed_at__status__in=Meeting.PUBLIC_STATUSES)
        return visible_meeting_records(queryset, self.access, meeting="agreed_at", public=public)
