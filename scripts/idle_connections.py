"""Measure what idle clients do to /healthz, through nginx and straight to gunicorn (issue 11's probe).

With `make prod` running (or scripts/prod.py with --prefix and --port):

    .venv/bin/python scripts/idle_connections.py --url http://127.0.0.1:8080 --socket .prod/gunicorn.sock

Prints the median time of /healthz without and with 50 idle connections open to nginx, then whether gunicorn,
reached directly on its socket with 50 idle connections, answers at all within 5 s. Asserts nothing.
"""

import argparse
import socket
import statistics
import time
import urllib.request
from urllib.parse import urlsplit


def timed(url):
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the operator's own stack
        response.read()
    return time.monotonic() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("--socket", default=".prod/gunicorn.sock", help="gunicorn's Unix socket")
    parser.add_argument("--connections", type=int, default=50)
    options = parser.parse_args()
    address = urlsplit(options.url)
    healthz = f"{options.url}/healthz"

    quiet = [timed(healthz) for _index in range(10)]
    idle = []
    for _index in range(options.connections):
        connection = socket.create_connection((address.hostname, address.port or 80))
        connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: " + address.hostname.encode() + b"\r\n")
        idle.append(connection)
    busy = [timed(healthz) for _index in range(10)]
    for connection in idle:
        connection.close()
    print(
        f"through nginx: /healthz median {statistics.median(quiet) * 1000:.0f} ms without, "
        f"{statistics.median(busy) * 1000:.0f} ms with {options.connections} idle connections "
        f"(slowest {max(busy) * 1000:.0f} ms)"
    )

    idle = []
    for _index in range(options.connections):
        connection = socket.socket(socket.AF_UNIX)
        connection.connect(options.socket)
        idle.append(connection)
    probe = socket.socket(socket.AF_UNIX)
    probe.settimeout(5)
    probe.connect(options.socket)
    started = time.monotonic()
    probe.sendall(b"GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
    try:
        probe.recv(100)
        print(f"straight to gunicorn: answered in {(time.monotonic() - started) * 1000:.0f} ms")
    except TimeoutError:
        print(f"straight to gunicorn with {options.connections} idle connections: no answer within 5 s")
    for connection in [*idle, probe]:
        connection.close()


if __name__ == "__main__":
    main()
