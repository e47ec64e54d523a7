"""The test suite: always PostgreSQL (DATABASE_URL is set by `make test`)."""

from .base import *  # noqa: F403

# The demo site (`load_demo_content`, demo/data); production settings never install it.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405

DEBUG = False
SECRET_KEY = "insecure-test-key-never-used-outside-tests"  # noqa: S105
COMMENTS_XTD_SALT = b"insecure-test-salt"
ALLOWED_HOSTS = ["*"]
# Neither the test client's host nor port 80 or 8000: a link built from the request, from
# Wagtail's default Site or from the old default address fails tests/conftest.py's link check.
WAGTAILADMIN_BASE_URL = "http://craft.test:8203"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Site root paths are cached; a per-test dummy cache keeps one test's tree out of the next.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}
MEDIA_ROOT = BASE_DIR / "test-media"  # noqa: F405
# Deletions committed by tests are logged beside the test media, never into real backups.
ACCOUNT_DELETION_LOG = MEDIA_ROOT / "account-deletions.log"
