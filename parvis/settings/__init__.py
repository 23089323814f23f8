"""Settings, read from the environment.

PARVIS_DATA_DIR   where the SQLite file, indexes and models live (default ./var)
DATABASE_URL      a database URL; default is a SQLite file in PARVIS_DATA_DIR
PARVIS_ENV        "production": secure cookies, HSTS, no debug whatever DEBUG says
SECRET_KEY        the signing key; if unset, one is generated once and kept in the data dir
                  (a file only the server's user can read)
DEBUG             "1" turns Django's debug pages on (development only; off by default)
PARVIS_DATA_PACKAGES  the node_modules/@socialgouv folder holding the official data
PARVIS_STALE_AFTER_MONTHS  age (months, default 12) after which a fiche's page says to
                  check the official page (parvis/corpus/currency.py)
REDIS_URL         when set, search responses are cached in Redis (else in an SQLite file)
PARVIS_FEEDBACK_RETENTION_DAYS  how long visitors' clicks and votes are kept (default 396)
PARVIS_FEEDBACK_CAPTURE  "0" turns the recording of searches, clicks and votes off

Démarches (applicants' accounts, e-mails, files):
EMAIL_HOST        when set, e-mails go out by SMTP (EMAIL_PORT, EMAIL_HOST_USER,
                  EMAIL_HOST_PASSWORD, EMAIL_USE_TLS=1); else they are printed on the console
DEFAULT_FROM_EMAIL  the sender of the site's e-mails
FRANCECONNECT_CLIENT_ID, FRANCECONNECT_SECRET, FRANCECONNECT_SERVER_URL
                  all three set: "Se connecter avec FranceConnect" (OpenID Connect); off otherwise
CLAMD_SOCKET      a clamd Unix socket, or CLAMD_HOST (+ CLAMD_PORT, default 3310): every
                  uploaded file is scanned; unset: files are not scanned
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(os.environ.get("PARVIS_DATA_DIR", BASE_DIR / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
# The data dir holds the secret key, the SQLite file and the caches: only the
# server's user may read it.
DATA_DIR.chmod(0o700)
DATA_PACKAGES_DIR = Path(
    os.environ.get("PARVIS_DATA_PACKAGES", BASE_DIR / "node_modules" / "@socialgouv")
)

# A fiche last changed longer ago than this is flagged as possibly out of date.
STALE_AFTER_MONTHS = int(os.environ.get("PARVIS_STALE_AFTER_MONTHS", "12"))

PRODUCTION = os.environ.get("PARVIS_ENV", "development") == "production"


def _secret_key() -> str:
    """SECRET_KEY from the environment, else a generated key kept in a private file."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as fh:
            fh.write(secrets.token_urlsafe(50))
    key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = not PRODUCTION and os.environ.get("DEBUG", "0") == "1"
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Before dsfr: its templates under www/templates/dsfr/ override django-dsfr's.
    "parvis.www",
    "dsfr",
    "widget_tweaks",  # django-dsfr's checkbox and radio templates load it
    "ninja",  # serves the API documentation's scripts from our static files, not a CDN
    "parvis.corpus",
    "parvis.search",
    "parvis.cases",
    "parvis.rules",
    "parvis.letters",
    "parvis.feedback",
    "parvis.api",
    # Agents' second factor (TOTP) in the back office.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages and API answers compressed (static files come compressed from WhiteNoise,
    # above); Django pads the compressed body with random bytes against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "parvis.www.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "parvis.www.middleware.DatabaseUnavailableMiddleware",
    "parvis.www.visits.VisitMiddleware",
]

ROOT_URLCONF = "parvis.urls"
WSGI_APPLICATION = "parvis.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "parvis.www.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'parvis.sqlite3'}",
        conn_max_age=60,
        # A connection broken by a database restart is replaced, not reused.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the server read while an ingestion writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def sqlite_search_cache(path: Path) -> dict:
    """The search cache as one SQLite file (the default; tests use a temporary one):
    JSON values, at most 20,000 answers and 256 MB, least recently used evicted."""
    return {
        "BACKEND": "parvis.search.cache.SQLiteLRUCache",
        "LOCATION": str(path),
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": 20_000, "MAX_BYTES": 256_000_000},
    }


