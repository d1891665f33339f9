"""Structured logs: one JSON object a line, each with the id of the request it belongs to; errors posted on demand.

- ``RequestIdMiddleware`` gives every request an id (the proxy's ``X-Request-ID`` when it is a plain token, else a
  new one), answers it in ``X-Request-ID`` and logs one ``convene.request`` line when the answer leaves.
- ``JsonFormatter`` writes a record as JSON, with the request id of the request being served (``RequestIdFilter``).
- ``ErrorReportHandler`` posts ERROR records as JSON to ``CONVENE_ERROR_REPORT_URL`` (a webhook of the team's
  error collector or chat), in the background, never failing the request it reports on.
"""

import contextvars
import datetime
import json
import logging
import re
import threading
import time
import traceback
import urllib.request
import uuid

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("convene_request_id", default="")
# A proxy's id is kept only when it is a plain token; anything else (or nothing) gets a new id.
VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
request_logger = logging.getLogger("convene.request")


class RequestIdMiddleware:
    """First of all middleware: every log line of the request, and its answer, carry the request's id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = given if VALID_REQUEST_ID.match(given) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            request_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id_var.reset(token)


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


# Attributes every LogRecord has; the others were passed in `extra` and go into the JSON as they are.
STANDARD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "request_id"}


def record_as_dict(record: logging.LogRecord) -> dict:
    entry = {
        "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(timespec="milliseconds"),
        "level": record.levelname,
        "logger": record.name,
        "message": record.getMessage(),
        "request_id": getattr(record, "request_id", "") or request_id_var.get(),
    }
    for key, value in vars(record).items():
        if key not in STANDARD_ATTRIBUTES and not key.startswith("_"):
            entry[key] = value if isinstance(value, str | int | float | bool | type(None)) else repr(value)
    if record.exc_info:
        entry["exception"] = "".join(traceback.format_exception(*record.exc_info))
    return entry


class JsonFormatter(logging.Formatter):
    def format(self, record):
        return json.dumps(record_as_dict(record), ensure_ascii=False)


class ErrorReportHandler(logging.Handler):
    """POST each record as JSON to `url`, from a thread of its own, with a short timeout; a failure is dropped."""

    def __init__(self, url: str, timeout: float = 5.0, level=logging.ERROR):
        super().__init__(level=level)
        self.url = url
        self.timeout = timeout

    def emit(self, record):
        if not self.url:
            return
        try:
            body = json.dumps(record_as_dict(record), ensure_ascii=False).encode()
        except Exception:  # noqa: BLE001 - a report must never break the request it reports on
            self.handleError(record)
            return
        threading.Thread(target=self.post, args=(body,), daemon=True, name="convene-error-report").start()

    def post(self, body: bytes):
        request = urllib.request.Request(  # noqa: S310 - the operator's own https:// URL, from the settings
            self.url, data=body, headers={"Content-Type": "application/json"}, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout):  # noqa: S310
                pass
        except OSError:
            logging.getLogger("convene.errors").warning("The error report could not be posted to its URL.")
