"""Base classes for the secretariat's admin: languages in tabs, history of every change, every write through the
services, and no save made on a stale form."""

from django import forms
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import formats
from django.utils.translation import gettext as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from core.languages import translated_fields
from core.services import record_delete, record_save

# A website typed without a scheme is https (Django 6's default, chosen now).
URL_FIELD_OVERRIDES: dict[type[models.Field], dict[str, str]] = {models.URLField: {"assume_scheme": "https"}}

VERSION_FIELD = "record_version"


def record_version(record) -> str:
    """The version a change form was opened on: the last history record's id, else the time of the last save."""
    history = getattr(record, "history", None)
    if history is not None and record.pk is not None:
        latest = history.order_by("-history_id").values_list("history_id", flat=True).first()
        if latest is not None:
            return f"h{latest}"
    updated_at = getattr(record, "updated_at", None)
    return f"t{updated_at.isoformat()}" if updated_at else ""


def _field_label(model, name):
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def changes_since(record, version: str) -> list[str]:
    """“alice changed title [en], description [en] on 30 Nov 2026, 10:42” for each change after ``version``."""
    history = getattr(record, "history", None)
    if history is None or not version.startswith("h") or not version[1:].isdigit():
        return []
    described = []
    for change in history.filter(history_id__gt=int(version[1:])).select_related("history_user").order_by("history_id"):
        previous = change.prev_record
        if previous is not None:
            fields = [_field_label(type(record), name) for name in change.diff_against(previous).changed_fields]
        else:
            fields = []
        author = change.history_user or change.history_change_reason or _("someone without an account")
        values = {
            "author": author,
            "date": formats.date_format(change.history_date, "DATETIME_FORMAT"),
            "fields": ", ".join(fields),
        }
        if fields:
            described.append(_("%(author)s changed %(fields)s on %(date)s") % values)
        else:
            described.append(_("%(author)s saved it on %(date)s") % values)
    return described


class OneLanguageFormMixin:
    """A translated form has only the per-language columns, and Django validates only the model fields a form
    has: the model's own field (required in at least one language, core/languages.py) is validated too, and its
    error shown on its first language tab."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # modeltranslation's admin requires the default language's column; the model asks for any one instead.
        for name in translated_fields(self._meta.model):
            for field_name in self._language_fields(name):
                self.fields[field_name].required = False

    def _get_validation_exclusions(self):
        excluded = super()._get_validation_exclusions()
        shown = {name for name in translated_fields(self._meta.model) if self._language_fields(name)}
        return {name for name in excluded if name not in shown}

    def _language_fields(self, name):
        return [field for field in self.fields if field.startswith(f"{name}_") and len(field) == len(name) + 3]

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            for name in translated_fields(self._meta.model):
                if name in errors.error_dict and name not in self.fields and self._language_fields(name):
                    target = self._language_fields(name)[0]
                    errors.error_dict.setdefault(target, []).extend(errors.error_dict.pop(name))
        super()._update_errors(errors)


class OneLanguageModelForm(OneLanguageFormMixin, forms.ModelForm):
    pass


class VersionCheckedForm(OneLanguageFormMixin, forms.ModelForm):
    """Carries the version the officer opened; a save on an older version is refused, naming who changed what."""

    record_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields[VERSION_FIELD].initial = record_version(self.instance)

    def clean(self):
        cleaned_data = super().clean()
        sent = cleaned_data.get(VERSION_FIELD)
        if sent and self.instance.pk is not None:
            current = record_version(self.instance)
            if current and sent != current:
                changes = "; ".join(changes_since(self.instance, sent))
                if changes:
                    message = _(
                        "“%(record)s” has been saved since you opened this page: %(changes)s. Your changes are not "
                        "saved: open the page again to see theirs, then make yours."
                    )
                else:
                    message = _(
                        "“%(record)s” has been saved since you opened this page. Your changes are not saved: open "
                        "the page again to see the record as it is now, then make yours."
                    )
                raise ValidationError(message % {"record": self.instance, "changes": changes}, code="stale")
        return cleaned_data


class ServiceAdminMixin:
    """Saves and deletes through core.services (validation, only the changed fields, integrity errors named),
    locks the row while a change form is saved, and refuses a save made on a stale form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not issubclass(self.form, VersionCheckedForm):
            self.form = type(self.form.__name__, (VersionCheckedForm, self.form), {})

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not fieldsets or VERSION_FIELD in flatten_fieldsets(fieldsets):
            return fieldsets
        title, options = fieldsets[0]
        return [(title, {**options, "fields": [*options["fields"], VERSION_FIELD]}), *fieldsets[1:]]

    def get_object(self, request, object_id, from_field=None):
        record = super().get_object(request, object_id, from_field)
        if record is not None and request.method == "POST":
            # changeform_view and delete_view run in a transaction: hold the row until the save, then read it again.
            list(type(record)._default_manager.select_for_update(of=("self",)).filter(pk=record.pk).values_list("pk"))
            record = super().get_object(request, object_id, from_field)
        return record

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        refusal = getattr(request, "_convene_refusal", None)
        if refusal is None:
            return form

        class RefusedForm(form):
            """The same form, showing what the database refused on the first attempt."""

            def clean(self):
                cleaned_data = super().clean()
                if hasattr(refusal, "error_dict"):
                    for name, errors in refusal.error_dict.items():
                        self.add_error(name if name in self.fields else None, errors)
                else:
                    self.add_error(None, refusal)
                return cleaned_data

        return RefusedForm

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as refusal:
            # The form was valid but a service refused on saving (another officer saved the same row at the same
            # moment): everything was rolled back; show the form again with the refusal on it.
            if request.method != "POST" or getattr(request, "_convene_refusal", None) is not None:
                raise
            request._convene_refusal = refusal
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        record_save(record=obj)

    def delete_model(self, request, obj):
        record_delete(record=obj)

    def delete_queryset(self, request, queryset):
        for record in queryset:
            record_delete(record=record)

    def save_formset(self, request, form, formset, change):
        for record in formset.save(commit=False):
            record_save(record=record)
        for record in formset.deleted_objects:
            record_delete(record=record)
        formset.save_m2m()


class TranslatedAdmin(ServiceAdminMixin, SimpleHistoryAdmin, TabbedTranslationAdmin):
    """English, French and Arabic side by side in tabs; the history button lists who changed what."""

    list_per_page = 50
    show_full_result_count = False
    formfield_overrides = URL_FIELD_OVERRIDES


class HistoryAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    list_per_page = 50
    show_full_result_count = False


class TranslatedTabularInline(TranslationTabularInline):
    form = OneLanguageModelForm
    extra = 0


class TranslatedStackedInline(TranslationStackedInline):
    form = OneLanguageModelForm
    extra = 0
