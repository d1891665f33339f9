from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.base import (
    ConveneSerializer,
    NestedChildren,
    RowReader,
    TranslatedField,
    WebUrlField,
    hidden_link_model,
    prefetched_rows,
    text_representation,
)
from meetings.models import Meeting
from sessions.models import Room, Session, SessionRole, SessionType


class SessionTypeSerializer(ConveneSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:sessiontype-detail")
    name = TranslatedField(required=True)

    class Meta(ConveneSerializer.Meta):
        model = SessionType
        fields = ["id", "url", "meeting", "code", "name", "colour", "is_break", "ordering"]


class RoomSerializer(ConveneSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:room-detail")
    name = TranslatedField(required=True)

    class Meta(ConveneSerializer.Meta):
        model = Room
        fields = ["id", "url", "meeting", "name", "capacity", "ordering"]


class SessionRoleSerializer(ConveneSerializer):
    id = serializers.IntegerField(required=False, help_text="Give it to change this role; leave it out to add one.")
    subject = TranslatedField()

    class Meta(ConveneSerializer.Meta):
        model = SessionRole
        fields = ["id", "person", "role", "order", "subject"]


class LocalDateTimeField(serializers.DateTimeField):
    """ISO 8601 with the offset of the meeting's time zone; any offset is accepted on input, none is refused."""

    default_error_messages = {
        "naive": _(
            "Give the offset: a time without one is ambiguous. In the meeting's time zone (%(timezone)s) "
            "this is %(local)s; in UTC, end it with Z."
        ),
    }

    def to_internal_value(self, value):
        try:
            parsed = parse_datetime(value) if isinstance(value, str) else None
        except ValueError:  # well formed but impossible ("10:75"): DateTimeField refuses it with its own message
            parsed = None
        if parsed is not None and parsed.tzinfo is None:
            meeting = self.parent.meeting_for_input()
            tzinfo = meeting.tzinfo if meeting is not None else None
            raise serializers.ValidationError(
                self.error_messages["naive"]
                % {
                    "timezone": meeting.timezone if meeting is not None else "UTC",
                    "local": parsed.replace(tzinfo=tzinfo).isoformat() if tzinfo else parsed.isoformat() + "Z",
                },
                code="naive",
            )
        return super().to_internal_value(value)

    def to_representation(self, value):
        meeting = self.parent.instance_meeting
        if meeting is not None and value is not None:
            value = value.astimezone(meeting.tzinfo)
        return value.isoformat() if value is not None else None


class SessionSerializer(ConveneSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:session-detail")
    web_url = WebUrlField()
    title = TranslatedField(required=True)
    description = TranslatedField()
    type = serializers.SlugRelatedField(
        slug_field="code",
        queryset=SessionType.objects.all(),
        required=False,
        allow_null=True,
        help_text="The code of one of the meeting's session types (GET /api/v1/session-types/?meeting=…).",
    )
    language = serializers.ChoiceField(
        choices=list(Session._meta.get_field("language").choices or ()),
        required=False,
        allow_blank=True,
        help_text="ISO 639-1 code of the language spoken; empty when interpreted into the meeting's languages.",
    )
    starts_at = LocalDateTimeField()
    ends_at = LocalDateTimeField()
    timezone = serializers.SerializerMethodField(help_text="IANA name of the meeting's time zone.")
    roles = SessionRoleSerializer(many=True, required=False, help_text="Writing the list replaces the roles.")

    nested_children = {"roles": NestedChildren("roles", "session")}
    instance_meeting = None

    class Meta(ConveneSerializer.Meta):
        model = Session
        fields = [
            "id",
            "url",
            "web_url",
            "meeting",
            "slug",
            "external_id",
            "type",
            "language",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "timezone",
            "room",
            "theme",
            "topics",
            "is_public",
            "roles",
        ]

    def to_representation(self, instance):
        self.instance_meeting = instance.meeting
        reader = SessionReader.of(self)
        return reader.represent(instance) if reader else super().to_representation(instance)

    def meeting_for_input(self):
        """The meeting a write is about: the one given, else the session's own."""
        meeting_id = self.initial_data.get("meeting") if isinstance(self.initial_data, dict) else None
        if meeting_id is not None and str(meeting_id).isdigit():
            return Meeting.objects.filter(pk=meeting_id).first()
        return self.instance.meeting if isinstance(self.instance, Session) else None

    def to_internal_value(self, data):
        # A type's code is unique only within its meeting: look it up among that meeting's types.
        meeting = self.meeting_for_input() if isinstance(data, dict) else None
        self.fields["type"].queryset = SessionType.objects.filter(meeting=meeting)
        return super().to_internal_value(data)

    @extend_schema_field({"type": "string", "example": "Asia/Almaty"})
    def get_timezone(self, session):
        return session.meeting.timezone

    def get_web_url(self, session):
        if not (session.is_public and session.meeting.is_public):
            return None
        return self.web_url_for("sessions:session_detail", meeting_slug=session.meeting.slug, slug=session.slug)


class SessionReader(RowReader):
    """SessionSerializer's representation written directly: a list of 100 sessions spent most of its time in DRF's
    per-field machinery and in related managers (docs/PERFORMANCE.md). The answer is the one the declared fields
    give (tests/api/test_sessions_representation.py compares them); the declared fields still make the schema and
    read writes. Used only when the serializer's fields are the declared ones and no link may be hidden."""

    FIELDS = [
        "id",
        "url",
        "web_url",
        "meeting",
        "slug",
        "external_id",
        "type",
        "language",
        "title",
        "description",
        "starts_at",
        "ends_at",
        "timezone",
        "room",
        "theme",
        "topics",
        "is_public",
        "roles",
    ]
    ROLE_FIELDS = ["id", "person", "role", "order", "subject"]

    @classmethod
    def applies_to(cls, serializer):
        fields = serializer.fields
        return (
            serializer.request is not None  # HyperlinkedIdentityField refuses to work without one
            and list(fields) == cls.FIELDS
            and list(fields["roles"].child.fields) == cls.ROLE_FIELDS
            and not any(hidden_link_model(Session, name) for name in ("meeting", "room", "theme", "topics"))
            and hidden_link_model(SessionRole, "person") is None
        )

    def represent(self, session):
        meeting = session.meeting
        tzinfo = meeting.tzinfo
        order = self.order
        kind = session.type
        return {
            "id": session.pk,
            "url": self.url(session),
            "web_url": self.serializer.get_web_url(session),
            "meeting": session.meeting_id,
            "slug": session.slug,
            "external_id": session.external_id,
            "type": kind.code if kind is not None else None,
            "language": session.language,
            "title": text_representation(session, "title", order),
            "description": text_representation(session, "description", order),
            "starts_at": session.starts_at.astimezone(tzinfo).isoformat(),
            "ends_at": session.ends_at.astimezone(tzinfo).isoformat(),
            "timezone": meeting.timezone,
            "room": session.room_id,
            "theme": session.theme_id,
            "topics": [topic.pk for topic in prefetched_rows(session, "topics")],
            "is_public": session.is_public,
            "roles": [
                {
                    "id": role.pk,
                    "person": role.person_id,
                    "role": role.role,
                    "order": role.order,
                    "subject": text_representation(role, "subject", order),
                }
                for role in prefetched_rows(session, "roles")
            ],
        }
