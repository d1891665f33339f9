"""`make prod`: Convene's production stack on this machine, in the foreground, until Ctrl-C.

nginx (Debian's package) in front, as a buffering reverse proxy that also serves the static files and hands out
uploaded files after Django's permission check (X-Accel-Redirect); gunicorn behind it on a Unix socket; the
background task worker beside them. Production settings (DEBUG off). Everything this run writes (nginx's
configuration, pid, logs and temporary files, gunicorn's socket) lives under --prefix, so nothing needs root.

    python scripts/prod.py [--port 8080] [--prefix .prod] [--workers 3] [--tls-cert C --tls-key K] [--demo]

The environment configures Convene as always (README "Configuration": DATABASE_URL, REDIS_URL, ...); this script
only fills in what the stack itself decides (proxy headers, X-Accel-Redirect, HTTPS when a certificate is given)
and, if DJANGO_SECRET_KEY is unset, a key generated once into .prod-secret-key (mode 600, never committed).
"""

import argparse
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TEMPLATE = BASE_DIR / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MIME_TYPES = Path("/etc/nginx/mime.types")
INTERNAL_MEDIA = "/internal-media/"


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PROD_PORT", 8080)))
    parser.add_argument("--host", default=os.environ.get("PROD_HOST", "127.0.0.1"), help="address nginx listens on")
    parser.add_argument("--prefix", type=Path, default=Path(os.environ.get("PROD_PREFIX", BASE_DIR / ".prod")))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("PROD_WORKERS", 3)))
    parser.add_argument("--tls-cert", default=os.environ.get("PROD_TLS_CERT"), help="PEM certificate: serve HTTPS")
    parser.add_argument("--tls-key", default=os.environ.get("PROD_TLS_KEY"), help="PEM private key of --tls-cert")
    parser.add_argument("--demo", action="store_true", help="load the demo and the demo secretariat account")
    parser.add_argument(
        "--skip-collectstatic", action="store_true", help="the release's static files are already collected"
    )
    options = parser.parse_args()
    if bool(options.tls_cert) != bool(options.tls_key):
        parser.error("--tls-cert and --tls-key go together")
    return options


def secret_key() -> str:
    path = BASE_DIR / ".prod-secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50) + "\n")
        path.chmod(0o600)
    return path.read_text().strip()


def environment(options) -> dict:
    """The process environment of the stack: the caller's, plus what running behind this nginx means."""
    tls = bool(options.tls_cert)
    env = dict(os.environ)
    env.setdefault("DJANGO_SECRET_KEY", secret_key())
    env.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
    env["DJANGO_DEBUG"] = "0"
    # nginx replaces X-Forwarded-For and X-Forwarded-Proto on every request: one proxy, trusted.
    env["CONVENE_PROXY_COUNT"] = "1"
    env["DJANGO_SECURE_PROXY_SSL_HEADER"] = "1"
    env["CONVENE_MEDIA_ACCEL_PREFIX"] = INTERNAL_MEDIA
    if not tls:
        # Plain HTTP on this machine: no redirect to an https:// nginx does not serve, cookies over HTTP.
        env.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
        env.setdefault("DJANGO_SECURE_COOKIES", "0")
        env.setdefault("DJANGO_SECURE_HSTS_SECONDS", "0")
    return env


def django_value(env, expression) -> str:
    """A value of the production settings, as the stack's processes will see it."""
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    return subprocess.run(
        [PYTHON, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        cwd=BASE_DIR,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], env=env, cwd=BASE_DIR, check=True)


def nginx_configuration(options, env) -> str:
    tls = bool(options.tls_cert)
    if tls:
        listen = (
            f"listen {options.host}:{options.port} ssl http2;\n"
            f"        ssl_certificate {Path(options.tls_cert).resolve()};\n"
            f"        ssl_certificate_key {Path(options.tls_key).resolve()};\n"
            "        ssl_protocols TLSv1.2 TLSv1.3;\n"
            "        ssl_session_cache shared:convene_tls:10m;"
        )
    else:
        listen = f"listen {options.host}:{options.port};"
    upload_mb = int(env.get("CONVENE_UPLOAD_MAX_MB") or 20)
    # Started by root, nginx would hand its workers to `nobody`, who may not read this checkout's files: on this
    # machine its workers run as whoever runs `make prod` (on servers, www-data: docs/DEPLOYMENT.md).
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    values = {
        "USER": user,
        "PREFIX": str(options.prefix),
        "MIME_TYPES": str(MIME_TYPES),
        "MAX_BODY": f"{upload_mb + 5}m",
        "UPSTREAM": f"unix:{options.prefix / 'gunicorn.sock'}",
        "LISTEN": listen,
        "SERVER_NAME": " ".join(env["DJANGO_ALLOWED_HOSTS"].split(",")),
        "STATIC_ROOT": django_value(env, "settings.STATIC_ROOT"),
        "MEDIA_ROOT": django_value(env, "settings.MEDIA_ROOT"),
    }
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    return text


