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
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from agreements.admin import CommitmentAdmin
from agreements.models import Commitment
from meetings.admin import DocumentInline, MeetingAdmin
from meetings.models import Meeting
from participants.admin import DelegationInline, ParticipantAdmin, PersonAdmin
from participants.models import Participant, Person
from secretariat import admin_actions, checkin, dashboard, exports, job_views, prepare_next, privacy, reports, workspace
from secretariat.importing import programme as importing_programme
from secretariat.importing import views as importing
from secretariat.jobs import jobs_fail_lost
from secretariat.models import Job
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
    list_display = ("title", "workspace_link", "start_date", "end_date", "city", "status")

    @admin.display(description=_("workspace"))
    def workspace_link(self, meeting):
        url = reverse("admin:meetings_meeting_workspace", args=[meeting.pk])
        return format_html('<a href="{}">{}</a>', url, _("Workspace: every tool"))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:
            # A new meeting starts with the UN kinds of session it was not given in the inline.
            session_types_add_defaults(meeting=form.instance)

    def get_urls(self):
        return [
            *_admin_views(
                self,
                ("<int:object_id>/workspace/", workspace.workspace_view, "meetings_meeting_workspace"),
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
                (
                    "import/template.<str:file_format>",
                    importing.import_template_view,
                    "participants_participant_import_template",
                ),
                ("export/", exports.export_view, "participants_participant_export"),
                ("checkin/", checkin.checkin_choose_meeting_view, "participants_participant_checkin_choose"),
                ("checkin/<int:meeting_id>/", checkin.checkin_view, "participants_participant_checkin"),
                ("checkin/<int:meeting_id>/json/", checkin.checkin_json_view, "participants_participant_checkin_json"),
            ),
            *super().get_urls(),
        ]


@admin.register(Person)
class PersonWorkspaceAdmin(PersonAdmin):
    actions = [*(PersonAdmin.actions or ()), privacy.export_everything, privacy.erase_people]


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


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """The secretariat's long jobs: every staff member sees the jobs they started (those with the permission to view
    jobs see all of them); nobody adds, changes or deletes one here."""

    list_display = ["__str__", "meeting", "requested_by", "status", job_views.progress_column, job_views.created_column]
    list_filter = ["status"]
    list_select_related = ["meeting", "requested_by"]
    list_per_page = 50

    def get_queryset(self, request):
        return job_views.visible_jobs(request)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        jobs_fail_lost()
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return job_views.job_page_view(request, object_id, model_admin=self)

    def get_urls(self):
        return [
            *_admin_views(
                self,
                ("<int:object_id>/status/", job_views.job_status_view, "secretariat_job_status"),
                ("<int:object_id>/download/", job_views.job_download_view, "secretariat_job_download"),
            ),
            *super().get_urls(),
        ]


# The admin's home page opens on the current meeting's tools (secretariat/workspace.py).
admin.site.index_template = "admin/convene_index.html"
