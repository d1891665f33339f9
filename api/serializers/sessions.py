from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.base import ConveneSerializer, NestedChildren, TranslatedField, WebUrlField
from sessions.models import Room, Session, SessionRole


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
    """ISO 8601 with the offset of the meeting's time zone; any offset is accepted on input."""

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
            "kind",
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
        return super().to_representation(instance)

    @extend_schema_field({"type": "string", "example": "Asia/Almaty"})
    def get_timezone(self, session):
        return session.meeting.timezone

    def get_web_url(self, session):
        if not (session.is_public and session.meeting.is_public):
            return None
        return self.web_url_for("sessions:session_detail", meeting_slug=session.meeting.slug, slug=session.slug)
