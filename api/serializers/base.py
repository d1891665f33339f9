"""Building blocks shared by every serializer: translated fields, public page links, validated writes."""

import functools
import re
from types import SimpleNamespace
from typing import ClassVar

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries.serializers import CountryFieldMixin
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied

from api.access import PUBLIC
from api.exceptions import django_validation_error_detail
from api.languages import FALLBACK_LANGUAGE, LANGUAGE_CODES
from api.validation import clean_instance, save_instance
from core.access import VisibleQuerySet
from core.addresses import PLACEHOLDER, URL_SLUG
from core.languages import reading_order

TRANSLATED_TEXT_SCHEMA = {
    "oneOf": [
        {
            "type": "string",
            "description": "In the language asked for with `lang`, else the first of English, French, Arabic it "
            "exists in.",
        },
        {
            "type": "object",
            "description": "One value per language; null where there is no translation.",
            "properties": {code: {"type": "string", "nullable": True} for code in LANGUAGE_CODES},
            "additionalProperties": False,
        },
    ]
}


@extend_schema_field(TRANSLATED_TEXT_SCHEMA)
class TranslatedField(serializers.Field):
    """A modeltranslation field read as {"en": …, "fr": …, "ar": …} or, with a language asked for, a string."""

    default_error_messages = {
        # DRF formats these with str.format: the braces of the example are doubled.
        "invalid": _('Give an object keyed by language, e.g. {{"en": "…", "fr": "…", "ar": "…"}}.'),
        "unknown_language": _("Unknown language {codes}: use {known}."),
        "not_text": _("The {code} text must be a string or null."),
        "null_character": _("Null characters are not allowed."),
    }

    def __init__(self, *, model_field=None, **kwargs):
        kwargs["source"] = "*"
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.model_field = model_field

    def bind(self, field_name, parent):
        super().bind(field_name, parent)
        self.model_field = self.model_field or field_name

    def to_representation(self, instance):
        lang = self.context.get("lang")
        return text_representation(instance, self.model_field, reading_order(lang) if lang else None)

    def to_internal_value(self, data):
        if isinstance(data, str):
            data = {self.context.get("lang") or FALLBACK_LANGUAGE: data}
        if not isinstance(data, dict):
            self.fail("invalid")
        unknown = sorted(set(data) - set(LANGUAGE_CODES))
        if unknown:
            self.fail("unknown_language", codes=", ".join(unknown), known=", ".join(LANGUAGE_CODES))
        result = {}
        for code, value in data.items():
            if value is not None and not isinstance(value, str):
                self.fail("not_text", code=code)
            if value and "\x00" in value:
                self.fail("null_character")
            if value is None and code == FALLBACK_LANGUAGE:
                value = ""
            result[f"{self.model_field}_{code}"] = value
        return result


def text_representation(instance, field_name, order):
    """A translated field as the API shows it: with a language asked for (`order`, its reading order), the text
    in the first language it exists in ("" in none); without one (`order` None), every language's, null where
    missing. TranslatedField and the readers that write a representation directly (a list's rows) call it."""
    if order is None:
        return {code: getattr(instance, f"{field_name}_{code}", None) or None for code in LANGUAGE_CODES}
    for code in order:
        value = getattr(instance, f"{field_name}_{code}", None)
        if value is not None and value != "":
            return value
    return ""


def public_url(request, lang, url_name, **kwargs):
    """The absolute URL of a public page in the requested language, or None if it has none (yet)."""
    if request is None:
        return None
    with translation.override(lang or FALLBACK_LANGUAGE):
        try:
            path = reverse(url_name, kwargs=kwargs)
        except NoReverseMatch:
            return None
    return request.build_absolute_uri(path)


