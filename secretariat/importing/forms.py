"""The admin's import forms: the upload, and the confirmation that names the previewed file kept on the server."""

from django import forms
from django.utils.translation import gettext_lazy

from meetings.models import Meeting


class ImportForm(forms.Form):
    meeting = forms.ModelChoiceField(queryset=Meeting.objects.all(), label=gettext_lazy("meeting"))
    file = forms.FileField(
        label=gettext_lazy("file"), help_text=gettext_lazy("CSV (UTF-8) or XLSX; the first row names the columns.")
    )


class ConfirmForm(forms.Form):
    meeting = forms.ModelChoiceField(queryset=Meeting.objects.all(), widget=forms.HiddenInput)
    # The previewed file stays on the server (secretariat/importing/views.py); the page sends back only its token,
    # so the confirmation is small whatever the file's size.
    token = forms.RegexField(regex=r"^[A-Za-z0-9_-]{20,64}$", widget=forms.HiddenInput)
