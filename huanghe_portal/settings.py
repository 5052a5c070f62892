"""Settings for the Huanghe rule-of-law portal.

One module, configured from the environment (django-environ). Defaults give a working developer
set-up: SQLite under var/, Celery tasks run eagerly in-process when REDIS_URL is absent.
"""

from pathlib import Path

import django_stubs_ext
import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from huanghe_portal.enum_names import AreaEnumNames

# Django's generic classes (ListView, ModelForm, ModelAdmin, ...) take type arguments at run
# time, as the type checker wants them written (`ListView[Village]`).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env") if (BASE_DIR / ".env").exists() else None

# --- Core -----------------------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment, or set DEBUG=true for development."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS is not set. List the host names the portal answers to, "
            "or set DEBUG=true for development."
        )
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The area apps; the order is the order of the navigation, the dashboard and load_demo.
AREA_APPS = ["disputes", "petitions", "decisions", "disclosure", "legal_education", "reports"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "csp",
    "django_celery_beat",
    "django_celery_results",
    "huanghe_portal",
    *AREA_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "huanghe_portal.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "huanghe_portal.middleware.ForcePasswordChangeMiddleware",
    "huanghe_portal.middleware.NoStoreForSignedInMiddleware",
    "huanghe_portal.middleware.PersonalDataAuditMiddleware",
    "huanghe_portal.middleware.SubmissionsPausedMiddleware",
    "huanghe_portal.middleware.BadInputMiddleware",
    # AxesMiddleware last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "huanghe_portal.urls"
WSGI_APPLICATION = "huanghe_portal.wsgi.application"

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
                "huanghe_portal.context_processors.portal",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# The embedded default is SQLite for a first look; production and CI use PostgreSQL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections, checked before each request reuses one: a PostgreSQL restart costs the
# requests in flight at that moment, not every request of every worker afterwards.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=3)
    )
DATABASES["default"].setdefault("TEST", {})
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Chinese trigram search needs a UTF-8 ctype; the test database copies its template.
    DATABASES["default"]["TEST"]["TEMPLATE"] = env.str("TEST_DB_TEMPLATE", default="template_cutf8")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
# Covering indexes (INCLUDE) are a PostgreSQL speed-up; SQLite, the first-look default, ignores them.
SILENCED_SYSTEM_CHECKS = [] if IS_POSTGRES else ["models.W040"]

# --- Cache, sessions and Celery --------------------------------------------------------------
# Redis is optional and never essential: the cache degrades to "no cache" when Redis is down
# (huanghe_portal.cache), sessions live in the database, and a job that cannot be queued is
# reported and can be retried (huanghe_portal.jobs.enqueue).
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "huanghe_portal.cache.ResilientRedisCache", "LOCATION": REDIS_URL}
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
    CELERY_TASK_EAGER_PROPAGATES = True
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# A broker that is down must answer a publish in about a second, not after minutes of retries.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 1,
    "socket_timeout": 5,
    "max_retries": 0,
}
CELERY_TASK_PUBLISH_RETRY = False
# A task is acknowledged when it ends, so a worker killed mid-task leaves it in the queue for
# the next worker; every task therefore is safe to run twice (they take ids and check state).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
CELERY_RESULT_BACKEND = "django-db"
CELERY_TIMEZONE = "Asia/Shanghai"
CELERY_TASK_TRACK_STARTED = True
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A PDF job still "running" after this many seconds is marked failed (a killed worker).
REPORTS_RENDER_TIMEOUT = env.int("REPORTS_RENDER_TIMEOUT", default=600)
WORKER_HEARTBEAT_MAX_AGE = 60  # seconds
# Periodic work; each app's tasks are listed here, in one place.
CELERY_BEAT_SCHEDULE = {
    # /healthz counts a worker alive when its heartbeat is younger than WORKER_HEARTBEAT_MAX_AGE.
    "workers-heartbeat": {"task": "huanghe_portal.tasks.heartbeat_task", "schedule": 30.0},
    "stale-task-results": {
        "task": "huanghe_portal.tasks.sweep_stale_task_results_task",
        "schedule": crontab(minute="*/10"),
    },
    "petitions-due-reminders": {
        "task": "petitions.tasks.send_due_reminders_task",
        "schedule": crontab(hour=7, minute=0),
    },
    "disclosure-due-reminders": {
        "task": "disclosure.tasks.send_due_reminders_task",
        "schedule": crontab(hour=7, minute=10),
    },
    "disclosure-scheduled-publication": {
        "task": "disclosure.tasks.publish_scheduled_items_task",
        "schedule": crontab(hour=0, minute=5),
    },
    "disputes-overdue-reminders": {
        "task": "disputes.tasks.send_overdue_reminders_task",
        "schedule": crontab(hour=7, minute=20),
    },
    "holiday-notice-reminder": {
        "task": "huanghe_portal.tasks.holiday_notice_reminder_task",
        "schedule": crontab(day_of_month="1,15", month_of_year=11, hour=8, minute=0),
    },
    "reports-stale-render-jobs": {
        "task": "reports.tasks.fail_stale_render_jobs_task",
        "schedule": crontab(minute="*/10"),
    },
    "reports-due-reminders": {
        "task": "reports.tasks.send_report_due_reminders_task",
        "schedule": crontab(hour=7, minute=30),
    },
}

# --- Client address -------------------------------------------------------------------------
# How many of our own proxies stand in front of gunicorn: 0 uses REMOTE_ADDR; behind the
# README's nginx set 1 (the right-most X-Forwarded-For entry, the one nginx added). Login lockout,
# every throttle and the logs use this one rule (huanghe_portal/client_ip.py).
NUM_PROXIES = env.int("NUM_PROXIES", default=0)

