"""Settings, driven by the environment. Safe defaults for a local run; see README for production."""

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key():
    # A key set in the environment wins; otherwise one is generated once and kept in var/,
    # so sessions survive restarts without anyone having to invent a key.
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DJANGO_DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# The clinic. Shown on every page; the emergency number also titles emergency callouts.
CLINIC_NAME = os.environ.get("CLINIC_NAME", "Pain Care Clinic")
CLINIC_PHONE = os.environ.get("CLINIC_PHONE", "")
EMERGENCY_NUMBER = os.environ.get("EMERGENCY_NUMBER", "911")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "markdownx",
    "simple_history",
    "csp",
    "axes",
    "articles",
]

MIDDLEWARE = [
    # Before anything reads a body (the CSRF middleware parses multipart into temporary files):
    # a body above REQUEST_BODY_MAX_SIZE, or of unknown length, is refused from its headers.
    "painsite.body_limit.BodyLimitMiddleware",
    # Then: a page it has kept is answered with all the headers the stack below gave it.
    "articles.caching.page_cache.PageCacheMiddleware",
    # The language from the path alone (/es/…): never a cookie or Accept-Language.
    "articles.translation.middleware.PathLanguageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "painsite.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "painsite.errors.DatabaseUnavailableMiddleware",
    "articles.seo.redirects.RedirectFallbackMiddleware",
    "articles.caching.headers.CacheControlMiddleware",
    # Last, as django-axes asks: it answers a locked-out sign-in with its own page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "painsite.urls"
WSGI_APPLICATION = "painsite.wsgi.application"

TEMPLATES = [
    {
        # The public pages (articles/public/jinja.py says why); found first, by name.
        # Django templates are for staff and error pages only: templates/admin/, templates/editorial/,
        # 500.html and 503.html (tests/test_templates.py keeps the two apart).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "articles.public.jinja.environment",
            "context_processors": ["articles.public.context_processors.site"],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while the loader writes; IMMEDIATE avoids upgrade deadlocks.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

# "default" holds pages (keyed by the library stamp, so a per-process copy is never stale;
# bounded: articles/caching/page_cache.py); "shared" holds what every worker must count
# together: the abuse limits. Pages may be evicted, counters must not: REDIS_PAGE_CACHE_URL
# (default REDIS_URL) can give pages a Redis of their own with maxmemory and allkeys-lru,
# while REDIS_URL keeps noeviction (deploy/README.md, "Step 2: add Redis").
if os.environ.get("REDIS_URL"):
    REDIS_CACHE: dict[str, Any] = {
        "BACKEND": "articles.caching.redis.ResilientRedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": os.environ.get("CACHE_PREFIX", "painsite"),
        # Short timeouts: a Redis that has gone away must not hold a page for seconds.
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
    }
    CACHES = {
        "default": {**REDIS_CACHE, "LOCATION": os.environ.get("REDIS_PAGE_CACHE_URL") or os.environ["REDIS_URL"]},
        "shared": REDIS_CACHE,
    }
else:
    CACHES = {
        # Each worker's own memory: at most MAX_ENTRIES pages (the least recently used go first).
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 500}},
        # One box without Redis: small files under var/, which all gunicorn workers see.
        "shared": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "shared-cache",
            "OPTIONS": {"MAX_ENTRIES": 10000},
        },
    }

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses sign-in while a client is locked out
    "django.contrib.auth.backends.ModelBackend",
]
# Brute-force protection: 5 failed sign-ins for one user name from one address lock that
# pair out for an hour. Staff see and clear lock-outs under "Axes" in the admin.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "locked_out.html"
# The same client address as the rate limits (articles/public/client.py), proxies counted by
# TRUSTED_PROXY_HOPS below. (django-ipware is not installed, so axes reads no AXES_IPWARE_* setting.)
AXES_CLIENT_IP_CALLABLE = "articles.public.client.client_address"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English is the source; every other language is a translation of it (articles/translation/).
# Each language is named in itself, as the language switcher shows it. Adding one: its line
# here, its locale/<code>/LC_MESSAGES/django.po, and its content files (docs/translations.md).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": os.environ.get("STATICFILES_BACKEND", "whitenoise.storage.CompressedManifestStaticFilesStorage")},
}
WHITENOISE_MAX_AGE = 3600  # unhashed static names; hashed ones are cached for a year, immutable
# Public pages (articles/caching/headers.py): browsers ask again each time (PUBLIC_MAX_AGE=0;
# the ETag makes that a cheap 304), a proxy or CDN keeps a page PUBLIC_SHARED_MAX_AGE seconds
# and then revalidates it. A withdrawn page is gone from the proxy within that time.
PAGE_CACHE = env_bool("PAGE_CACHE", True)  # whole-page cache for anonymous readers
PUBLIC_MAX_AGE = int(os.environ.get("PUBLIC_MAX_AGE", "0"))
PUBLIC_SHARED_MAX_AGE = int(os.environ.get("PUBLIC_SHARED_MAX_AGE", "5"))

