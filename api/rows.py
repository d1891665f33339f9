"""Related rows for reads, as plain rows rather than model instances.

A list of 100 sessions showed 500 roles and 200 topics; prefetched as model instances, building them (Django's
`Model.__init__`, django-modeltranslation's, the init signals) cost more than everything else in the answer
(docs/PERFORMANCE.md). The readers (api/serializers) only read a few columns of each: `RelatedRows` reads those
columns with `.values()`, one query per relation for the whole page, and hangs the rows on each record as
`api_<name>`, where `prefetched_rows` (api/serializers/base.py) finds them. The queryset given decides which rows
there are (its `visible_to`, its ordering), as the prefetch did.
"""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet


class Row:
    """One related row: its columns as attributes, `pk` the column that identifies what it stands for."""

    def __init__(self, pk, values: dict[str, Any]):
        self.__dict__.update(values)
        self.pk = pk

    def __repr__(self):
        return f"Row({self.__dict__!r})"


@dataclass(frozen=True)
class RelatedRows:
    name: str  # the records get `api_<name>`
    queryset: QuerySet  # of the related rows (or of the many-to-many table), filtered and ordered
    parent: str  # the column naming the record, e.g. "session_id"
    fields: tuple[str, ...]  # the columns the reader shows
    pk: str = "id"  # the column that is the row's pk (e.g. "topic_id" in a many-to-many table)

    def attach(self, records) -> None:
        by_parent: dict[Any, list[Row]] = defaultdict(list)
        ids = [record.pk for record in records]
        if ids:
            columns = dict.fromkeys((self.parent, self.pk, *self.fields))
            for values in self.queryset.filter(**{f"{self.parent}__in": ids}).values(*columns):
                by_parent[values[self.parent]].append(Row(values[self.pk], values))
        for record in records:
            setattr(record, f"api_{self.name}", by_parent.get(record.pk, []))