class _Address:
    """`build(*values)`, an address, with its pattern reversed once with a numbered placeholder for each value and
    filled in with each row's values (core/addresses.py): a list of 100 rows reversed the same pattern 100 times
    (docs/PERFORMANCE.md). Only values that reverse() writes unchanged are filled in; `build` makes the others,
    and all of them when the placeholders give no address (a pattern that accepts only numbers, say)."""

    MARK = re.compile(rf"{PLACEHOLDER}(\d)")

    def __init__(self, build, count):
        self.build = build
        self.count = count
        self.parts = None

    def _parts(self):
        url = self.build(*(f"{PLACEHOLDER}{index}" for index in range(self.count)))
        if url is None:
            return False
        pieces = self.MARK.split(str(url))
        return pieces[::2], [int(index) for index in pieces[1::2]]

    def __call__(self, *values):
        for value in values:
            if value.__class__ is not int and (value.__class__ is not str or URL_SLUG.fullmatch(value) is None):
                return self.build(*values)
        parts = self.parts
        if parts is None:
            parts = self.parts = self._parts()
        if not parts:
            return self.build(*values)
        literals, positions = parts
        pieces = [literals[0]]
        for position, literal in zip(positions, literals[1:], strict=True):
            pieces.append(str(values[position]))
            pieces.append(literal)
        return "".join(pieces)


def identity_url(field):
    """instance -> a HyperlinkedIdentityField's value, as DRF writes it (its format suffix, the query parameters it
    preserves), its pattern reversed once: for the readers of long lists."""
    lookup = field.lookup_field

    def build(pk, value):
        url = field.to_representation(SimpleNamespace(**{"pk": pk, lookup: value}))
        return None if url is None else str(url)

    address = _Address(build, 2)
    return lambda instance: address(instance.pk, getattr(instance, lookup))


class RowReader:
    """A serializer's representation written directly from its instance, for long lists (SessionReader,
    InstrumentReader): the serializer hands over to it when `applies_to` finds the fields the reader writes, and
    falls back to DRF's fields otherwise. The reader is made once per serializer (a list's whole page)."""

    @classmethod
    def applies_to(cls, serializer):
        raise NotImplementedError

    @classmethod
    def of(cls, serializer):
        """The serializer's reader, or None where its fields are not the ones this reader writes."""
        reader = serializer.__dict__.get("_reader")
        if reader is None:
            reader = serializer._reader = cls(serializer) if cls.applies_to(serializer) else False
        return reader or None

    def __init__(self, serializer):
        self.serializer = serializer
        self.url = identity_url(serializer.fields["url"])
        lang = serializer.lang
        self.order = reading_order(lang) if lang else None


class WebUrlField(serializers.SerializerMethodField):
    """The public page of a record, present only where it exists and the record is public."""

    def __init__(self, **kwargs):
        super().__init__(method_name="get_web_url", **kwargs)


extend_schema_field({"type": "string", "format": "uri", "nullable": True, "readOnly": True})(WebUrlField)


class PrivateFieldsMixin:
    """The representation for clients with read:private (or the view permission): public fields plus private ones.

    A meeting-limited key also sees public records of other meetings: their private fields are null.
    """

    private_fields: tuple[str, ...] = ()

    def get_fields(self):
        fields = super().get_fields()
        for name in self.private_fields:
            if not fields[name].read_only:
                fields[name].allow_null = True
        return fields

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        for name in self.private_fields:
            # Null (what a client reads back outside its meetings) leaves a non-nullable field as it was.
            if name in values and values[name] is None and not self.Meta.model._meta.get_field(name).null:
                del values[name]
        return values

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.private_visible(instance):
            for name in self.private_fields:
                data[name] = None
        return data

    def private_visible(self, instance):
        model = type(instance)
        if self.access.sees_all_private(model):
            return True
        flag = getattr(instance, "private_visible", None)
        if flag is None:
            records = model._default_manager.with_private_flag(self.access).filter(pk=instance.pk)
            flag = records.values_list("private_visible", flat=True).first()
        return bool(flag)


