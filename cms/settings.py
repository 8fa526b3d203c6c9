"""Settings for the quote desk, read from the environment with safe local defaults.

Every variable is listed in the README's configuration table.
"""

import contextlib
import os
import re
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from cms.environment import (
    database,
    email_backend,
    env_bool,
    env_choice,
    env_float,
    env_int,
    env_list,
    env_rate,
    log_level,
    site_url,
    time_zone,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CMS_VAR_DIR", BASE_DIR / "var"))
try:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
except OSError as exc:
    raise ImproperlyConfigured(f"CMS_VAR_DIR: cannot create {VAR_DIR} ({exc.strerror})") from None


def local_secret_key() -> str:
    """A random key kept under var/, so a local install never runs on a key known to anyone.
    Written to a file of its own first, readable by its owner only, then linked into place:
    a full disk once left an empty key file, on which every later start ran (and every signed
    cookie failed), and two processes starting at once must not keep different keys."""
    path = VAR_DIR / "secret_key"
    if path.exists() and path.read_text().strip():
        return path.read_text().strip()
    written = VAR_DIR / f"secret_key.{os.getpid()}.new"
    try:
        descriptor = os.open(written, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_urlsafe(50))
            file.flush()
            os.fsync(file.fileno())
        if path.exists():  # empty: left by a failed write
            os.replace(written, path)
        else:
            with contextlib.suppress(FileExistsError):  # another process's key came first
                os.link(written, path)
    except OSError as exc:
        raise ImproperlyConfigured(
            f"CMS_VAR_DIR: cannot write the secret key to {path} ({exc.strerror}); "
            "free some space there, or set DJANGO_SECRET_KEY"
        ) from None
    finally:
        written.unlink(missing_ok=True)
    return path.read_text().strip()


DEBUG = env_bool("DJANGO_DEBUG")
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or local_secret_key()
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")
SITE_URL = site_url("CMS_SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "cms.admin_apps.QuoteDeskAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "corsheaders",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "reversion",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "core",
    "cms",
    "images",
    "quotes",
    "articles",
]
# Bench, load test and bulk seeder commands, where the repository is checked out (not shipped).
if (BASE_DIR / "tools" / "__init__.py").exists():
    INSTALLED_APPS.append("tools")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cms.middleware.RequestSizeLimitMiddleware",
    # Last to see a view's exception: a database that went away is a 503, not a 500.
    "cms.middleware.DatabaseUnavailableMiddleware",
    # Likewise an image storage that fails (S3 down, a full or read-only disk) is a 503.
    "cms.middleware.StorageUnavailableMiddleware",
    # Timestamps read by psycopg's compiled loader, not Django's Python one (core.timestamps).
    "core.timestamps.CompiledTimestampsMiddleware",
    "cms.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses pages, feeds and API answers (static files come compressed from WhiteNoise
    # above): outside every middleware that reads or sets the body or its ETag, and adds
    # `Vary: Accept-Encoding`, which Varnish honours with one stored (gzip) object per page.
    # Django's version pads each answer with random bytes against BREACH; ours leaves images
    # (compressed already, and streamed with their length) as they are.
    "cms.middleware.GZipMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # Anonymous public reads to a replica (core.replicas), around all that reads the database.
    "core.replicas.ReplicaReadsMiddleware",
    # Scheduled draft changes whose time has come go live before any view reads (core.drafts).
    "core.drafts.ScheduledDraftsMiddleware",
    # 304s for every GET and HEAD whose ETag (the API's versioned one, or a digest of the body)
    # matches.
    "cms.middleware.ConditionalGetMiddleware",
    # What a shared cache may keep, and the surrogate keys naming what it shows (core.surrogate).
    "core.surrogate.SharedCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.middleware.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": database(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"), "DATABASE_URL"
    )
}
# Without a connect timeout libpq waits for ever on a primary that accepts connections but never
# answers (a hung server, a stalled host): each request, /healthz and every command would hang
# rather than get the 503 or the error a stopped server gives.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int(
        "CMS_DATABASE_CONNECT_TIMEOUT", 5, minimum=1
    )
