"""What every back-office list and form of a meeting's records shares: the meeting as a short label, a filter
that opens on the meeting at hand, and times shown in the meeting's own zone, named with its offset
(core.timezones.local_time: the one rule for times in the admin)."""

import zoneinfo
from contextlib import nullcontext

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.timezones import local_time, zone_label
from meetings.models import Meeting
from meetings.selectors import current_meeting

ALL_MEETINGS = "all"


MEETING = _("meeting")


def meeting_column(path: str = "meeting", *, description=MEETING):
    """A list column showing the meeting at ``path`` (“UN–OIC 16 (2024)”), its full title on hover."""

    @admin.display(description=description, ordering=f"{path}__start_date")
    def column(record):
        meeting = record
        for name in path.split("__"):
            meeting = getattr(meeting, name, None)
        if meeting is None:
            return "—"
        return format_html('<span title="{}">{}</span>', meeting.title, meeting.short_label)

    column.__name__ = f"{path}_label"
    return column


def local_time_column(field: str, *, meeting_path: str = "meeting", description):
    """A list column showing ``field`` in the meeting's zone: “2024-07-22 14:02 (Asia/Almaty, UTC+05:00)”."""

    @admin.display(description=description, ordering=field)
    def column(record):
        meeting = record
        for name in meeting_path.split("__"):
            meeting = getattr(meeting, name, None)
        value = getattr(record, field)
        if value is None:
            return "—"
        return local_time(value, meeting.tzinfo if meeting is not None else timezone.get_current_timezone())

    column.__name__ = f"local_{field}"
    return column


def meeting_filter(path: str = "meeting"):
    """A list filter on the meeting at ``path`` that opens on the current meeting (meetings.selectors), with
    “All meetings” one click away. Actions (POST) see exactly the rows that were ticked, whatever the filter."""

    class MeetingFilter(admin.SimpleListFilter):
        title = _("meeting")
        parameter_name = f"{path}__id__exact"

        def __init__(self, request, params, model, model_admin):
            self._request = request
            super().__init__(request, params, model, model_admin)

        def lookups(self, request, model_admin):
            meetings = Meeting.objects.select_related("series").order_by("-start_date", "-id")[:30]
            return [(str(meeting.pk), meeting.short_label) for meeting in meetings]

        def value(self):
            chosen = super().value()
            if chosen is None and self._request.method == "GET":
                meeting = current_meeting()
                return str(meeting.pk) if meeting else None
            return chosen

        def queryset(self, request, queryset):
            chosen = self.value()
            if chosen is None or chosen == ALL_MEETINGS or not str(chosen).isdigit():
                return queryset
            return queryset.filter(**{f"{path}__id": int(chosen)})

        def choices(self, changelist):
            chosen = self.value()
            yield {
                "selected": chosen in (None, ALL_MEETINGS),
                "query_string": changelist.get_query_string({self.parameter_name: ALL_MEETINGS}),
                "display": _("All meetings"),
            }
            for lookup, title in self.lookup_choices:
                yield {
                    "selected": chosen == lookup,
                    "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                    "display": title,
                }

    return MeetingFilter


class MeetingTimeZoneMixin:
    """A record's change form and its history shown in its meeting's time zone, named on the page.

    ``meeting_path``: the lookup from the record to its meeting ("meeting", "session__meeting"; "" for a meeting).
    """

    meeting_path = "meeting"

    def meeting_timezone(self, request, object_id):
        if object_id and str(object_id).isdigit():
            field = f"{self.meeting_path}__timezone" if self.meeting_path else "timezone"
            name = self.model._default_manager.filter(pk=object_id).values_list(field, flat=True).first()
        else:
            meeting_id = request.POST.get("meeting") or request.GET.get("meeting")
            name = (
                Meeting.objects.filter(pk=meeting_id).values_list("timezone", flat=True).first()
                if meeting_id and str(meeting_id).isdigit()
                else None
            )
        return zoneinfo.ZoneInfo(name) if name else None

    def _in_meeting_zone(self, request, object_id, view, *args, **kwargs):
        tzinfo = self.meeting_timezone(request, object_id)
        extra_context = kwargs.pop("extra_context", None) or {}
        if tzinfo is not None:
            extra_context["admin_time_zone"] = zone_label(tzinfo)
        with timezone.override(tzinfo) if tzinfo else nullcontext():
            response = view(request, object_id, *args, extra_context=extra_context, **kwargs)
            # Render inside the override so that the page shows local times too.
            if hasattr(response, "render"):
                response.render()
        return response

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return self._in_meeting_zone(request, object_id, super().changeform_view, form_url, extra_context=extra_context)

    def history_view(self, request, object_id, extra_context=None):
        return self._in_meeting_zone(request, object_id, super().history_view, extra_context=extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        tzinfo = self.meeting_timezone(request, object_id)
        extra_context = {**(extra_context or {}), **({"admin_time_zone": zone_label(tzinfo)} if tzinfo else {})}
        with timezone.override(tzinfo) if tzinfo else nullcontext():
            response = super().history_form_view(request, object_id, version_id, extra_context=extra_context)
            if hasattr(response, "render"):
                response.render()
        return response