class NestedChildren:
    """Writes a list of child records (a session's roles, an instrument's parties) with the parent.

    Items with an `id` update that child, items without one create a child, and children left out are
    deleted; each child goes through full_clean() like any other record.
    """

    def __init__(self, related_name, fk_name, prepare=None):
        self.related_name = related_name
        self.fk_name = fk_name
        self.prepare = prepare

    def sync(self, parent, items, change_reason=None):
        # A prefetched list would be stale once the first child changes.
        parent._prefetched_objects_cache = {}
        manager = getattr(parent, self.related_name)
        model = manager.model
        existing = {child.pk: child for child in manager.all()}
        errors = [{} for _item in items]
        wanted = set()
        for index, item in enumerate(items):
            child_id = item.get("id")
            if child_id is not None and child_id not in existing:
                errors[index] = {"id": [_("No such record belongs to this one.")]}
            wanted.add(child_id)
        parent._prefetched_objects_cache = {}
        if any(errors):
            raise serializers.ValidationError({self.related_name: errors})
        manager.filter(pk__in=set(existing) - wanted).delete()
        for index, item in enumerate(items):
            values = dict(item)
            child_id = values.pop("id", None)
            child = existing[child_id] if child_id is not None else model(**{self.fk_name: parent})
            try:
                if self.prepare:
                    values = self.prepare(parent, values)
                for name, value in values.items():
                    setattr(child, name, value)
                if change_reason:
                    child._change_reason = change_reason
                save_instance(child)
            except DjangoValidationError as exc:
                errors[index] = django_validation_error_detail(exc)
            except serializers.ValidationError as exc:
                errors[index] = exc.detail
        parent._prefetched_objects_cache = {}
        if any(errors):
            raise serializers.ValidationError({self.related_name: errors})


@functools.cache
def hidden_link_model(model, source):
    """The model whose rows a link from `model.source` may hide, or None; worked out once per link, not per row (a
    list of 100 sessions asked 1,000 times, each making two querysets: docs/PERFORMANCE.md)."""
    try:
        field = model._meta.get_field(source)
    except (AttributeError, FieldDoesNotExist):
        return None
    if not field.null or not isinstance(field.related_model._default_manager.all(), VisibleQuerySet):
        return None
    return field.related_model if field.related_model._default_manager.all().hides_links else None


class VisibleRelatedField(serializers.PrimaryKeyRelatedField):
    """A link to another record, bound to what the client may see.

    A write may point only to records the client may attach (`attachable_by`): anything else is "does not exist",
    the same answer as for an id that was never used. A read shows the id of a meeting or instrument only to a
    client who sees it, so that no unpublished record's id reaches public output.
    """

    def get_queryset(self):
        queryset = super().get_queryset()
        if isinstance(queryset, VisibleQuerySet):
            return queryset.attachable_by(self.context.get("access", PUBLIC))
        return queryset

    def may_hide(self):
        """Only optional links may point elsewhere than the row's own (visible) meeting: supersedes, signed_at…"""
        model = getattr(getattr(self.parent, "Meta", None), "model", None)
        return None if model is None else hidden_link_model(model, self.source)

    def to_representation(self, value):
        model = self.may_hide()
        if model is not None and value.pk is not None and not link_visible(self.context, model, value.pk):
            return None
        return super().to_representation(value)


def link_visible(context, model, pk):
    """Whether the client of this serializer context sees the `model` row `pk` that a link points to."""
    access = context.get("access", PUBLIC)
    if access.sees_all_private(model):
        return True
    # One query per kind of link and request, whatever the number of rows.
    cache = context.setdefault("visible_link_ids", {})
    if model not in cache:
        cache[model] = set(model._default_manager.visible_to(access).values_list("pk", flat=True))
    return pk in cache[model]


def shown_link(context, model, source, pk):
    """A link's id as VisibleRelatedField shows it (`model.source` = pk): null when it points to a row hidden
    from this client."""
    hidden = hidden_link_model(model, source)
    if pk is None or hidden is None or link_visible(context, hidden, pk):
        return pk
    return None


def prefetched_rows(instance, name):
    """The related rows: the list a read prefetched under `api_<name>` (api/views/resources.py: no related manager
    per row), else the manager's, prefetched or not (writes)."""
    rows = getattr(instance, f"api_{name}", None)
    return rows if rows is not None else getattr(instance, name).all()


