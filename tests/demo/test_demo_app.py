"""The demo is a separate app: installed by the dev and test settings, never by production's."""

import ast
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError

from tests.cms.test_demo_content import load_demo_content

ROOT = Path(__file__).resolve().parents[2]


def production_installed_apps(module="cms.settings.production"):
    """INSTALLED_APPS as a production server computes them, in a fresh interpreter."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": module,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "WAGTAILADMIN_BASE_URL": "https://craft.example.org",
    }
    code = f"import json, importlib; print(json.dumps(importlib.import_module({module!r}).INSTALLED_APPS))"
    result = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module


def test_production_installs_no_demo_and_dev_and_test_do():
    production = production_installed_apps()
    assert "demo" not in production
    assert "wagtail_localize" in production, "the settings were really read"
    assert "demo" in settings.INSTALLED_APPS
    # Seeding `make bench` and `make drill` adds the demo to production's apps, and nothing else.
    assert production_installed_apps("demo.settings") == [*production, "demo"]


def test_no_production_app_imports_the_demo():
    ours = [app for app in production_installed_apps() if (ROOT / app.split(".")[0]).is_dir()]
    assert {"cms", "members", "blog", "comments", "translation_workflow"} <= set(ours)
    offenders = [
        f"{path.relative_to(ROOT)} imports {module}"
        for app in ours
        for path in sorted((ROOT / app).rglob("*.py"))
        for module in imported_modules(path)
        if module == "demo" or module.startswith("demo.")
    ]
    assert offenders == []


@pytest.mark.django_db
def test_an_english_text_without_its_spanish_stops_the_loader(monkeypatch, django_capture_on_commit_callbacks):
    """No half-English Spanish page: a string missing from the PO file names its object and stops."""
    from demo import loader

    def without_the_footer_translation(section):
        entries = read_spanish(section)
        entries.pop("sitefooter:footer", None)
        entries["sitefooter:footer"] = []
        return entries

    read_spanish = loader.read_spanish
    monkeypatch.setattr(loader, "read_spanish", without_the_footer_translation)
    with pytest.raises(CommandError, match="sitefooter:footer: 1 of 1 strings have no Spanish"):
        load_demo_content(django_capture_on_commit_callbacks, "site")
