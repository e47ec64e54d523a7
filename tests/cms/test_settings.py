"""Production settings, checked in a fresh interpreter with a controlled environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

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


def test_production_refuses_to_start_without_the_public_address():
    """Safety-hold alerts, reply emails and feeds would otherwise point at a developer's machine."""
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "WAGTAILADMIN_BASE_URL"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "WAGTAILADMIN_BASE_URL must be set" in result.stderr


@pytest.mark.parametrize(
    "address",
    [
        "craft.example.org",
        "https://craft.example.org/site/",
        "https://craft.example.org:8443",
        "ftp://craft.example.org",
    ],
)
def test_production_refuses_an_address_links_cannot_start_with(address):
    result = manage("check", env={**PRODUCTION_ENV, "WAGTAILADMIN_BASE_URL": address})
    assert result.returncode != 0
    assert "WAGTAILADMIN_BASE_URL must be set" in result.stderr


def test_dev_settings_with_debug_off_need_the_public_address_too():
    env = {**PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "cms.settings.dev", "DEBUG": "false"}
    del env["WAGTAILADMIN_BASE_URL"]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "WAGTAILADMIN_BASE_URL must be set" in result.stderr


def test_dev_settings_default_to_runservers_address():
    env = {"DJANGO_SETTINGS_MODULE": "cms.settings.dev", "DATABASE_URL": "sqlite:///:memory:"}
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)",
        env=env,
    )
    assert result.stdout.strip() == "http://127.0.0.1:8000", result.stderr
