"""Every change of a domain record kept, with who made it: django-simple-history, declared through this module."""

import functools
import importlib

import simple_history
from simple_history.manager import HistoryManager
from simple_history.models import HistoricalRecords as SimpleHistoricalRecords


class RecordHistoryManager(HistoryManager):
    """simple-history's manager, whose class for a queryset is built once rather than on every `record.history`.

    simple-history's descriptor calls `from_queryset()` each time a record's history is read, and it reads it on
    every save (to write the historical row): Django then rebuilds the manager class by inspecting every method of
    the queryset class, about a tenth of the cost of a save. The class built is the same each time, so it is kept.
    """

    @classmethod
    @functools.cache
    def from_queryset(cls, queryset_class, class_name=None):
        return super().from_queryset(queryset_class, class_name)


class HistoricalRecords(SimpleHistoricalRecords):
    """simple-history's record of a model's changes, with the manager above: declared on a model or by track_history."""

    def __init__(self, *args, history_manager=RecordHistoryManager, **kwargs):
        super().__init__(*args, history_manager=history_manager, **kwargs)


def track_history(model, **options):
    """Record every change of a model with django-simple-history.

    Translated models call this from their app's translation.py: simple-history copies the model's
    fields when the history model is built, and the per-language fields exist only once
    modeltranslation has registered the model.
    """
    simple_history.register(model, records_class=HistoricalRecords, **options)
    # Where an app's label is not its package's name (sessions is labelled working_sessions), simple-history names
    # the package as the history model's module but puts the class in the app's models module only; put it where
    # its name says too, so that what looks it up by module (`manage.py shell`'s imports) finds it.
    history_model = model.history.model
    setattr(importlib.import_module(history_model.__module__), history_model.__name__, history_model)
