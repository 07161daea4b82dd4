"""Settings for the marketplace, read from the environment (12-factor).

Every variable is listed with its default in `.env.example` and described in README.md.
"""

import copy
from decimal import Decimal
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from marketplace.env import (
    env_bool,
    env_decimal,
    env_float,
    env_int,
    env_list,
    env_str,
    load_dotenv,
)

BASE_DIR = Path(__file__).resolve().parent.parent
load_dotenv(BASE_DIR / ".env")

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for a local run).")
    SECRET_KEY = "insecure-local-development-key-never-used-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env_str("SITE_NAME", "Freelance Commons")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "auditlog",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_prometheus",
    # The project's apps, in their layers from the bottom up (pyproject.toml, importlinter).
    "outbox",
    "idempotency",
    "audit",
    "money",
    "uploads",
    "ratings",
    "messaging",
    "languages",
    "ledger",
    "profiles",
    "accounts",
    "services",
    "engagements",
    "reviews",
    "payments",
    "orders",
    "jobs",
    "timesheets",
    "dashboard",
    "favourites",
    "saved_searches",
    "pages",
    "privacy",
    "demo",
]

MIDDLEWARE = [
    # Prometheus first and last, so that it times (and counts) everything in between.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "marketplace.request_id.RequestIdMiddleware",
    # An over-long query string is a 414 before anything else reads it.
    "marketplace.input_guards.LongQueryStringMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed for the browsers that accept it (a search page: 57 KiB -> 9 KiB), after
    # WhiteNoise, whose static files are compressed already. Django's gzip pads each response
    # with random bytes against BREACH (the CSRF token is in pages).
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After authentication: audit entries name the signed-in actor and their address.
    "audit.middleware.AuditActorMiddleware",
    "accounts.middleware.SessionActivityMiddleware",
    # Staff without a second factor may only set one up.
    "accounts.middleware.StaffSecondFactorMiddleware",
    "csp.middleware.CSPMiddleware",
    "marketplace.api.middleware.ApiErrorMiddleware",
    # While PostgreSQL is unreachable, a 503 at once, before any middleware that queries it.
    "marketplace.database_outage.DatabaseOutageMiddleware",
    # Signed-in answers are private: `Cache-Control: private, no-store`.
    "marketplace.private_responses.PrivateResponseMiddleware",
    # After authentication: keys are per signed-in user.
    "idempotency.middleware.IdempotencyMiddleware",
    # Read replicas (DATABASE_REPLICA_URLS): a client that has just written reads from the
    # primary. Without replicas it takes itself out at start.
    "marketplace.db.pinning.PrimaryPinningMiddleware",
    # Bad input is a 400, never a 500: NULs in paths, query strings and forms.
    "marketplace.input_guards.NullCharacterMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # `{% url %}` reversing a view without arguments once per process.
            "builtins": ["marketplace.remembered_urls"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "marketplace.context_processors.site",
            ],
        },
    },
]

# Database: DATABASE_URL, or an embedded SQLite file for a quick local run.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=0,
    )
}
using_postgresql = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if using_postgresql:
    # Django's, with a cheaper check of a pooled connection (marketplace/db/postgresql).
    DATABASES["default"]["ENGINE"] = "marketplace.db.postgresql"
