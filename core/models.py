from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, router
from django.utils.translation import gettext_lazy as _

# Constraints that span several columns, named after the field a person has to change. Django reports a violation of
# one as an error of the whole form; here every door (admin forms through full_clean, the services' record_clean,
# the API, a refusal by the database itself in core.services) names the same field.
CONSTRAINT_FIELDS = {
    "meeting_ends_on_or_after_start": "end_date",
    "meeting_number_unique_in_series": "number",
    "position_ends_on_or_after_start": "end_date",
    "session_ends_after_start": "ends_at",
    "session_room_no_overlap": "room",
    "session_slug_unique_in_meeting": "slug",
    "session_external_id_unique_in_meeting": "external_id",
    "session_type_code_unique_in_meeting": "code",
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


def field_of_constraint(constraint) -> str:
    fields = getattr(constraint, "fields", ()) or ()
    return CONSTRAINT_FIELDS.get(constraint.name) or (fields[-1] if fields else NON_FIELD_ERRORS)


def constraint_errors(record, *, exclude=None) -> dict[str, list]:
    """Each violated constraint's messages, under the field a person has to change."""
    errors: dict[str, list] = {}
    using = router.db_for_write(type(record), instance=record)
    for model, constraints in record.get_constraints():
        for constraint in constraints:
            try:
                constraint.validate(model, record, exclude=exclude, using=using)
            except ValidationError as error:
                errors.setdefault(field_of_constraint(constraint), []).extend(error.messages)
    return errors


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        # The values as read, so that core.services.record_save writes only the fields changed since.
        record = super().from_db(db, field_names, values)
        record._loaded_values = {
            name: value for name, value in zip(field_names, values, strict=True) if value is not models.DEFERRED
        }
        return record

    def validate_constraints(self, exclude=None):
        """As Django's, with each error under the field of its constraint (CONSTRAINT_FIELDS)."""
        errors = constraint_errors(self, exclude=exclude)
        if errors:
            raise ValidationError(errors)

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        loaded = getattr(self, "_loaded_values", {})
        for field in self._meta.concrete_fields:
            if field.attname in self.__dict__ and (fields is None or field.attname in fields or field.name in fields):
                loaded[field.attname] = self.__dict__[field.attname]
        self._loaded_values = loaded


class ContentVersion(models.Model):
    """A counter per meeting (and 0 for site-wide records), advanced by every change to what pages show."""

    scope = models.PositiveIntegerField(_("scope"), primary_key=True, help_text=_("A meeting's id, or 0: site-wide."))
    version = models.PositiveBigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self):
        return f"{self.scope}: {self.version}"
