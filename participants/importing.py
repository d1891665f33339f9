"""Import a meeting's participants from CSV or XLSX, with a preview of every row before anything is saved.

The whole file is run inside one transaction: each row is matched (existing people by email, else by name and
organization), validated and written; the transaction is rolled back for a preview (dry run) or as soon as any row
has an error, so a file with one bad row saves nothing. The preview is therefore exactly what saving would do.
"""

import base64
import csv
import io
import zipfile
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import DatabaseError, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from core.admin_views import staff_view_check
from core.services import record_save
from meetings.models import Meeting
from participants.columns import EXPORT_COLUMNS, IMPORT_COLUMNS, REQUIRED_COLUMNS
from participants.models import Delegation, Organization, Participant, Person, Position
from participants.services import participant_create, participant_save

MAX_FILE_SIZE = 5 * 1024 * 1024
LANGUAGES = ("en", "fr", "ar")


class ImportFileError(Exception):
    """The file as a whole cannot be read (format, encoding, headers)."""


@dataclass
class RowOutcome:
    row: int  # the spreadsheet's row number: the headers are row 1
    values: dict
    outcome: str = ""
    errors: list = field(default_factory=list)  # (column header, message)

    @property
    def ok(self):
        return not self.errors


@dataclass
class ImportResult:
    rows: list
    saved: bool = False

    @property
    def error_count(self):
        return sum(1 for row in self.rows if row.errors)

    @property
    def has_errors(self):
        return self.error_count > 0

    def error_messages(self):
        return [
            _("Row %(row)d, column “%(column)s”: %(message)s") % {"row": row.row, "column": column, "message": message}
            for row in self.rows
            for column, message in row.errors
        ]


def _normalise(text) -> str:
    return " ".join(str(text or "").replace("_", " ").split()).casefold()


def _header_map() -> dict:
    """Every accepted spelling of every column (key, or header in any language) -> key; None for export-only."""
    accepted = {}
    for language in LANGUAGES:
        with translation.override(language):
            for key, label in EXPORT_COLUMNS.items():
                accepted[_normalise(label)] = key if key in IMPORT_COLUMNS else None
    for key in EXPORT_COLUMNS:
        accepted[_normalise(key)] = key if key in IMPORT_COLUMNS else None
    return accepted


def _role_map() -> dict:
    accepted = {}
    for language in LANGUAGES:
        with translation.override(language):
            for value, label in Participant.Role.choices:
                accepted[_normalise(label)] = value
    for value in Participant.Role.values:
        accepted[_normalise(value)] = value
    return accepted


def read_table(content: bytes, filename: str = ""):
    """(headers, rows) from CSV or XLSX bytes; every cell a stripped string."""
    if len(content) > MAX_FILE_SIZE:
        raise ImportFileError(_("The file is larger than 5 MB."))
    if content[:2] == b"PK" or filename.lower().endswith(".xlsx"):
        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except (zipfile.BadZipFile, OSError, KeyError, ValueError):
            raise ImportFileError(_("The file is not a readable XLSX workbook.")) from None
        table = [
            ["" if cell is None else str(cell).strip() for cell in row]
            for row in workbook.worksheets[0].iter_rows(values_only=True)
        ]
        workbook.close()
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportFileError(_("The file is neither an XLSX workbook nor UTF-8 CSV text.")) from None
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        table = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    if not table or not any(table[0]):
        raise ImportFileError(_("The file is empty: the first row must name the columns."))
    return table[0], table[1:]


def _columns(headers) -> dict:
    """key -> column index; ImportFileError names unknown or missing columns."""
    accepted, columns, unknown = _header_map(), {}, []
    for index, header in enumerate(headers):
        if not header:
            continue
        name = _normalise(header)
        if name not in accepted:
            unknown.append(f"“{header}” ({get_column_letter(index + 1)})")
        elif accepted[name] is not None:
            columns[accepted[name]] = index
    if unknown:
        raise ImportFileError(
            _("Unknown column(s): %(columns)s. Expected: %(expected)s.")
            % {"columns": ", ".join(unknown), "expected": ", ".join(str(label) for label in IMPORT_COLUMNS.values())}
        )
    missing = [str(IMPORT_COLUMNS[key]) for key in REQUIRED_COLUMNS if key not in columns]
    if missing:
        raise ImportFileError(_("Missing column(s): %(columns)s.") % {"columns": ", ".join(missing)})
    return columns


class _Directory:
    """Organizations by every name they go by, loaded once per import."""

    def __init__(self):
        self.by_name = {}
        for organization in Organization.objects.all():
            for language in LANGUAGES:
                for attribute in ("name", "acronym"):
                    value = getattr(organization, f"{attribute}_{language}", "")
                    if value:
                        self.by_name.setdefault(_normalise(value), organization)
            self.by_name.setdefault(_normalise(organization.slug), organization)

    def find(self, name):
        return self.by_name.get(_normalise(name))