if using_postgresql and env_bool("DATABASE_POOL", True):
    # Django's psycopg 3 pool needs CONN_MAX_AGE = 0; size it for a few gunicorn threads.
    DATABASES["default"]["OPTIONS"] = {
        "pool": {
            "min_size": env_int("DATABASE_POOL_MIN", 1),
            "max_size": env_int("DATABASE_POOL_MAX", 10),
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent requests on the embedded database: a write transaction takes the write lock
    # when it begins and waits for it (a deferred one upgrading mid-way fails at once with
    # "database is locked", which would read as a database outage).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
    }
    # The sitemap's covering index (jobs.JobPost, `include=`) is a PostgreSQL optimisation;
    # SQLite builds it without the extra column, which changes nothing for a local run. The
    # warning would be the first thing `make run` prints, and it reads like a fault.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "marketplace",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Whole public pages cached for anonymous visitors (marketplace.pagecache); every public write
# makes them stale at once, so the lifetime only bounds memory. On by default where it stays
# coherent across processes (the shared cache, REDIS_URL) and nobody is editing templates.
PAGE_CACHE = env_bool("PAGE_CACHE", bool(REDIS_URL) and not DEBUG)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "optional")
# Attempts per address (ip) and per account (key). Failed passwords: 10 a minute per address,
# 5 in 5 minutes per account. Second-factor codes (authenticator or recovery code, at sign-in
# and when confirming identity): 10 a minute per account, 20 per address; past them even the
# right code is refused for the rest of the minute and the owner is emailed
# (accounts.forms.SecondFactorForm).
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "second_factor": env_str("SECOND_FACTOR_RATE_LIMIT", "10/m/key,20/m/ip"),
}
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_USER_DISPLAY = "accounts.adapter.display_name"
# Emails on security changes (password, email address, second factor added or removed).
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Changing email or password asks for the password (or second factor) again when the last
# sign-in is older than ACCOUNT_REAUTHENTICATION_TIMEOUT seconds; so do the second-factor
# pages (MFA_REAUTHENTICATION_REQUIRED, allauth's default) and the account's own
# sensitive pages (tokens, deletion, export: accounts.security).
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = env_int("ACCOUNT_REAUTHENTICATION_TIMEOUT", 300)

# Two-factor sign-in (allauth.mfa): an authenticator app with recovery codes, security keys
# and passkeys. Required for staff (accounts.middleware), offered to everyone.
MFA_ADAPTER = "accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = SITE_NAME
MFA_FORMS = {
    "authenticate": "accounts.forms.SecondFactorForm",
    "reauthenticate": "accounts.forms.SecondFactorReauthenticationForm",
}
# WebAuthn needs HTTPS, except on a development server over plain HTTP on localhost.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
MFA_REQUIRED_FOR_STAFF = env_bool("MFA_REQUIRED_FOR_STAFF", True)

# Signed-in sessions (allauth.usersessions): listed at /accounts/sessions/, ended one by one
# or all at once. "Last seen" is kept in the cache, not written per request.
USERSESSIONS_TRACK_ACTIVITY = False
# A header set by a proxy or CDN with the visitor's country (e.g. CF-IPCountry); empty: unknown.
SESSION_COUNTRY_HEADER = env_str("SESSION_COUNTRY_HEADER", "")