def wait_until_listening(address, process, name, timeout=60):
    family = socket.AF_UNIX if isinstance(address, str) else socket.AF_INET
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{name} stopped at start (exit {process.returncode}); see {name}'s messages above.")
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            try:
                probe.connect(address)
                return
            except OSError:
                time.sleep(0.2)
    raise SystemExit(f"{name} did not listen within {timeout} s.")


class Stop(Exception):
    """SIGTERM or SIGINT: stop the stack (from wherever the script is: starting, or serving)."""


def stop_on_signal(signum, frame):
    raise Stop


def stop(processes: dict) -> None:
    # nginx first and gracefully (SIGQUIT), then the worker and gunicorn (SIGTERM: they finish what they do).
    for name, process in reversed(processes.items()):
        if process.poll() is None:
            process.send_signal(signal.SIGQUIT if name == "nginx" else signal.SIGTERM)
    for process in processes.values():
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main():
    options = arguments()
    options.prefix = options.prefix.resolve()
    for folder in ("logs", "tmp"):
        (options.prefix / folder).mkdir(parents=True, exist_ok=True)
    env = environment(options)
    signal.signal(signal.SIGTERM, stop_on_signal)
    signal.signal(signal.SIGINT, stop_on_signal)
    processes: dict[str, subprocess.Popen] = {}
    try:
        serve(options, env, processes)
    except Stop:
        pass
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        stop(processes)
    print("Convene's production stack stopped.", flush=True)


def serve(options, env, processes):
    """Prepare, start gunicorn, the task worker and nginx into `processes`, and return when one of them stops."""
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "setup_roles")
    if not options.skip_collectstatic:
        manage(env, "collectstatic", "--no-input", "-v", "0")
    if options.demo:
        manage(env, "load_demo")
        manage(env, "ensure_demo_account")

    configuration = options.prefix / "nginx.conf"
    configuration.write_text(nginx_configuration(options, env))
    nginx = [NGINX, "-p", str(options.prefix), "-e", str(options.prefix / "logs/nginx-error.log")]
    subprocess.run([*nginx, "-t", "-q", "-c", str(configuration)], check=True)

    socket_path = options.prefix / "gunicorn.sock"
    socket_path.unlink(missing_ok=True)
    processes["gunicorn"] = subprocess.Popen(
        [
            PYTHON, "-m", "gunicorn", "config.wsgi",
            "--bind", f"unix:{socket_path}",
            "--workers", str(options.workers),
            "--timeout", "60",
            "--graceful-timeout", "20",
            "--max-requests", "5000", "--max-requests-jitter", "500",
            "--pid", str(options.prefix / "gunicorn.pid"),
            "--control-socket", str(options.prefix / "gunicorn.ctl"),
        ],
        env=env, cwd=BASE_DIR,
    )  # fmt: skip
    wait_until_listening(str(socket_path), processes["gunicorn"], "gunicorn")
    # The background task worker (django-tasks' database backend): badges, exports and large imports.
    processes["db_worker"] = subprocess.Popen([PYTHON, "manage.py", "db_worker", "--no-reload"], env=env, cwd=BASE_DIR)
    processes["nginx"] = subprocess.Popen([*nginx, "-c", str(configuration), "-g", "daemon off;"])
    wait_until_listening((options.host, options.port), processes["nginx"], "nginx")

    scheme = "https" if options.tls_cert else "http"
    print(f"Convene (production settings) is serving on {scheme}://{options.host}:{options.port}/", flush=True)
    print(f"  behind nginx ({configuration}); logs in {options.prefix / 'logs'}; Ctrl-C stops it.", flush=True)
    while all(process.poll() is None for process in processes.values()):
        time.sleep(0.5)
    stopped = [name for name, process in processes.items() if process.poll() is not None]
    raise SystemExit(f"Stopping: {', '.join(stopped)} stopped on its own (see its messages above).")


if __name__ == "__main__":
    main()
