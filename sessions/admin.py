import zoneinfo
from contextlib import nullcontext

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import TranslatedAdmin, TranslatedTabularInline
from meetings.models import Meeting
from sessions.models import Room, Session, SessionRole, SessionType
from sessions.services import sessions_set_public


@admin.register(Room)
class RoomAdmin(TranslatedAdmin):
    list_display = ("name", "meeting", "capacity", "ordering")
    list_filter = ("meeting",)
    list_select_related = ("meeting",)
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
class SessionAdmin(TranslatedAdmin):
    list_display = (
        "title",
        "meeting",
        "type",
        "language",
        "local_starts_at",
        "local_ends_at",
        "room",
        "theme",
        "is_public",
    )
    list_filter = ("is_public", "type__code", "language", "meeting", "theme")
    list_select_related = ("meeting", "room", "theme", "type")
    search_fields = ("title_en", "title_fr", "title_ar", "slug", "external_id")
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ("title_en",)}
    autocomplete_fields = ("meeting", "room", "type", "theme", "topics")
    readonly_fields = ("sequence", "created_at", "updated_at")
    inlines = [SessionRoleInline]
    actions = ["publish", "unpublish"]

    @admin.display(description=_("starts (local time)"), ordering="starts_at")
    def local_starts_at(self, session):
        return session.local_starts_at.strftime("%Y-%m-%d %H:%M UTC%z")

    @admin.display(description=_("ends (local time)"), ordering="ends_at")
    def local_ends_at(self, session):
        return session.local_ends_at.strftime("%Y-%m-%d %H:%M UTC%z")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("starts_at", "ends_at"):
            field.help_text = _("In the meeting's own time zone.")
        return field

    def _meeting_timezone(self, request, object_id):
        """The time zone in which the officer reads and types this session's times."""
        if object_id:
            name = Session.objects.filter(pk=object_id).values_list("meeting__timezone", flat=True).first()
        else:
            meeting_id = request.POST.get("meeting") or request.GET.get("meeting")
            name = (
                Meeting.objects.filter(pk=meeting_id).values_list("timezone", flat=True).first()
                if meeting_id and str(meeting_id).isdigit()
                else None
            )
        return zoneinfo.ZoneInfo(name) if name else None

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        tzinfo = self._meeting_timezone(request, object_id)
        with timezone.override(tzinfo) if tzinfo else nullcontext():
            response = super().changeform_view(request, object_id, form_url, extra_context)
            # Render inside the override so that the form shows local times too.
            if hasattr(response, "render"):
                response.render()
        return response

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
    list_filter = ("role",)
    list_select_related = ("person", "session")
    search_fields = ("person__family_name_en", "session__title_en", "subject_en")
    autocomplete_fields = ("session", "person")


class RoomInline(TranslatedTabularInline):
    """A meeting's rooms, shown in the meeting admin (secretariat/admin.py)."""

    model = Room
    fields = ("name", "capacity", "ordering")
