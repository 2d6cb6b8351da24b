"""Settings for Sykefravær, read from the environment (see .env.example).

Without any environment the app runs on an embedded default: SQLite and a
Celery broker on the file system, so that `make run` needs no server.
`DATABASE_URL` and `REDIS_URL` switch to PostgreSQL and Redis.
"""

import secrets
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from kernel.env import env_bool, env_int, env_list, env_str, oidc_origins, oidc_providers_from_env

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        # Left empty so that loading the settings needs no secret: a command that reads
        # none (`manage.py timeline`) runs without one. Whatever reads it gets Django's
        # ImproperlyConfigured; the system checks (runserver, migrate, check, ...), the web
        # server and the Celery worker refuse to start (sykefravaer.checks.require_secret_key).
        return ""
    # Development only: a key per checkout, kept out of the repository.
    path = VAR_DIR / "dev-secret-key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Demo data (and its well-known passwords) only where someone asked for it.
DEMO_DATA_ALLOWED = env_bool("DEMO_DATA", DEBUG)

INSTALLED_APPS = [
    "sykefravaer.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
    "allauth.usersessions",
    "crispy_forms",
    "crispy_bootstrap5",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "sykefravaer",
    "organisation",
    "audit",
    "cases",
    "followup_plans",
    "dialog_meetings",
    "self_certification",
    "reminders",
    "routines",
    "hr",
    "imports",
    "api",
    "nav",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "cases.access.RequestScopeMiddleware",
    "sykefravaer.errors.RequestBodyLimitMiddleware",  # before any view (and CSRF's process_view) reads the body
    "organisation.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "sykefravaer.signin.middleware.SessionLimitsMiddleware",
    "sykefravaer.signin.middleware.RequireSecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "audit.middleware.AuditContextMiddleware",
    "sykefravaer.security.NoStoreForAuthenticatedMiddleware",
]

ROOT_URLCONF = "sykefravaer.urls"
WSGI_APPLICATION = "sykefravaer.wsgi.application"

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
                "sykefravaer.context_processors.navigation",
                "reminders.context_processors.unread_notifications",
            ],
            "builtins": ["sykefravaer.templatetags.dates"],
        },
    },
]

# Database: SQLite unless DATABASE_URL points elsewhere.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A web server and a Celery worker share the file: wait for locks, use WAL.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "account_login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# Sign-in (django-allauth; sykefravaer/signin/, README "Sign-in"). Nobody signs up: accounts come from the
# employee import or the administrator, and single sign-on only finds a person who is already here.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Local passwords (for employers without an identity provider); false = single sign-on only.
LOCAL_LOGIN = env_bool("LOCAL_LOGIN", True)  # off: no password form, password sign-in and reset refused
ACCOUNT_ADAPTER = "sykefravaer.signin.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "sykefravaer.signin.adapters.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # a reset asked for an unknown address sends nothing
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_EMAIL_NOTIFICATIONS = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Throttling (in the cache, which is Redis in production, so the limits hold across web processes):
# failed sign-ins per address and per account, password reset per address and per e-mail.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env_str("RATE_LIMIT_LOGIN_FAILED", "5/15m/ip,5/15m/key"),
    "login": env_str("RATE_LIMIT_LOGIN", "30/m/ip"),
    "reset_password": env_str("RATE_LIMIT_RESET_PASSWORD", "5/h/ip,3/h/key"),
    "reset_password_from_key": "20/m/ip",
    "signup": "5/m/ip",
}
# Single sign-on: OpenID Connect identity providers (Entra ID, ADFS, Keycloak, ...) from the environment.
OIDC_PROVIDERS = oidc_providers_from_env()
# The claim that finds the person: "email" (an employee's or a user's e-mail), or the name of a claim that
# holds the employee number (e.g. "employee_id", or Entra ID's "extension_…_employeeNumber").
OIDC_MATCH_CLAIM = env_str("OIDC_MATCH_CLAIM", "email")
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": p["id"],
                "name": p["name"],
                "client_id": p["client_id"],
                "secret": p["secret"],
                "settings": {
                    "server_url": p["issuer"],
                    **({"match_claim": p["match_claim"]} if p.get("match_claim") else {}),
                },
            }
            for p in OIDC_PROVIDERS
        ],
    }
}
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = env_int("OIDC_TIMEOUT_SECONDS", 10)
# Second factor: TOTP with recovery codes (and passkeys). HR and administrators who sign in with a password
# must have one; off in the `make run` demo (bin/run) so the printed demo log-ins work with a password alone.
MFA_REQUIRED_FOR_HR = env_bool("MFA_REQUIRED_FOR_HR", True)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", "Sykefravær")
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
MFA_PASSKEY_LOGIN_ENABLED = False
USERSESSIONS_TRACK_ACTIVITY = False  # a session is recorded at sign-in, not written on every request