def _unique_person_slug(given, family) -> str:
    base = slugify(f"{given} {family}")[:100] or "person"
    slug, suffix = base, 2
    while Person.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


# Model field -> import column, to put a model's validation error on the right column.
_FIELD_COLUMNS = {
    "given_name": "given_name",
    "given_name_en": "given_name",
    "family_name": "family_name",
    "family_name_en": "family_name",
    "given_name_ar": "given_name_ar",
    "family_name_ar": "family_name_ar",
    "honorific_prefix": "honorific",
    "honorific_prefix_en": "honorific",
    "email": "email",
    "title": "position",
    "title_en": "position",
    "role": "role",
    "person": "email",
    "position": "position",
    "delegation": "delegation",
}


def _label(key) -> str:
    return str(IMPORT_COLUMNS.get(key, key))


def _import_row(*, meeting, values, directory, roles, seen, outcome: RowOutcome):
    errors = outcome.errors
    given, family, email = values.get("given_name", ""), values.get("family_name", ""), values.get("email", "")
    for key in REQUIRED_COLUMNS:
        if not values.get(key):
            errors.append((_label(key), _("required.")))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.append((_label("email"), _("“%(value)s” is not an email address.") % {"value": email}))
    role = None  # an empty cell leaves an existing participant's role as it is; new ones are delegates
    if values.get("role"):
        role = roles.get(_normalise(values["role"]))
        if role is None:
            errors.append(
                (
                    _label("role"),
                    _("unknown role “%(value)s”; use one of: %(roles)s.")
                    % {"value": values["role"], "roles": ", ".join(str(label) for label in Participant.Role.labels)},
                )
            )
    organization = delegation_organization = None
    for key in ("organization", "delegation"):
        if values.get(key):
            found = directory.find(values[key])
            if found is None:
                errors.append(
                    (
                        _label(key),
                        _("unknown organization “%(value)s”: add it in the admin first, or correct the name.")
                        % {"value": values[key]},
                    )
                )
            elif key == "organization":
                organization = found
            else:
                delegation_organization = found
    delegation_organization = delegation_organization or organization
    organization = organization or delegation_organization
    if delegation_organization is None and not values.get("delegation") and not values.get("organization"):
        errors.append((_label("delegation"), _("give the delegation (or the organization) of the participant.")))
    if errors:
        return
    identity = email.casefold() if email else (given.casefold(), family.casefold(), organization.pk)
    if identity in seen:
        errors.append(
            (
                _label("email") if email else _label("family_name"),
                _("the same person as row %(row)d.") % {"row": seen[identity]},
            )
        )
        return
    seen[identity] = outcome.row

    person, matched_by = None, None
    if email:
        matches = list(Person.objects.filter(email__iexact=email)[:2])
        if len(matches) > 1:
            errors.append((_label("email"), _("several people have this email; correct them in the admin first.")))
            return
        if matches:
            person, matched_by = matches[0], "email"
    if person is None:
        matches = list(
            Person.objects.filter(
                given_name_en__iexact=given, family_name_en__iexact=family, positions__organization=organization
            ).distinct()[:2]
        )
        if len(matches) > 1:
            errors.append(
                (_label("family_name"), _("several people have this name at this organization; give their email."))
            )
            return
        if matches:
            person, matched_by = matches[0], "name"
    if person is None:
        person = Person(
            honorific_prefix_en=values.get("honorific", ""),
            given_name_en=given,
            family_name_en=family,
            given_name_ar=values.get("given_name_ar") or None,
            family_name_ar=values.get("family_name_ar") or None,
            email=email,
            slug=_unique_person_slug(given, family),
        )
        record_save(record=person)
    elif email and not person.email:
        person.email = email
        record_save(record=person)

    position = None
    if values.get("position"):
        position = Position.objects.filter(
            person=person, organization=organization, title_en__iexact=values["position"]
        ).first()
        if position is None:
            position = Position(person=person, organization=organization, title_en=values["position"])
            record_save(record=position)

    delegation = Delegation.objects.filter(meeting=meeting, organization=delegation_organization).first()
    if delegation is None:
        delegation = Delegation(meeting=meeting, organization=delegation_organization)
        record_save(record=delegation)

    participant = Participant.objects.filter(meeting=meeting, person=person).first()
    if participant is None:
        participant_create(
            delegation=delegation, person=person, position=position, role=role or Participant.Role.DELEGATE
        )
        outcome.outcome = {
            None: _("new person, added to the meeting"),
            "email": _("existing person (matched by email), added to the meeting"),
            "name": _("existing person (matched by name and organization), added to the meeting"),
        }[matched_by]
        return
    changes = []
    if role is not None and participant.role != role:
        participant.role = role
        changes.append(_("role"))
    if participant.delegation_id != delegation.pk:
        participant.delegation = delegation
        changes.append(_("delegation"))
    if position is not None and participant.position_id != position.pk:
        participant.position = position
        changes.append(_("position"))
    if changes:
        participant_save(participant=participant)
        outcome.outcome = _("already a participant: updated %(fields)s") % {"fields": ", ".join(changes)}
    else:
        outcome.outcome = _("already a participant: no change")


