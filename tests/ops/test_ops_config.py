# ruff: noqa: S603, S607 - runs nginx and a settings check locally
"""Fast checks of the deployment files under ops/ (the drills themselves run with `make drill`)."""

import json
import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def settings_in_subprocess(env):
    code = (
        "import json, django; from django.conf import settings; django.setup();"
        "print(json.dumps({k: v['BACKEND'] for k, v in settings.STORAGES.items()}))"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", **env}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_media_stay_on_the_filesystem_without_a_bucket():
    storages = settings_in_subprocess({"MEDIA_STORAGE_BUCKET": ""})
    assert storages["default"] == "cms.storage.ServerNamedFileSystemStorage"


def test_a_bucket_moves_media_and_renditions_to_s3_with_server_generated_names():
    storages = settings_in_subprocess(
        {"MEDIA_STORAGE_BUCKET": "craft-media", "MEDIA_STORAGE_URL": "http://127.0.0.1:9"}
    )
    assert storages["default"] == "ops.storage.ServerNamedS3Storage"
    assert storages["renditions"] == "storages.backends.s3.S3Storage"
    assert not storages["staticfiles"].startswith("storages.")

    from ops.storage import ServerNamedS3Storage

    storage = ServerNamedS3Storage(bucket_name="craft-media", endpoint_url="http://127.0.0.1:9")
    name = storage.generate_filename("original_images/Maria Lopez at home.PNG")
    assert name.startswith("original_images/") and name.endswith(".png")
    assert "Maria" not in name


def test_gunicorn_config_reads_its_environment(monkeypatch):
    monkeypatch.setenv("GUNICORN_BIND", "127.0.0.1:9999")
    monkeypatch.setenv("GUNICORN_THREADS", "4")
    config = runpy.run_path(str(ROOT / "ops" / "gunicorn.conf.py"))
    assert config["bind"] == "127.0.0.1:9999"
    assert config["worker_class"] == "gthread"
    assert config["wsgi_app"] == "cms.wsgi:application"


def test_nginx_config_is_valid(tmp_path):
    template = (ROOT / "ops" / "nginx.conf").read_text()
    values = {
        "@LISTEN@": "127.0.0.1:8080",
        "@UPSTREAMS@": "    server 127.0.0.1:8001;\n    server 127.0.0.1:8002;",
        "@MEDIA_ROOT@": str(tmp_path),
        "@STATIC_ROOT@": str(tmp_path),
        "@SERVER_NAME@": "localhost",
        "@PREFIX@": str(tmp_path),
    }
    for key, value in values.items():
        template = template.replace(key, value)
    assert not re.search(r"@[A-Z_]+@", template.replace("@PLACEHOLDERS@", ""))
    (tmp_path / "logs").mkdir()
    conf = tmp_path / "nginx.conf"
    conf.write_text(template)
    result = subprocess.run(["nginx", "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
