from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import TranslatedAdmin, TranslatedTabularInline
from meetings.admin_lists import MeetingTimeZoneMixin, meeting_column, meeting_filter
from meetings.models import Document, Meeting, MeetingSeries, Theme, Topic
from meetings.services import meetings_set_status


class TopicInline(TranslatedTabularInline):
    model = Topic
    fields = ("name", "ordering")


@admin.register(Theme)
class ThemeAdmin(TranslatedAdmin):
    list_display = ("name", "slug", "ordering", "topic_count")
    list_editable = ("ordering",)
    search_fields = ("name_en", "name_fr", "name_ar", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [TopicInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(topic_count=Count("topics"))

    @admin.display(description=_("topics"), ordering="topic_count")
    def topic_count(self, theme):
        return theme.topic_count


@admin.register(Topic)
class TopicAdmin(TranslatedAdmin):
    list_display = ("name", "theme", "ordering")
    list_filter = ("theme",)
    list_select_related = ("theme",)
    search_fields = ("name_en", "name_fr", "name_ar")
    autocomplete_fields = ("theme",)


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(TranslatedAdmin):
    list_display = ("name", "acronym", "periodicity")
    list_filter = ("periodicity",)
    search_fields = ("name_en", "name_fr", "name_ar", "acronym")
    prepopulated_fields = {"slug": ("acronym",)}


class DocumentInline(TranslatedTabularInline):
    model = Document
    fields = ("kind", "title", "file", "is_published", "published_on", "ordering")


class MeetingAdmin(MeetingTimeZoneMixin, TranslatedAdmin):
    """The meeting's own fields and status actions. Not registered here: secretariat/admin.py registers the one
    meeting admin, with the inlines of the apps above meetings (delegations, rooms) and the workspace's pages."""

    meeting_path = ""
    list_display = ("title", "number", "series", "start_date", "end_date", "city", "country", "status")
    list_filter = ("status", "kind", "series", "country")
    list_select_related = ("series",)
    search_fields = ("title_en", "title_fr", "title_ar", "slug", "city_en", "city_fr")
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ("title_en",)}
    autocomplete_fields = ("series",)
    filter_horizontal = ("themes",)
    readonly_fields = ("last_badge_number", "created_at", "updated_at")
    inlines = [DocumentInline]
    actions = ["publish", "unpublish"]
    fieldsets = (
        (None, {"fields": ("series", "number", "title", "slug", "kind", "status")}),
        (_("When and where"), {"fields": ("start_date", "end_date", "timezone", "city", "country", "venue")}),
        (_("Content"), {"fields": ("description", "themes", "reported_attendance")}),
        (_("Privacy"), {"fields": ("contact_retention_days",)}),
        (_("Record"), {"fields": ("last_badge_number", "created_at", "updated_at"), "classes": ("collapse",)}),
    )

    def _set_status(self, request, queryset, status):
        changed = meetings_set_status(meetings=queryset, status=status)
        self.message_user(
            request,
            ngettext("%(count)d meeting changed.", "%(count)d meetings changed.", len(changed))
            % {"count": len(changed)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Publish the selected meetings"), permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Meeting.Status.PUBLISHED)

    @admin.action(description=_("Unpublish the selected meetings (back to draft)"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Meeting.Status.DRAFT)


@admin.register(Document)
class DocumentAdmin(TranslatedAdmin):
    list_display = ("title", "kind", meeting_column(), "is_published", "published_on")
    list_filter = (meeting_filter(), "kind", "is_published")
    list_select_related = ("meeting__series",)
    search_fields = ("title_en", "title_fr", "title_ar")
    autocomplete_fields = ("meeting",)
