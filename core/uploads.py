"""Uploaded files: allow-listed by their content (never their name or the browser's word), bounded in size, and
stored under random names.

Documents may be PDF, DOCX, XLSX or ODT (or PNG/JPEG images); photos PNG or JPEG. Anything else, SVG and HTML
included (they run scripts in the site's origin), is refused with an error on the field.
"""

import os
import secrets
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext as _

PDF, DOCX, XLSX, ODT, PNG, JPEG = "pdf", "docx", "xlsx", "odt", "png", "jpeg"
DOCUMENT_TYPES = frozenset({PDF, DOCX, XLSX, ODT, PNG, JPEG})
PHOTO_TYPES = frozenset({PNG, JPEG})
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def sniff(file) -> str | None:
    """The type of the file from its first bytes (and, for the zip-based office formats, its parts)."""
    file.seek(0)
    head = file.read(64)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
                if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
                    return ODT
                if "[Content_Types].xml" in names and "word/document.xml" in names:
                    return DOCX
                if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
                    return XLSX
        except (zipfile.BadZipFile, OSError, KeyError):
            return None
        finally:
            file.seek(0)
    return None


def new_upload(field_file) -> bool:
    """True for a file uploaded in this request (not yet stored), False for one already stored."""
    return bool(field_file) and not getattr(field_file, "_committed", True)


def check_upload(field_file, allowed: frozenset) -> None:
    limit = settings.CONVENE_UPLOAD_MAX_BYTES
    if field_file.size > limit:
        raise ValidationError(
            _("The file is larger than %(limit)d MiB.") % {"limit": limit // (1024 * 1024)}, code="file_too_large"
        )
    kind = sniff(field_file.file)
    if kind not in allowed:
        accepted = "PNG, JPEG" if allowed == PHOTO_TYPES else "PDF, DOCX, XLSX, ODT, PNG, JPEG"
        raise ValidationError(
            _("This kind of file is not accepted (SVG and HTML never are): upload one of %(accepted)s.")
            % {"accepted": accepted},
            code="file_type",
        )


def check_uploads(instance: models.Model, base_name: str, allowed: frozenset) -> None:
    """Check the newly uploaded files of a (translated) file field: `file`, `file_en`, `file_fr`…"""
    errors = {}
    file_fields = [field for field in instance._meta.fields if isinstance(field, models.FileField)]
    # A translated field (modeltranslation) is checked in each language (file_en, file_fr…), where forms show it.
    fields = [field for field in file_fields if field.name.startswith(base_name + "_")] or [
        field for field in file_fields if field.name == base_name
    ]
    for field in fields:
        field_file = getattr(instance, field.attname)
        if new_upload(field_file):
            try:
                check_upload(field_file, allowed)
            except ValidationError as error:
                errors[field.name] = error
    if errors:
        raise ValidationError(errors)


class RandomNameStorage(FileSystemStorage):
    """Uploads keep their folder (documents/2026/) and a lower-case extension; the name itself is random, so a
    stored file's address reveals nothing and cannot be guessed or made to collide."""

    def generate_filename(self, filename):
        folder, name = os.path.split(filename)
        extension = os.path.splitext(name)[1].lower()[:10]
        return super().generate_filename(os.path.join(folder, secrets.token_urlsafe(16) + extension))
