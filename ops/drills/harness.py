# ruff: noqa: S603, S607, T201 - a drill runs local programs and reports on stdout
"""What the fault drills share: a throwaway PostgreSQL, gunicorn, Redis, nginx, an SMTP sink, an HTTP client.

Everything listens on 127.0.0.1 only, on free ports, and everything started here is stopped when
the drill process ends (normally, on an exception, or on SIGINT/SIGTERM). Nothing here is used by
the site itself.
"""

import atexit
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from . import smtp_sink

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
GUNICORN = str(Path(PYTHON).parent / "gunicorn")
AS_ROOT = os.geteuid() == 0

_cleanups = []


def on_exit(function):
    """Run `function` when the drill ends, last registered first."""
    _cleanups.append(function)
    return function


def _run_cleanups():
    while _cleanups:
        function = _cleanups.pop()
        try:
            function()
        except Exception as error:  # noqa: BLE001 - cleanup must go on whatever failed
            print(f"  (cleanup: {error})", file=sys.stderr)


atexit.register(_run_cleanups)


def _exit_on_signal(signum, frame):
    sys.exit(128 + signum)


signal.signal(signal.SIGTERM, _exit_on_signal)
signal.signal(signal.SIGINT, _exit_on_signal)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout, interval=0.2, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except Exception:  # noqa: BLE001, S110 - not ready yet
            pass
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout}s waiting for {what}")


def workdir(prefix):
    """A temporary folder readable by the postgres and nginx users, removed at exit."""
    path = Path(tempfile.mkdtemp(prefix=f"craft-drill-{prefix}."))
    path.chmod(0o755)
    on_exit(lambda: shutil.rmtree(path, ignore_errors=True))
    return path


def stop_process(process, timeout=10):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


# --- PostgreSQL ---------------------------------------------------------------------------------


