"""Settings shared by every environment, read from environment variables (django-environ).

The embedded default needs nothing installed: a SQLite file and no Redis.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# No default here: local and test settings give a development key, production refuses to start without one.
SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "axes",
    "auditlog",
    "django_prometheus",
    "units",
    "tasks",
    "reports",
    "notices",
    "exports",
    "portal",
]

MIDDLEWARE = [
    "core.logs.RequestIdMiddleware",
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.RequestSizeLimitMiddleware",
    "core.middleware.StorageFailedMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "units.middleware.SessionIdleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "units.middleware.LoginRequiredMiddleware",
    "units.middleware.PasswordChangeRequiredMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # last, so that it sees the lockout flag the login views set
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "portal.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# the same engines, counted for /metrics (queries, their time and errors: portal/metrics.py)
DATABASES["default"]["ENGINE"] = DATABASES["default"]["ENGINE"].replace(
    "django.db.backends.", "django_prometheus.db.backends."
)
# /metrics answers the monitoring server that sends this token (Authorization: Bearer …); without one,
# only a client on the same host
METRICS_TOKEN = env("METRICS_TOKEN", default="")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis (the Celery broker and the cache) and the Celery workers: portal/settings/queue.py
from .queue import *  # noqa: E402, F403
from .queue import REDIS_URL  # noqa: E402, F401 - named by the test settings
from .storage import *  # noqa: E402, F403
from .storage import DEFAULT_STORAGE  # noqa: E402

AUTH_USER_MODEL = "units.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTHENTICATION_BACKENDS = [
    # first: refuses every attempt on a locked-out username
    "axes.backends.AxesStandaloneBackend",
    # then: refuses every attempt from an address that failed too often (units/throttle.py)
    "units.throttle.AddressThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
    # what an administrator (not a superuser) may do in the admin: units/roles.py
    "units.backends.RolePermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "units.passwords.LettersAndDigitsValidator"},
]

# A session ends after this many minutes without a request (units.middleware.SessionIdleMiddleware).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=30) * 60
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "core.errors.csrf_failure"

# Lockout (django-axes): this many wrong passwords in a row for one username, on the login page, the
# admin login or the token endpoint, lock that username for LOGIN_LOCKOUT_MINUTES; an administrator
# can unlock it at once (admin, 用户 → 解除登录锁定).
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=30))
# By username only: on the intranet whole offices reach the portal through one proxy address, so a
# lock by IP address would lock out everyone behind it (hence axes' W006 is silenced below).
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "units.lockout.lockout_response"
AXES_VERBOSE = False
# a client's address: the connection's own (no proxy in front); production reads X-Forwarded-For
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
# a username is what the login form allows (150 characters) before axes records it (255 at most)
AXES_USERNAME_CALLABLE = "units.lockout.username_of"
# failed logins from one address within the window before it is refused for the rest of it
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=30)
LOGIN_ADDRESS_WINDOW_SECONDS = env.int("LOGIN_ADDRESS_WINDOW_MINUTES", default=15) * 60
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# API tokens (django-rest-knox): valid for API_TOKEN_TTL_HOURS after they are issued; revoked by
# logout, a password change and deactivation.
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=env.int("API_TOKEN_TTL_HOURS", default=24)),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
CELERY_TIMEZONE = TIME_ZONE  # beat's crontabs (the 09:00 reminders) in the department's time
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
# Third-party front-end libraries come from package.json (npm) and are served by the portal itself.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/echarts", NODE_MODULES / "echarts" / "dist"),
]
# evidence files and exports: a folder, or an S3-compatible store (portal/settings/storage.py)
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(BASE_DIR / "sent-mail"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="portal@jt.jl.gov.cn")
# SMTP, where EMAIL_BACKEND is django.core.mail.backends.smtp.EmailBackend
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# The portal's address as people open it: the links in e-mails and robot messages start with it.
PORTAL_URL = env("PORTAL_URL", default="http://127.0.0.1:8000").rstrip("/")
# The department that issues the plan: the issuer of the department-wide summary drafts.
DEPARTMENT_NAME = env("DEPARTMENT_NAME", default="吉林省交通运输厅")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "core.api.authentication.PortalSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.PortalPagination",
    "PAGE_SIZE": 100,
    "EXCEPTION_HANDLER": "core.api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "交通运输生态环境保护工作平台 API",
    "DESCRIPTION": "年度工作要点、责任分工、量化指标与进展报送。",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "COMPONENT_SPLIT_REQUEST": True,
    # PATCH bodies state their required fields (a report's `version`) like PUT's
    "COMPONENT_SPLIT_PATCH": False,
    # Swagger UI from the installed drf-spectacular-sidecar package, served by the portal
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # two choice sets are both called "status": a report's and a status light's
    "ENUM_NAME_OVERRIDES": {
        "ReportStatusEnum": "reports.choices.ReportStatus",
        "StatusLightEnum": "reports.figures.status.Status",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.document_errors",
    ],
}

# Content-Security-Policy (django-csp): scripts, styles, images, fonts and connections from the
# portal's own origin only; no inline script, no frames.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Demo accounts created by `manage.py seed_demo`.
DEMO_PASSWORD = env("DEMO_PASSWORD", default="jilin2024")

# Progress reporting.
REPORT_ATTACHMENT_MAX_BYTES = env.int("REPORT_ATTACHMENT_MAX_BYTES", default=20 * 1024 * 1024)
# A routine progress report is due on this day of the following month: the default for a new plan,
# which an administrator may change on the plan (报送截止日).
REPORT_MONTHLY_DUE_DAY = env.int("REPORT_MONTHLY_DUE_DAY", default=5)
# Units are reminded this many days before a due date (and on the day, 0); an obligation within the
# first of them is "due soon" (临近截止).
REMINDER_DAYS_BEFORE = sorted(
    env.list("REMINDER_DAYS_BEFORE", cast=int, default=[15, 7, 3, 1, 0]), reverse=True
)
# The whole-province dashboard is kept in the cache until the data changes, and at most this long
# (0: never kept).
DASHBOARD_CACHE_SECONDS = env.int("DASHBOARD_CACHE_SECONDS", default=600)
# after a change the overview is rebuilt in the background this many seconds later (0: never): reports/warm.py
DASHBOARD_WARM_SECONDS = env.int("DASHBOARD_WARM_SECONDS", default=3)
# At most this many evidence files on one report, and in one request.
REPORT_MAX_ATTACHMENTS = env.int("REPORT_MAX_ATTACHMENTS", default=20)
DATA_UPLOAD_MAX_NUMBER_FILES = env.int("UPLOAD_MAX_FILES_PER_REQUEST", default=10)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# A request body larger than this is refused (413) before it is read; the proxy in front
# (deploy/nginx.conf, client_max_body_size) holds the same limit.
REQUEST_MAX_BYTES = env.int("REQUEST_MAX_BYTES", default=50 * 1024 * 1024)
# A summary workbook with more 明细 rows than this is built by a Celery job (导出任务) instead of while
# the browser waits; its creator is notified when it is ready.
EXPORT_STREAM_MAX_ROWS = env.int("EXPORT_STREAM_MAX_ROWS", default=5000)
# A filled-in Excel template (填报模板) is refused above this size, or when its parts would unpack to
# more than the second figure (a zip bomb), checked before anything is unpacked.
TEMPLATE_UPLOAD_MAX_BYTES = env.int("TEMPLATE_UPLOAD_MAX_BYTES", default=5 * 1024 * 1024)
TEMPLATE_UNCOMPRESSED_MAX_BYTES = env.int("TEMPLATE_UNCOMPRESSED_MAX_BYTES", default=50 * 1024 * 1024)

# One JSON object per line on stdout (core/logs.py): time in UTC, level, logger, request id, message.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.logs.RequestIdFilter"}},
    "formatters": {"json": {"()": "core.logs.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["request_id"]}
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # axes logs every successful login's reset at INFO; failures and lockouts are WARNING
    "loggers": {"axes": {"level": "WARNING"}},
}
