"""One multilingual queryset class per queryset class, made once rather than on every query.

django-modeltranslation turns each queryset of a translated model into a `Multilingual<QuerySet>` by creating a
new class on every `get_queryset()` call when the model has its own queryset class (ours all do:
`VisibleQuerySet`). A list of 100 sessions made 504 classes per request (each related manager of each row asks
for one), about a tenth of its time (docs/PERFORMANCE.md). The classes made are the same each time, so they are
made once per queryset class here; nothing else changes.
"""

import functools

from modeltranslation import manager


@functools.cache
def _multilingual_class(queryset_class):
    return _make_multilingual(queryset_class, instantiate=False)


def multilingual_queryset_factory(old_cls, instantiate=True):
    new_class = _multilingual_class(old_cls)
    return new_class() if instantiate else new_class


_make_multilingual = manager.multilingual_queryset_factory


def install():
    """Called once from CoreConfig.ready(): the manager looks the factory up in its module on each call."""
    manager.multilingual_queryset_factory = multilingual_queryset_factory