# Editorial rules: the reading-grade limit for publishing, and how long a review holds.
PUBLISH_MAX_GRADE = float(os.environ.get("PUBLISH_MAX_GRADE", "8"))
REVIEW_INTERVAL_DAYS = int(os.environ.get("REVIEW_INTERVAL_DAYS", str(3 * 365)))
REVIEW_SOON_DAYS = 60
# A glossary or clinic change re-renders the articles it touches inside the request when
# there are at most this many; more go to a background job (rendering/triggers.py).
RERENDER_IN_REQUEST = int(os.environ.get("RERENDER_IN_REQUEST", "50"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
CONTENT_DIR = Path(os.environ.get("CONTENT_DIR", BASE_DIR / "content"))

# django-markdownx: its own URLs are not mounted (they accept anonymous requests); ours,
# behind a staff check (articles/editorial/preview.py), sit under /admin/ and the editor is told where.
MARKDOWNX_URLS_PATH = "/admin/markdownx/markdownify/"
MARKDOWNX_UPLOAD_URLS_PATH = "/admin/markdownx/upload/"
MARKDOWNX_UPLOAD_MAX_SIZE = 5 * 1024 * 1024
# Every request body on every URL: the largest upload plus room for the multipart framing and
# the form's other fields; nginx's client_max_body_size (6m) is the same figure.
REQUEST_BODY_MAX_SIZE = MARKDOWNX_UPLOAD_MAX_SIZE + 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG and SITE_URL.startswith("https"))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT")
BEHIND_PROXY = env_bool("BEHIND_PROXY")  # trust X-Forwarded-Proto from our proxy
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
# How many proxies of ours append to X-Forwarded-For (articles/public/client.py): 0 for gunicorn
# serving directly (`make run`), 1 for the documented nginx, 2 with a CDN in front of it.
# Unset, it is 1 with BEHIND_PROXY=1 and 0 without.
TRUSTED_PROXY_HOPS = int(os.environ.get("TRUSTED_PROXY_HOPS") or (1 if BEHIND_PROXY else 0))
# Abuse limits per client address (requests, seconds), counted in the shared cache.
FEEDBACK_RATE = (int(os.environ.get("FEEDBACK_RATE_LIMIT", "5")), 600)
SEARCH_RATE = (int(os.environ.get("SEARCH_RATE_LIMIT", "60")), 60)
SECURE_HSTS_SECONDS = 31536000 if SECURE_SSL_REDIRECT else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_SSL_REDIRECT
SECURE_HSTS_PRELOAD = SECURE_SSL_REDIRECT
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 60 * 60 * 8))  # a working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# No inline script anywhere, nothing from another host. Structured data blocks
# (application/ld+json) are data, not script, and need no exception.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
    },
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
X_FRAME_OPTIONS = "DENY"

# E-mail (review reminders: manage.py review_reminders). By default messages are printed to
# the console (the journal, under systemd); set EMAIL_BACKEND to
# django.core.mail.backends.smtp.EmailBackend and the EMAIL_* values to send them.
# An empty value counts as unset (compose passes "${EMAIL_HOST:-}").
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL") or "painsite@localhost"
EMAIL_HOST = os.environ.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = int(os.environ.get("EMAIL_PORT") or "25")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")  # STARTTLS, usually port 587
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")  # TLS from the start, usually port 465
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT") or "30")  # seconds; a stuck server fails the run

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
