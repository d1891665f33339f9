from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import serializers as drf_serializers
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from agreements.models import Commitment, CommitmentUpdate, Instrument, Party, Signature
from api.exceptions import django_validation_error_detail
from api.filters import resources as filters
from api.filters.base import translated
from api.parsers import ConveneJSONParser
from api.rows import RelatedRows
from api.serializers import agreements, meetings, participants, sessions
from api.views.base import ConveneViewSet
from core.languages import LANGUAGE_CODES
from meetings.models import Meeting, MeetingSeries, Theme, Topic
from participants.models import Delegation, Organization, Participant, Person
from participants.services import participant_change_status
from sessions.models import Room, Session, SessionRole, SessionType

# The orderings of Topic and Theme (their Meta), read through a many-to-many table.
TOPIC_ORDER = [f"topic__{name}" for name in Topic._meta.ordering or ()]
THEME_ORDER = [f"theme__{name}" for name in Theme._meta.ordering or ()]
ROLE_SUBJECTS = tuple(f"subject_{code}" for code in LANGUAGE_CODES)


class SeriesViewSet(ConveneViewSet):
    """Meeting series, such as the biennial UN–OIC General Meetings."""

    model = MeetingSeries
    serializer_class = meetings.MeetingSeriesSerializer
    filterset_class = filters.SeriesFilter
    search_fields = [*translated("name"), "acronym", "slug"]
    ordering_fields = ["slug", "name"]
    ordering = ["slug"]


class ThemeViewSet(ConveneViewSet):
    """Clusters of cooperation that recur from meeting to meeting, with their topics."""

    model = Theme
    serializer_class = meetings.ThemeSerializer
    filterset_class = filters.ThemeFilter
    search_fields = [*translated("name"), "slug"]
    ordering_fields = ["ordering", "slug", "name"]
    ordering = ["ordering"]

    def related(self, queryset):
        topics = Topic.objects.visible_to(self.access).order_by("ordering", "id")
        return queryset.prefetch_related(Prefetch("topics", queryset=topics))


class MeetingViewSet(ConveneViewSet):
    """Meetings; looked up by slug. Anonymous clients see published and cancelled meetings only."""

    model = Meeting
    serializer_class = meetings.MeetingSerializer
    filterset_class = filters.MeetingFilter
    search_fields = [*translated("title", "city"), "slug"]
    lookup_field = "slug"
    ordering_fields = ["start_date", "end_date", "number", "slug", "title"]
    ordering = ["-start_date"]

    def related(self, queryset):
        return queryset.prefetch_related("themes")


class RoomViewSet(ConveneViewSet):
    model = Room
    serializer_class = sessions.RoomSerializer
    filterset_class = filters.RoomFilter
    search_fields = translated("name")
    ordering_fields = ["ordering", "name", "capacity"]
    ordering = ["meeting_id", "ordering"]


class SessionTypeViewSet(ConveneViewSet):
    """The kinds of session of a meeting's programme (plenary, talk, workshop, break…), each with a stable code."""

    model = SessionType
    serializer_class = sessions.SessionTypeSerializer
    filterset_class = filters.SessionTypeFilter
    search_fields = [*translated("name"), "code"]
    ordering_fields = ["ordering", "code", "name"]
    ordering = ["meeting_id", "ordering"]


class SessionViewSet(ConveneViewSet):
    """Sessions with their chairs, speakers and other roles; times in the meeting's time zone."""

    model = Session
    serializer_class = sessions.SessionSerializer
    filterset_class = filters.SessionFilter
    search_fields = translated("title", "description")
    ordering_fields = ["starts_at", "ends_at", "slug", "title"]
    ordering = ["starts_at"]

    def roles(self):
        return SessionRole.objects.visible_to(self.access).order_by("order", "id")

    def related(self, queryset):
        if self.is_read():
            # Reads: the roles and topics come as plain rows (related_rows), the meeting once for the page
            # (prefetched, not one copy per row), without the columns no answer shows. Writes keep the managers:
            # they replace the roles and read them again.
            return queryset.select_related("type").prefetch_related("meeting").defer("created_at", "updated_at")
        return queryset.select_related("meeting", "type").prefetch_related("topics", Prefetch("roles", self.roles()))

    def related_rows(self):
        return [
            RelatedRows("topics", Session.topics.through.objects.order_by(*TOPIC_ORDER), "session_id", (), "topic_id"),
            RelatedRows("roles", self.roles(), "session_id", ("id", "person_id", "role", "order", *ROLE_SUBJECTS)),
        ]


