from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import HistoryAdmin, TranslatedAdmin, TranslatedTabularInline
from meetings.admin_lists import MeetingTimeZoneMixin, local_time_column, meeting_column, meeting_filter
from participants.forms import ParticipantAdminForm, participant_save_from_form
from participants.models import Delegation, Organization, Participant, Position
from participants.services import participant_delete, participants_change_status, people_set_listed_publicly


def _report_listing(model_admin, request, changed, listed):
    model_admin.message_user(
        request,
        (
            ngettext(
                "%(count)d person now listed publicly: %(people)s.",
                "%(count)d people now listed publicly: %(people)s.",
                len(changed),
            )
            if listed
            else ngettext(
                "%(count)d person no longer listed publicly: %(people)s.",
                "%(count)d people no longer listed publicly: %(people)s.",
                len(changed),
            )
        )
        % {"count": len(changed), "people": ", ".join(str(person) for person in changed) or "—"},
        messages.SUCCESS,
    )


class PositionInline(TranslatedTabularInline):
    model = Position
    fk_name = "person"
    fields = ("organization", "title", "start_date", "end_date")
    autocomplete_fields = ("organization",)


@admin.register(Organization)
class OrganizationAdmin(TranslatedAdmin):
    list_display = ("name", "acronym", "kind", "parent", "country")
    list_filter = ("kind", "country")
    list_select_related = ("parent",)
    search_fields = ("name_en", "name_fr", "name_ar", "acronym_en", "acronym_fr", "acronym_ar", "slug")
    prepopulated_fields = {"slug": ("acronym_en",)}
    autocomplete_fields = ("parent",)


class PersonAdmin(TranslatedAdmin):
    """Not registered here: secretariat/admin.py registers it with the privacy actions (export, erase)."""

    list_display = ("__str__", "nationality", "email", "listed_publicly")
    list_filter = ("listed_publicly", "nationality")
    search_fields = ("given_name_en", "family_name_en", "given_name_ar", "family_name_ar", "email", "slug")
    prepopulated_fields = {"slug": ("given_name_en", "family_name_en")}
    inlines = [PositionInline]
    actions = ["list_publicly", "stop_listing_publicly"]
    fieldsets = (
        (None, {"fields": ("honorific_prefix", "given_name", "family_name", "slug", "nationality")}),
        (_("Public profile"), {"fields": ("biography", "photo", "listed_publicly")}),
        (_("Private contact details"), {"fields": ("email", "phone", "notes")}),
    )

    @admin.action(description=_("List the selected people publicly (they consented)"), permissions=["change"])
    def list_publicly(self, request, queryset):
        _report_listing(self, request, people_set_listed_publicly(people=queryset, listed=True), True)

    @admin.action(description=_("Stop listing the selected people publicly"), permissions=["change"])
    def stop_listing_publicly(self, request, queryset):
        _report_listing(self, request, people_set_listed_publicly(people=queryset, listed=False), False)


@admin.register(Position)
class PositionAdmin(TranslatedAdmin):
    list_display = ("person", "title", "organization", "start_date", "end_date")
    list_filter = ("organization__kind",)
    list_select_related = ("person", "organization")
    search_fields = ("title_en", "title_fr", "person__family_name_en", "organization__acronym_en")
    autocomplete_fields = ("person", "organization")


class ParticipantInline(admin.TabularInline):
    model = Participant
    form = ParticipantAdminForm
    fields = ("person", "position", "role", "status", "badge_number")
    readonly_fields = ("badge_number",)
    autocomplete_fields = ("person", "position")
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "position__organization")


@admin.register(Delegation)
class DelegationAdmin(HistoryAdmin):
    list_display = ("organization", meeting_column(), "role", "ordering")
    list_filter = (meeting_filter(), "role")
    list_select_related = ("organization", "meeting__series")
    search_fields = ("organization__name_en", "organization__acronym_en", "meeting__title_en")
    autocomplete_fields = ("meeting", "organization")
    inlines = [ParticipantInline]

    def save_formset(self, request, form, formset, change):
        # Participants carry their delegation's meeting so that the database can hold per-meeting rules.
        forms_by_participant = {id(participant_form.instance): participant_form for participant_form in formset.forms}
        if formset.model is not Participant:
            return super().save_formset(request, form, formset, change)
        for participant in formset.save(commit=False):
            participant.meeting_id = form.instance.meeting_id
            participant_save_from_form(participant=participant, form=forms_by_participant[id(participant)])
        for deleted in formset.deleted_objects:
            participant_delete(participant=deleted)
        formset.save_m2m()


