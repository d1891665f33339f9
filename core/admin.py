"""Base classes for the secretariat's admin: languages in tabs, history of every change."""

from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin


class TranslatedAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    """English, French and Arabic side by side in tabs; the history button lists who changed what."""

    list_per_page = 50
    show_full_result_count = False


class HistoryAdmin(SimpleHistoryAdmin):
    list_per_page = 50
    show_full_result_count = False


class TranslatedTabularInline(TranslationTabularInline):
    extra = 0


class TranslatedStackedInline(TranslationStackedInline):
    extra = 0
