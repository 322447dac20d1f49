"""Settings shared by every environment. Everything that differs between machines comes from
the environment (see `.env.example`); `dev`, `test` and `production` only adjust these."""

from datetime import timedelta
from pathlib import Path

import environ

from lms.languages import LANGUAGES as CONFIGURED_LANGUAGES
from lms.languages import install_missing_lang_info

install_missing_lang_info()

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "lms"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
# The public address of the site, used in emails, certificates and QR codes.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])

INSTALLED_APPS = [
    # Project chrome, commands and the apps, bottom-up as in docs/architecture.md.
    "lms",
    "people",
    "cms",
    "interactive",
    "assessments",
    "courses",
    "cohorts",
    "actionplans",
    "certificates",
    "offline",
    "reports",
    # Wagtail and wagtail-localize
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "people.wagtail_users.PeopleUsersConfig",  # Wagtail's user admin, with our user form
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # API and background jobs
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # the docs page's scripts, served from here, not a CDN
    "django_q",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # runserver serves static files through WhiteNoise too, with the same headers as in
    # production (the sandboxed H5P frame needs Access-Control-Allow-Origin for fonts).
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Pages compressed for phones on costly data (a lesson: ~13 KB → ~4 KB). Django's
    # GZipMiddleware pads its output against BREACH, and CSRF tokens are masked per
    # response. Static files come compressed from WhiteNoise and are left alone.
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Reads the page tree's version once per request (cms.tree_cache).
    "cms.tree_cache.middleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: an unprefixed URL takes the signed-in person's language.
    "people.middleware.PreferredLanguageMiddleware",
    # Whose page this is, for the service worker's per-person page cache.
    "offline.middleware.user_header",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "lms.context_processors.site_chrome",
            ],
        },
    },
]

# Database: SQLite file by default; PostgreSQL (or anything dj-database-url reads) from DATABASE_URL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # Wait for a lock instead of failing at once; the worker and the web server share
            # the file, and WAL lets readers go on while one writes.
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# People
AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = ["people.backends.EmailOrPhoneBackend"]
LOGIN_URL = "people:login"
LOGIN_REDIRECT_URL = "people:account"
LOGOUT_REDIRECT_URL = "/"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Failed sign-ins allowed for one account or address before a pause (people.throttle).
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
LOGIN_FAILURE_WINDOW = env.int("LOGIN_FAILURE_WINDOW", default=15 * 60)  # seconds

