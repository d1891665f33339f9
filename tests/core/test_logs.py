"""Structured logs: a request id in every answer and log line, JSON lines, errors posted to the report URL."""

import io
import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.test import Client
from django.urls import path

from core.logs import ErrorReportHandler, JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db


def failing_view(request):
    logging.getLogger("convene.meetings").warning("About to fail", extra={"meeting": 16})
    raise RuntimeError("the printer is on fire")


urlpatterns = [path("boom/", failing_view)]


@pytest.fixture
def json_lines():
    """The JSON lines that Convene's console handler writes (the production formatter and filter), as dicts."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)


def test_every_answer_carries_a_new_request_id(client):
    first, second = client.get("/healthz"), client.get("/en/")

    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_the_proxys_request_id_is_kept_when_it_is_a_plain_token(client):
    kept = client.get("/healthz", HTTP_X_REQUEST_ID="4f1c2a9be07d4c1e")
    replaced = client.get("/healthz", HTTP_X_REQUEST_ID='<script>"x"</script>')

    assert kept["X-Request-ID"] == "4f1c2a9be07d4c1e"
    assert len(replaced["X-Request-ID"]) == 32
    assert "script" not in replaced["X-Request-ID"]


def test_each_request_is_one_json_line_with_its_id(client, json_lines):
    response = client.get("/api/v1/series/")

    lines = [line for line in json_lines() if line["logger"] == "convene.request"]
    assert len(lines) == 1
    line = lines[0]
    assert {key: line[key] for key in ("level", "message", "request_id", "method", "path", "status")} == {
        "level": "INFO",
        "message": "GET /api/v1/series/ 200",
        "request_id": response["X-Request-ID"],
        "method": "GET",
        "path": "/api/v1/series/",
        "status": 200,
    }
    assert line["duration_ms"] >= 0


class Collector(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Collector.received.append((self.headers["Content-Type"], json.loads(body)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def collector():
    Collector.received = []
    server = HTTPServer(("127.0.0.1", 0), Collector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/errors", Collector.received
    server.shutdown()
    server.server_close()


def test_an_error_is_posted_to_the_report_url_with_the_request_id_and_the_lines_before_it_share_it(
    settings, collector, json_lines
):
    settings.ROOT_URLCONF = __name__
    url, received = collector
    handler = ErrorReportHandler(url)
    handler.addFilter(RequestIdFilter())
    logging.getLogger().addHandler(handler)
    try:
        response = Client(raise_request_exception=False).get("/boom/")
        for thread in threading.enumerate():
            if thread.name == "convene-error-report":
                thread.join(timeout=10)
    finally:
        logging.getLogger().removeHandler(handler)

    request_id = response["X-Request-ID"]
    assert response.status_code == 500
    assert len(received) == 1
    content_type, report = received[0]
    assert content_type == "application/json"
    assert (report["level"], report["logger"], report["message"]) == (
        "ERROR",
        "django.request",
        "Internal Server Error: /boom/",
    )
    assert report["request_id"] == request_id
    assert "RuntimeError: the printer is on fire" in report["exception"]
    warning = next(line for line in json_lines() if line["message"] == "About to fail")
    assert (warning["request_id"], warning["meeting"]) == (request_id, 16)


def test_a_report_url_that_does_not_answer_never_breaks_the_request(settings):
    settings.ROOT_URLCONF = __name__
    handler = ErrorReportHandler("http://127.0.0.1:9/unreachable", timeout=1)
    logging.getLogger().addHandler(handler)
    try:
        response = Client(raise_request_exception=False).get("/boom/")
    finally:
        logging.getLogger().removeHandler(handler)

    assert response.status_code == 500