class OrganizationViewSet(ConveneViewSet):
    """Member states, UN entities, OIC institutions and the other organizations that take part."""

    model = Organization
    serializer_class = participants.OrganizationSerializer
    filterset_class = filters.OrganizationFilter
    search_fields = [*translated("name", "acronym"), "slug"]
    ordering_fields = ["slug", "name", "kind"]
    ordering = ["slug"]


class PersonViewSet(ConveneViewSet):
    """People who consented to be listed; contact details only for clients allowed to read private data."""

    model = Person
    public_serializer_class = participants.PersonPublicSerializer
    private_serializer_class = participants.PersonPrivateSerializer
    filterset_class = filters.PersonFilter
    # JSON for everything, multipart for the photo.
    parser_classes = [ConveneJSONParser, MultiPartParser, FormParser]
    search_fields = translated("given_name", "family_name")
    ordering_fields = ["slug", "family_name", "given_name"]
    ordering = ["sort_name"]


class DelegationViewSet(ConveneViewSet):
    model = Delegation
    public_serializer_class = participants.DelegationPublicSerializer
    private_serializer_class = participants.DelegationPrivateSerializer
    filterset_class = filters.DelegationFilter
    search_fields = translated("organization__name", "organization__acronym")
    ordering_fields = ["ordering", "role"]
    ordering = ["meeting_id", "ordering"]


class ParticipantViewSet(ConveneViewSet):
    """Participants listed publicly; badge numbers, notes and check-in times only for clients reading private data."""

    model = Participant
    public_serializer_class = participants.ParticipantPublicSerializer
    private_serializer_class = participants.ParticipantPrivateSerializer
    filterset_class = filters.ParticipantFilter
    search_fields = translated("person__given_name", "person__family_name")
    ordering_fields = ["role", "status"]
    ordering = ["meeting_id", "delegation_id"]

    @extend_schema(request=participants.ParticipantTransitionSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, *args, **kwargs):
        """Move the participant to the next step of the workflow (registered, accredited, attended…)."""
        participant = self.get_object()
        body = participants.ParticipantTransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        if self.access.change_reason:
            participant._change_reason = self.access.change_reason
        try:
            participant = participant_change_status(participant=participant, status=body.validated_data["status"])
        except DjangoValidationError as exc:
            detail = django_validation_error_detail(exc)
            raise drf_serializers.ValidationError({"status": detail.get("non_field_errors", detail)}) from None
        participant = self.get_queryset().get(pk=participant.pk)
        return Response(self.get_serializer(participant).data)


class InstrumentViewSet(ConveneViewSet):
    """Letters of intent, memoranda and agreements, with parties and signatures; looked up by slug."""

    model = Instrument
    serializer_class = agreements.InstrumentSerializer
    filterset_class = filters.InstrumentFilter
    search_fields = [*translated("title", "summary"), "reference", "slug"]
    lookup_field = "slug"
    ordering_fields = ["signed_on", "slug", "title", "status"]
    ordering = ["-signed_on", "slug"]

    def related(self, queryset):
        parties = Party.objects.order_by("order", "id")
        signatures = Signature.objects.select_related("party", "person").order_by("order", "id")
        if self.is_read():
            # Reads: prefetched into lists, without the columns no answer shows, as for sessions (InstrumentReader in
            # api/serializers/agreements.py reads them). Writes keep the managers: they replace parties and
            # signatures and read them again.
            unshown = ("created_at", "updated_at")
            return queryset.defer(*unshown).prefetch_related(
                Prefetch("parties", parties.defer(*unshown), to_attr="api_parties"),
                Prefetch("signatures", signatures.defer(*unshown), to_attr="api_signatures"),
            )
        return queryset.prefetch_related("themes", Prefetch("parties", parties), Prefetch("signatures", signatures))

    def related_rows(self):
        themes = Instrument.themes.through.objects.order_by(*THEME_ORDER)
        return [RelatedRows("themes", themes, "instrument_id", (), "theme_id")]


class CommitmentViewSet(ConveneViewSet):
    """Rows of the agreed Matrix of cooperation, with the updates reported since."""

    model = Commitment
    serializer_class = agreements.CommitmentSerializer
    filterset_class = filters.CommitmentFilter
    search_fields = [*translated("title", "description"), "reference"]
    ordering_fields = ["reference", "due_on", "status"]
    ordering = ["reference"]

    def related(self, queryset):
        updates = CommitmentUpdate.objects.visible_to(self.access).order_by("reported_on", "id")
        return queryset.prefetch_related("partner_organizations", Prefetch("updates", updates))
