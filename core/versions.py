"""What a change touches: one content version per meeting and one for site-wide records.

Every domain model says once, with `track()`, which meeting its rows belong to (or none: site-wide). Any save,
delete or many-to-many change of a tracked row bumps the version of that meeting (before and after the change, if
the row moved) inside the writer's transaction, so a reader never sees the new data under the old version.
Pages and API answers are cached under the versions they depend on (see `portal` and `api`); nothing else
decides when a cached answer is stale.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connections, models, router, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from core.models import ContentVersion

SITE = 0  # the scope of records that belong to no single meeting (people, organizations, themes, instruments…)


@dataclass(frozen=True)
class Tracking:
    # How to find the meeting ids of a row: a lookup from the row ("meeting_id", "session__meeting_id") or None.
    meeting_lookup: str | None


_tracked: dict[type[models.Model], Tracking] = {}


def track(model: type[models.Model], *, meeting: str | None = None, m2m: Iterable[str] = ()) -> None:
    """Declare that changes to `model` change what pages of `meeting` (a lookup path) or of the whole site show."""
    _tracked[model] = Tracking(meeting_lookup=meeting)
    uid = f"core.versions.{model._meta.label}"
    pre_save.connect(_remember_before, sender=model, dispatch_uid=f"{uid}.pre_save")
    post_save.connect(_bump_after_save, sender=model, dispatch_uid=f"{uid}.post_save")
    pre_delete.connect(_remember_before, sender=model, dispatch_uid=f"{uid}.pre_delete")
    post_delete.connect(_bump_after_delete, sender=model, dispatch_uid=f"{uid}.post_delete")
    for name in m2m:
        through = getattr(model, name).through  # the many-to-many descriptor knows its table
        m2m_changed.connect(_bump_m2m, sender=through, dispatch_uid=f"{uid}.{name}.m2m")


def tracked_models() -> dict[type[models.Model], Tracking]:
    return dict(_tracked)


def scopes_of(instance: models.Model) -> set[int]:
    """The scopes (meeting ids, or SITE) a row belongs to now, read from the row itself where it can be."""
    tracking = _tracked.get(type(instance))
    if tracking is None:
        return set()
    lookup = tracking.meeting_lookup
    if lookup is None:
        return {SITE}
    if lookup == "pk":
        return {instance.pk} if instance.pk else set()
    if "__" not in lookup:
        value = getattr(instance, lookup, None)
        return {value} if value else {SITE}
    if instance.pk is None:
        return {SITE}
    values = type(instance)._base_manager.filter(pk=instance.pk).values_list(lookup, flat=True)
    return {value for value in values if value} or {SITE}


def _stored_scopes(instance: models.Model) -> set[int]:
    """The scopes of the row as it is in the database (before this change), so a row that moves bumps both."""
    tracking = _tracked.get(type(instance))
    if tracking is None or instance.pk is None or tracking.meeting_lookup in (None, "pk"):
        return set()
    lookup = tracking.meeting_lookup
    loaded = getattr(instance, "_loaded_values", None)
    if loaded is not None and lookup in loaded:
        # As read from the database (TimeStampedModel.from_db): no query needed.
        return {loaded[lookup]} if loaded[lookup] else set()
    values = type(instance)._base_manager.filter(pk=instance.pk).values_list(lookup, flat=True)
    return {value for value in values if value}


def _remember_before(sender, instance, raw=False, **kwargs):
    if raw:
        return
    instance._content_scopes_before = _stored_scopes(instance)


def _bump_after_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    bump(getattr(instance, "_content_scopes_before", set()) | scopes_of(instance))


def _bump_after_delete(sender, instance, **kwargs):
    # The row is gone: the scopes read before the delete are the ones it belonged to.
    bump(getattr(instance, "_content_scopes_before", set()) or scopes_of(instance))


def _bump_m2m(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    scopes = scopes_of(instance)
    if reverse and model in _tracked:
        # Changed from the other side (theme.meetings.add(…)): the rows on this side are the ones whose pages show it.
        for related in model._base_manager.filter(pk__in=pk_set or ()):
            scopes |= scopes_of(related)
        if not pk_set:
            scopes.add(SITE)
    bump(scopes)


def bump(scopes: Iterable[int]) -> None:
    """Advance the versions of these scopes (meeting ids, SITE) in the current transaction."""
    scopes = sorted(set(scopes))
    if not scopes:
        return
    # One UPDATE is atomic by itself: the usual case, where every scope has its row, needs no savepoint around it.
    if ContentVersion.objects.filter(scope__in=scopes).update(version=F("version") + 1) == len(scopes):
        return
    # First change of a scope: create its row (concurrent first writers are safe), then advance them all again;
    # advancing an existing row twice is harmless, versions only have to change.
    with transaction.atomic():
        ContentVersion.objects.bulk_create([ContentVersion(scope=scope) for scope in scopes], ignore_conflicts=True)
        ContentVersion.objects.filter(scope__in=scopes).update(version=F("version") + 1)


@dataclass(frozen=True)
class MeetingsWhere:
    """The meetings whose `field` (on `model`, e.g. Meeting's slug) equals `value`: read inside the version's query.

    The cheapest scope to look up: the SQL is written once per model, field and database, so a cached answer costs
    one small query and no ORM query building (core/http_cache.py answers from it before the rest of the stack).
    """

    model: type[models.Model]
    field: str
    value: object


def _rows(sql_for: Callable[[BaseDatabaseOperations], str], key: tuple, params: list) -> list[tuple]:
    """Run the version query `sql_for(ops)` (kept per database under `key`) on the database public reads go to."""
    alias = router.db_for_read(ContentVersion)
    connection = connections[alias]
    sql = _sql.get((alias, *key))
    if sql is None:
        sql = _sql[(alias, *key)] = sql_for(connection.ops)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


_sql: dict[tuple, str] = {}


def _site_sql(ops) -> str:
    table, scope, version = _version_columns(ops)
    return f"SELECT COUNT({scope}), SUM({version}) FROM {table}"  # noqa: S608 - names from the models, no input


def _scoped_sql(model, field):
    def sql_for(ops) -> str:
        table, scope, version = _version_columns(ops)
        meetings = ops.quote_name(model._meta.db_table)
        pk = ops.quote_name(model._meta.pk.column)
        column = ops.quote_name(model._meta.get_field(field).column)
        return (
            f"SELECT {scope}, {version} FROM {table} "  # noqa: S608 - names from the models; the value is a parameter
            f"WHERE {scope} = %s OR {scope} IN (SELECT {pk} FROM {meetings} WHERE {column} = %s)"
        )

    return sql_for


def _version_columns(ops) -> tuple[str, str, str]:
    meta = ContentVersion._meta
    return (
        ops.quote_name(meta.db_table),
        ops.quote_name(meta.get_field("scope").column),
        ops.quote_name(meta.get_field("version").column),
    )


def version_of(*, meetings: "Iterable[int] | models.QuerySet | MeetingsWhere | None" = None) -> str:
    """The content version a page depends on, in one query.

    meetings=None: the whole site (every scope; for pages that list every meeting, search, the registry).
    Otherwise the site-wide scope plus those meetings (ids, a queryset of ids, or a `MeetingsWhere`, so a slug costs
    no extra query).
    """
    if meetings is None:
        [(scopes, total)] = _rows(_site_sql, ("site",), [])
        return f"all.{scopes}.{total or 0}"
    if isinstance(meetings, MeetingsWhere):
        key = ("scoped", meetings.model._meta.label, meetings.field)
        rows: Iterable[tuple] = _rows(_scoped_sql(meetings.model, meetings.field), key, [SITE, meetings.value])
    else:
        versions = ContentVersion.objects.all()
        rows = versions.filter(models.Q(scope=SITE) | models.Q(scope__in=meetings)).values_list("scope", "version")
    return ".".join(f"{scope}:{version}" for scope, version in sorted(rows)) or "none"