# Sessions: idle timeout and an absolute lifetime (sykefravaer.signin.middleware.SessionLimitsMiddleware),
# a new session id at sign-in (Django's login), cookies that end with the browser.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30 * 60)
SESSION_ABSOLUTE_TIMEOUT = env_int("SESSION_ABSOLUTE_TIMEOUT", env_int("SESSION_COOKIE_AGE", 8 * 60 * 60))
SESSION_IDLE_WARNING = env_int("SESSION_IDLE_WARNING", 2 * 60)  # seconds before the idle timeout
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
# Dates as written in Norway («2. nov. 2026») and in the UK («2 Nov 2026»): sykefravaer/formats/.
FORMAT_MODULE_PATH = ["sykefravaer.formats"]
USE_TZ = True
LANGUAGE_COOKIE_NAME = "sykefravaer_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: SMTP from the environment; in development, files a developer can read.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "sykefravaer@localhost")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
_EMAIL_BACKEND = env_str("EMAIL_BACKEND", "file" if DEBUG else "smtp")
if _EMAIL_BACKEND == "smtp":
    # Mail leaves the organisation: encrypted by default (STARTTLS on 587), or TLS from the start (SSL on 465).
    _EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
    _EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", not _EMAIL_USE_SSL)
    if _EMAIL_USE_TLS and _EMAIL_USE_SSL:
        raise ImproperlyConfigured("Set EMAIL_USE_TLS (STARTTLS) or EMAIL_USE_SSL, not both.")
    _MAILER = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 465 if _EMAIL_USE_SSL else 587 if _EMAIL_USE_TLS else 25),
            "username": env_str("EMAIL_HOST_USER"),
            "password": env_str("EMAIL_HOST_PASSWORD"),
            "use_tls": _EMAIL_USE_TLS,
            "use_ssl": _EMAIL_USE_SSL,
            "timeout": env_int("EMAIL_TIMEOUT", 30),
        },
    }
elif _EMAIL_BACKEND == "file":
    _MAILER = {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
    }
elif _EMAIL_BACKEND == "console":
    _MAILER = {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
else:
    raise ImproperlyConfigured(f"EMAIL_BACKEND must be smtp, file or console, not {_EMAIL_BACKEND!r}.")
MAILERS = {"default": _MAILER}

# Security: on unless DEBUG; each can be turned off behind a proxy that does it.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy: scripts, styles, fonts and images only from the app's own static files; no inline
# script or style attribute in any page (behaviour in static/js/behaviour.js); no page in a frame.
# Bootstrap's CSS draws its check marks and arrows as data: images.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    # Sign-in and sign-out forms redirect to the identity providers (single sign-on).
    "form-action": [CSP.SELF, *sorted(oidc_origins(OIDC_PROVIDERS))],
    "frame-ancestors": [CSP.NONE],
}
if env_bool("BEHIND_HTTPS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies in front of the app may set X-Forwarded-For (for the audit log).
AUDIT_TRUSTED_PROXIES = env_int("AUDIT_TRUSTED_PROXIES", 0)
# An audit action not listed in audit/actions.py raises (on in DEBUG and the tests); else it is logged and kept.
AUDIT_STRICT_ACTIONS = env_bool("AUDIT_STRICT_ACTIONS", DEBUG)
ALLAUTH_TRUSTED_PROXY_COUNT = AUDIT_TRUSTED_PROXIES  # the address that sign-in throttling counts

# Celery: Redis when REDIS_URL is set, else a broker on the file system.
CELERY_BROKER_URL = REDIS_URL or "filesystem://"
CELERY_QUEUE_DIR = VAR_DIR / "celery"
if not REDIS_URL:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_QUEUE_DIR / "out"),
        "data_folder_out": str(CELERY_QUEUE_DIR / "out"),
        "processed_folder": str(CELERY_QUEUE_DIR / "processed"),
        "control_folder": str(CELERY_QUEUE_DIR / "control"),
        "store_processed": False,
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
DAILY_RUN_HOUR = env_int("DAILY_RUN_HOUR", 6)
if not 0 <= DAILY_RUN_HOUR <= 23:
    raise ImproperlyConfigured(f"DAILY_RUN_HOUR must be an hour from 0 to 23, not {DAILY_RUN_HOUR}.")

