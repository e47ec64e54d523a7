"""Production settings, checked in a fresh interpreter with a controlled environment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

# The production environment documented in the README.
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-key-for-this-test-0123456789",
    "ALLOWED_HOSTS": "craft.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://craft.example.org",
    "DATABASE_URL": "postgres://craft@127.0.0.1:5432/craft",
    "WAGTAILADMIN_BASE_URL": "https://craft.example.org",
}


def manage(*args, env):
    base = {key: value for key, value in os.environ.items() if key in {"PATH", "HOME", "LANG"}}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_a_secret_key():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_placeholder_secret_key():
    result = manage("check", env={**PRODUCTION_ENV, "SECRET_KEY": "insecure-short"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_deploy_check_is_clean_under_the_documented_production_environment():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_static_files_collect_with_hashed_compressed_names(tmp_path):
    result = manage("collectstatic", "--no-input", env={**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path)})
    assert result.returncode == 0, result.stdout + result.stderr
    stylesheets = list((tmp_path / "css").glob("site.*.css"))
    assert stylesheets, "the stylesheet gets a content hash in its name"
    assert (tmp_path / "css" / f"{stylesheets[0].name}.gz").exists(), "and a compressed copy"
