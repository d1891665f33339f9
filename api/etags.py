"""ETags: on every successful GET (304 when the client has that version), and the If-Match check of writes.

The ETag hashes the representation's data rather than the rendered bytes, so that a write can recompute it, with
the row locked, from the record as it is now, whatever renderer or indentation the client asked for.
"""

import hashlib
import json

from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_etags, quote_etag
from rest_framework.utils.encoders import JSONEncoder

# The same URL answers differently by language, by key and by format.
VARY_ON = ("Accept", "Accept-Language", "Authorization", "Cookie")


def etag_for_data(data) -> str:
    canonical = json.dumps(data, cls=JSONEncoder, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return quote_etag(hashlib.sha256(canonical.encode()).hexdigest()[:32])


def add_etag(request, response):
    if request.method not in ("GET", "HEAD") or response.status_code != 200 or response.streaming:
        return response
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    if response.has_header("ETag"):  # kept with the bytes of a cached answer (api/views/base.py)
        etag = response["ETag"]
    elif getattr(response, "data", None) is not None:
        etag = etag_for_data(response.data)
    else:
        etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
    response["ETag"] = etag
    patch_vary_headers(response, VARY_ON)
    return get_conditional_response(request, etag=etag, response=response)


def if_match_holds(request, current_etag: str) -> bool:
    """RFC 9110: no If-Match header, "*", or one of the listed tags equal (strong comparison) to the current one."""
    header = request.META.get("HTTP_IF_MATCH")
    if header is None:
        return True
    tags = parse_etags(header)
    if tags == ["*"]:
        return True
    return current_etag in (tag for tag in tags if not tag.startswith("W/"))