class ParticipantAdmin(MeetingTimeZoneMixin, HistoryAdmin):
    """Participants and their workflow (status transitions). Not registered here: secretariat/admin.py registers
    it with the badge, export and check-in actions and the import, export and check-in pages."""

    form = ParticipantAdminForm
    list_display = (
        "person",
        "delegation_name",
        "role",
        "status",
        "badge_number",
        local_time_column("checked_in_at", description=_("checked in at")),
        meeting_column(),
    )
    list_filter = (meeting_filter(), "status", "role", "delegation__organization")
    list_select_related = ("person", "delegation__organization", "meeting__series")
    search_fields = ("person__given_name_en", "person__family_name_en", "person__email", "badge_number")
    autocomplete_fields = ("delegation", "person", "position")
    readonly_fields = ("meeting", "badge_number", "badge_printed_at", "checked_in_at")
    actions = [
        "mark_registered",
        "mark_accredited",
        "mark_attended",
        "mark_declined",
        "mark_cancelled",
        "list_publicly",
    ]

    @admin.display(description=_("delegation"), ordering="delegation__organization__slug")
    def delegation_name(self, participant):
        return participant.delegation.organization

    def save_model(self, request, obj, form, change):
        participant_save_from_form(participant=obj, form=form)

    def delete_model(self, request, obj):
        participant_delete(participant=obj)

    def delete_queryset(self, request, queryset):
        for participant in queryset:
            participant_delete(participant=participant)

    def _change_status(self, request, queryset, status):
        changed, refused = participants_change_status(participants=queryset.select_related("person"), status=status)
        if changed:
            self.message_user(
                request,
                ngettext(
                    "%(count)d participant now %(status)s: %(people)s.",
                    "%(count)d participants now %(status)s: %(people)s.",
                    len(changed),
                )
                % {
                    "count": len(changed),
                    "status": Participant.Status(status).label,
                    "people": ", ".join(str(participant.person) for participant in changed),
                },
                messages.SUCCESS,
            )
        for _participant, reason in refused:
            self.message_user(request, _("Refused: %(reason)s") % {"reason": reason}, messages.WARNING)

    @admin.action(description=_("List the selected participants publicly (they consented)"), permissions=["change"])
    def list_publicly(self, request, queryset):
        people = [participant.person for participant in queryset.select_related("person")]
        _report_listing(self, request, people_set_listed_publicly(people=people, listed=True), True)

    @admin.action(description=_("Mark the selected participants registered"), permissions=["change"])
    def mark_registered(self, request, queryset):
        self._change_status(request, queryset, Participant.Status.REGISTERED)

    @admin.action(description=_("Mark the selected participants accredited"), permissions=["change"])
    def mark_accredited(self, request, queryset):
        self._change_status(request, queryset, Participant.Status.ACCREDITED)

    @admin.action(description=_("Mark the selected participants attended"), permissions=["change"])
    def mark_attended(self, request, queryset):
        self._change_status(request, queryset, Participant.Status.ATTENDED)

    @admin.action(description=_("Mark the selected participants declined"), permissions=["change"])
    def mark_declined(self, request, queryset):
        self._change_status(request, queryset, Participant.Status.DECLINED)

    @admin.action(description=_("Mark the selected participants cancelled"), permissions=["change"])
    def mark_cancelled(self, request, queryset):
        self._change_status(request, queryset, Participant.Status.CANCELLED)


class DelegationInline(admin.TabularInline):
    """A meeting's delegations, shown in the meeting admin (secretariat/admin.py)."""

    model = Delegation
    fields = ("organization", "role", "ordering")
    autocomplete_fields = ("organization",)
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization")