def _validation_errors(error: ValidationError):
    """(column header, message) pairs from a model's validation error."""
    if not hasattr(error, "error_dict"):
        return [(_label("family_name"), message) for message in error.messages]
    return [
        (_label(_FIELD_COLUMNS.get(name, "family_name")), message)
        for name, field_messages in error.message_dict.items()
        for message in field_messages
    ]


def import_participants(*, meeting: Meeting, content: bytes, filename: str = "", dry_run: bool = True):
    """Run the import; saves only when dry_run is False and every row is valid. Raises ImportFileError."""
    headers, rows = read_table(content, filename)
    columns = _columns(headers)
    directory, roles, seen = _Directory(), _role_map(), {}
    result = ImportResult(rows=[])
    with transaction.atomic():
        for offset, cells in enumerate(rows):
            if not any(cells):
                continue
            values = {key: (cells[index] if index < len(cells) else "") for key, index in columns.items()}
            outcome = RowOutcome(row=offset + 2, values=values)
            result.rows.append(outcome)
            try:
                with transaction.atomic():
                    _import_row(
                        meeting=meeting, values=values, directory=directory, roles=roles, seen=seen, outcome=outcome
                    )
                    if outcome.errors:
                        transaction.set_rollback(True)
            except ValidationError as error:
                outcome.errors.extend(_validation_errors(error))
            except DatabaseError as error:
                outcome.errors.append(
                    (
                        _label("family_name"),
                        _("the database refused this row: import the file again.") + f" ({type(error).__name__})",
                    )
                )
        if not result.rows:
            raise ImportFileError(_("The file has column headers but no participants."))
        if dry_run or result.has_errors:
            transaction.set_rollback(True)
        else:
            result.saved = True
    return result


# Admin views ------------------------------------------------------------------------------------------------
class ImportForm(forms.Form):
    meeting = forms.ModelChoiceField(queryset=Meeting.objects.all(), label=gettext_lazy("meeting"))
    file = forms.FileField(
        label=gettext_lazy("file"), help_text=gettext_lazy("CSV (UTF-8) or XLSX; the first row names the columns.")
    )


class ConfirmForm(forms.Form):
    meeting = forms.ModelChoiceField(queryset=Meeting.objects.all(), widget=forms.HiddenInput)
    filename = forms.CharField(widget=forms.HiddenInput, required=False)
    content = forms.CharField(widget=forms.HiddenInput)


def import_view(request, *, model_admin):
    """Step 1: upload; step 2: preview of every row; step 3: confirm, which saves all rows or none."""
    staff_view_check(request, model_admin)
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Import participants"),
        "columns": IMPORT_COLUMNS.values(),
    }
    form = ImportForm(request.POST or None, request.FILES or None, initial={"meeting": request.GET.get("meeting")})
    if request.method == "POST" and "confirm" in request.POST:
        confirm = ConfirmForm(request.POST)
        if confirm.is_valid():
            meeting = confirm.cleaned_data["meeting"]
            content = base64.b64decode(confirm.cleaned_data["content"])
            try:
                result = import_participants(
                    meeting=meeting, content=content, filename=confirm.cleaned_data["filename"], dry_run=False
                )
            except ImportFileError as error:
                messages.error(request, str(error))
                return redirect(request.path)
            if result.saved:
                model_admin.message_user(
                    request,
                    ngettext(
                        "%(count)d row imported into %(meeting)s.",
                        "%(count)d rows imported into %(meeting)s.",
                        len(result.rows),
                    )
                    % {"count": len(result.rows), "meeting": meeting},
                    messages.SUCCESS,
                )
                changelist = reverse("admin:participants_participant_changelist")
                return redirect(f"{changelist}?meeting__id__exact={meeting.pk}")
            context.update(result=result, meeting=meeting, form=form)
            messages.error(request, _("Nothing was saved: the data changed since the preview. See the errors below."))
            return TemplateResponse(request, "admin/participants/participant/import.html", context)
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        meeting = form.cleaned_data["meeting"]
        try:
            result = import_participants(meeting=meeting, content=content, filename=upload.name, dry_run=True)
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            context.update(result=result, meeting=meeting)
            if not result.has_errors:
                context["confirm_form"] = ConfirmForm(
                    initial={
                        "meeting": meeting.pk,
                        "filename": upload.name,
                        "content": base64.b64encode(content).decode("ascii"),
                    }
                )
    context["form"] = form
    return TemplateResponse(request, "admin/participants/participant/import.html", context)