# PostgreSQL streaming replicas for anonymous public reads (core.replicas): one alias each,
# `replica1`, `replica2`... Tests read them as the primary (MIRROR), and only the primary is
# migrated (the router). A replica that does not answer within the connect timeout is skipped;
# a query on one that hangs is cut off after CMS_REPLICA_QUERY_TIMEOUT (core.replicas).
# Keepalives and tcp_user_timeout let the kernel drop a connection to a host that stopped
# answering, which no deadline in the app can do for the lag check's own thread.
CMS_REPLICA_ALIASES = []
CMS_REPLICA_CONNECT_TIMEOUT = env_int("CMS_REPLICA_CONNECT_TIMEOUT", 2, minimum=1)
CMS_REPLICA_QUERY_TIMEOUT = env_int("CMS_REPLICA_QUERY_TIMEOUT", 5, minimum=1)
for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS", ""), start=1):
    _alias = f"replica{_number}"
    DATABASES[_alias] = database(_url, f"DATABASE_REPLICA_URLS ({_alias})")
    DATABASES[_alias]["OPTIONS"] = {
        "connect_timeout": CMS_REPLICA_CONNECT_TIMEOUT,
        "keepalives": 1,
        "keepalives_idle": CMS_REPLICA_CONNECT_TIMEOUT,
        "keepalives_interval": 1,
        "keepalives_count": 3,
        "tcp_user_timeout": CMS_REPLICA_QUERY_TIMEOUT * 1000,
    }
    DATABASES[_alias]["TEST"] = {"MIRROR": "default"}
    CMS_REPLICA_ALIASES.append(_alias)
DATABASE_ROUTERS = ["core.replicas.ReplicaRouter"]
CMS_REPLICA_MAX_LAG_SECONDS = env_float("CMS_REPLICA_MAX_LAG_SECONDS", 2)
CMS_REPLICA_CHECK_SECONDS = env_float("CMS_REPLICA_CHECK_SECONDS", 1)
CMS_READ_YOUR_WRITES_SECONDS = env_int("CMS_READ_YOUR_WRITES_SECONDS", 10)
CMS_REPLICA_PURGE_WAIT_SECONDS = env_float("CMS_REPLICA_PURGE_WAIT_SECONDS", 2)
# PostgreSQL: parameters bound on the server (Django's documented `server_side_binding`), so that
# psycopg prepares a statement after DATABASE_PREPARE_THRESHOLD runs on a connection and
# PostgreSQL may keep its plan: planning a list's joins took longer than running them. Under
# PostgreSQL's default plan_cache_mode (`auto`), a statement whose generic plan would be worse
# (one whose best index is partial, on a state the statement names) is still planned each time.
# "off" for a pooler that cannot keep prepared statements (PgBouncer in transaction mode before
# 1.21).
_prepare = os.environ.get("DATABASE_PREPARE_THRESHOLD", "5").strip().lower()
for _database in DATABASES.values():
    if _database["ENGINE"] != "django.db.backends.postgresql":
        continue
    _options = _database.setdefault("OPTIONS", {})
    if _prepare not in ("", "off", "none"):
        _options["server_side_binding"] = True
        _options["prepare_threshold"] = env_int("DATABASE_PREPARE_THRESHOLD", 5)
    # JIT compiling cost more than it saved: a page's small queries over a large archive are
    # estimated dear enough to be compiled (tens of ms) and then run in one. DATABASE_JIT=1 keeps
    # the server's setting (for a pooler that refuses startup options, set it on the server).
    if not env_bool("DATABASE_JIT"):
        _options["options"] = " ".join(filter(None, [_options.get("options"), "-c jit=off"]))
    # A quote card's query joins nine tables (speaker, character, source, outlet, the parent
    # and its speaker); searching every order of them took PostgreSQL 18-25 ms of planning for a
    # query that ran in 1 ms (a film's quotes at 1M), on every request, since each film's plan
    # is custom. Reordering within groups of six finds the same plan in about 2 ms. Empty keeps
    # the server's setting (8).
    _collapse = os.environ.get("DATABASE_JOIN_COLLAPSE_LIMIT", "6").strip()
    if _collapse:
        if not _collapse.isdigit() or int(_collapse) < 1:
            raise ImproperlyConfigured("DATABASE_JOIN_COLLAPSE_LIMIT must be a whole number >= 1")
        _limit = f"-c join_collapse_limit={int(_collapse)}"
        _options["options"] = " ".join(filter(None, [_options.get("options"), _limit]))
    # The server's default (4) prices a random read as a disk seek; with the working set in
    # memory or on SSD, PostgreSQL's documentation suggests about 1.1. At 4 the planner counted
    # a film's quotes by walking every quote in id order rather than looking up the film's own
    # (docs/performance.md). Empty keeps the server's setting.
    _page_cost = os.environ.get("DATABASE_RANDOM_PAGE_COST", "1.1").strip()
    if _page_cost:
        try:
            _cost = float(_page_cost)
        except ValueError:
            _cost = -1.0
        if not 0 < _cost <= 100:
            raise ImproperlyConfigured("DATABASE_RANDOM_PAGE_COST must be a number above 0")
        _cost_option = f"-c random_page_cost={_cost:g}"
        _options["options"] = " ".join(filter(None, [_options.get("options"), _cost_option]))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Seconds a client is told to wait (Retry-After of the 503) when the database is unreachable.
