"""Base classes for the secretariat's admin: languages in tabs, history of every change."""

from django.db import models
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

# A website typed without a scheme is https (Django 6's default, chosen now).
URL_FIELD_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


class TranslatedAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    """English, French and Arabic side by side in tabs; the history button lists who changed what."""

    list_per_page = 50
    show_full_result_count = False
    formfield_overrides = URL_FIELD_OVERRIDES


class HistoryAdmin(SimpleHistoryAdmin):
    list_per_page = 50
    show_full_result_count = False


class TranslatedTabularInline(TranslationTabularInline):
    extra = 0


class TranslatedStackedInline(TranslationStackedInline):
    extra = 0
