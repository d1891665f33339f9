"""Uploaded files served by Django: only a file that a visible record names, always as a download.

A document, a signed text or a photo is served when the record holding it is visible to the visitor (published for
the public; the secretariat also sees drafts), as an attachment with ``X-Content-Type-Options: nosniff``, so that no
uploaded file is ever rendered inline in the site's origin. Every other name under /media/ is a 404.

Behind nginx (``CONVENE_MEDIA_ACCEL_PREFIX`` set), this view still decides, and nginx sends the bytes: the answer is
an empty ``X-Accel-Redirect`` to nginx's internal location for MEDIA_ROOT (deploy/nginx.conf).
"""

import mimetypes
import posixpath
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header

from agreements.models import Instrument
from core.access import Access
from meetings.models import Document
from participants.models import Person

# Which models hold uploaded files, and the file field (translated in each language, or not).
FILE_HOLDERS = ((Document, "file"), (Instrument, "document"), (Person, "photo"))


def _names_the_file(model, base_name, path) -> Q:
    names = [field.name for field in model._meta.fields if field.name.startswith(base_name + "_")] or [base_name]
    query = Q()
    for name in names:
        query |= Q(**{name: path})
    return query


def uploaded_file(request, path):
    access = Access.for_user(request.user)
    if not path or path.startswith("/") or ".." in path.split("/"):
        raise Http404
    if not any(
        model.objects.visible_to(access).filter(_names_the_file(model, base_name, path)).exists()
        for model, base_name in FILE_HOLDERS
    ):
        raise Http404
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    if settings.CONVENE_MEDIA_ACCEL_PREFIX:
        if not default_storage.exists(path):
            raise Http404
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.CONVENE_MEDIA_ACCEL_PREFIX.rstrip("/") + "/" + quote(path)
        response["Content-Disposition"] = content_disposition_header(True, posixpath.basename(path))
    else:
        try:
            handle = default_storage.open(path, "rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(
            handle, as_attachment=True, filename=posixpath.basename(path), content_type=content_type
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=300" if not access.is_anonymous else "public, max-age=3600"
    return response