CMS_DATABASE_RETRY_AFTER = env_int("CMS_DATABASE_RETRY_AFTER", 5)

# Security. Headers always; the HTTPS-only settings with CMS_HTTPS=1 (production, behind TLS).
CMS_HTTPS = env_bool("CMS_HTTPS")
SECURE_SSL_REDIRECT = CMS_HTTPS
SESSION_COOKIE_SECURE = CMS_HTTPS
CSRF_COOKIE_SECURE = CMS_HTTPS
SECURE_HSTS_SECONDS = env_int("CMS_HSTS_SECONDS", 31536000 if CMS_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = CMS_HTTPS
SECURE_HSTS_PRELOAD = CMS_HTTPS
CMS_BEHIND_PROXY = env_bool("CMS_BEHIND_PROXY")
if CMS_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CMS_MAX_REQUEST_BYTES = env_int("CMS_MAX_REQUEST_BYTES", 5 * 1024 * 1024, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = CMS_MAX_REQUEST_BYTES
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Logins resist guessing (django-axes): after CMS_LOGIN_FAILURE_LIMIT failures a username is
# locked from that address only, so a stranger's guesses cannot lock a named editor out; an
# address trying many usernames is slowed by CMS_LOGIN_RATE (core.api.throttles). Behind our
# proxy (CMS_BEHIND_PROXY) the address is the one it vouches for (core.addresses).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("CMS_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_float("CMS_LOGIN_COOLOFF_HOURS", 0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "core.addresses.client_address"
CMS_LOGIN_RATE = env_rate("CMS_LOGIN_RATE", "30/hour")

# Two-factor sign-in (django-otp, cms.two_factor): an authenticator app (TOTP) and recovery
# codes, required of editors and superusers unless CMS_REQUIRE_2FA=0 (the local demo).
CMS_REQUIRE_2FA = env_bool("CMS_REQUIRE_2FA", True)
# The device admin never shows a secret or a QR code (its pages answer 403): an account's
# authenticator is set up only by its owner, at /admin/two-factor/.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
OTP_TOTP_ISSUER = os.environ.get("CMS_OTP_ISSUER", "Quote desk")

PASSWORD_RESET_TIMEOUT = env_int("CMS_PASSWORD_RESET_SECONDS", 3600, minimum=1)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Email (desk notifications, password reset): printed to the console unless EMAIL_HOST names
# an SMTP server. Django's own setting names, read from the environment.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = email_backend(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1, maximum=65535)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "quote-desk@localhost")

# Signed preview links for outside reviewers: how long one may be made to work, at most.
CMS_PREVIEW_LINK_MAX_HOURS = env_int("CMS_PREVIEW_LINK_MAX_HOURS", 720, minimum=1)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = time_zone("CMS_TIME_ZONE", "UTC")
# Year-first dates in the desk's inputs and lists (cms/formats/en_GB).
FORMAT_MODULE_PATH = ["cms.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded images and their renditions: var/media/ by default; with CMS_MEDIA_STORAGE=s3, any
# S3-compatible store through django-storages, kept private. Either way the site serves every file
# at MEDIA_URL (images.views.media, images.presentation.media_url), only while its image is
# public: pages never link the store's own URLs, so a file taken down is gone from its URL.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("CMS_MEDIA_ROOT", VAR_DIR / "media"))


def media_storage(environ) -> dict:
    """`STORAGES["default"]` from the environment: the filesystem, or with CMS_MEDIA_STORAGE=s3
    an S3-compatible bucket (AWS, MinIO, R2, Ceph...) through django-storages. Only how to reach
    the bucket is read: no ACL (objects get the bucket's default, private), no custom domain and
    no URL signing, since no URL of the store's own is ever given out (a CDN goes in front of
    the whole site, purged by surrogate keys, not in front of the bucket)."""
    kind = environ.get("CMS_MEDIA_STORAGE", "filesystem").strip().lower()
    if kind not in ("filesystem", "s3"):
        raise ImproperlyConfigured(f"CMS_MEDIA_STORAGE must be filesystem or s3, not {kind!r}")
    if kind == "filesystem":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    from botocore.config import Config

    # botocore's defaults (60 s to connect, 60 s for each read, five attempts) held a request
    # for minutes on a store that accepted connections and then said nothing.
    timeout = env_int("CMS_MEDIA_TIMEOUT", 10, minimum=1, environ=environ)
    addressing_style = environ.get("AWS_S3_ADDRESSING_STYLE") or None
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": environ.get("AWS_STORAGE_BUCKET_NAME", ""),
            "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": environ.get("AWS_ACCESS_KEY_ID"),
            "secret_key": environ.get("AWS_SECRET_ACCESS_KEY"),
            "addressing_style": addressing_style,
            "file_overwrite": False,
            # Given a client config, django-storages takes the addressing style from it alone.
            "client_config": Config(
                s3={"addressing_style": addressing_style},
                connect_timeout=timeout,
                read_timeout=timeout,
                retries={"mode": "standard", "max_attempts": 2},
            ),
        },
    }


STORAGES = {
    "default": media_storage(os.environ),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Image uploads: the largest file, and the most pixels (a decompression bomb is a small file
# that decodes to gigabytes). The image upload endpoints take bodies up to CMS_MAX_IMAGE_BYTES
# more than CMS_MAX_REQUEST_BYTES (cms.middleware), so that a phone's photo fits.
CMS_MAX_IMAGE_BYTES = env_int("CMS_MAX_IMAGE_BYTES", 20 * 1024 * 1024, minimum=1)
CMS_MAX_IMAGE_PIXELS = env_int("CMS_MAX_IMAGE_PIXELS", 60_000_000, minimum=1)
CMS_IMAGE_UPLOAD_PATHS = ("/api/v1/images/", "/admin/images/image/")

# The REST API (/api/v1/): token or session auth, strict filters, capped pages, throttles.
CMS_API_ANON_RATE = env_rate("CMS_API_ANON_RATE", "120/min")
CMS_API_USER_RATE = env_rate("CMS_API_USER_RATE", "1200/min")
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.AutoSchema",
    "VIEW_DESCRIPTION_FUNCTION": "core.api.schema.view_description",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "cms.api_sessions.TwoFactorSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "core.api.permissions.ModelPermissionsOrAnonReadOnly",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "core.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["core.filters.StrictFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.CursorPagination",
    "DEFAULT_RENDERER_CLASSES": [
        "core.api.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "core.api.negotiation.ContentNegotiation",
    "PAGE_SIZE": 20,
    "DEFAULT_THROTTLE_CLASSES": [
        "core.api.throttles.AnonRateThrottle",
        "core.api.throttles.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": CMS_API_ANON_RATE, "user": CMS_API_USER_RATE},
    "EXCEPTION_HANDLER": "core.api.errors.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Quote desk API",
    "DESCRIPTION": "Quotes as sourced, verifiable records, with the people, films and sources "
    "they point at. A method an address does not offer (DELETE anywhere, a write to a "
    "read-only resource) is a 405 with `Allow` naming those it does.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "GET_LIB_DOC_EXCLUDES": "core.api.schema.doc_excludes",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.errors.add_error_responses",
        "core.api.openapi_links.add_links",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ArticleStatusEnum": "articles.models.ArticleStatus",
        "FilmStatusEnum": "quotes.models.films.FilmStatus",
        "OutletKindEnum": "quotes.models.sources.OutletKind",
        "SourceKindEnum": "quotes.models.sources.SourceKind",
        "QuoteStateEnum": "quotes.models.quotes.QuoteState",
        "VerificationStatusEnum": "quotes.models.quotes.Verification",
    },
}

# CORS: any origin may read the API (GET/HEAD/OPTIONS, no cookies); nothing else is shared.
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]

# Logging: errors (including every unhandled exception, via django.request) as JSON lines.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "cms.logging.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "filters": {"client_choice": {"()": "cms.logging.ClientChoiceFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env_choice("CMS_LOG_FORMAT", "json", ("json", "plain")),
        }
    },
    "root": {"handlers": ["console"], "level": log_level("CMS_LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.request": {
            "handlers": ["console"],
            "level": "ERROR",
            "propagate": False,
            "filters": ["client_choice"],
        },
    },
}


