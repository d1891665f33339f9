"""The secretariat's workspace in the admin: the ONE registered meeting admin, with every inline of the apps built
on meetings and the meeting's pages (dashboard, prepare the next meeting), and the participant and commitment admins
with the secretariat's workflows (badges, exports, imports, check-in desk, follow-up report).

The domain apps define these ModelAdmins without registering them, so that none of them reaches upward: they are
completed and registered here, the one layer that may know every domain app.
"""

from functools import partial

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from agreements.admin import CommitmentAdmin
from agreements.models import Commitment
from meetings.admin import DocumentInline, MeetingAdmin
from meetings.models import Meeting
from participants.admin import DelegationInline, ParticipantAdmin
from participants.models import Participant
from secretariat import admin_actions, checkin, dashboard, exports, prepare_next, reports
from secretariat.importing import programme as importing_programme
from secretariat.importing import views as importing
from sessions.admin import RoomInline, SessionTypeInline
from sessions.services import session_types_add_defaults


def _admin_views(model_admin, *routes):
    """URL patterns for views called as `view(request, …, model_admin=…)`, behind the admin's login."""
    return [
        path(route, model_admin.admin_site.admin_view(partial(view, model_admin=model_admin)), name=name)
        for route, view, name in routes
    ]


@admin.register(Meeting)
class MeetingWorkspaceAdmin(MeetingAdmin):
    inlines = [DelegationInline, DocumentInline, RoomInline, SessionTypeInline]
    actions = [*MeetingAdmin.actions, "prepare_next_meeting"]
    change_form_template = "admin/meetings/meeting/change_form.html"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:
            # A new meeting starts with the UN kinds of session it was not given in the inline.
            session_types_add_defaults(meeting=form.instance)

    def get_urls(self):
        return [
            *_admin_views(
                self,
                ("<int:object_id>/dashboard/", dashboard.dashboard_view, "meetings_meeting_dashboard"),
                ("<int:object_id>/prepare-next/", prepare_next.prepare_next_view, "meetings_meeting_prepare_next"),
                (
                    "<int:object_id>/import-programme/",
                    importing_programme.import_programme_view,
                    "meetings_meeting_import_programme",
                ),
            ),
            *super().get_urls(),
        ]

    @admin.action(description=_("Prepare the next meeting of the series"), permissions=["add"])
    def prepare_next_meeting(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Select exactly one meeting to prepare the next one."), messages.ERROR)
            return None
        return redirect(reverse("admin:meetings_meeting_prepare_next", args=[queryset.get().pk]))


@admin.register(Participant)
class ParticipantWorkspaceAdmin(ParticipantAdmin):
    actions = [
        *ParticipantAdmin.actions,
        admin_actions.print_badges,
        admin_actions.print_badges_a4,
        admin_actions.rotate_checkin_key,
        admin_actions.export_xlsx,
        admin_actions.export_pdf,
    ]
    change_list_template = "admin/participants/participant/change_list.html"

    def get_urls(self):
        return [
            *_admin_views(
                self,
                ("import/", importing.import_view, "participants_participant_import"),
                ("export/", exports.export_view, "participants_participant_export"),
                ("checkin/", checkin.checkin_choose_meeting_view, "participants_participant_checkin_choose"),
                ("checkin/<int:meeting_id>/", checkin.checkin_view, "participants_participant_checkin"),
            ),
            *super().get_urls(),
        ]


@admin.register(Commitment)
class CommitmentWorkspaceAdmin(CommitmentAdmin):
    change_list_template = "admin/agreements/commitment/change_list.html"

    def get_urls(self):
        return [
            *_admin_views(
                self,
                ("follow-up/", reports.followup_choose_view, "agreements_commitment_followup_choose"),
                ("follow-up/<int:meeting_id>/", reports.followup_view, "agreements_commitment_followup"),
            ),
            *super().get_urls(),
        ]