# Audit trail (django-auditlog, in the audit app's own append-only model).
AUDITLOG_LOGENTRY_MODEL = "audit.Event"
# Your data: an export link stays valid this long.
DATA_EXPORT_HOURS = env_int("DATA_EXPORT_HOURS", 24)

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
# Resumes live outside MEDIA_ROOT: they are only ever served by a view, as attachments.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT") or BASE_DIR / "private_media")
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "uploads.storage.PrivateMediaStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# S3-compatible object storage (AWS, MinIO, ...) for uploads, so every web node sees them.
# Images are public objects; resumes are private objects under "private/" (or in a bucket of
# their own), fetched by the download view only.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME", "")
MEDIA_ORIGIN = ""
if AWS_STORAGE_BUCKET_NAME:
    _s3_endpoint = env_str("AWS_S3_ENDPOINT_URL") or None
    _s3 = {
        "endpoint_url": _s3_endpoint,
        "region_name": env_str("AWS_S3_REGION_NAME") or None,
        "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
        "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
        # MinIO and most S3-compatible services address buckets by path, not by host name.
        "addressing_style": "path" if _s3_endpoint else None,
        "file_overwrite": False,
    }
    _s3_public_domain = env_str("AWS_S3_CUSTOM_DOMAIN") or None
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "custom_domain": _s3_public_domain,
            # Empty when the bucket's policy makes objects public (ACLs disabled).
            "default_acl": env_str("AWS_DEFAULT_ACL", "public-read") or None,
            "querystring_auth": False,
        },
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "bucket_name": env_str("AWS_PRIVATE_BUCKET_NAME") or AWS_STORAGE_BUCKET_NAME,
            "location": "private",
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 60,
        },
    }
    # Pages show images from the bucket: let the content security policy allow it.
    if _s3_public_domain:
        MEDIA_ORIGIN = f"https://{_s3_public_domain}"
    elif _s3_endpoint:
        MEDIA_ORIGIN = _s3_endpoint.rstrip("/")
    else:
        MEDIA_ORIGIN = f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# For the file-based backend (django.core.mail.backends.filebased.EmailBackend).
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH") or None
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Freelance Commons <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security: strict by default outside DEBUG, each switch overridable (e.g. behind a proxy).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "idempotency.schema.AutoSchema",
    # Token first: its `WWW-Authenticate` header makes "not signed in" a 401, not a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Deep or NUL-holding JSON is a 400, never a 500.
    "DEFAULT_PARSER_CLASSES": ["marketplace.api.parsers.JSONParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "marketplace.api.negotiation.ContentNegotiation",
    "DEFAULT_PAGINATION_CLASS": "marketplace.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "EXCEPTION_HANDLER": "marketplace.api.errors.exception_handler",
    # Counters live in the default cache: Redis (shared by every process) when REDIS_URL is set.
    "DEFAULT_THROTTLE_CLASSES": [
        "marketplace.api.throttling.AnonRateThrottle",
        "marketplace.api.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_THROTTLE_ANON", "120/minute"),
        "user": env_str("API_THROTTLE_USER", "1200/minute"),
        "token": env_str("API_THROTTLE_TOKEN", "10/minute"),
    },
    # Clients' addresses for the anonymous throttle: 0 = REMOTE_ADDR, 1 = behind one proxy.
    "NUM_PROXIES": env_int("API_NUM_PROXIES", 0),
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# Per-user limits on quote requests and messages (marketplace.ratelimits), by scope:
# {"quote-requests": (count, seconds)}. Empty: the defaults written in that module.
RATE_LIMITS: dict[str, tuple[int, int]] = {}
SPECTACULAR_SETTINGS = {
    "TITLE": "Freelance Commons API",
    "VERSION": "1.0.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "DESCRIPTION": (
        "Services, profiles, writing samples, hiring, jobs and proposals, and reviews of the "
        "marketplace, with the same rules as its pages. A job's flow: `jobs_create`, "
        "`jobs_list`, `jobs_proposals_create`, `jobs_proposals_list`, `jobs_proposals_hire` "
        "(an accepted engagement), then the engagement's `engagements_deliver`, "
        "`engagements_complete` and `reviews_create`. Sign in with a token "
        "(`POST /api/v1/auth/token/`, then `Authorization: Token <key>`) or the site's "
        "session cookie (with the CSRF header). "
        "Every error is a JSON body of the `Error` schema."
    ),
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # One name for each choice set that several fields share.
    "ENUM_NAME_OVERRIDES": {
        "CurrencyEnum": "money.currencies.Currency",
        "LanguageCodeEnum": "languages.api.serializers.LANGUAGE_CODES",
        "EngagementKindEnum": "profiles.models.EngagementKind",
        "SideEnum": "messaging.models.Side",
        "QuoteBasisEnum": "engagements.models.QuoteBasis",
        "RatingEnum": "reviews.api.serializers.STAR_CHOICES",
        "FavouriteKindEnum": "favourites.models.Kind",
        "SearchKindEnum": "saved_searches.models.SearchKind",
        "JobStatusEnum": "jobs.models.JobStatus",
        "MilestoneStateEnum": "payments.models.MilestoneState",
        "HourlyContractStateEnum": "timesheets.models.ContractState",
        "HourlyWeekStateEnum": "timesheets.models.WeekState",
        "EngagementStateEnum": "engagements.models.EngagementState",
        "QuestionKindEnum": "services.models.QuestionKind",
        "OrderStatusEnum": "orders.models.OrderStatus",
    },
}