# Languages
LANGUAGE_CODE = "en"
LANGUAGES = CONFIGURED_LANGUAGES
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env("TIME_ZONE", default="Asia/Colombo")
LANGUAGE_COOKIE_NAME = "lms_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Static and media files
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Outside MEDIA_ROOT: extracted H5P packages and imports waiting for confirmation (see
# lms/storage.py). Never serve this folder directly.
PRIVATE_ROOT = env.path("PRIVATE_ROOT", default=BASE_DIR / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_ROOT), "base_url": "/private-not-served/"},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# The H5P player from npm (`make setup` runs `npm ci`), served as /static/h5p-standalone/….
STATICFILES_DIRS = [
    ("h5p-standalone", BASE_DIR / "node_modules" / "h5p-standalone" / "dist")
]
# H5P packages (interactive/): refused above these limits before anything is stored.
H5P_MAX_PACKAGE_BYTES = env.int("H5P_MAX_PACKAGE_BYTES", default=100 * 1024 * 1024)
H5P_MAX_EXPANDED_BYTES = env.int("H5P_MAX_EXPANDED_BYTES", default=250 * 1024 * 1024)
H5P_MAX_FILES = env.int("H5P_MAX_FILES", default=5000)
# Text messages (reminders to participants without email): see cohorts/sms.py.
SMS_BACKEND = env("SMS_BACKEND", default="cohorts.sms.ConsoleSmsBackend")
# Action plans and follow-up (actionplans/).
EVIDENCE_MAX_BYTES = env.int("EVIDENCE_MAX_BYTES", default=10 * 1024 * 1024)
EVIDENCE_MAX_FILES = env.int("EVIDENCE_MAX_FILES", default=10)
# A follow-up report can be started this long before its checkpoint is due; participants
# are reminded FOLLOW_UP_REMIND_BEFORE ahead and on the day; officers hear of reports still
# missing FOLLOW_UP_ESCALATE_AFTER the due date.
FOLLOW_UP_OPENS_BEFORE = timedelta(
    days=env.int("FOLLOW_UP_OPENS_BEFORE_DAYS", default=14)
)
FOLLOW_UP_REMIND_BEFORE = timedelta(
    days=env.int("FOLLOW_UP_REMIND_BEFORE_DAYS", default=7)
)
FOLLOW_UP_ESCALATE_AFTER = timedelta(
    days=env.int("FOLLOW_UP_ESCALATE_AFTER_DAYS", default=7)
)
# Reverse proxies of our own in front of the site (nginx, a load balancer): the client's
# address is then read from X-Forwarded-For (sign-in throttle, certificate checks).
TRUSTED_PROXY_HOPS = env.int("TRUSTED_PROXY_HOPS", default=0)
# Certificates (certificates/): numbers read PREFIX-YEAR-00042.
CERTIFICATE_NUMBER_PREFIX = env("CERTIFICATE_NUMBER_PREFIX", default="CA")
# Ed25519 private key (PEM) that signs the Open Badges credentials; empty: one is made and
# kept in PRIVATE_ROOT/keys/ on first use (back it up).
CERTIFICATE_SIGNING_KEY = env("CERTIFICATE_SIGNING_KEY", default="")
# Verification lookups allowed per minute from one address.
CERTIFICATE_VERIFY_RATE = env.int("CERTIFICATE_VERIFY_RATE", default=30)
# Reports: youth are participants under this age (the dashboards' default; each view can
# change it); participant exports larger than this run as background jobs.
REPORTS_YOUTH_AGE = env.int("REPORTS_YOUTH_AGE", default=35)
REPORTS_INLINE_EXPORT_ROWS = env.int("REPORTS_INLINE_EXPORT_ROWS", default=2000)
# `make bench` only (bench/, lms/bench.py): route the floor endpoint and serve uploads from
# Django. Never on a real site.
BENCH_FLOOR = env.bool("BENCH_FLOOR", default=False)
# Uploads larger than this are refused before anything is stored.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# No uploaded file is kept past this size (the largest any form accepts: an H5P package);
# the form then says the file is too big. See lms/uploads.py.
FILE_UPLOAD_MAX_BYTES = max(H5P_MAX_PACKAGE_BYTES, 100 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "lms.uploads.SizeCapUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000  # Wagtail's page editor posts many fields

# Mail: console by default; EMAIL_URL=smtp+tls://user:password@host:587 for a real server.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Cluster Academy <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Cache: Redis when REDIS_URL is set (shared by web and worker), else local memory.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background jobs (django-q2): the database is the broker unless REDIS_URL is set.
Q_CLUSTER = {
    "name": "cluster-academy",
    "workers": env.int("Q_WORKERS", default=1),
    "timeout": 300,
    "retry": 360,
    "max_attempts": 3,
    "save_limit": 250,
    "catch_up": False,
    "label": "Background jobs",
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

# Wagtail
WAGTAIL_SITE_NAME = "Cluster Academy"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Handouts, and the audio and video files lessons play (uploaded as documents).
WAGTAILDOCS_EXTENSIONS = [
    *["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip"],
    *["mp3", "m4a", "ogg", "opus", "mp4", "webm"],
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 100 * 1024 * 1024
# Files are linked directly (MEDIA_URL, served by the front web server in production), so
# players can seek with range requests.
WAGTAILDOCS_SERVE_METHOD = "direct"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    (code, name)
    for code, name in LANGUAGES
    if code in {"en", "fr", "bn", "th", "vi", "my"}  # Wagtail ships these
]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_PASSWORD_RESET_ENABLED = True
WAGTAILADMIN_LOGIN_URL = "wagtailadmin_login"

# API
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_RATES": {"token": "10/minute"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Cluster Academy API",
    "DESCRIPTION": "Courses, cohorts, action plans and certificates for SME cluster training.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Every language field (a user's, an H5P activity's) takes the same codes.
    "ENUM_NAME_OVERRIDES": {
        "LanguageEnum": "lms.languages.LANGUAGES",
        "AttemptStateEnum": "assessments.models.attempts.Attempt.State",
        "IssueJobStateEnum": "certificates.models.IssueJob.State",
        "ActionPlanStatusEnum": "actionplans.models.ActionPlan.Status",
    },
    "PREPROCESSING_HOOKS": ["lms.api_schema.public_endpoints_only"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

CSRF_FAILURE_VIEW = "lms.views.csrf_failure"
SESSION_COOKIE_AGE = 30 * 24 * 3600  # participants on shared phones sign out themselves
X_FRAME_OPTIONS = "SAMEORIGIN"  # Wagtail's preview uses a same-origin iframe

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail's background tasks log every start and finish at INFO.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