# Reminders (reminders/): days before each milestone, escalation to HR, the weekly digest.
try:
    REMINDER_DAYS_BEFORE = sorted({int(day) for day in env_list("REMINDER_DAYS_BEFORE", "7,1")}, reverse=True)
except ValueError:
    raise ImproperlyConfigured("REMINDER_DAYS_BEFORE must be whole numbers of days, e.g. 7,1.") from None
if any(day < 1 for day in REMINDER_DAYS_BEFORE):
    raise ImproperlyConfigured("REMINDER_DAYS_BEFORE must be 1 or more days (the due day has its own reminder).")
ESCALATION_DAYS_OVERDUE = env_int("ESCALATION_DAYS_OVERDUE", 3)
if ESCALATION_DAYS_OVERDUE < 1:
    raise ImproperlyConfigured("ESCALATION_DAYS_OVERDUE must be 1 or more days.")
# ISO weekday of the digest to HR: 1 = Monday … 7 = Sunday.
DIGEST_WEEKDAY = env_int("DIGEST_WEEKDAY", 1)
if not 1 <= DIGEST_WEEKDAY <= 7:
    raise ImproperlyConfigured(f"DIGEST_WEEKDAY must be 1 (Monday) to 7 (Sunday), not {DIGEST_WEEKDAY}.")
# A reminder claimed for sending but not stamped this many minutes later was left so by a
# killed worker: it is stamped "e-mail uncertain" and never sent again (reminders/services.py).
REMINDER_CLAIM_TIMEOUT_MINUTES = env_int("REMINDER_CLAIM_TIMEOUT_MINUTES", 10)
# The site's address, for links in e-mails.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

CELERY_BEAT_SCHEDULE = {
    "heartbeat": {"task": "sykefravaer.tasks.heartbeat", "schedule": 60.0},
    "reminders-daily": {"task": "reminders.tasks.run_daily", "schedule": crontab(hour=DAILY_RUN_HOUR, minute=0)},
    "reminders-weekly-digest": {
        "task": "reminders.tasks.send_weekly_digest",
        # crontab counts Sunday as 0.
        "schedule": crontab(hour=DAILY_RUN_HOUR, minute=30, day_of_week=DIGEST_WEEKDAY % 7),
    },
    # Health data past its retention period (cases/retention.py).
    "purge-expired-data": {"task": "cases.tasks.purge_expired_data", "schedule": crontab(hour=3, minute=15)},
    # The routines: HR's max-date letter tasks and the difficult-case flags (routines/tasks.py).
    "routines-daily": {"task": "routines.tasks.run_daily", "schedule": crontab(hour=DAILY_RUN_HOUR, minute=10)},
    # HR e-mails about 4 self-certifications in 12 months that could not be sent at once.
    "self-certification-notices": {
        "task": "self_certification.tasks.send_unsent_may_withdraw_notices",
        "schedule": crontab(minute=20),
    },
}

# Retention (cases/retention.py): how long after a case ended its data is kept.
CASE_RETENTION_DAYS = env_int("CASE_RETENTION_DAYS", 730)
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 5 * 365)
# Other apps' records that follow the same retention: callables taking the cut-off date.
RETENTION_PURGERS = ["self_certification.retention.purge_before"]

# Apps that put dated events on a case's timeline (cases/timeline.py).
# Milestones that apps built on cases keep on each case beside the engine's (cases/extensions.py).
CASE_MILESTONE_PROVIDERS = ["hr.routine.PROVIDER", "routines.letters.PROVIDER", "routines.flags.PROVIDER"]

CASE_TIMELINE_SOURCES = [
    "followup_plans.selectors.case_timeline_events",
    "dialog_meetings.selectors.case_timeline_events",
    "nav.selectors.case_timeline_events",
    "routines.letters.case_timeline_events",
    "routines.bht.case_timeline_events",
]

