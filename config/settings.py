"""Convene settings: one module, driven by environment variables (see README "Configuration")."""

import tempfile
from datetime import timedelta
from pathlib import Path

import xstatic.pkg.jquery_ui as xstatic_jquery_ui
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import (
    env_bool,
    env_cache,
    env_choice,
    env_database,
    env_int,
    env_list,
    env_rate,
    env_shared_cache,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("The environment variable DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-used-with-DJANGO_DEBUG-on"  # noqa: S105 - development only

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must come before django.contrib.admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_countries",
    "corsheaders",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "core",
    "meetings",
    "participants",
    "sessions.apps.WorkingSessionsConfig",
    "agreements",
    "api",
    "portal",
    "secretariat",
    "demo",
]

MIDDLEWARE = [
    # First: every log line of a request, and its answer (X-Request-ID), carry the request's id (core/logs.py).
    "core.logs.RequestIdMiddleware",
    "config.replicas.PublicReadsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # WhiteNoise, its index of the static files read once per process (core/storage.py).
    "core.storage.StaticFilesMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "api.throttling.RateLimitHeadersMiddleware",
    # A cached public answer for a visitor without credentials leaves here, before sessions and what follows; the
    # middleware above run on every answer (core/http_cache.py).
    "core.http_cache.AnswerCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After LocaleMiddleware, so that refusals and outage pages speak the visitor's language.
    "core.middleware.DatabaseUnavailableMiddleware",
    "core.middleware.ControlCharacterMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session gave its TOTP code; the admin waits for it (core/two_factor.py).
    "django_otp.middleware.OTPMiddleware",
    "core.two_factor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# An optional read replica for public reads (config/replicas.py); tests make it a mirror of the primary.
if env_str("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = {**env_database("DATABASE_REPLICA_URL", default=""), "TEST": {"MIRROR": "default"}}
DATABASE_ROUTERS = ["config.replicas.PublicReadsRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
CACHES = {
    "default": env_cache("REDIS_URL"),
    # API throttles count in a cache all workers share (api/throttling.py): Redis, or files on this machine.
    "throttle": env_shared_cache(
        "REDIS_URL",
        folder=env_str("CONVENE_THROTTLE_DIR", default=str(Path(tempfile.gettempdir()) / "convene-throttles")),
        key_prefix="convene-throttle",
    ),
}
CONVENE_THROTTLE_CACHE = "throttle"
# Public pages and API answers are cached under their content version (core/http_cache.py).
CONVENE_ANSWER_CACHE = "default"
CONVENE_ANSWER_CACHE_SECONDS = env_int("CONVENE_ANSWER_CACHE_SECONDS", default=24 * 3600)

# Proxies in front of Convene that set X-Forwarded-For to the client's address (deploy/nginx.conf: one). With 0, the
# client is the connection's address and X-Forwarded-For, which anyone can send, is ignored by throttles and lockouts.
CONVENE_PROXY_COUNT = env_int("CONVENE_PROXY_COUNT", default=0)

# Staff sign-in: django-axes locks a username from an address after repeated failures (admin/locked_out.html).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("CONVENE_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("CONVENE_LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "core.views.signin_locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
if CONVENE_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = CONVENE_PROXY_COUNT
    AXES_IPWARE_PROXY_ORDER = "right-most"
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
# Second factor (core/two_factor.py): the Secretariat role and superusers give a TOTP code after their password.
OTP_TOTP_ISSUER = env_str("CONVENE_TOTP_ISSUER", default="Convene")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: content and interface in English, French and Arabic; English is the fallback.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("ar", _("Arabic"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One time format per language (docs/typography.md): "10:00" in English and Arabic, "10 h 00" in French.
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
# The order every reader falls back through (core/languages.py): the default, then the other languages.
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "fr", "ar")
# The tabbed admin would load jQuery UI from a CDN; serve the XStatic-jQuery-UI copy instead.
JQUERY_URL = "admin/js/vendor/jquery/jquery.min.js"
JQUERY_UI_URL = "xstatic/jquery-ui/jquery-ui.min.js"

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static", ("xstatic/jquery-ui", xstatic_jquery_ui.BASE_DIR)]
MEDIA_URL = "/media/"
# Behind nginx (deploy/nginx.conf), a permitted download is handed to nginx by X-Accel-Redirect to this internal
# location, which serves MEDIA_ROOT; empty: Django sends the file itself.
CONVENE_MEDIA_ACCEL_PREFIX = env_str("CONVENE_MEDIA_ACCEL_PREFIX", default="")
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    # Uploads are stored under random names (core/uploads.py); their types and size are checked by the models.
    "default": {"BACKEND": "core.uploads.RandomNameStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "core.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Staff sessions end after 8 hours (a working day), signed in or not since, and when the browser closes.
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("DJANGO_SESSION_EXPIRE_AT_BROWSER_CLOSE", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# HTTPS only when DEBUG is off: plain HTTP is redirected (except /healthz, for load balancers probing the backend)
# and browsers are told to keep to HTTPS for a year. Behind a TLS-terminating proxy that sets X-Forwarded-Proto
# (and strips it from clients), DJANGO_SECURE_PROXY_SSL_HEADER=1 lets Django see the request was HTTPS.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=not DEBUG)
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): scripts only from this origin, or inline with the request's nonce
# ({{ request.csp_nonce }}); no plugins, no framing. Styles allow inline style attributes, which the admin and
# Swagger UI use; scripts never run inline without the nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
CONVENE_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), "
    "interest-cohort=()"
)
# Seconds a client is asked to wait (Retry-After) while the database is unreachable.
CONVENE_RETRY_AFTER_SECONDS = env_int("CONVENE_RETRY_AFTER_SECONDS", default=30)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "api.schema.ConveneAutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiKeyAuthentication",
        "api.authentication.StaffSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.ConveneApiPermission"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.ConvenePagination",
    "DEFAULT_PARSER_CLASSES": ["api.parsers.ConveneJSONParser"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.AnonymousRateThrottle",
        "api.throttling.ApiKeyRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("CONVENE_API_ANON_RATE", default="120/minute"),
        "key": env_rate("CONVENE_API_KEY_RATE", default="1200/minute"),
    },
    "EXCEPTION_HANDLER": "api.exceptions.convene_exception_handler",
    "NUM_PROXIES": CONVENE_PROXY_COUNT,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Convene API",
    "DESCRIPTION": "Meetings, delegations, sessions and instruments of intergovernmental organisations. "
    "Keys, languages, filters, pagination, errors and bulk imports are explained in the "
    "[API guide](/api/v1/guide/).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.representations_any_of",
    ],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "MeetingStatusEnum": "meetings.models.Meeting.Status",
        "ParticipantStatusEnum": "participants.models.Participant.Status",
        "InstrumentStatusEnum": "agreements.models.Instrument.Status",
        "CommitmentStatusEnum": "agreements.models.Commitment.Status",
        "CountryEnum": "django_countries.countries",
        "DelegationRoleEnum": "participants.models.Delegation.Role",
        "ParticipantRoleEnum": "participants.models.Participant.Role",
    },
}

# Read-only API calls may come from any origin; writes may not (api/cors.py allows GET and HEAD only).
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"]

CONVENE_DEMO_USERNAME = env_str("CONVENE_DEMO_USERNAME", default="secretariat")
CONVENE_API_MAX_PAGE_SIZE = env_int("CONVENE_API_MAX_PAGE_SIZE", default=100)
CONVENE_UPLOAD_MAX_BYTES = env_int("CONVENE_UPLOAD_MAX_MB", default=20) * 1024 * 1024
CONVENE_API_MAX_JSON_DEPTH = env_int("CONVENE_API_MAX_JSON_DEPTH", default=32)

# Long jobs (badges, exports, large imports) run in a worker (`manage.py db_worker`, secretariat/jobs.py), queued in
# the database by django-tasks; a job of at most CONVENE_JOBS_INLINE_MAX participants or rows runs in the request.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
CONVENE_JOBS_INLINE_MAX = env_int("CONVENE_JOBS_INLINE_MAX", default=300)
# A running job's worker writes a sign of life on the job every quarter of this many seconds; a job without one for
# longer lost its worker (killed, out of memory, its machine down) and is marked failed (secretariat/jobs.py).
CONVENE_JOB_LEASE_SECONDS = env_int("CONVENE_JOB_LEASE_SECONDS", default=60)

# Logs: one JSON object a line with the request's id (core/logs.py) when DEBUG is off, plain text with it on;
# ERROR records are also posted as JSON to CONVENE_ERROR_REPORT_URL when it is set (docs/DEPLOYMENT.md).
CONVENE_LOG_FORMAT = env_choice("CONVENE_LOG_FORMAT", "text" if DEBUG else "json", ("json", "text"))
CONVENE_ERROR_REPORT_URL = env_str("CONVENE_ERROR_REPORT_URL", default="")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "core.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": CONVENE_LOG_FORMAT,
            "filters": ["request_id"],
        },
        "error_report": {
            "()": "core.logs.ErrorReportHandler",
            "url": CONVENE_ERROR_REPORT_URL,
            "filters": ["request_id"],
        },
    },
    "root": {
        "handlers": ["console", "error_report"],
        "level": env_choice("DJANGO_LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")),
    },
}
