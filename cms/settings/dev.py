"""Local development: `make run`."""

from .base import *  # noqa: F403
from .base import DEBUG_FROM_ENVIRONMENT, SECRET_KEY

# The demo site (`load_demo_content`, demo/data); production settings never install it.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405

DEBUG = True if DEBUG_FROM_ENVIRONMENT is None else DEBUG_FROM_ENVIRONMENT
SECRET_KEY = SECRET_KEY or "insecure-dev-key-only-for-make-run"
COMMENTS_XTD_SALT = COMMENTS_XTD_SALT or b"insecure-dev-salt"  # noqa: F405
if not DEBUG:
    SECRET_KEY = require_secret_key(SECRET_KEY)  # noqa: F405
# runserver's own address; `make run` passes the one it serves on (PORT).
WAGTAILADMIN_BASE_URL = require_base_url(  # noqa: F405
    WAGTAILADMIN_BASE_URL or ("http://127.0.0.1:8000" if DEBUG else "")  # noqa: F405
)
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
if not DEEPL_API_KEY:  # noqa: F405
    # Offline stand-in (it reverses word order) so the "Translate with machine" button works.
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Template and code changes show at once while developing.
CACHE_MIDDLEWARE_SECONDS = 0