# Search responses, shared by the server's processes and kept across restarts:
# Redis when REDIS_URL is set, else an SQLite file in the data dir (no service
# needed). Values are JSON in both (never pickles). Keys carry the index build
# and the ranker, so a new build never serves old answers; in Redis the answers
# of old builds expire after a week (give Redis a `maxmemory` with
# `maxmemory-policy allkeys-lru` to bound it).
SEARCH_CACHE = (
    {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "TIMEOUT": 7 * 24 * 3600,
        "OPTIONS": {"serializer": "parvis.search.cache.JSONSerializer"},
    }
    if os.environ.get("REDIS_URL")
    else sqlite_search_cache(DATA_DIR / "cache" / "search.sqlite3")
)
CACHES = {
    # Shared by the server's processes (login throttling counts across them).
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache" / "default"),
    },
    "search": SEARCH_CACHE,
}

# The agents' TOTP devices: the name shown in authenticator apps; a code is valid for
# one 30 s step either side of the current one.
OTP_TOTP_ISSUER = "Parvis"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True
# django-dsfr's integrity checksums are those of its files as shipped; collected,
# its CSS is rewritten to point at the hashed names of the fonts and icons, so the
# browser would refuse it. Our static files come from our own origin under names
# that hold their content's hash: the checksums are left out.
DSFR_USE_INTEGRITY_CHECKSUMS = False

# Security headers
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_AGE = None  # no visitor's cookie outlives the visit (the feedback form has a token)
SECURE_HSTS_SECONDS = 31536000 if PRODUCTION else 0
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'nonce-{nonce}'; font-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
)

# Visitors' feedback (parvis.feedback): written in the background ("inline": at
# once, as tests do); kept 13 months by default (`python -m parvis purge_feedback`).
FEEDBACK_CAPTURE = os.environ.get("PARVIS_FEEDBACK_CAPTURE", "1") != "0"
FEEDBACK_WRITES = os.environ.get("PARVIS_FEEDBACK_WRITES", "background")
FEEDBACK_RETENTION_DAYS = int(os.environ.get("PARVIS_FEEDBACK_RETENTION_DAYS", 396))

# Background work: inline unless a broker is configured.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "memory://")
CELERY_TASK_ALWAYS_EAGER = "CELERY_BROKER_URL" not in os.environ

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}


# Applicants' accounts (django-allauth): e-mail and password, the address verified
# before the first login; failed logins, sign-ups and reset requests are rate limited
# by allauth (ACCOUNT_RATE_LIMITS, its defaults, counted in the default cache).
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Parvis] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "www:my_dossiers"
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
# FranceConnect (OpenID Connect), off unless configured.
SOCIALACCOUNT_PROVIDERS = {}
if all(
    os.environ.get(name)
    for name in ("FRANCECONNECT_CLIENT_ID", "FRANCECONNECT_SECRET", "FRANCECONNECT_SERVER_URL")
):
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": "franceconnect",
                "name": "FranceConnect",
                "client_id": os.environ["FRANCECONNECT_CLIENT_ID"],
                "secret": os.environ["FRANCECONNECT_SECRET"],
                "settings": {
                    "server_url": os.environ["FRANCECONNECT_SERVER_URL"],
                    "token_auth_method": "client_secret_post",
                    "scope": ["openid", "email", "given_name", "family_name"],
                },
            }
        ],
    }

# E-mail: SMTP when EMAIL_HOST is set, else printed on the console (development).
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "1") == "1"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Parvis <ne-pas-repondre@parvis.local>")

# Dossiers' files: a private folder of the data dir (never under STATIC_ROOT, never
# served by URL: a view checks who asks). Another backend (S3-compatible, through
# django-storages) can replace "dossier_files" without changing the code.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # compressed (gzip, brotli) copies and hashed names, cached a year (parvis/www/storage.py)
    "staticfiles": {"BACKEND": "parvis.www.storage.StaticStorage"},
    "dossier_files": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": str(DATA_DIR / "files"),
            "base_url": None,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    },
}
# Uploads above 2.5 MB go to a temporary file, not memory.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# ClamAV (clamd) scans uploads when configured.
CLAMD_SOCKET = os.environ.get("CLAMD_SOCKET", "")
CLAMD_HOST = os.environ.get("CLAMD_HOST", "")
CLAMD_PORT = int(os.environ.get("CLAMD_PORT", "3310"))

# The State's public companies search API (recherche-entreprises), to find an
# employer's agreement from its SIRET, SIREN or name: off unless its base URL is set.
COMPANIES_API_URL = os.environ.get("PARVIS_COMPANIES_API_URL", "").rstrip("/")
COMPANIES_API_TIMEOUT = float(os.environ.get("PARVIS_COMPANIES_API_TIMEOUT", "3"))
