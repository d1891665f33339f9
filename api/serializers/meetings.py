from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied

from api.serializers.base import ConveneSerializer, NestedChildren, TranslatedField, WebUrlField
from meetings.models import Meeting, MeetingSeries, Theme, Topic


class MeetingSeriesSerializer(ConveneSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:series-detail")
    name = TranslatedField(required=True)
    description = TranslatedField()

    class Meta(ConveneSerializer.Meta):
        model = MeetingSeries
        fields = ["id", "url", "slug", "name", "acronym", "periodicity", "description"]


class TopicSerializer(ConveneSerializer):
    id = serializers.IntegerField(required=False, help_text="Give it to change this topic; leave it out to add one.")
    name = TranslatedField(required=True)

    class Meta(ConveneSerializer.Meta):
        model = Topic
        fields = ["id", "name", "ordering"]


class ThemeSerializer(ConveneSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:theme-detail")
    name = TranslatedField(required=True)
    description = TranslatedField()
    topics = TopicSerializer(many=True, required=False, help_text="Writing the list replaces the theme's topics.")

    nested_children = {"topics": NestedChildren("topics", "theme")}

    class Meta(ConveneSerializer.Meta):
        model = Theme
        fields = ["id", "url", "slug", "name", "description", "ordering", "topics"]


class MeetingSerializer(ConveneSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:meeting-detail", lookup_field="slug")
    web_url = WebUrlField()
    schedule_url = serializers.SerializerMethodField()
    title = TranslatedField(required=True)
    city = TranslatedField(required=True)
    venue = TranslatedField()
    description = TranslatedField()

    class Meta(ConveneSerializer.Meta):
        model = Meeting
        fields = [
            "id",
            "url",
            "web_url",
            "schedule_url",
            "slug",
            "series",
            "number",
            "title",
            "kind",
            "status",
            "start_date",
            "end_date",
            "timezone",
            "city",
            "country",
            "venue",
            "description",
            "themes",
            "reported_attendance",
        ]

    def meeting_id_of(self, instance):
        return instance.pk

    def check_write_access(self, instance):
        # A new meeting is nobody's yet: any writer may create one, except a key limited to given meetings.
        if instance.pk is None and self.access.meeting_limit is not None:
            raise PermissionDenied(_("This API key may not change records of this meeting."))
        super().check_write_access(instance)

    def get_web_url(self, meeting):
        if not meeting.is_public:
            return None
        return self.web_url_for("meetings:meeting_detail", slug=meeting.slug)

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_schedule_url(self, meeting):
        return self.request.build_absolute_uri(reverse("api:meeting-schedule", kwargs={"slug": meeting.slug}))
