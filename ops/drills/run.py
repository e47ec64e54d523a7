# ruff: noqa: S603, S607, T201 - a drill runs local programs and reports on stdout
"""`make drill`: scripted fault drills against a throwaway PostgreSQL, each ending in one PASS/FAIL line.

    python -m ops.drills.run [restart db-down mail concurrency backup scale]

With no names it runs them all. Exit status 1 when any drill fails. Everything runs on 127.0.0.1
and is stopped at the end (ops/drills/harness.py).
"""

import concurrent.futures
import contextlib
import hashlib
import os
import re
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path

import requests

from . import harness
from .harness import (
    PRODUCTION_COOKIES,
    ROOT,
    Client,
    Gunicorn,
    Nginx,
    Postgres,
    Redis,
    SmtpSink,
    app_env,
    manage,
    probe,
    wait_for,
    workdir,
)

RESULTS = []
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "craft-demo-password")
# Each language's own paths (Spanish URL paths are in Spanish words: cms.urls).
QUESTION_FORM = {"": "/blog/ask/", "/es": "/es/blog/preguntar/"}
SIGNUP_FORM = {"": "/accounts/signup/", "/es": "/es/cuentas/signup/"}


def result(name, passed, detail):
    RESULTS.append((name, passed))
    print(f"{'PASS' if passed else 'FAIL'} drill {name}: {detail}", flush=True)


def check(condition, message):
    if not condition:
        raise AssertionError(message)


class Site:
    """One seeded database, its media and static folders, and the environment to serve them."""

    def __init__(self):
        started = time.monotonic()
        self.postgres = Postgres()
        self.dir = workdir("site")
        self.media = self.dir / "media"
        self.static = self.dir / "static"
        self.media.mkdir()
        self.smtp = SmtpSink()
        self.env = app_env(
            self.postgres,
            media_root=self.media,
            static_root=self.static,
            deletion_log=self.dir / "account-deletions.log",
            smtp_port=self.smtp.port,
        )
        manage(self.env, "migrate", "--no-input")
        # Production settings install no demo: the demo is loaded with them plus the demo app.
        manage({**self.env, "DJANGO_SETTINGS_MODULE": "demo.settings"}, "load_demo_content", "--force")
        manage(self.env, "collectstatic", "--no-input")
        print(f"  seeded the drill site in {time.monotonic() - started:.0f}s", flush=True)

    def gunicorn(self, **kwargs):
        return Gunicorn(self.env, **kwargs)


# --- a. PostgreSQL restarted under load ----------------------------------------------------------


