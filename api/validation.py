"""Model validation for API writes: full_clean() with every error named after the field it concerns."""

import re

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from modeltranslation.translator import NotRegistered, translator

# Constraints that span several columns, named after the field a client has to change.
CONSTRAINT_FIELDS = {
    "meeting_ends_on_or_after_start": "end_date",
    "meeting_number_unique_in_series": "number",
    "position_ends_on_or_after_start": "end_date",
    "session_ends_after_start": "ends_at",
    "session_room_no_overlap": "room",
    "session_slug_unique_in_meeting": "slug",
    "session_role_unique": "person",
    "delegation_one_per_organization_per_meeting": "organization",
    "participant_once_per_meeting": "person",
    "participant_badge_unique_in_meeting": "badge_number",
    "instrument_signed_has_date": "signed_on",
    "instrument_in_force_after_signature": "entered_into_force_on",
    "instrument_expires_after_signature": "expires_on",
    "party_once_per_instrument": "organization",
    "signature_once_per_party_and_person": "person",
    "commitment_update_has_meeting_or_date": "reported_on",
}


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


def clean_instance(instance, exclude=None):
    """full_clean(), reporting multi-column constraint violations under a field name."""
    errors = {}
    try:
        instance.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as exc:
        errors.update(exc.update_error_dict({}))
    for constraint in instance._meta.constraints:
        try:
            constraint.validate(type(instance), instance, exclude=set(exclude or ()) - {"meeting"})
        except ValidationError as exc:
            fields = getattr(constraint, "fields", ()) or ()
            field = CONSTRAINT_FIELDS.get(constraint.name) or (fields[-1] if fields else NON_FIELD_ERRORS)
            errors.setdefault(field, []).extend(exc.messages)
    if errors:
        raise ValidationError(_rename_translation_keys(type(instance), errors))


def save_instance(instance, exclude=None):
    clean_instance(instance, exclude=exclude)
    instance.save()
    return instance


CONSTRAINT_NAME = re.compile(r"|".join(re.escape(name) for name in CONSTRAINT_FIELDS))


def field_for_integrity_error(exc):
    match = CONSTRAINT_NAME.search(str(exc))
    return CONSTRAINT_FIELDS[match.group(0)] if match else None