# Background work (Celery). Without a broker every task runs in-process, at once.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# Acknowledged after the task ran: a worker killed mid-task leaves it to another worker.
# Every task is idempotent, so running one twice changes nothing twice.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "marketplace")
# Redis: a task a lost worker held is handed out again after this many seconds.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
    # Every worker looks for such tasks this often (one small Redis query).
    "unacked_restore_interval": min(10, env_int("CELERY_VISIBILITY_TIMEOUT", 3600)),
    "unacked_restore_throttle": 1,
    # A broker that stops answering (frozen, its host gone silent while its kernel still
    # accepts connections) fails a publish within these seconds instead of holding the request.
    "socket_connect_timeout": env_float("CELERY_BROKER_CONNECT_TIMEOUT", 0.5),
    "socket_timeout": env_float("CELERY_BROKER_TIMEOUT", 0.5),
}
# A request never waits long on a broker that is down: the outbox sweep sends the email later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    # kombu's, surviving a Redis restart under load (see the module).
    CELERY_BROKER_TRANSPORT = "marketplace.redis_transport:Transport"
CELERY_TIMEZONE = TIME_ZONE
# Periodic jobs run by `celery -A marketplace beat`; other apps add their entries here.
CELERY_BEAT_SCHEDULE = {
    "mark-late-orders": {
        "task": "orders.tasks.mark_late_orders",
        "schedule": 15 * 60,
    },
    "complete-overdue-engagements": {
        "task": "engagements.tasks.complete_overdue_engagements",
        "schedule": 15 * 60,
    },
    # Emails whose task was lost go out within a minute or two of it; failed ones are retried
    # by their task, then by the slower sweep.
    "send-lost-emails": {"task": "outbox.tasks.send_lost_emails", "schedule": 60},
    "resend-unsent-emails": {"task": "outbox.tasks.resend_unsent_emails", "schedule": 10 * 60},
    "prune-sent-emails": {"task": "outbox.tasks.prune_sent_emails", "schedule": 24 * 3600},
    "prune-expired-sessions": {
        "task": "accounts.tasks.prune_expired_sessions",
        "schedule": 24 * 3600,
    },
    "recompute-reputation": {"task": "reviews.tasks.recompute_reputation", "schedule": 24 * 3600},
    "publish-closed-review-windows": {
        "task": "reviews.tasks.publish_closed_review_windows",
        "schedule": 15 * 60,
    },
    "prune-data-exports": {"task": "accounts.tasks.prune_data_exports", "schedule": 60 * 60},
    # Signed-out visitors' documents (instant quotes) live an hour: swept every minute, so
    # none outlives it by more than that.
    "prune-anonymous-documents": {
        "task": "engagements.tasks.prune_anonymous_documents",
        "schedule": 60,
    },
    "prune-idempotency-keys": {
        "task": "idempotency.tasks.prune_idempotency_keys",
        "schedule": 60 * 60,
    },
    # "Instant" alerts go out each run; daily and weekly ones when due.
    "send-saved-search-alerts": {
        "task": "saved_searches.tasks.send_saved_search_alerts",
        "schedule": 10 * 60,
    },
    # Submitted milestones without an answer: reminders, then release (payments.delivery).
    "release-overdue-milestones": {
        "task": "payments.tasks.release_overdue_milestones",
        "schedule": 15 * 60,
    },
    "remind-milestone-clients": {
        "task": "payments.tasks.remind_clients_of_auto_release",
        "schedule": 60 * 60,
    },
    "reconcile-payments": {"task": "payments.tasks.reconcile_payments", "schedule": 24 * 3600},
    # Hourly weeks (timesheets): charged once closed, released after the review window.
    "charge-closed-hourly-weeks": {
        "task": "timesheets.tasks.charge_closed_hourly_weeks",
        "schedule": 15 * 60,
    },
    "release-reviewed-hourly-weeks": {
        "task": "timesheets.tasks.release_reviewed_hourly_weeks",
        "schedule": 15 * 60,
    },
}