def drill_restart(site):
    server = site.gunicorn(workers=2)
    workers_before = server.worker_pids()
    check(len(workers_before) == 2, f"expected 2 workers, saw {workers_before}")
    outcomes = []  # (start time, status)
    stop = threading.Event()
    paths = ["/", "/es/", "/healthz"]

    def load():
        number = 0
        while not stop.is_set() and number < 400:
            started = time.monotonic()
            try:
                status = requests.get(server.url + paths[number % 3], timeout=10).status_code
            except requests.RequestException:
                status = 0
            outcomes.append((started, status))
            number += 1
            time.sleep(0.02)

    threads = [threading.Thread(target=load) for _ in range(2)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(2)
        site.postgres.stop("fast")
        time.sleep(0.5)
        down = requests.get(server.url + "/healthz", timeout=10)
        site.postgres.start()
        back_at = time.monotonic()
        time.sleep(3)
    finally:
        stop.set()
        for thread in threads:
            thread.join(30)
    after = [status for started, status in outcomes if started >= back_at]
    failed_after = [status for status in after if status != 200]
    during = [status for started, status in outcomes if started < back_at and status != 200]
    up = requests.get(server.url + "/healthz", timeout=10)
    check(
        down.status_code == 503 and down.json().get("database") == "unavailable",
        f"/healthz while down: {down.status_code} {down.text[:80]}",
    )
    check(
        up.status_code == 200 and up.json().get("database") == "ok", f"/healthz after: {up.status_code} {up.text[:80]}"
    )
    check(len(after) > 20, f"only {len(after)} requests after the restart")
    check(
        len(failed_after) <= 2, f"{len(failed_after)} failed requests after PostgreSQL came back: {failed_after[:10]}"
    )
    check(server.worker_pids() == workers_before, "a gunicorn worker was restarted")
    check(server.process.poll() is None, "gunicorn died")
    server.stop()
    return (
        f"{len(outcomes)} requests; {len(during)} answered 503 while PostgreSQL was down (expected), "
        f"{len(failed_after)} of {len(after)} failed after it came back (allowed: 1 per worker = 2); "
        f"/healthz 503 database=unavailable while down, 200 database=ok after; same 2 workers, no app restart"
    )


# --- b. database down in the middle of a comment, a question, a sign-up --------------------------


class Blocker:
    """Holds a lock in its own session so the next request waits inside its transaction."""

    def __init__(self, postgres, table):
        self.process = subprocess.Popen(
            [
                "psql",
                "-X",
                "-q",
                postgres.url(),
                "-c",
                f"BEGIN; LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(60);",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        harness.on_exit(lambda: harness.stop_process(self.process))
        wait_for(
            lambda: (
                postgres.psql(
                    "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "  # noqa: S608 - our own table name
                    f"WHERE c.relname = '{table}' AND l.mode = 'AccessExclusiveLock' AND l.granted"
                )
                == "1"
            ),
            10,
            what=f"lock on {table}",
        )


def _waiting_on_lock(postgres):
    return int(postgres.psql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")) >= 1


def drill_db_down(site):
    server = site.gunicorn(workers=2)
    target = probe(site.env, "comment_target", open_to_new_members=True)
    members = probe(site.env, "make_members", count=3, prefix="outage")["members"]
    mails_before = len(site.smtp.messages)
    details = []
    problems = []

    def during_outage(label, table, language, send, count_rows):
        before = count_rows()
        blocker = Blocker(site.postgres, table)
        box = {}
        worker = threading.Thread(target=lambda: box.update(response=send()))
        worker.start()
        with contextlib.suppress(TimeoutError):
            wait_for(lambda: _waiting_on_lock(site.postgres) or not worker.is_alive(), 10, what=f"{label} to wait")
        if not worker.is_alive():
            response = box.get("response")
            harness.stop_process(blocker.process)
            raise AssertionError(
                f"{label}: answered {getattr(response, 'status_code', None)} without waiting for the database: "
                f"{getattr(response, 'text', '')[:300]!r}"
            )
        site.postgres.stop("fast")  # the database goes away with the request's transaction open
        worker.join(30)
        harness.stop_process(blocker.process)
        site.postgres.start()
        response = box.get("response")
        check(response is not None, f"{label}: no answer")
        text = response.text
        expected = "Inténtelo de nuevo" if language == "es" else "try again"
        check(response.status_code == 503, f"{label}: status {response.status_code}")
        check(f'lang="{language}"' in text, f"{label}: the 503 page is not in {language}")
        check("Traceback" not in text, f"{label}: a traceback was shown")
        after = count_rows()
        if after != before:
            problems.append(f"{label} ({language}): partial rows left behind: before {before}, after {after}")
        else:
            details.append(f"{label} ({language}) 503, rows unchanged")
        return expected

    def member_client(member):
        client = Client(server.url, PRODUCTION_COOKIES)
        client.cookies[PRODUCTION_COOKIES[0]] = member["session"]
        return client

    # A comment in Spanish: the comment row is inserted, its follow-up waits; then the database goes down.
    spanish = target["es"]
    commenter = member_client(members[0])
    during_outage(
        "comment",
        "comments_followup",
        "es",
        lambda: commenter.post(
            "/es/comentarios/publicar/",
            {
                **spanish["form"],
                "comment": "Gracias por este artículo. drill-outage",
                "coached": "on",
                "reply_to": "0",
                "follow": "page",
            },
        ),
        lambda: probe(
            site.env, "rows", model="django_comments_xtd.XtdComment", filters={"comment__contains": "drill-outage"}
        )["count"],
    )
    # The same comment in English when the database is simply gone before the request.
    site.postgres.stop("fast")
    english = target["en"]
    response = member_client(members[1]).post(
        "/comments/post/", {**english["form"], "comment": "Thank you. drill-outage", "coached": "on", "reply_to": "0"}
    )
    site.postgres.start()
    check(
        response.status_code == 503 and 'lang="en"' in response.text,
        f"comment (database already down): {response.status_code}",
    )
    details.append("comment (en, database already down) 503")

    asker = member_client(members[1])
    question = {
        "subject": "Drill question",
        "question": "How do I talk to my son? drill-outage",
        "relationship": "parent",
        "consent_to_publish": "on",
    }
    for language, prefix in (("en", ""), ("es", "/es")):
        during_outage(
            "question",
            "blog_questionsubmission",
            language,
            lambda prefix=prefix: asker.post(QUESTION_FORM[prefix], question),
            lambda: probe(site.env, "rows", model="blog.QuestionSubmission", filters={})["count"],
        )

    def signup(prefix, username):
        client = Client(server.url, PRODUCTION_COOKIES)
        return client.post(
            SIGNUP_FORM[prefix],
            {
                "username": username,
                "email": f"{username}@drill.invalid",
                "password1": "a long drill passphrase 42",
                "password2": "a long drill passphrase 42",
            },
        )

    def signup_rows():
        rows = {
            model: probe(site.env, "rows", model=model, filters={field: "newcomer"})["count"]
            for model, field in (
                ("auth.User", "username__startswith"),
                ("account.EmailAddress", "email__startswith"),
                ("members.MemberProfile", "user__username__startswith"),
            )
        }
        return ", ".join(f"{model} {count}" for model, count in rows.items())

    for language, prefix in (("es", "/es"), ("en", "")):
        during_outage(
            "sign-up",
            "members_memberprofile",
            language,
            lambda prefix=prefix, language=language: signup(prefix, f"newcomer{language}"),
            lambda: signup_rows(),
        )
    sent = len(site.smtp.messages) - mails_before
    if sent:
        problems.append(f"{sent} emails were sent for things that were not saved")
    # And a sign-up once the database is back: saved, and its confirmation email sent.
    response = signup("/es", "newcomerlater")
    if response.status_code != 302:
        problems.append(f"sign-up after recovery answered {response.status_code}")
    else:
        wait_for(lambda: len(site.smtp.messages) > mails_before, 10, what="the confirmation email")
    server.stop()
    check(not problems, "; ".join(problems) + " (passed: " + "; ".join(details) + ")")
    return "; ".join(details) + f"; {sent} emails sent for them; a sign-up after recovery is saved and mailed"


# --- c. mail server down, and TLS never downgraded -----------------------------------------------


def drill_mail(site):
    closed_port = harness.free_port()  # nothing listens there
    env = {**site.env, "EMAIL_PORT": str(closed_port)}
    server = Gunicorn(env, workers=1, name="mail-down")
    target = probe(site.env, "comment_target", open_to_new_members=True)
    members = probe(site.env, "make_members", count=2, prefix="mailer")["members"]
    probe(site.env, "follow_page", username=members[1]["username"], page_id=target["en"]["id"])
    client = Client(server.url, PRODUCTION_COOKIES)
    client.cookies[PRODUCTION_COOKIES[0]] = members[0]["session"]
    response = client.post(
        "/comments/post/",
        {**target["en"]["form"], "comment": "Thank you for this. drill-maildown", "coached": "on", "reply_to": "0"},
    )
    check(response.status_code in (200, 302), f"comment answered {response.status_code}")
    saved = probe(
        site.env, "rows", model="django_comments_xtd.XtdComment", filters={"comment__contains": "drill-maildown"}
    )
    check(saved["count"] == 1, "the comment was not saved")
    response = client.post(
        "/blog/ask/",
        {
            "subject": "Mail drill",
            "question": "A question while mail is down. drill-maildown",
            "relationship": "parent",
            "consent_to_publish": "on",
        },
    )
    check(response.status_code == 302, f"question answered {response.status_code}")
    questions = probe(
        site.env, "rows", model="blog.QuestionSubmission", filters={"question__contains": "drill-maildown"}
    )
    check(questions["count"] == 1, "the question was not saved")
    time.sleep(0.5)
    log = server.log()
    check("queued for retry" in log, "the mail failure was not logged")
    leaked = [member["email"] for member in members if member["email"] in log] + re.findall(
        r"[\w.+-]+@[\w-]+\.invalid", log
    )
    check(not leaked, f"the log shows email addresses: {leaked[:3]}")
    server.stop()

    # The mail server is back: the queued messages go out, and the queue empties.
    waiting = probe(site.env, "rows", model="cms.QueuedEmail", filters={})["count"]
    check(waiting >= 2, f"only {waiting} messages were queued")
    sink = SmtpSink(port=closed_port)
    harness.manage(env, "send_queued_email")
    sink.stop()
    check(len(sink.messages) == waiting, f"{len(sink.messages)} of {waiting} queued messages delivered")
    still_waiting = probe(site.env, "rows", model="cms.QueuedEmail", filters={"sent_at__isnull": True})["count"]
    check(still_waiting == 0, "the queue did not empty")

    # TLS configured: a server that offers no STARTTLS, and one that offers it and then refuses.
    tls = []
    for mode in ("none", "refuse"):
        sink = SmtpSink(starttls=mode)
        answer = probe(
            {**site.env, "EMAIL_PORT": str(sink.port), "EMAIL_USE_TLS": "true"},
            "send_test_mail",
            address="someone@drill.invalid",
        )
        check(not answer["sent"], f"STARTTLS {mode}: the email was sent")
        check(
            not sink.messages and "MAIL" not in sink.commands, f"STARTTLS {mode}: plain text went out: {sink.commands}"
        )
        tls.append(f"{mode}: {answer['error']}")
        sink.stop()
    return (
        "comment and question saved with the mail server down (302), failure logged without addresses; "
        f"EMAIL_USE_TLS refuses plain text ({', '.join(tls)}, no MAIL FROM sent); "
        f"{waiting} queued messages delivered by `send_queued_email` once the server was back"
    )


# --- d. 100 members commenting into one thread at once -------------------------------------------


def drill_concurrency(site):
    # A hundred members, each at home behind the site's proxy: the per-address comment limit
    # (cms.security, ten a minute) counts each one's own address, as it does in production.
    server = Gunicorn({**site.env, "TRUSTED_PROXY_COUNT": "1"}, workers=2, threads=25)
    target = probe(site.env, "comment_target", open_to_new_members=True)
    members = probe(site.env, "make_members", count=100, prefix="crowd")["members"]
    parents = target["visible_comment_ids"]
    check(parents, "the page has no visible comments to reply to")
    form = target["en"]["form"]
    marker = "drill-crowd"

    def post(index):
        client = Client(server.url, PRODUCTION_COOKIES)
        client.cookies[PRODUCTION_COOKIES[0]] = members[index]["session"]
        reply_to = parents[index % len(parents)] if index % 2 else 0
        try:
            response = client.post(
                "/comments/post/",
                {
                    **form,
                    "comment": f"Comment number {index} from the crowd. {marker}",
                    "coached": "on",
                    "reply_to": str(reply_to),
                },
                headers={"X-Forwarded-For": f"198.51.100.{index + 1}"},
                timeout=60,
            )
            return response.status_code
        except requests.RequestException as error:
            return type(error).__name__

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=100) as pool:
        statuses = list(pool.map(post, range(100)))
    elapsed = time.monotonic() - started
    tree = probe(site.env, "tree", page_id=target["en"]["id"], marker=marker)
    log = server.log() + site.postgres.log()
    deadlocks = log.count("deadlock detected")
    errors = [status for status in statuses if status not in (200, 302)]
    server.stop()
    causes = sorted(set(re.findall(r"^(?:django\.db\.utils|psycopg2\.\S*)\.?\w*Error: .*$", log, re.MULTILINE)))
    statements = sorted(
        set(re.findall(r"ERROR:  deadlock detected.*?STATEMENT:  ([^\n]{0,160})", site.postgres.log(), re.DOTALL))
    )
    problems = []
    if errors:
        problems.append(
            f"{len(errors)} posts failed: {errors[:10]}; causes: {causes[:5]}; deadlocked SQL: {statements[:2]}"
        )
    if tree["marked"] != 100:
        problems.append(f"{tree['marked']} comments stored, expected 100")
    if tree["problems"]:
        problems.append(f"tree problems: {tree['problems'][:5]}")
    if deadlocks:
        problems.append(f"{deadlocks} 'deadlock detected' in the logs")
    check(not problems, " | ".join(problems))
    return (
        f"100 concurrent posts in {elapsed:.1f}s, all answered 302; 100 stored ({tree['marked_replies']} replies); "
        f"tree consistent over {tree['total']} comments (thread_id, parent, level, order); 0 deadlocks"
    )


# --- e. backup and restore ----------------------------------------------------------------------


def media_hashes(folder):
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(Path(folder).rglob("*"))
        if path.is_file()
    }


def make(target, env, **variables):
    result = subprocess.run(
        ["make", "--no-print-directory", target, *[f"{key}={value}" for key, value in variables.items()]],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"make {target} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return result.stdout


def drill_backup(site):
    members = probe(site.env, "make_members", count=2, prefix="keeper")["members"]
    leaver = members[1]["username"]
    probe(site.env, "seed_backup_content", username=members[0]["username"])
    probe(site.env, "seed_backup_content", username=leaver)
    summary = probe(site.env, "summary")
    check(
        summary["pages"]["es"] > 0 and summary["comments"] > 0 and summary["journals"] >= 2,
        f"too little to prove anything: {summary}",
    )
    tables = probe(site.env, "counts")["tables"]
    hashes = media_hashes(site.media)
    check(hashes, "no media files")
    backups = workdir("backups")
    output = make("backup", site.env, BACKUP_DIR=backups)
    backup = output.strip().splitlines()[-1]
    check(re.search(r"/\d{8}T\d{6}Z$", backup), f"backup folder is not timestamped: {backup}")

    # After the backup, a member deletes their account (logged outside the database).
    probe(site.env, "delete_member", username=leaver)

    # Restore into an empty database and an empty media folder, first without the replay.
    site.postgres.createdb("restored")
    restored_media = workdir("restored-media") / "media"
    restored_env = {**site.env, "DATABASE_URL": site.postgres.url("restored"), "MEDIA_ROOT": str(restored_media)}
    make("restore", {**restored_env, "SKIP_REPLAY": "1"}, BACKUP=backup)
    restored_tables = probe(restored_env, "counts")["tables"]
    differing = {
        table: (count, restored_tables.get(table))
        for table, count in tables.items()
        if restored_tables.get(table) != count
    }
    check(not differing, f"row counts differ: {dict(list(differing.items())[:5])}")
    restored_hashes = media_hashes(restored_media)
    check(restored_hashes == hashes, f"media differ: {len(hashes)} files backed up, {len(restored_hashes)} restored")
    check(
        probe(restored_env, "user_exists", username=leaver)["exists"], "the restored copy should still hold the account"
    )

    # A second restore of a non-empty database is refused.
    refused = subprocess.run(["ops/restore.sh", backup], cwd=ROOT, env=restored_env, capture_output=True, text=True)
    check(refused.returncode != 0 and "Refusing" in refused.stderr, "restore into a non-empty database was not refused")

    # The replay deletes the account again; everyone else is still there.
    replay = manage(restored_env, "replay_account_deletions")
    check(not probe(restored_env, "user_exists", username=leaver)["exists"], "the deleted account came back")
    check(probe(restored_env, "user_exists", username=members[0]["username"])["exists"], "a kept account was lost")
    after = probe(restored_env, "summary")
    check(after["journals"] == summary["journals"] - 1, f"journals after replay: {after['journals']}")
    # And make restore with the default replay: the account is gone straight away.
    site.postgres.createdb("restored2")
    second_env = {
        **site.env,
        "DATABASE_URL": site.postgres.url("restored2"),
        "MEDIA_ROOT": str(workdir("restored2") / "media"),
    }
    make("restore", second_env, BACKUP=backup)
    check(
        not probe(second_env, "user_exists", username=leaver)["exists"], "make restore brought the deleted account back"
    )
    return (
        f"{len(tables)} tables with identical row counts ({summary['pages']['en']} en + "
        f"{summary['pages']['es']} es pages, {summary['comments']} comments, {summary['journals']} journals), "
        f"{len(hashes)} media files with identical sha256; "
        f"restore into a non-empty database refused; replay: {replay.strip()}"
    )


# --- f. two app servers behind nginx, one PostgreSQL, one Redis ----------------------------------


def _refused(response):
    """403/404, or the login page for an anonymous visitor: anything but the file."""
    if response.status_code == 302:
        return "/accounts/login/" in response.headers.get("Location", "")
    return response.status_code in (403, 404)


def _median(values):
    return sorted(values)[len(values) // 2]


class SlowListener(threading.Thread):
    """A player on a bad connection: a 4 KB receive window, 4 KB read every 0.1 s, at most 15 s."""

    def __init__(self, port, path, cookies, stop):
        super().__init__(daemon=True)
        self.port, self.path, self.cookies, self.stop = port, path, cookies, stop
        self.received = 0
        self.status = None

    def run(self):
        import socket

        with socket.socket() as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            sock.settimeout(10)
            sock.connect(("127.0.0.1", self.port))
            cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
            sock.sendall(f"GET {self.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n\r\n".encode())
            for _ in range(150):
                if self.stop.is_set():
                    break
                try:
                    chunk = sock.recv(4096)
                except OSError:  # waited 10 s for a byte: a server that never got to it
                    break
                if not chunk:
                    break
                if self.status is None:
                    self.status = chunk.split(b" ", 2)[1].decode()
                self.received += len(chunk)
                time.sleep(0.1)


def _private_media_through_nginx(env, nginx, member):
    """Issue 14 #2: nginx sends a members-only file only when the app has said yes, ranges by nginx."""
    private = probe(env, "private_media")
    answers = {}
    for kind, item in private["files"].items():
        for path in item["urls"]:
            response = requests.get(nginx.url + path, timeout=10, allow_redirects=False)
            check(_refused(response), f"nginx answered {response.status_code} to an anonymous {path} ({kind})")
            answers[response.status_code] = answers.get(response.status_code, 0) + 1
    for kind, item in private["files"].items():
        path, size = item["urls"][0], item["size"]
        whole = member.get(path, base_url=nginx.url)
        check(
            whole.status_code == 200 and len(whole.content) == size and "X-Accel-Redirect" not in whole.headers,
            f"a member did not get the {kind} ({path}) through nginx: {whole.status_code}",
        )
        # nginx's own ETag ("mtime-size" in hex) says nginx, not the app, answered the range.
        etag = whole.headers.get("ETag", "")
        check(re.fullmatch(r'"[0-9a-f]+-[0-9a-f]+"', etag), f"the {kind} was not sent by nginx (ETag {etag!r})")
        part = member.get(path, base_url=nginx.url, headers={"Range": "bytes=1-10", "If-Range": etag})
        check(
            part.status_code == 206
            and part.headers.get("Content-Range") == f"bytes 1-10/{size}"
            and part.content == whole.content[1:11],
            f"no 206 range answer for the {kind}: {part.status_code} {part.headers.get('Content-Range')}",
        )
        stale = member.get(path, base_url=nginx.url, headers={"Range": "bytes=1-10", "If-Range": '"older"'})
        check(stale.status_code == 200, f"a stale If-Range on the {kind} got {stale.status_code}")
    refusals = ", ".join(f"{count}×{status}" for status, count in sorted(answers.items()))
    return private, (
        f"{sum(answers.values())} anonymous requests for a members-only document/audio/video/image by every "
        f"address refused ({refusals}); a member got all 4 through nginx, 206 ranges and If-Range from nginx"
    )


def _slow_listeners(nginx, member, audio_path):
    """10 slow players on the audio do not hold the two gunicorn workers (X-Accel: nginx sends)."""

    def page_times(count=12):
        times = []
        for _ in range(count):
            started = time.monotonic()
            response = member.get("/members/me/", base_url=nginx.url, timeout=30)
            times.append(time.monotonic() - started)
            check(response.status_code == 200, f"a page answered {response.status_code} during the test")
        return times

    quiet = page_times()
    stop = threading.Event()
    listeners = [SlowListener(nginx.port, audio_path, member.cookies, stop) for _ in range(10)]
    for listener in listeners:
        listener.start()
    time.sleep(1)
    busy = page_times()
    still_reading = sum(1 for listener in listeners if listener.is_alive())
    stop.set()
    for listener in listeners:
        listener.join(20)
    check(all(listener.status == "200" for listener in listeners), "a slow listener was not sent the audio")
    check(still_reading == 10, f"only {still_reading} of 10 slow listeners were still reading while measured")
    check(
        _median(busy) <= 3 * _median(quiet) + 0.1,
        f"pages slowed down with 10 slow listeners: median {_median(busy) * 1000:.0f} ms "
        f"against {_median(quiet) * 1000:.0f} ms",
    )
    return (
        f"page /members/me/ median {_median(quiet) * 1000:.0f} ms (max {max(quiet) * 1000:.0f}) without and "
        f"{_median(busy) * 1000:.0f} ms (max {max(busy) * 1000:.0f}) with 10 slow listeners on the audio "
        f"(each had read {min(listener.received for listener in listeners) // 1024}-"
        f"{max(listener.received for listener in listeners) // 1024} KB of the file)"
    )


def _slow_listeners_without_nginx(env, member, audio_path):
    """For comparison, what X-Accel-Redirect saves: the app streaming the audio itself, as before.

    One gunicorn with the 2 sync workers of a single server and PROTECTED_MEDIA_ACCEL off, no
    nginx: the same 10 slow listeners hold both workers, so a page waits. Reported, not judged.
    """
    server = Gunicorn({**env, "PROTECTED_MEDIA_ACCEL": "false"}, workers=2, name="app-streaming")
    stop = threading.Event()
    listeners = [SlowListener(server.port, audio_path, member.cookies, stop) for _ in range(10)]
    try:
        for listener in listeners:
            listener.start()
        time.sleep(1)
        started = time.monotonic()
        try:
            status = member.get("/members/me/", base_url=server.url, timeout=5).status_code
            waited = f"{(time.monotonic() - started) * 1000:.0f} ms ({status})"
        except requests.Timeout:
            waited = "no answer within 5 s"
    finally:
        stop.set()
        for listener in listeners:
            listener.join(20)
        server.stop()
    return f"for comparison, the app streaming the audio itself (accel off, 2 sync workers, no nginx): {waited}"


def drill_scale(site):
    redis = Redis()
    # As in production behind nginx: protected files are handed to nginx with X-Accel-Redirect.
    env = {**site.env, "CACHE_URL": redis.url, "TRUSTED_PROXY_COUNT": "1", "PROTECTED_MEDIA_ACCEL": "true"}
    first = Gunicorn(env, workers=1, name="app-a")
    second = Gunicorn(env, workers=1, name="app-b")
    nginx = Nginx(
        [f"127.0.0.1:{first.port}", f"127.0.0.1:{second.port}"], media_root=site.media, static_root=site.static
    )
    details = []

    # A member signs in through A (a real login form, Argon2 and allauth's limits in Redis).
    member = Client(first.url, PRODUCTION_COOKIES)
    member.login("member", DEMO_PASSWORD)
    for name, url in (("A", first.url), ("B", second.url), ("nginx", nginx.url)):
        response = member.get("/members/me/", base_url=url)
        check(response.status_code == 200, f"the session does not work via {name}: {response.status_code}")
    details.append("session from a login on A works on A, B and through nginx")

    # A comment posted through A is on the page served by B.
    target = probe(site.env, "comment_target")
    text = f"Posted through one server, read on the other {time.time_ns()}"
    response = member.post(
        "/comments/post/",
        {**target["en"]["form"], "comment": text, "coached": "on", "reply_to": "0"},
        base_url=first.url,
    )
    check(response.status_code in (200, 302), f"comment via A answered {response.status_code}")
    # The whole thread: the drills before this one add more conversations than a page shows at first.
    page = requests.get(second.url + target["en"]["url"] + "?comments=all", timeout=10)
    check(text in page.text or response.status_code == 200, "the comment posted via A is not shown by B")
    details.append("comment posted via A shown by B" if text in page.text else "comment via A held for moderation")

    # Anonymous page cache in Redis: both servers cache the page; a publish retires it for both.
    url = target["en"]["url"]
    for server in (first, second):
        requests.get(server.url + url, timeout=10)
    generation_before = redis.cli("GET", ":1:page-cache-generation")
    cached_keys = int(redis.cli("DBSIZE"))
    title = f"Republished title {time.time_ns()}"
    probe(env, "publish_title", page_id=target["en"]["id"], title=title)
    generation_after = redis.cli("GET", ":1:page-cache-generation")
    for name, server in (("A", first), ("B", second)):
        check(
            title in requests.get(server.url + url, timeout=10).text,
            f"{name} still shows the old title after publishing",
        )
    check(generation_after != generation_before, "the publish did not move the shared cache generation")
    details.append(
        f"publish seen by A and B (Redis held {cached_keys} keys; "
        f"page-cache generation {generation_before}→{generation_after})"
    )

    # An uploaded image (shared MEDIA_ROOT) is served through nginx and its rendition by both.
    upload = probe(env, "upload_image", title="Shared upload")
    # Originals stay private to the app (ops/nginx.conf); renditions are what visitors get.
    check(requests.get(nginx.url + upload["url"], timeout=10).status_code == 404, "nginx served an original image")
    rendition = requests.get(nginx.url + upload["rendition_url"], timeout=10)
    check(
        rendition.status_code == 200 and rendition.headers["Content-Type"].startswith("image/"),
        "rendition not served through nginx",
    )
    # Each app server sees the file through the storage (both render the image's page in the admin).
    admin = Client(first.url, PRODUCTION_COOKIES)
    admin.login("admin", DEMO_PASSWORD)
    for name, server in (("A", first), ("B", second)):
        listing = admin.get("/admin/images/?q=Shared", base_url=server.url)
        check(
            listing.status_code == 200 and "Shared upload" in listing.text, f"{name} does not list the uploaded image"
        )
    details.append(
        "uploaded image's rendition served by nginx from the shared folder (original refused) and listed by A and B"
    )

    private, detail = _private_media_through_nginx(env, nginx, member)
    details.append(detail)
    details.append(_slow_listeners(nginx, member, private["files"]["audio"]["urls"][0]))
    details.append(_slow_listeners_without_nginx(env, member, private["files"]["audio"]["urls"][0]))

    # Through nginx, requests reach both servers.
    for _ in range(6):
        requests.get(nginx.url + "/healthz", timeout=10)
    access = (nginx.dir / "logs" / "access.log").read_text()
    check(str(first.port) in access and str(second.port) in access, "nginx did not balance over both servers")
    details.append("nginx spread requests over both")
    return "; ".join(details)


DRILLS = {
    "restart": drill_restart,
    "db-down": drill_db_down,
    "mail": drill_mail,
    "concurrency": drill_concurrency,
    "backup": drill_backup,
    "scale": drill_scale,
}


def main(argv):
    names = argv or list(DRILLS)
    unknown = [name for name in names if name not in DRILLS]
    if unknown:
        raise SystemExit(f"unknown drills: {unknown}; known: {list(DRILLS)}")
    started = time.monotonic()
    site = Site()
    for name in names:
        drill_started = time.monotonic()
        try:
            detail = DRILLS[name](site)
            result(name, True, f"{detail} [{time.monotonic() - drill_started:.0f}s]")
        except Exception as error:  # noqa: BLE001 - one failing drill must not hide the others
            traceback.print_exc(file=sys.stderr)
            result(name, False, f"{error} [{time.monotonic() - drill_started:.0f}s]")
            if not site.postgres.is_ready():
                site.postgres.start()
    failed = [name for name, passed in RESULTS if not passed]
    print(
        f"{'FAIL' if failed else 'PASS'} make drill: {len(RESULTS) - len(failed)}/{len(RESULTS)} drills passed "
        f"in {time.monotonic() - started:.0f}s" + (f" (failed: {', '.join(failed)})" if failed else ""),
        flush=True,
    )
    # The plain summary CI reads, like a test runner's last line.
    print(f"drills: {len(RESULTS) - len(failed)} passed, {len(failed)} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