# The API (api/): keys or the site's session; JSON in and out; errors as {"code", "detail"}.
# Form fields and JSON bodies (everything but uploaded files) may take at most this much memory. A whole body over
# MAX_REQUEST_BODY (the 10 MB employee file and its form) is refused with 413 before it is read
# (sykefravaer.errors.RequestBodyLimitMiddleware); the reverse proxy should refuse it first (docker-compose.yml).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger uploads go to a temporary file, not memory
MAX_REQUEST_BODY = 10 * 1024 * 1024 + 64 * 1024

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    # Per API key (or per signed-in user on the site's session); anonymous callers per address.
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenRateThrottle", "rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": env_str("API_RATE_LIMIT", "600/min"), "anon": "60/min"},
    "DATE_INPUT_FORMATS": ["iso-8601"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sykefravær API",
    "VERSION": "1.0.0",
    "DESCRIPTION": (
        "Employees, units and absence cases with their milestones; register sick notes, holidays and leave. "
        "Authenticate with an API key from an administrator: `Authorization: Bearer sf_…`. A key sees and may "
        "change exactly what its user may, and every read of case data is audit-logged. Errors are JSON: "
        '`{"code": …, "detail": …}`, in the language of `Accept-Language` (nb or en).'
    ),
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "PeriodKindEnum": "cases.models.AbsencePeriod.Kind",
        "RegisterKindEnum": "api.serializers.API_PERIOD_KINDS",
    },
    # Swagger UI from the app itself (drf-spectacular-sidecar), not from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# NAV and Altinn (nav/, README "NAV"): Maskinporten client, NAV's APIs, the identity-number key.
NAV_ENVIRONMENT = env_str("NAV_ENVIRONMENT", "test")  # test or production
MASKINPORTEN_CLIENT_ID = env_str("MASKINPORTEN_CLIENT_ID")
MASKINPORTEN_KEY_FILE = env_str("MASKINPORTEN_KEY_FILE")
MASKINPORTEN_KEY_ID = env_str("MASKINPORTEN_KEY_ID")
MASKINPORTEN_URL = env_str("MASKINPORTEN_URL")  # the issuer; empty = Digdir's for NAV_ENVIRONMENT
NAV_SYKMELDING_URL = env_str("NAV_SYKMELDING_URL")  # empty = NAV's for NAV_ENVIRONMENT
NAV_OPPFOLGINGSPLAN_URL = env_str("NAV_OPPFOLGINGSPLAN_URL")
NAV_NARMESTELEDER_URL = env_str("NAV_NARMESTELEDER_URL")
NAV_DOKUMENTPORTEN_URL = env_str("NAV_DOKUMENTPORTEN_URL")
NAV_TIMEOUT_SECONDS = env_int("NAV_TIMEOUT_SECONDS", 20)
NAV_FETCH_INTERVAL_SECONDS = env_int("NAV_FETCH_INTERVAL_SECONDS", 300)
# Fernet key for national identity numbers at rest; empty = derived from SECRET_KEY.
NATIONAL_ID_KEY = env_str("NATIONAL_ID_KEY")
CELERY_BEAT_SCHEDULE["nav-fetch-sick-notes"] = {
    "task": "nav.tasks.fetch_sick_notes",
    "schedule": float(NAV_FETCH_INTERVAL_SECONDS),
}
CELERY_BEAT_SCHEDULE["nav-send-due-plans"] = {"task": "nav.tasks.send_due_plans", "schedule": 60.0}
# Nearest leaders to NAV (outbox, retried), NAV's requirements, documents and inntektsmelding requests.
CELERY_BEAT_SCHEDULE["nav-send-due-leaders"] = {"task": "nav.tasks.send_due_leaders", "schedule": 60.0}
CELERY_BEAT_SCHEDULE["nav-fetch-from-nav"] = {
    "task": "nav.tasks.fetch_from_nav",
    "schedule": float(NAV_FETCH_INTERVAL_SECONDS),
}
CELERY_BEAT_SCHEDULE["nav-sync-leaders-daily"] = {
    "task": "nav.tasks.sync_leaders",
    "schedule": crontab(hour=DAILY_RUN_HOUR, minute=10),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
