"""Querysets of translated models reuse one multilingual class per queryset class (core/translation_querysets.py)."""

import pickle

import pytest

from sessions.models import Session
from tests.factories import SessionFactory, TopicFactory


def test_querysets_of_a_translated_model_share_one_class():
    first, second = Session.objects.all(), Session.objects.filter(slug="x")

    assert type(first) is type(second)
    assert type(first).__name__ == "MultilingualSessionQuerySet"


@pytest.mark.django_db
def test_related_managers_of_many_rows_make_no_new_class():
    sessions = SessionFactory.create_batch(3)
    for session in sessions:
        session.topics.add(TopicFactory())

    classes = {type(session.topics.all()) for session in Session.objects.prefetch_related("topics")}

    assert len(classes) == 1


@pytest.mark.django_db
def test_a_pickled_queryset_reads_the_same_rows_in_the_current_language():
    session = SessionFactory(title_en="Opening", title_fr="Ouverture")

    restored = pickle.loads(pickle.dumps(Session.objects.filter(pk=session.pk)))  # noqa: S301  (our own bytes)

    assert [row.title_en for row in restored] == ["Opening"]
    assert type(restored) is type(Session.objects.all())
