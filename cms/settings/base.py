"""Settings shared by every environment.

This is the one module that reads configuration from the environment; dev, test and production
only choose defaults and switch features on or off. See the README for each variable.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import csp.constants
import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# None when unset, so each settings module picks its own default (dev: on, elsewhere: off).
DEBUG_FROM_ENVIRONMENT = env_bool("DEBUG", None)
DEBUG = bool(DEBUG_FROM_ENVIRONMENT)

# Only dev and test settings provide a fallback key; production refuses to start without one.
SECRET_KEY = os.environ.get("SECRET_KEY", "")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Our apps come first so their templates override the libraries' ones.
    "cms",
    "home",
    "members",
    "learning",
    "blog",
    "comments",
    "safety",
    "meetings",
    "translation_workflow",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtailmedia",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "django_comments_xtd",
    "django_comments",
    "rest_framework",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "csp",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "cms.page_cache.UpdatePageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cms.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "cms.translated_paths.TranslatedPathRedirectMiddleware",
    "cms.page_cache.FetchPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cms.security.SessionTimeoutMiddleware",
    "members.middleware.MemberTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.page_routes.CachedPageRouteMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# The embedded SQLite file keeps `make run` free of services; tests and production use PostgreSQL.
# Persistent connections with health checks survive a PostgreSQL restart: a dead connection is
# dropped and reopened at the start of the next request instead of failing it.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's and allauth's backends, loading the member's profile and groups with the account.
AUTHENTICATION_BACKENDS = [
    "members.backends.MemberModelBackend",
    "members.backends.MemberAuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

SITE_ID = 1

# Internationalisation: English at /, Spanish at /es/.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# libraries/locale holds Spanish for Wagtail's and wagtail-localize's own admin strings that their
# catalogs lack or get wrong; it ranks below our own catalog and above every installed app's.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "libraries" / "locale"]
# The zone times are shown in for visitors and for members who chose none in their profile.
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
# Dates with "de" in Spanish and 12-hour times with their zone in both languages (cms/formats).
FORMAT_MODULE_PATH = ["cms.formats"]
USE_I18N = True
USE_TZ = True

# A "Translate this page" on a live English page must not publish a Spanish page full of English.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Machine translation drafts: DeepL when a key is configured, otherwise no machine translator
# (dev and test switch on wagtail-localize's offline dummy). Only page and snippet segments ever
# reach it; member-written models are never translatable (translation_workflow.checks).
DEEPL_API_KEY = os.environ.get("DEEPL_API_KEY", "")
if DEEPL_API_KEY:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": DEEPL_API_KEY, "FORMALITY": "prefer_more"},
    }

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "cms.storage.ServerNamedFileSystemStorage"},
    # Renditions are named by Wagtail from the original's (already random) name and the filter.
    "renditions": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "cms.storage.MinifiedStaticFilesStorage"},
}
# Several app servers need one media store: a folder they all mount (MEDIA_ROOT, the default), or
# an S3-compatible bucket when MEDIA_STORAGE_BUCKET is set (django-storages; ops/storage.py).
# MEDIA_STORAGE_URL is the endpoint (empty for AWS itself); keys come from the usual
# AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY variables or the machine's role. The bucket stays
# private: every media URL is signed and expires (MEDIA_STORAGE_URL_EXPIRY seconds).
MEDIA_STORAGE_BUCKET = os.environ.get("MEDIA_STORAGE_BUCKET", "")
MEDIA_STORAGE_URL = os.environ.get("MEDIA_STORAGE_URL", "")
if MEDIA_STORAGE_BUCKET:
    _bucket = {
        "bucket_name": MEDIA_STORAGE_BUCKET,
        "endpoint_url": MEDIA_STORAGE_URL or None,
        "region_name": os.environ.get("MEDIA_STORAGE_REGION") or None,
        "location": os.environ.get("MEDIA_STORAGE_PREFIX", "media"),
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": int(os.environ.get("MEDIA_STORAGE_URL_EXPIRY", "3600")),
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "private, max-age=3600"},
    }
    STORAGES["default"] = {"BACKEND": "ops.storage.ServerNamedS3Storage", "OPTIONS": _bucket}
    STORAGES["renditions"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _bucket}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "cms.mail.QueueOnFailureEmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "CRAFT Family Support <noreply@localhost>")
# Discreet mode (members.mail) can send from a plainer address than the one above, if set.
DISCREET_FROM_EMAIL = os.environ.get("DISCREET_FROM_EMAIL", "")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

WAGTAIL_SITE_NAME = "CRAFT Family Support"
# The public address every absolute link starts with (cms.public_url): pages, feeds, sitemap,
# emails, admin links. Only dev (DEBUG on) has a default; everywhere else it must be set.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "")
WAGTAILIMAGES_IMAGE_MODEL = "cms.CreditedImage"
WAGTAILMEDIA = {"MEDIA_MODEL": "cms.SiteMedia"}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt"]
# Members-only content is protected by login and group, never by a shared password.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
# The admin would show staff avatars from Gravatar: a hash of their email sent to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"  # a URL name: reversed in the reader's language

# Comments (django-comments-xtd)
# Only our own views are mounted (comments/urls.py); these settings keep the engine's defaults
# from leaking anything should any of its code run: no anonymous posts, no email confirmation,
# no Gravatar, public names only.
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MAX_THREAD_LEVEL = 4
COMMENTS_XTD_SALT = os.environ.get("COMMENTS_XTD_SALT", "").encode()
COMMENT_MAX_LENGTH = 3000
COMMENTS_XTD_CONFIRM_EMAIL = False
COMMENTS_XTD_THREADED_EMAILS = False
COMMENTS_XTD_FORM_CLASS = "comments.forms.MemberCommentForm"
COMMENTS_XTD_APP_MODEL_OPTIONS = {
    "default": {"who_can_post": "users", "allow_flagging": True, "allow_feedback": False, "show_feedback": False}
}
COMMENTS_XTD_API_USER_REPR = "members.services.display_name"
COMMENTS_XTD_API_GET_USER_AVATAR = "comments.avatars.no_third_party_avatar"

# Accounts (django-allauth)
# A username is the member's public pseudonym; the email is private and must be verified before
# the account joins the Members group (members.signals). See members/adapter.py for the rest.
ACCOUNT_ADAPTER = "members.adapter.MemberAccountAdapter"
ACCOUNT_FORMS = {"signup": "members.forms.MemberSignupForm", "login": "members.forms.MemberLoginForm"}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USERNAME_MIN_LENGTH = 3
ACCOUNT_USERNAME_VALIDATORS = "members.usernames.USERNAME_VALIDATORS"
ACCOUNT_PRESERVE_USERNAME_CASING = True  # shown as typed, still unique case-insensitively
ACCOUNT_USER_DISPLAY = "members.services.display_name"  # never the email
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# allauth's limits, spelled out so they are reviewed with the rest (they need a shared cache
# when several processes serve the site).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/300s/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
    "confirm_email": "1/180s/key",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_email_addresses": {"()": "cms.log_filters.RedactEmailAddresses"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_email_addresses"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Background tasks and page publishing log every run at INFO: too chatty for a console.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}


# --- Security: headers, sessions, passwords, logins, uploads (README "Security") ---------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    # Older hashes still verify, and are rehashed with Argon2 at the person's next login.
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# Sessions end after an idle period and, whatever happens, a while after signing in
# (cms.security.SessionTimeoutMiddleware); the cookie never outlives the absolute limit.
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_TIMEOUT", str(60 * 60)))
SESSION_ABSOLUTE_TIMEOUT = int(os.environ.get("SESSION_ABSOLUTE_TIMEOUT", str(12 * 60 * 60)))
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
# A password-reset link is a key to the account sitting in a mailbox others may read: it works for
# an hour (Django's default is three days), once, and never after the password changed.
PASSWORD_RESET_TIMEOUT = 60 * 60
# Lax, not Strict: the email confirmation link opens from a mail client and must find the session.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# The number of proxies we run in front of the app (nginx: 1). Only then is X-Forwarded-For
# trusted, and only its last entries: login limits count the real client, not the proxy.
# HTTPS enforcement, applied by the production settings.
SECURE_SSL_REDIRECT_IN_PRODUCTION = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS_IN_PRODUCTION = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
WAGTAILADMIN_USER_LOGIN_FORM = "cms.security.ThrottledWagtailLoginForm"
# Only our own origin; inline scripts need the request's nonce ({{ request.csp_nonce }}). The
# admin gets the looser policy Wagtail needs (cms.security.ADMIN_POLICY).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", csp.constants.NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "media-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Uploads: raster images only, decoded and checked by content (SVG can carry scripts). Every
# uploaded picture, on any form, loses its EXIF/XMP/IPTC (GPS, camera) on arrival (cms.uploads).
FILE_UPLOAD_HANDLERS = [
    "cms.uploads.StrippingMemoryFileUploadHandler",
    "cms.uploads.StrippingTemporaryFileUploadHandler",
]
WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Documents always go through Wagtail's view, which checks collection privacy on every download,
# then sends the file the way every protected upload is sent (cms.protected_media).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
SENDFILE_BACKEND = "cms.protected_media"
# Behind ops/nginx.conf: a view that has checked access answers with X-Accel-Redirect and nginx
# sends the file (ranges included) from its internal location. Off: the app streams it itself.
PROTECTED_MEDIA_ACCEL = env_bool("PROTECTED_MEDIA_ACCEL", False)
if PROTECTED_MEDIA_ACCEL and MEDIA_STORAGE_BUCKET:
    # nginx reads MEDIA_ROOT from disk; a bucket's files would all answer 404.
    raise ImproperlyConfigured("PROTECTED_MEDIA_ACCEL needs media on disk: unset it with MEDIA_STORAGE_BUCKET.")
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
# Several app servers share one cache (login limits, site root paths): Redis in production.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL:
    CACHES = {"default": {"BACKEND": "cms.shared_cache.RedisCache", "LOCATION": CACHE_URL}}
    # Sessions are read from the shared cache and written through to the database: no session
    # query on members' pages. Never with a per-process cache, where a logout in one worker would
    # leave the session alive in the others.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Anonymous visitors' public pages are cached whole (cms.page_cache), and retired on every change.
CACHE_MIDDLEWARE_ALIAS = "default"
CACHE_MIDDLEWARE_KEY_PREFIX = ""
CACHE_MIDDLEWARE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "120"))
# Where deleted accounts are recorded outside the database, so a restore can delete them again
# (cms.deletion_log). Keep it beside the backups, not inside them.
ACCOUNT_DELETION_LOG = Path(os.environ.get("ACCOUNT_DELETION_LOG", BASE_DIR / "backups" / "account-deletions.log"))
# How long personal data is kept (README "Security", and the privacy page says the same).
# A comment's client address serves abuse handling only; `manage.py clear_comment_addresses`
# (daily) blanks it after this many days.
COMMENT_IP_RETENTION_DAYS = int(os.environ.get("COMMENT_IP_RETENTION_DAYS", "30"))
# The mail queue (cms.mail): a message refused outright (SMTP 5xx) is tried this many times, and
# sent or given-up messages are deleted this many days later by `send_queued_email`.
MAIL_QUEUE_MAX_ATTEMPTS = int(os.environ.get("MAIL_QUEUE_MAX_ATTEMPTS", "5"))
MAIL_QUEUE_KEEP_DAYS = int(os.environ.get("MAIL_QUEUE_KEEP_DAYS", "7"))
# "Exit this page" (cms/templates/base.html, cms/static/js/site.js) replaces our page with this
# neutral site, one per language: a weather page says nothing about who was reading what.
QUICK_EXIT_URLS = {
    "en": os.environ.get("QUICK_EXIT_URL", "https://www.weather.gov/"),
    "es": os.environ.get("QUICK_EXIT_URL_ES", "https://weather.com/es-US/"),
}


def require_secret_key(key):
    """Refuse to run with an empty or placeholder key when DEBUG is off."""
    if len(key) < 32 or key.startswith("insecure"):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a long random value when DEBUG is off "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    return key


def require_base_url(url):
    """Refuse to run without a public address that links can start with (cms.public_url).

    Wagtail's `Site` writes `https://` for port 443 only and `http://` for any other port, so an
    address it could not reproduce (https on another port, a path) is refused too.
    """
    parts = urlsplit(url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        port = None
    if (
        parts.scheme not in {"http", "https"}
        or not parts.hostname
        or parts.path.strip("/")
        or parts.query
        or parts.fragment
        or parts.username
        or port is None
        or (parts.scheme == "https") != (port == 443)
    ):
        raise ImproperlyConfigured(
            "WAGTAILADMIN_BASE_URL must be set to the site's public address when DEBUG is off: "
            "scheme, host and an optional port, no path (https://craft.example.org, or "
            "http://127.0.0.1:8000). Every link in pages, feeds and emails starts with it."
        )
    return f"{parts.scheme}://{parts.netloc}"
