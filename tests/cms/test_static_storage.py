"""Production's static files: collectstatic writes hashed, compressed and minified stylesheets."""

import gzip
import json
from pathlib import Path

from django.core.management import call_command

SITE_CSS = Path("cms/static/css/site.css")


def test_collectstatic_minifies_stylesheets_and_keeps_their_references(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "cms.storage.MinifiedStaticFilesStorage"}}
    call_command("collectstatic", "--no-input", verbosity=0)

    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    served = (tmp_path / manifest["css/site.css"]).read_bytes()
    source = SITE_CSS.read_bytes()
    assert b"/*" in source and b"/*" not in served
    assert len(served) < 0.92 * len(source)
    assert b":root{" in served and b"@media print{" in served, "rules survive, only spacing and comments go"
    # WhiteNoise's compressed copy is of the minified file.
    assert gzip.decompress((tmp_path / (manifest["css/site.css"] + ".gz")).read_bytes()) == served