def pg_bin():
    for candidate in (os.environ.get("PG_BIN", ""), "/usr/lib/postgresql/15/bin"):
        if candidate and Path(candidate, "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    raise SystemExit("PostgreSQL 15 server binaries not found: run `make system-packages` (or set PG_BIN).")


class Postgres:
    """A cluster of our own (scripts/with-postgres does the same for the test suite)."""

    def __init__(self):
        self.bin = pg_bin()
        self.dir = workdir("pg")
        self.data = self.dir / "data"
        self.port = free_port()
        self.run_as = []
        if AS_ROOT:
            subprocess.run(["id", "postgres"], check=False, capture_output=True).returncode == 0 or subprocess.run(
                ["useradd", "--system", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", "postgres"],
                check=True,
            )
            shutil.chown(self.dir, "postgres")
            self.run_as = ["runuser", "-u", "postgres", "--"]
        self._pg(
            "initdb", "-D", self.data, "-U", "craft", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", quiet=True
        )
        on_exit(lambda: self.stop("immediate", check=False))
        self.start()
        self.createdb("craft")

    def _pg(self, program, *args, quiet=False, check=True):
        command = [*self.run_as, str(self.bin / program), *map(str, args)]
        result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
        if check and result.returncode != 0:
            raise RuntimeError(f"{program} failed: {result.stdout}{result.stderr}")
        return result

    def start(self):
        options = (
            f"-h 127.0.0.1 -p {self.port} -k {self.dir} -c max_connections=200 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c log_lock_waits=on -c deadlock_timeout=1s"
        )
        self._pg("pg_ctl", "-D", self.data, "-l", self.dir / "server.log", "-w", "-t", "30", "-o", options, "start")

    def stop(self, mode="fast", check=True):
        self._pg("pg_ctl", "-D", self.data, "-m", mode, "-w", "-t", "30", "stop", check=check)

    def is_ready(self):
        return self._pg("pg_isready", "-h", "127.0.0.1", "-p", self.port, check=False).returncode == 0

    def url(self, database="craft"):
        return f"postgres://craft@127.0.0.1:{self.port}/{database}"

    def createdb(self, name):
        self._pg("createdb", "-h", "127.0.0.1", "-p", self.port, "-U", "craft", name)

    def psql(self, sql, database="craft"):
        result = subprocess.run(
            ["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", self.url(database), "-c", sql],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        return result.stdout.strip()

    def log(self):
        return (self.dir / "server.log").read_text(errors="replace")


# --- The app ------------------------------------------------------------------------------------


def app_env(postgres, *, media_root, static_root, deletion_log, smtp_port, **extra):
    """The documented production environment, on plain HTTP over loopback."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CACHE_URL", "DEBUG", "EMAIL_BACKEND", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        # Production refuses to start without a public address; no drill follows a link in a page
        # or an email, and the app servers of a drill listen on several ports.
        WAGTAILADMIN_BASE_URL="http://craft-drill.test",
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=postgres.url(),
        MEDIA_ROOT=str(media_root),
        STATIC_ROOT=str(static_root),
        ACCOUNT_DELETION_LOG=str(deletion_log),
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        EMAIL_TIMEOUT="5",
        LOG_LEVEL="INFO",
        DEMO_PASSWORD=os.environ.get("DEMO_PASSWORD", "craft-demo-password"),
        PYTHONUNBUFFERED="1",
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(env, *args, timeout=300):
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return result.stdout


def probe(env, command, **arguments):
    """Run one of ops/drills/probe.py's commands in a fresh Django process; returns its JSON answer."""
    result = subprocess.run(
        [PYTHON, "-m", "ops.drills.probe", command, json.dumps(arguments)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"probe {command} failed:\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


class Gunicorn:
    """gunicorn with ops/gunicorn.conf.py, the config we ship."""

    def __init__(self, env, *, port=None, workers=2, threads=1, name="gunicorn"):
        self.port = port or free_port()
        self.log_path = Path(env["MEDIA_ROOT"]).parent / f"{name}-{self.port}.log"
        self.env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_THREADS": str(threads),
        }
        self._log = open(self.log_path, "w")  # noqa: SIM115 - closed at stop
        self.process = subprocess.Popen(
            [GUNICORN, "-c", str(ROOT / "ops" / "gunicorn.conf.py")],
            cwd=ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        on_exit(self.stop)
        self.url = f"http://127.0.0.1:{self.port}"
        wait_for(lambda: requests.get(self.url + "/healthz", timeout=5).status_code in (200, 503), 60, what=name)

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return sorted(int(pid) for pid in children.read_text().split()) if children.exists() else []

    def log(self):
        self._log.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self):
        stop_process(self.process)
        self._log.close()


class Redis:
    def __init__(self):
        self.dir = workdir("redis")
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
                "--protected-mode",
                "yes",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        on_exit(lambda: stop_process(self.process))
        wait_for(lambda: self.cli("PING") == "PONG", 20, what="redis")
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def cli(self, *args):
        result = subprocess.run(
            ["redis-cli", "-h", "127.0.0.1", "-p", str(self.port), *args], capture_output=True, text=True, timeout=10
        )
        return result.stdout.strip()


class Nginx:
    """Debian's nginx with ops/nginx.conf, its placeholders filled in."""

    def __init__(self, upstreams, *, media_root, static_root):
        self.dir = workdir("nginx")
        self.port = free_port()
        template = (ROOT / "ops" / "nginx.conf").read_text()
        values = {
            "@LISTEN@": f"127.0.0.1:{self.port}",
            "@UPSTREAMS@": "\n".join(f"    server {upstream} max_fails=1 fail_timeout=5s;" for upstream in upstreams),
            "@MEDIA_ROOT@": str(media_root),
            "@STATIC_ROOT@": str(static_root),
            "@SERVER_NAME@": "127.0.0.1",
            "@PREFIX@": str(self.dir),
        }
        for key, value in values.items():
            template = template.replace(key, value)
        self.conf = self.dir / "nginx.conf"
        self.conf.write_text(template)
        (self.dir / "logs").mkdir()
        check = subprocess.run(
            ["nginx", "-t", "-p", str(self.dir), "-c", str(self.conf)], capture_output=True, text=True, check=False
        )
        if check.returncode != 0:
            raise RuntimeError(f"nginx -t failed: {check.stderr}")
        self.process = subprocess.Popen(
            ["nginx", "-p", str(self.dir), "-c", str(self.conf), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        on_exit(lambda: stop_process(self.process))
        self.url = f"http://127.0.0.1:{self.port}"
        wait_for(lambda: requests.get(self.url + "/healthz", timeout=5).status_code in (200, 503), 20, what="nginx")


# --- Mail ---------------------------------------------------------------------------------------


class SmtpSink(smtp_sink.SmtpSink):
    """The test mail server, stopped when the drill ends."""

    def __init__(self, port=None, starttls="none"):
        super().__init__(port or free_port(), starttls)
        on_exit(self.stop)


# --- HTTP ---------------------------------------------------------------------------------------


class Client:
    """A browser stand-in. Production cookies are `Secure`; on plain loopback HTTP we send them anyway."""

    def __init__(self, base_url, cookie_names):
        self.base_url = base_url
        self.cookies = {}
        self.session_cookie, self.csrf_cookie = cookie_names

    def request(self, method, path, base_url=None, **kwargs):
        base = base_url or self.base_url
        headers = {"Origin": base, "Referer": base + path, **kwargs.pop("headers", {})}
        response = requests.request(
            method,
            base + path,
            cookies=dict(self.cookies),
            headers=headers,
            allow_redirects=False,
            timeout=kwargs.pop("timeout", 30),
            **kwargs,
        )
        for cookie in response.cookies:
            if cookie.value:
                self.cookies[cookie.name] = cookie.value
            else:
                self.cookies.pop(cookie.name, None)
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data, **kwargs):
        if self.csrf_cookie not in self.cookies:
            self.cookies[self.csrf_cookie] = secrets.token_hex(16)  # a 32-character secret
        return self.request(
            "POST", path, data={"csrfmiddlewaretoken": self.cookies[self.csrf_cookie], **data}, **kwargs
        )

    def login(self, username, password, language_prefix=""):
        self.get(f"{language_prefix}/accounts/login/")
        response = self.post(f"{language_prefix}/accounts/login/", {"login": username, "password": password})
        if response.status_code != 302:
            raise RuntimeError(f"login of {username} answered {response.status_code}")
        return response


PRODUCTION_COOKIES = ("__Host-sessionid", "__Host-csrftoken")
