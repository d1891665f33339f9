"""Writes of plain records, shared by every door (admin, API, importer).

Records with rules of their own (participants and their workflow) have a domain service in their app, which
calls these for the fields that need nothing more than validation.
"""

import re

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.models import CONSTRAINT_FIELDS, constraint_errors, field_of_constraint

CONSTRAINT_NAME = re.compile(r"|".join(re.escape(name) for name in CONSTRAINT_FIELDS))


def record_clean(*, record, exclude=None) -> None:
    """full_clean(), reporting multi-column constraint violations under the field a person has to change."""
    errors: dict[str, list] = {}
    try:
        record.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as exc:
        errors.update(exc.update_error_dict({}))
    for name, messages in constraint_errors(record, exclude=set(exclude or ()) - {"meeting"}).items():
        errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def record_clean_without_lookups(*, record, unique: bool = False) -> None:
    """What record_clean checks, without the query each foreign key's existence costs: for records whose related
    records the caller loaded itself, or is creating in the same bulk write. With unique=False, unique values and
    multi-column constraints are left to the caller (who checks them against what it loaded) and to the database,
    which remains the last word."""
    relations = [field.name for field in record._meta.concrete_fields if field.is_relation]
    if not unique:
        record.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)
        return
    errors: dict[str, list] = {}
    try:
        record.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors.update(exc.update_error_dict({}))
    try:
        record.validate_unique(exclude=set(errors) - {NON_FIELD_ERRORS})
    except ValidationError as exc:
        for name, messages in exc.update_error_dict({}).items():
            errors.setdefault(name, []).extend(messages)
    for name, messages in constraint_errors(record, exclude=set(errors) - {NON_FIELD_ERRORS}).items():
        errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def integrity_error_as_validation_error(model, error: IntegrityError) -> ValidationError:
    """The database refused a write that validation let through (two writers at once): say which field."""
    text = str(error)
    for constraint in model._meta.constraints:
        columns = {model._meta.get_field(name).column for name in getattr(constraint, "fields", ()) or ()}
        # PostgreSQL names the constraint; SQLite lists the columns ("UNIQUE constraint failed: t.a, t.b").
        listed = set(re.findall(rf"{re.escape(model._meta.db_table)}\.(\w+)", text))
        if constraint.name in text or (columns and columns == listed):
            message = getattr(constraint, "violation_error_message", None) or _("This value is already used.")
            return ValidationError({field_of_constraint(constraint): [str(message)]}, code="integrity")
    for field in model._meta.concrete_fields:
        if (
            field.unique
            and not field.primary_key
            and (f"_{field.column}_" in text or text.rstrip().endswith(f"{model._meta.db_table}.{field.column}"))
        ):
            return ValidationError({field.name: [_("This value is already used.")]}, code="integrity")
    match = CONSTRAINT_NAME.search(text)
    if match:
        return ValidationError({CONSTRAINT_FIELDS[match.group(0)]: [_("This value is already used.")]})
    return ValidationError(
        _("This change conflicts with another record saved at the same time: reload and try again."),
        code="integrity",
    )


def changed_fields(record) -> list[str] | None:
    """The concrete fields changed since the record was read, or None when all must be written (a new record)."""
    loaded = getattr(record, "_loaded_values", None)
    if record._state.adding or record.pk is None or loaded is None:
        return None
    names = []
    for field in record._meta.concrete_fields:
        if field.primary_key:
            continue
        attname = field.attname
        if attname not in record.__dict__:
            continue
        if attname not in loaded or record.__dict__[attname] != loaded[attname]:
            names.append(field.name)
    if any(field.name == "updated_at" for field in record._meta.concrete_fields) and "updated_at" not in names:
        names.append("updated_at")
    return names


def remember_loaded_values(record) -> None:
    record._loaded_values = {
        field.attname: record.__dict__[field.attname]
        for field in record._meta.concrete_fields
        if field.attname in record.__dict__
    }


@transaction.atomic
def record_save(*, record, exclude=None, only_changed: bool = True):
    """Validate and save a record; an existing one writes only the fields changed since it was read, so two
    people editing different fields of one record both keep their change. Integrity errors become field errors."""
    record_clean(record=record, exclude=exclude)
    update_fields = changed_fields(record) if only_changed else None
    try:
        with transaction.atomic():
            record.save(update_fields=update_fields)
    except IntegrityError as error:
        raise integrity_error_as_validation_error(type(record), error) from None
    remember_loaded_values(record)
    return record


@transaction.atomic
def record_delete(*, record) -> None:
    record.delete()
