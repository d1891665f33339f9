"""ETag on every successful GET, and 304 when the client already has that version."""

import hashlib

from django.utils.cache import get_conditional_response, patch_vary_headers, quote_etag

# The same URL answers differently by language and by key.
VARY_ON = ("Accept-Language", "Authorization", "Cookie")


def add_etag(request, response):
    if request.method not in ("GET", "HEAD") or response.status_code != 200 or response.streaming:
        return response
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
    response["ETag"] = etag
    patch_vary_headers(response, VARY_ON)
    return get_conditional_response(request, etag=etag, response=response)