# --- Payments (payments/, README "Payments") --------------------------------------------
# Card money goes through Stripe. Without a secret key, `make run` starts a local test-mode
# Stripe (localstripe) and sets STRIPE_API_BASE to it; see payments/processor.py.
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = env_str("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET", "")
# Another Stripe API server than Stripe's own: a local test server, e.g. http://127.0.0.1:8420
STRIPE_API_BASE = env_str("STRIPE_API_BASE", "").rstrip("/")
# Seconds to wait for Stripe to answer (connecting takes at most 2 of them); then "try again".
STRIPE_TIMEOUT = env_float("STRIPE_TIMEOUT", 5.0)
# The platform's share of released money, in percent; frozen on each plan when it is agreed.
PLATFORM_FEE_PERCENT = env_decimal("PLATFORM_FEE_PERCENT", Decimal("10"))
if not Decimal(0) <= PLATFORM_FEE_PERCENT <= Decimal(100):
    raise ImproperlyConfigured(f"PLATFORM_FEE_PERCENT={PLATFORM_FEE_PERCENT}: use 0 to 100.")
# A submitted milestone the client does not answer is released after this many days.
MILESTONE_AUTO_RELEASE_DAYS = env_int("MILESTONE_AUTO_RELEASE_DAYS", 14)
# Checks of other escrowed items that payments' reconciliation runs with its own (the
# `reconcile_payments` command and the daily task): each returns its differences.
RECONCILIATION_CHECKS = ["timesheets.reconciliation.weeks_with_escrow"]
# Open disputes of other escrowed items, listed with the milestones' on staff's one queue
# (`payments.staff_queue`).
STAFF_DISPUTE_QUEUES = ["timesheets.staff.open_week_disputes"]
if MILESTONE_AUTO_RELEASE_DAYS < 2:
    raise ImproperlyConfigured("MILESTONE_AUTO_RELEASE_DAYS must be at least 2.")
# An order's delivery the client leaves unanswered is accepted after this many days (frozen on
# the order when it is placed); the client is reminded a day before.
ORDER_AUTO_ACCEPT_DAYS = env_int("ORDER_AUTO_ACCEPT_DAYS", 3)
if ORDER_AUTO_ACCEPT_DAYS < 2:
    raise ImproperlyConfigured("ORDER_AUTO_ACCEPT_DAYS must be at least 2.")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# --- Scaling out: resilience, replicas, health, metrics and logs --------------------------
# Grouped here so that it reads (and merges) as one part; README "Scaling out" explains it.


# A cache outage is a cache miss: short timeouts, then the cache is skipped for a moment.
if REDIS_URL:
    CACHES["default"]["BACKEND"] = "marketplace.cache.DegradingRedisCache"
    CACHES["default"]["OPTIONS"] = {
        "socket_connect_timeout": env_float("CACHE_CONNECT_TIMEOUT", 0.5),
        "socket_timeout": env_float("CACHE_TIMEOUT", 0.5),
    }
