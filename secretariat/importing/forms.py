"""The admin's import forms: the upload, and the confirmation that carries the previewed file."""

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
    filename = forms.CharField(widget=forms.HiddenInput, required=False)
    content = forms.CharField(widget=forms.HiddenInput)
