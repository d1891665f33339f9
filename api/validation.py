"""API writes go through the same services as the admin and the importer, every error named after its field."""

from django.core.exceptions import ValidationError
from modeltranslation.translator import NotRegistered, translator

from core.services import CONSTRAINT_FIELDS, CONSTRAINT_NAME, record_clean, record_delete, record_save
from participants.models import Participant
from participants.services import participant_delete, participant_save

# Records with rules of their own; every other record is saved by core.services.record_save.
SAVE_SERVICES = {Participant: lambda record: participant_save(participant=record)}
DELETE_SERVICES = {Participant: lambda record: participant_delete(participant=record)}

__all__ = ["CONSTRAINT_FIELDS", "clean_instance", "delete_instance", "field_for_integrity_error", "save_instance"]


def translated_field_names(model):
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def _rename_translation_keys(model, error_dict):
    """title_fr -> title: clients write translated fields as one object."""
    base_names = translated_field_names(model)
    renamed = {}
    for key, errors in error_dict.items():
        base, _sep, lang = key.rpartition("_")
        name = base if base in base_names and len(lang) == 2 else key
        renamed.setdefault(name, []).extend(errors)
    return renamed


def _named_for_clients(model, error: ValidationError) -> ValidationError:
    if hasattr(error, "error_dict"):
        return ValidationError(_rename_translation_keys(model, error.update_error_dict({})))
    return error


def clean_instance(instance, exclude=None):
    """full_clean(), reporting multi-column constraint violations under a field name."""
    try:
        record_clean(record=instance, exclude=exclude)
    except ValidationError as error:
        raise _named_for_clients(type(instance), error) from None


def save_instance(instance, exclude=None):
    """Save through the record's service; only the fields changed since it was read are written."""
    service = SAVE_SERVICES.get(type(instance), lambda record: record_save(record=record, exclude=exclude))
    try:
        return service(instance) or instance
    except ValidationError as error:
        raise _named_for_clients(type(instance), error) from None


def delete_instance(instance):
    DELETE_SERVICES.get(type(instance), lambda record: record_delete(record=record))(instance)


def field_for_integrity_error(exc):
    match = CONSTRAINT_NAME.search(str(exc))
    return CONSTRAINT_FIELDS[match.group(0)] if match else None