# Sessions are written to the database and read from the cache when it answers.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# PostgreSQL unreachable: fail within seconds (then 503, see marketplace/database_outage.py).
if using_postgresql:
    DATABASES["default"].setdefault("OPTIONS", {})
    # libpq's shortest connect timeout is 2 s (1 counts as 2).
    DATABASES["default"]["OPTIONS"]["connect_timeout"] = env_int("DATABASE_CONNECT_TIMEOUT", 2)
    # A server that vanishes without closing its connections (its host down, the network cut)
    # would leave a query waiting for the kernel's retransmissions, about 15 minutes: a query
    # left unacknowledged for DATABASE_TCP_USER_TIMEOUT seconds fails instead, and idle
    # connections are probed after DATABASE_KEEPALIVES_IDLE seconds. A server that stops
    # closes its connections: that fails at once anyway.
    DATABASES["default"]["OPTIONS"] |= {
        "keepalives": 1,
        "keepalives_idle": env_int("DATABASE_KEEPALIVES_IDLE", 10),
        "keepalives_interval": 2,
        "keepalives_count": 3,
        "tcp_user_timeout": env_int("DATABASE_TCP_USER_TIMEOUT", 4) * 1000,  # milliseconds
    }
    if "pool" in DATABASES["default"]["OPTIONS"]:
        DATABASES["default"]["OPTIONS"]["pool"]["timeout"] = env_float("DATABASE_POOL_TIMEOUT", 2.0)
        # Pooled connections are checked before use: a restarted server's are replaced.
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Read replicas (marketplace/db/): reads go to a fit replica, writes and transactions to the
# primary; a client that has just written reads from the primary for DATABASE_PIN_SECONDS.
DATABASE_REPLICA_URLS = env_list("DATABASE_REPLICA_URLS", [])
DATABASE_REPLICA_MAX_LAG = env_float("DATABASE_REPLICA_MAX_LAG", 5.0)
DATABASE_REPLICA_CHECK_SECONDS = env_float("DATABASE_REPLICA_CHECK_SECONDS", 5.0)
DATABASE_PIN_SECONDS = env_int("DATABASE_PIN_SECONDS", 10)
DATABASE_REPLICAS = []
for number, url in enumerate(DATABASE_REPLICA_URLS, start=1):
    alias = f"replica{number}"
    DATABASES[alias] = {
        **dj_database_url.parse(url, conn_max_age=0),
        "ENGINE": DATABASES["default"]["ENGINE"],
        "OPTIONS": copy.deepcopy(DATABASES["default"].get("OPTIONS", {})),
        "CONN_HEALTH_CHECKS": DATABASES["default"].get("CONN_HEALTH_CHECKS", False),
        # Tests use the primary's test database for every alias.
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_REPLICAS.append(alias)
DATABASE_ROUTERS = ["marketplace.db.routers.ReplicaRouter"] if DATABASE_REPLICAS else []

# One warning per failed request is enough: not one per reconnection attempt of the pool.
LOGGING["loggers"] = {
    "psycopg.pool": {"level": "ERROR"},
    # The stripe library logs every request at INFO; payments/processor.py logs what fails.
    "stripe": {"level": "WARNING"},
}

# Probes and metrics (marketplace/health.py, marketplace/metrics.py) answer over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
METRICS_TOKEN = env_str("METRICS_TOKEN", "")
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS", [])

# Logs: every record carries the request's id; LOG_FORMAT=json writes one object per line.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
# One object per line: time (UTC), level, logger, message, request id, the exception's
# traceback as one string when there is one, and the call's `extra` fields.
JSON_LOG_FORMATTER = {
    "()": "pythonjsonlogger.json.JsonFormatter",
    "fmt": "{levelname}{name}{message}{request_id}",
    "style": "{",
    "rename_fields": {"levelname": "level", "name": "logger", "exc_info": "exception"},
    "timestamp": "time",
}
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r}: use text or json.")
LOGGING["filters"] = {"request_id": {"()": "marketplace.request_id.RequestIdFilter"}}
LOGGING["handlers"]["console"]["filters"] = ["request_id"]
if LOG_FORMAT == "json":
    LOGGING["formatters"] = {"json": JSON_LOG_FORMATTER}
    LOGGING["handlers"]["console"]["formatter"] = "json"