# The 主送机关 of a report's 报送版 when the report names none (GB/T 9704 7.3.2).
REPORTS_ADDRESSEE = env("REPORTS_ADDRESSEE", default="石柱土家族自治县人民政府")

# --- Authentication and passwords -----------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"

# django-axes: 5 failures lock the account for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
# Locked is the pair (user name, address): a stranger's wrong passwords lock only the stranger,
# never the colleague who logs in from another address.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "huanghe_portal.client_ip.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
# Each language is named in itself, as language pickers do.
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Front-end packages from the npm registry (npm ci at set-up), never committed.
    ("vendor/bootstrap", BASE_DIR / "node_modules/bootstrap/dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules/bootstrap-icons/font"),
    ("vendor/chart.js", BASE_DIR / "node_modules/chart.js/dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
# Uploaded files live outside the static path and have no public URL: they are served only by
# the attachment download view after a visibility check.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# No URL route serves this path: files go out only through the attachment views.
MEDIA_URL = "/media/"
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Personal data --------------------------------------------------------------------------
# Fernet keys for ID numbers, phones and addresses at rest, comma-separated, newest first: the
# first encrypts, every key listed decrypts (MultiFernet); `manage.py rotate_field_key`
# re-encrypts every value with the first. FIELD_ENCRYPTION_KEY alone (one key) still works.
_field_key = env.str("FIELD_ENCRYPTION_KEY", default="")
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[]) or (
    [_field_key] if _field_key else []
)
if not FIELD_ENCRYPTION_KEYS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEY is not set (nor FIELD_ENCRYPTION_KEYS). Generate one with "
            "`python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'`."
        )
    FIELD_ENCRYPTION_KEYS = ["dGhpcy1pcy1hLWRldmVsb3BtZW50LW9ubHkta2V5ISE="]
# The keyed hash for exact look-ups (blind indexes) derives from FIELD_ENCRYPTION_KEY. It does not
# follow the rotation of the encryption keys: set FIELD_HASH_KEY to the original key before the
# original key leaves FIELD_ENCRYPTION_KEYS (docs/operations.md, "Key rotation").
FIELD_ENCRYPTION_KEY = (
    env.str("FIELD_HASH_KEY", default="") or _field_key or FIELD_ENCRYPTION_KEYS[-1]
)

# --- Disclosure ---------------------------------------------------------------------------
# 索引号 pattern, assigned at publication: {prefix} is the township's 代字, {seq} per year.
DISCLOSURE_INDEX_PATTERN = env.str("DISCLOSURE_INDEX_PATTERN", default="{prefix}-{year}-{seq:05d}")

# --- Forms and pages ------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# --- REST API -------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Both refuse a user who must first change the password (403 with a Chinese detail).
        "huanghe_portal.api.authentication.TokenAuthentication",
        "huanghe_portal.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["huanghe_portal.api.permissions.RoleGate"],
    "DEFAULT_PARSER_CLASSES": [
        "huanghe_portal.api.parsers.CheckedJSONParser",
        "huanghe_portal.api.parsers.CheckedMultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "huanghe_portal.api.pagination.PortalPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "EXCEPTION_HANDLER": "huanghe_portal.api_exceptions.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "huanghe_portal.api.schema.PortalAutoSchema",
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("THROTTLE_ANON", default="120/minute"),
        "public_submit": env.str("THROTTLE_PUBLIC_SUBMIT", default="10/hour"),
        "public_track": env.str("THROTTLE_PUBLIC_TRACK", default="20/minute"),
    },
    "DEFAULT_THROTTLE_CLASSES": ["huanghe_portal.throttling.AnonThrottle"],
    "NUM_PROXIES": NUM_PROXIES,
    "DATE_INPUT_FORMATS": ["%Y-%m-%d"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "黄鹤镇法治政府建设综合平台 API",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": AreaEnumNames(),
}

# --- Security -------------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
# Every script and style is a file of the portal's own; no inline script is needed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# --- E-mail and logging ---------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="noreply@localhost")
# Applicant notices by SMS (huanghe_portal/notify_applicant.py): a dotted path to an SmsBackend.
SMS_BACKEND = env.str("SMS_BACKEND", default="huanghe_portal.notify_applicant.LoggingSmsBackend")
SMS_HTTP_URL = env.str("SMS_HTTP_URL", default="")
SMS_HTTP_TOKEN = env.str("SMS_HTTP_TOKEN", default="")
SMS_SIGN_NAME = env.str("SMS_SIGN_NAME", default="黄鹤镇人民政府")
# The portal's public address, for links in messages sent by workers (no request to build from).
SITE_URL = env.str("SITE_URL", default="")

# Every line goes through one handler that masks ID/phone-like numbers (searches are query
# strings) and names the client address as huanghe_portal/client_ip.py sees it. Django's own
# loggers are pointed at it too, so runserver and the request log are masked as well; gunicorn's
# access log is masked by deploy/gunicorn.conf.py.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "mask_numbers": {"()": "huanghe_portal.log_filters.MaskPersonalNumbers"},
        "client_ip": {"()": "huanghe_portal.log_filters.ClientAddress"},
    },
    "formatters": {
        "portal": {"format": "%(asctime)s %(levelname)s %(name)s [%(client_ip)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "portal",
            "filters": ["client_ip", "mask_numbers"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO").upper()},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}

# Passwords of demo accounts must be changed at first login when DEBUG is off.
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="")
