"""The admin page "prepare the next meeting" of a meeting (the dashboard is in secretariat/dashboard.py)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.admin_views import staff_view_check
from meetings.models import Meeting
from secretariat.services import meeting_prepare_next


class PrepareNextForm(forms.Form):
    start_date = forms.DateField(label=gettext_lazy("start date"), widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(
        label=gettext_lazy("end date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Leave empty for a meeting as long as this one."),
    )
    title_en = forms.CharField(label=gettext_lazy("title (English)"), required=False, max_length=300)
    slug = forms.SlugField(label=gettext_lazy("slug"), required=False, max_length=120)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The meeting cannot end before it starts."))
        return cleaned


def prepare_next_view(request, object_id, *, model_admin):
    meeting = get_object_or_404(Meeting, pk=object_id)
    staff_view_check(request, model_admin, meeting)
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    years = {"biennial": 2, "triennial": 3}.get(meeting.series.periodicity if meeting.series_id else "", 1)
    try:
        suggested = meeting.start_date.replace(year=meeting.start_date.year + years)
    except ValueError:  # 29 February
        suggested = meeting.start_date.replace(year=meeting.start_date.year + years, day=28)
    form = PrepareNextForm(request.POST or None, initial={"start_date": suggested})
    if request.method == "POST" and form.is_valid():
        try:
            next_meeting = meeting_prepare_next(
                meeting=meeting,
                start_date=form.cleaned_data["start_date"],
                end_date=form.cleaned_data["end_date"],
                title_en=form.cleaned_data["title_en"],
                slug=form.cleaned_data["slug"],
            )
        except ValidationError as error:
            for field, errors in (
                error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
            ).items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            model_admin.message_user(
                request,
                _("%(meeting)s prepared as a draft: check its title, place and sessions before publishing it.")
                % {"meeting": next_meeting},
                messages.SUCCESS,
            )
            return redirect(reverse("admin:meetings_meeting_change", args=[next_meeting.pk]))
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "original": meeting,
        "meeting": meeting,
        "form": form,
        "title": _("Prepare the meeting after %(meeting)s") % {"meeting": meeting},
    }
    return TemplateResponse(request, "admin/meetings/meeting/prepare_next.html", context)
