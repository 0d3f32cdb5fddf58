"""Settings, read strictly from the environment.

Every setting that can change between machines comes from an environment variable; a value that
cannot be parsed stops the process with a message naming the variable (bad values fail loudly).
"""

import datetime as dt
import ipaddress
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DANGVU_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: expected one of 1/0, true/false, yes/no, on/off")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r}: expected an integer") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)


def _secret_key() -> tuple[str, bool]:
    """SECRET_KEY from the environment: required by the web process (dangvu/wsgi.py) when DEBUG is
    off, since a key made per host breaks sessions and tokens behind several app servers. Local
    commands and tests, and DEBUG, fall back to a key kept in var/secret_key; `check --deploy`
    refuses that fallback (dangvu/core/checks.py)."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key, True
    if not DEBUG and env_bool("DANGVU_REQUIRE_SECRET_KEY", False):
        raise ImproperlyConfigured("SECRET_KEY: bắt buộc đặt trong biến môi trường khi DEBUG tắt (máy chủ web).")
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip(), False


SECRET_KEY, SECRET_KEY_FROM_ENV = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "rest_framework",
    "axes",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and Redoc served from our static files, no CDN
    "django_filters",
    "dangvu.core",
    "dangvu.audit",
    "dangvu.accounts",
    "dangvu.organizations",
    "dangvu.jobs",
    "dangvu.references",
    "dangvu.members",
    "dangvu.rules",
    "dangvu.documents",
    "dangvu.admissions",
    "dangvu.transfers",
    "dangvu.awards",
    "dangvu.residence",
    "dangvu.evaluations",
    "dangvu.meetings",
    "dangvu.study",
    "dangvu.dues",
    "dangvu.inspection",
    "dangvu.discipline",
    "dangvu.training",
    "dangvu.imports",
    "dangvu.statistics",
    "dangvu.reports",
    "dangvu.targets",
    "dangvu.todo",
    "dangvu.access",
    "dangvu.api",
    "dangvu.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dangvu.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "dangvu.core.security.ContentSecurityPolicyMiddleware",
    "dangvu.accounts.middleware.ForcePasswordChangeMiddleware",
    "dangvu.audit.middleware.RequestContextMiddleware",
    "dangvu.api.idempotency.IdempotencyKeyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "dangvu.core.middleware.BadParameterMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "dangvu.urls"
WSGI_APPLICATION = "dangvu.wsgi.application"

# Widgets render through the project's templates, which override two of Django's: the empty choice reads
# "— Chọn —" and the file input speaks Vietnamese (dangvu/templates/django/forms/widgets/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "dangvu" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "dangvu.navigation.navigation",
            ],
        },
    },
]

# Database: DATABASE_URL (postgres://… or sqlite:///…); default an SQLite file under var/.
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'dangvu.sqlite3'}"
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))}
except Exception as exc:  # dj_database_url raises several types for a bad URL
    raise ImproperlyConfigured(f"DATABASE_URL={DATABASE_URL!r}: {exc}") from exc
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets readers go on while one writer writes; IMMEDIATE avoids lock upgrades.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiler added 100–400 ms to the register's list queries and never paid
    # back on these short OLTP queries (bench/README.md): off for the app's connections.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"  # each role's home (access/homes.py)
LOGOUT_REDIRECT_URL = "accounts:login"

# Logins (dangvu/accounts/login.py, README "Đăng nhập"): one throttled, audited door. After
# LOGIN_MAX_FAILURES failures for one account, or LOGIN_MAX_FAILURES_PER_ADDRESS from one client
# address, within LOGIN_LOCKOUT_MINUTES, attempts are refused until the window has passed.
# TRUSTED_PROXIES: addresses or networks (comma-separated) of the reverse proxies in front of the
# app; only a request from one of them has its X-Forwarded-For read for the client's address.
LOGIN_MAX_FAILURES = env_int("LOGIN_MAX_FAILURES", 5)
LOGIN_MAX_FAILURES_PER_ADDRESS = env_int("LOGIN_MAX_FAILURES_PER_ADDRESS", 20)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as exc:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {_proxy!r} is not an address or network") from exc
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 90)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # a safety net for any authenticate() outside the door
    "django.contrib.auth.backends.ModelBackend",
]
# django-axes counts the failures (its rows carry account and address; its handler asks the door's
# rule, accounts/axes_handler.py); the door (accounts/login.py) serializes, normalizes and audits.
AXES_HANDLER = "dangvu.accounts.axes_handler.AxesHandler"
AXES_FAILURE_LIMIT = LOGIN_MAX_FAILURES
AXES_COOLOFF_TIME = dt.timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "dangvu.accounts.login.axes_username"
AXES_CLIENT_IP_CALLABLE = "dangvu.accounts.login.client_ip"
AXES_RESET_ON_SUCCESS = False  # the door resets the account's counter, never the address's
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_DISABLE_ACCESS_LOG = True  # successes are in the audit trail
AXES_ENABLE_ADMIN = False  # lockouts are read in the audit trail; no unaudited admin screens
AXES_VERBOSE = False
# The door answers a lockout itself (429 with the Vietnamese message): no AxesMiddleware.
# models.W040: the statistics summary's covering index (INCLUDE code, value) is PostgreSQL's; SQLite keeps
# the index on its key columns, which is all a district needs.
SILENCED_SYSTEM_CHECKS = ["axes.W002", "models.W040"]

# Security (README "Cấu hình sản xuất"): HTTPS=1 in production turns on secure cookies, the
# redirect to HTTPS and HSTS (a year, subdomains, preload), each of which can still be set alone.
HTTPS = env_bool("HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HTTPS)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Language and formats: Vietnamese by default, English available.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["dangvu.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "dangvu" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"

# Background jobs (dangvu/jobs/runner.py: exports, year-end reports, imports): "thread" runs a small job in
# the request and a large one in a background thread of the web process; "queue" leaves every job to
# `manage.py run_jobs`; "immediate" runs every job in the caller. REPORT_JOBS is the former name.
JOBS = os.environ.get("JOBS", os.environ.get("REPORT_JOBS", "thread"))
if JOBS not in ("thread", "queue", "immediate"):
    raise ImproperlyConfigured(f"JOBS={JOBS!r}: chọn thread, queue hoặc immediate")
# A running job without news for this many minutes is taken again by `run_jobs` (a restarted server).
JOBS_STALE_MINUTES = env_int("JOBS_STALE_MINUTES", env_int("REPORT_STALE_MINUTES", 30))
# Jobs finished more than this many days ago are deleted with their files (runner.clean_up, by run_jobs
# and `manage.py clean_job_files`); 0 keeps them all.
JOBS_RETENTION_DAYS = env_int("JOBS_RETENTION_DAYS", env_int("REPORT_RETENTION_DAYS", 30))
# A year-end report of an organization of more members than this runs in the background.
REPORT_INLINE_MEMBERS = env_int("REPORT_INLINE_MEMBERS", 3000)
# A member-register or statistics-table export over more members than this runs in the background.
EXPORT_BACKGROUND_MEMBERS = env_int("EXPORT_BACKGROUND_MEMBERS", 3000)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "dangvu.accounts.tokens.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "dangvu.api.errors.exception_handler",
    "DATE_INPUT_FORMATS": ["iso-8601", "%d/%m/%Y"],
    # JSON bodies capped in size (DATA_UPLOAD_MAX_MEMORY_SIZE) and depth; forms and files as DRF does.
    "DEFAULT_PARSER_CLASSES": ["dangvu.api.parsers.BoundedJSONParser", "rest_framework.parsers.FormParser",
                               "rest_framework.parsers.MultiPartParser"],
}
# The largest request body read into memory (a form's fields, an API's JSON): 2.5 MB, Django's default,
# written here because the API's JSON parser applies it too (dangvu.api.parsers).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
# A meeting's documents (agenda, draft resolution, other papers) uploaded as files: the largest size and the types.
MEETING_DOCUMENT_MAX_BYTES = env_int("MEETING_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
MEETING_DOCUMENT_EXTENSIONS = ("pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "txt", "jpg", "jpeg", "png")
SPECTACULAR_SETTINGS = {
    "TITLE": "Đảng Vụ API",
    "DESCRIPTION": "REST API của Đảng Vụ: tổ chức đảng, cấp ủy, lịch sử thay đổi.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Enums as drf-spectacular does by default; every POST names the optional Idempotency-Key header.
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "dangvu.api.idempotency.document_header"],
    # Several models have a field named "kind"; each choice set gets its own schema name.
    "ENUM_NAME_OVERRIDES": {
        "OrganizationKindEnum": "dangvu.organizations.kinds.Kind.choices",
        "ReviewGradeEnum": "dangvu.evaluations.kinds.Grade.choices",
        "TransferKindEnum": "dangvu.transfers.kinds.TransferKind.choices",
        "BadgeAwardKindEnum": "dangvu.awards.models.AwardKind.choices",
        "PartyCardKindEnum": "dangvu.awards.models.CardKind.choices",
        "RemovalGroundEnum": "dangvu.members.kinds.RemovalGround.choices",
        "SeatEndGroundEnum": "dangvu.organizations.models.SeatEndGround.choices",
        "MemberStatusEnum": "dangvu.members.kinds.Status.choices",
        "JobStatusEnum": "dangvu.jobs.models.Status.choices",
        "MeetingDocumentKindEnum": "dangvu.meetings.models.DocumentKind.choices",
        "ImportRunStatusEnum": "dangvu.imports.models.RunStatus.choices",
        "ImportRowStatusEnum": "dangvu.imports.models.RowStatus.choices",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
