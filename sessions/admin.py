from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import TranslatedAdmin, TranslatedTabularInline
from core.timezones import zone_label
from meetings.admin_lists import MeetingTimeZoneMixin, local_time_column, meeting_column, meeting_filter
from sessions.models import Room, Session, SessionRole, SessionType
from sessions.services import sessions_set_public


@admin.register(Room)
class RoomAdmin(TranslatedAdmin):
    list_display = ("name", meeting_column(), "capacity", "ordering")
    list_filter = (meeting_filter(),)
    list_select_related = ("meeting__series",)
    search_fields = ("name_en", "name_fr", "name_ar", "meeting__title_en")
    autocomplete_fields = ("meeting",)


@admin.register(SessionType)
class SessionTypeAdmin(TranslatedAdmin):
    list_display = ("name", "code", "meeting", "colour", "is_break", "ordering")
    list_filter = ("is_break", "meeting")
    list_select_related = ("meeting",)
    search_fields = ("name_en", "name_fr", "name_ar", "code")
    autocomplete_fields = ("meeting",)


class SessionTypeInline(TranslatedTabularInline):
    """A meeting's session types, shown in the meeting admin (secretariat/admin.py)."""

    model = SessionType
    fields = ("code", "name", "colour", "is_break", "ordering")
    extra = 0


class SessionRoleInline(TranslatedTabularInline):
    model = SessionRole
    fields = ("person", "role", "subject", "order")
    autocomplete_fields = ("person",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


@admin.register(Session)
class SessionAdmin(MeetingTimeZoneMixin, TranslatedAdmin):
    list_display = (
        "title",
        meeting_column(),
        "type",
        "language",
        local_time_column("starts_at", description=_("starts (meeting's time)")),
        "room",
        "theme",
        "is_public",
    )
    list_filter = (meeting_filter(), "is_public", "type__code", "language", "theme")
    list_select_related = ("meeting__series", "room", "theme", "type")
    search_fields = ("title_en", "title_fr", "title_ar", "slug", "external_id")
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ("title_en",)}
    autocomplete_fields = ("meeting", "room", "type", "theme", "topics")
    readonly_fields = ("sequence", "created_at", "updated_at")
    inlines = [SessionRoleInline]
    actions = ["publish", "unpublish"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("starts_at", "ends_at"):
            # Built inside MeetingTimeZoneMixin's override: the current zone is the meeting's.
            field.help_text = _("In the meeting's own time zone: %(zone)s.") % {
                "zone": zone_label(timezone.get_current_timezone())
            }
        return field

    def _set_public(self, request, queryset, is_public):
        changed = sessions_set_public(sessions=queryset.select_related("meeting"), is_public=is_public)
        self.message_user(
            request,
            ngettext("%(count)d session changed.", "%(count)d sessions changed.", len(changed))
            % {"count": len(changed)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Make the selected sessions public"), permissions=["change"])
    def publish(self, request, queryset):
        self._set_public(request, queryset, True)

    @admin.action(description=_("Hide the selected sessions from the public"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_public(request, queryset, False)


@admin.register(SessionRole)
class SessionRoleAdmin(TranslatedAdmin):
    list_display = ("person", "role", "session", "subject", "order")
    list_filter = (meeting_filter("session__meeting"), "role")
    list_select_related = ("person", "session")
    search_fields = ("person__family_name_en", "session__title_en", "subject_en")
    autocomplete_fields = ("session", "person")


class RoomInline(TranslatedTabularInline):
    """A meeting's rooms, shown in the meeting admin (secretariat/admin.py)."""

    model = Room
    fields = ("name", "capacity", "ordering")