# The HTTP cache in front (Varnish, or a CDN) keeps public answers for CMS_CACHE_SECONDS at
# most, purged by surrogate keys when what they show changes (core.surrogate, core.purge).
# CMS_CACHE_ENABLED=0 marks every answer uncacheable. Django's cache holds the API throttles'
# counters: in-process by default, shared Redis with REDIS_URL (needed with several processes).
def cache_settings(environ) -> dict:
    """`CACHES["default"]`: Redis with REDIS_URL, else in-process. A Redis that accepts
    connections and then says nothing held each API request and login for redis-py's default 5 s
    before the throttle failed open; CMS_REDIS_TIMEOUT bounds connecting and each answer."""
    url = environ.get("REDIS_URL", "")
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    # redis-py checks the scheme only when a request first touches the cache: `127.0.0.1:6379`
    # was a 500 on every API request and login. The URL itself is not repeated (a password).
    for server in re.split("[;,]", url):
        if urlsplit(server.strip()).scheme not in ("redis", "rediss", "unix"):
            raise ImproperlyConfigured(
                "REDIS_URL must be redis://, rediss:// or unix:// URLs, e.g. redis://127.0.0.1:6379/0"
            )
    timeout = env_float("CMS_REDIS_TIMEOUT", 1, minimum=0.01, environ=environ)
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "OPTIONS": {"socket_connect_timeout": timeout, "socket_timeout": timeout},
    }


REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {"default": cache_settings(os.environ)}
CMS_CACHE_ENABLED = env_bool("CMS_CACHE_ENABLED", True)
CMS_CACHE_SECONDS = env_int("CMS_CACHE_SECONDS", 300)
# Every HTTP cache to purge after a write, and how (deploy/README.md).
CMS_VARNISH_URLS = env_list("CMS_VARNISH_URLS", "")
CMS_PURGE_BACKEND = os.environ.get("CMS_PURGE_BACKEND", "")
CMS_PURGE_REPEAT_SECONDS = env_float("CMS_PURGE_REPEAT_SECONDS", 2)
