"""The demo is a separate app: installed by the dev and test settings, never by production's."""

import ast
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError
from wagtail import blocks
from wagtail.fields import StreamField

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


def shape_problems(block, value, where):
    """Where a data file's StreamField value does not have the shape of the block that reads it.

    Wagtail silently drops a struct child it does not know and fills in a missing one, so a block
    renamed or reshaped in code (a callout's `kind` becoming `tone`) would load as blank text.
    """
    if isinstance(block, blocks.StreamBlock):
        for item in value:
            child = block.child_blocks.get(item["type"])
            if child is None:
                yield f"{where}: no block named {item['type']}"
            else:
                yield from shape_problems(child, item["value"], f"{where}.{item['type']}")
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            inner = item["value"] if isinstance(item, dict) and {"type", "value"} <= set(item) else item
            yield from shape_problems(block.child_block, inner, f"{where}[]")
    elif isinstance(block, blocks.StructBlock):
        if set(value) != set(block.child_blocks):
            yield f"{where}: {sorted(value)}, the block has {sorted(block.child_blocks)}"
        for name, inner in value.items():
            if name in block.child_blocks:
                yield from shape_problems(block.child_blocks[name], inner, f"{where}.{name}")
    elif isinstance(block, blocks.ChoiceBlock) and value not in {key for key, _label in block.field.choices}:
        yield f"{where}: {value!r} is not one of the choices"


def test_every_streamfield_value_in_the_data_has_the_shape_of_its_block():
    problems = []
    for path in sorted((ROOT / "demo" / "data").glob("*.json")):
        for entry in json.loads(path.read_text(encoding="utf-8")).get("objects", []):
            model = apps.get_model(entry["model"])
            for name, value in entry["fields"].items():
                field = model._meta.get_field(name)
                if isinstance(field, StreamField):
                    problems += shape_problems(field.stream_block, value, f"{entry['key']} {name}")
    assert problems == []
