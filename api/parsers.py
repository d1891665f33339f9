"""The API's JSON parser: DRF's, refusing with a 400 what would otherwise reach Python's limits or PostgreSQL's.

Python's json module recurses once per nesting level, so 100,000 ``[`` end in a RecursionError (a 500); the depth
is measured first, skipping over strings, and a body nested deeper than ``CONVENE_API_MAX_JSON_DEPTH`` is refused.
A NUL character in any string or key is refused too: PostgreSQL cannot store it in text or jsonb. A body larger
than DATA_UPLOAD_MAX_MEMORY_SIZE (which Django applies to forms, not to what DRF reads) is refused before parsing.
"""

import io
import re

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser, JSONParser

# A JSON string (with its escapes), or a bracket: brackets inside strings are skipped with the string.
TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)
OPENING = frozenset(b"[{")


def json_depth_exceeds(body: bytes, limit: int) -> bool:
    depth = 0
    for match in TOKENS.finditer(body):
        token = match.group()
        if token[0] in OPENING:
            depth += 1
            if depth > limit:
                return True
        elif token[0] != ord('"'):
            depth -= 1
    return False


def contains_nul(data) -> bool:
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


class ConveneJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        size_limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        body = stream.read(size_limit + 1)
        if len(body) > size_limit:
            raise ParseError(
                _("The JSON body is larger than %(limit)d KiB.") % {"limit": size_limit // 1024}, code="too_large"
            )
        limit = settings.CONVENE_API_MAX_JSON_DEPTH
        if json_depth_exceeds(body, limit):
            raise ParseError(_("The JSON body is nested deeper than %(limit)d levels.") % {"limit": limit})
        data = super().parse(io.BytesIO(body), media_type, parser_context)
        if contains_nul(data):
            raise ParseError(_("The JSON body contains a NUL character (\\u0000), which cannot be stored."))
        return data


class DocumentParser(BaseParser):
    """A whole document as bytes (a programme in JSON or XML), for a domain reader; bounded like every body."""

    media_type = "*/*"

    def parse(self, stream, media_type=None, parser_context=None):
        size_limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        body = stream.read(size_limit + 1) if stream is not None else b""
        if len(body) > size_limit:
            raise ParseError(
                _("The body is larger than %(limit)d KiB.") % {"limit": size_limit // 1024}, code="too_large"
            )
        return body
