# ruff: noqa: S603, S607 - runs nginx and a settings check locally
"""Fast checks of the deployment files under ops/ (the drills themselves run with `make drill`)."""

import http.server
import json
import os
import re
import runpy
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
import requests

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


class FakeWorker:
    """What gunicorn's post_request hook reads and writes of a worker."""

    def __init__(self, nr, memory_limit_mb):
        self.nr, self.memory_limit_mb, self.alive, self.pid = nr, memory_limit_mb, True, os.getpid()
        self.log = __import__("logging").getLogger("gunicorn.test")


def test_gunicorn_replaces_a_worker_only_when_it_has_grown(monkeypatch):
    # Not on a count: two workers reaching max_requests together both restarted, and every
    # request waited about 2 s for them (README "Benchmark").
    monkeypatch.delenv("GUNICORN_MAX_REQUESTS", raising=False)
    config = runpy.run_path(str(ROOT / "ops" / "gunicorn.conf.py"))
    assert config["max_requests"] == 0
    assert config["resident_mb"]() > 10  # this test process, read from /proc
    every = config["MEMORY_CHECK_EVERY"]

    grown = FakeWorker(nr=every, memory_limit_mb=1)
    config["post_request"](grown, None, {}, None)
    assert grown.alive is False

    small = FakeWorker(nr=every, memory_limit_mb=10**6)
    config["post_request"](small, None, {}, None)
    assert small.alive is True

    between_checks = FakeWorker(nr=every + 1, memory_limit_mb=1)
    config["post_request"](between_checks, None, {}, None)
    assert between_checks.alive is True


def test_gunicorn_gives_each_worker_its_own_memory_limit(monkeypatch):
    monkeypatch.setenv("GUNICORN_MAX_WORKER_MB", "400")
    config = runpy.run_path(str(ROOT / "ops" / "gunicorn.conf.py"))
    limits = set()
    for _ in range(20):
        worker = FakeWorker(nr=0, memory_limit_mb=None)
        config["post_fork"](None, worker)
        assert 400 <= worker.memory_limit_mb <= 440
        limits.add(worker.memory_limit_mb)
    assert len(limits) > 1


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


@pytest.fixture
def nginx_in_front_of_an_accel_app():
    """ops/nginx.conf, run for real, in front of a stand-in app that only says X-Accel-Redirect.

    The stand-in answers `/allow/<name>` as cms.protected_media does once access is checked.
    """

    def free_port():
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]

    class AcceleratingApp(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            self.send_response(200 if self.path.startswith("/allow/") else 404)
            if self.path.startswith("/allow/"):
                self.send_header("X-Accel-Redirect", "/protected-media/" + self.path.removeprefix("/allow/"))
                self.send_header("Content-Type", "audio/wav")
                self.send_header("Cache-Control", "private, no-store")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    app = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), AcceleratingApp)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    # Readable by nginx's unprivileged workers when the suite runs as root.
    prefix = Path(tempfile.mkdtemp(prefix="craft-nginx-test."))
    prefix.chmod(0o755)
    media = prefix / "media"
    for folder, name in [("images", "a.max-165x165.png"), ("documents", "plan.txt"), ("media", "talk.wav")]:
        (media / folder).mkdir(parents=True, exist_ok=True)
        (media / folder / name).write_bytes(bytes(range(256)) * 4)
    for path in [media, *media.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    (prefix / "logs").mkdir()
    port = free_port()
    values = {
        "@LISTEN@": f"127.0.0.1:{port}",
        "@UPSTREAMS@": f"    server 127.0.0.1:{app.server_address[1]};",
        "@MEDIA_ROOT@": str(media),
        "@STATIC_ROOT@": str(media),
        "@SERVER_NAME@": "127.0.0.1",
        "@PREFIX@": str(prefix),
    }
    template = (ROOT / "ops" / "nginx.conf").read_text()
    for key, value in values.items():
        template = template.replace(key, value)
    (prefix / "nginx.conf").write_text(template)
    nginx = subprocess.Popen(
        ["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            requests.get(url + "/media/", timeout=1)
            break
        except requests.ConnectionError:
            time.sleep(0.05)
    yield url
    nginx.terminate()
    nginx.wait(10)
    app.shutdown()
    shutil.rmtree(prefix, ignore_errors=True)


def test_nginx_serves_only_public_renditions_as_plain_files_and_the_rest_when_the_app_says_so(
    nginx_in_front_of_an_accel_app,
):
    url = nginx_in_front_of_an_accel_app
    assert requests.get(url + "/media/images/a.max-165x165.png", timeout=5).status_code == 200
    for private in ("/media/documents/plan.txt", "/media/media/talk.wav", "/protected-media/media/talk.wav"):
        assert requests.get(url + private, timeout=5).status_code == 404, private

    whole = requests.get(url + "/allow/media/talk.wav", timeout=5)
    assert whole.status_code == 200 and whole.content == bytes(range(256)) * 4
    assert whole.headers["Content-Type"] == "audio/wav"
    assert whole.headers["Cache-Control"] == "private, no-store"
    assert whole.headers["X-Content-Type-Options"] == "nosniff"

    part = requests.get(url + "/allow/media/talk.wav", headers={"Range": "bytes=10-19"}, timeout=5)
    assert part.status_code == 206
    assert part.headers["Content-Range"] == "bytes 10-19/1024"
    assert part.content == bytes(range(10, 20))
    # If-Range with nginx's own ETag keeps the range; a stale one gets the whole file.
    fresh = {"Range": "bytes=0-9", "If-Range": whole.headers["ETag"]}
    assert requests.get(url + "/allow/media/talk.wav", headers=fresh, timeout=5).status_code == 206
    stale = {"Range": "bytes=0-9", "If-Range": '"older"'}
    assert requests.get(url + "/allow/media/talk.wav", headers=stale, timeout=5).status_code == 200


def test_nginx_cannot_be_asked_to_send_files_that_live_in_a_bucket():
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "MEDIA_STORAGE_BUCKET": "craft-media",
        "PROTECTED_MEDIA_ACCEL": "true",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "PROTECTED_MEDIA_ACCEL needs media on disk" in result.stderr
