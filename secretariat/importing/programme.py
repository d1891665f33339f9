"""The admin's page for a whole programme: upload, preview of every session (a dry run that writes nothing),
confirm (which saves every entry or none). The reading and the writing are sessions.interchange's."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.admin_views import staff_view_check
from core.languages import LANGUAGE_CODES
from meetings.models import Meeting
from secretariat.importing.views import keep_for_confirmation, take_for_confirmation
from sessions.interchange import FORMATS, ProgrammeError, ProgrammeImportError, programme_import, read_programme

TEMPLATE = "admin/meetings/meeting/import_programme.html"


def _language_choices():
    return [("", gettext_lazy("each session's own language"))] + [(code, code) for code in LANGUAGE_CODES]


class ProgrammeUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("file"),
        help_text=gettext_lazy("schedule.json (c3voc, frab, pretalx), schedule.xml (frab, pretalx) or Indico JSON."),
    )
    language = forms.ChoiceField(label=gettext_lazy("language of the texts"), required=False, choices=())
    format = forms.ChoiceField(
        label=gettext_lazy("format"),
        choices=[("auto", gettext_lazy("recognised from the file")), *[(name, name) for name in FORMATS]],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _language_choices()


class ProgrammeConfirmForm(forms.Form):
    token = forms.RegexField(regex=r"^[A-Za-z0-9_-]{20,64}$", widget=forms.HiddenInput)
    language = forms.ChoiceField(required=False, choices=(), widget=forms.HiddenInput)
    format = forms.ChoiceField(
        choices=[("auto", "auto"), *[(name, name) for name in FORMATS]], widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _language_choices()


def _run(meeting, content, data, *, dry_run, change_reason):
    return programme_import(
        meeting=meeting,
        programme=read_programme(content, format=data["format"]),
        language=data["language"] or None,
        dry_run=dry_run,
        change_reason=change_reason,
    )


def import_programme_view(request, object_id, *, model_admin):
    staff_view_check(request, model_admin)
    meeting = get_object_or_404(Meeting, pk=object_id)
    if not model_admin.has_change_permission(request, meeting):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "original": meeting,
        "meeting": meeting,
        "title": _("Import a programme into %(meeting)s") % {"meeting": meeting},
    }
    change_reason = _("programme import")
    form = ProgrammeUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and "confirm" in request.POST:
        confirm = ProgrammeConfirmForm(request.POST)
        kept = take_for_confirmation(request, confirm.data.get("token", "")) if confirm.is_valid() else None
        if kept is None:
            messages.error(request, _("This preview has expired or was already confirmed: upload the file again."))
            return redirect(request.path)
        try:
            report = _run(meeting, kept[0], confirm.cleaned_data, dry_run=False, change_reason=change_reason)
        except (ProgrammeError, ProgrammeImportError) as error:
            context.update(errors=getattr(error, "report", None) and error.report.errors, form=form)
            messages.error(request, _("Nothing was saved: the data changed since the preview. See the errors below."))
            return TemplateResponse(request, TEMPLATE, context)
        counts = report.summary()["sessions"]
        model_admin.message_user(
            request,
            _("Programme imported: %(created)d sessions created, %(updated)d updated, %(unchanged)d unchanged.")
            % {
                "created": counts.get("created", 0),
                "updated": counts.get("updated", 0),
                "unchanged": counts.get("unchanged", 0),
            },
            messages.SUCCESS,
        )
        return redirect(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            report = _run(meeting, content, form.cleaned_data, dry_run=True, change_reason=change_reason)
        except ProgrammeError as error:
            form.add_error("file", str(error))
        except ProgrammeImportError as error:
            context.update(report=error.report, errors=error.report.errors)
        else:
            context.update(
                report=report,
                confirm_form=ProgrammeConfirmForm(
                    initial={
                        "token": keep_for_confirmation(request, content=content, filename=upload.name),
                        "language": form.cleaned_data["language"],
                        "format": form.cleaned_data["format"],
                    }
                ),
            )
    context["form"] = form
    return TemplateResponse(request, TEMPLATE, context)