def fresh(field):
    """An unbound field made with the arguments `field` was made with, as DRF's deep copy of a field does, but
    sharing them (a queryset, a list of choices: no field changes its arguments) rather than copying them. A copy
    costs more than building the field from the model: the 250 countries of a country field, copied, lose their
    translated names cached for each language. A child field (a list's items, a nested serializer), which binding
    changes, is made fresh in turn."""
    args = [fresh(value) if isinstance(value, serializers.Field) else value for value in field._args]
    kwargs = {
        name: fresh(value) if isinstance(value, serializers.Field) else value for name, value in field._kwargs.items()
    }
    return field.__class__(*args, **kwargs)


class ConveneSerializer(CountryFieldMixin, serializers.ModelSerializer):
    """Writes go through full_clean(); links to other records follow what the client may see."""

    nested_children = {}
    serializer_related_field = VisibleRelatedField

    class Meta:
        validators = []

    # DRF builds a ModelSerializer's fields from the model at each instantiation (the kwargs of every model field,
    # its validators, labels): a third of the time of a write it refuses. They depend on the class (its Meta) and on
    # the language some messages are written in, never on the request, which a field reads from its context when it
    # is used: each class builds them once per language, and each serializer gets fresh fields made from them.
    _built_fields: ClassVar[dict[tuple[type, str | None], dict]] = {}

    def get_fields(self):
        key = (type(self), translation.get_language())
        built = ConveneSerializer._built_fields.get(key)
        if built is None:
            built = ConveneSerializer._built_fields[key] = super().get_fields()
        return {name: fresh(field) for name, field in built.items()}

    @property
    def access(self):
        return self.context.get("access", PUBLIC)

    @property
    def lang(self):
        return self.context.get("lang")

    @property
    def request(self):
        return self.context.get("request")

    def meeting_id_of(self, instance):
        return getattr(instance, "meeting_id", None)

    def web_url_for(self, url_name, **kwargs):
        # Each kind of address reversed once per request (the context is the request's): a list's rows share it.
        addresses = self.context.setdefault("addresses", {})
        names = tuple(kwargs)
        address = addresses.get((url_name, names))
        if address is None:
            request, lang = self.request, self.lang

            def build(*values):
                return public_url(request, lang, url_name, **dict(zip(names, values, strict=True)))

            address = addresses[(url_name, names)] = _Address(build, len(names))
        return address(*kwargs.values())

    # Writes

    def create(self, validated_data):
        many, nested = self._split(validated_data)
        instance = self.Meta.model(**validated_data)
        return self._save(instance, many, nested)

    def update(self, instance, validated_data):
        self.check_write_access(instance)
        many, nested = self._split(validated_data)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return self._save(instance, many, nested)

    def _split(self, validated_data):
        many, nested = {}, {}
        for name in list(validated_data):
            if name in self.nested_children:
                nested[name] = validated_data.pop(name)
                continue
            try:
                field = self.Meta.model._meta.get_field(name)
            except Exception:  # noqa: BLE001, S112 - not a model field (e.g. a translated column)
                continue
            if field.many_to_many:
                many[name] = validated_data.pop(name)
        return many, nested

    def check_write_access(self, instance):
        meeting_id = self.meeting_id_of(instance)
        if meeting_id is not None and not self.access.may_write_meeting(meeting_id):
            raise PermissionDenied(_("This API key may not change records of this meeting."))

    def _save(self, instance, many, nested):
        self.check_write_access(instance)
        if self.access.change_reason:
            instance._change_reason = self.access.change_reason
        try:
            save_instance(instance)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(django_validation_error_detail(exc)) from None
        for name, values in many.items():
            getattr(instance, name).set(values)
        for name, items in nested.items():
            self.nested_children[name].sync(instance, items, self.access.change_reason)
        self.after_save(instance, nested)
        return instance

    def after_save(self, instance, nested):
        """Rules that need the related rows saved first (e.g. a signed instrument has two parties)."""
        if nested:
            try:
                clean_instance(instance)
            except DjangoValidationError as exc:
                raise serializers.ValidationError(django_validation_error_detail(exc)) from None
