"""CORS: any origin may read the API from a browser; no origin may write to it."""

from corsheaders.signals import check_request_enabled

READ_METHODS = {"GET", "HEAD"}


def allow_reads_from_any_origin(sender, request, **kwargs):
    if not request.path_info.startswith("/api/"):
        return False
    if request.method == "OPTIONS":
        # A preflight asks for the method it wants to use next.
        return request.headers.get("Access-Control-Request-Method", "").upper() in READ_METHODS
    return request.method in READ_METHODS


def connect():
    check_request_enabled.connect(allow_reads_from_any_origin, dispatch_uid="convene-api-cors")
