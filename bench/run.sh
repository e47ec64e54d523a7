#!/usr/bin/env bash
# `make bench`: build the large dataset in the throwaway PostgreSQL that scripts/with-postgres
# started, serve it with gunicorn and measure every page type. See README "Benchmark".
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${PG_CLUSTER_DIR:-}" ] && [ -z "${BENCH_ALLOW_DATABASE_URL:-}" ]; then
    echo "bench/run.sh rebuilds the whole database: run it through 'make bench' (a throwaway cluster)," >&2
    echo "or set BENCH_ALLOW_DATABASE_URL=1 to use DATABASE_URL=$DATABASE_URL anyway." >&2
    exit 1
fi

PY=${PY:-.venv/bin/python}
work=$(mktemp -d -t craft-bench.XXXXXX)
export BENCH_PIDFILE="$work/gunicorn.pid"
redis_pid=""
cleanup() {
    # measure.py stops gunicorn itself; this covers a crash or Ctrl-C on the way.
    if [ -s "$BENCH_PIDFILE" ]; then
        pid=$(cat "$BENCH_PIDFILE")
        kill -TERM -- "-$pid" 2>/dev/null || true
    fi
    [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null && wait "$redis_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The shared cache production runs with (CACHE_URL): pages, page chrome and sessions live there.
redis_port=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
redis_pid=$!
for _ in $(seq 50); do
    redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG && break
    sleep 0.1
done
export CACHE_URL="redis://127.0.0.1:$redis_port/0"

# Production settings (bench.settings adds only the query counter), with what they require.
export DJANGO_SETTINGS_MODULE=bench.settings BENCH=1
SECRET_KEY=$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false SECURE_HSTS_SECONDS=0
# Required by production settings; the bench times pages and never follows the links they write.
export WAGTAILADMIN_BASE_URL=http://craft-bench.test
export STATIC_ROOT="$work/static" MEDIA_ROOT="$work/media" ACCOUNT_DELETION_LOG="$work/account-deletions.log"
export EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend LOG_LEVEL=WARNING PYTHONWARNINGS=ignore
export DEMO_PASSWORD="${DEMO_PASSWORD:-bench-demo-password}"

started=$(date +%s)
step() { echo "==> [$(($(date +%s) - started))s] $*"; }

build() {
    step "migrate"
    $PY manage.py migrate --no-input -v0
    step "load_demo_content --force (home, indexes, topics, media in both languages)"
    DJANGO_SETTINGS_MODULE=demo.settings $PY manage.py load_demo_content --force
    step "build the large dataset (bulk inserts)"
    $PY -m bench.build_dataset
    step "fixtree"
    $PY manage.py fixtree | tee "$work/fixtree.log"
    if [ "$(grep -c 'No problems found' "$work/fixtree.log")" != 2 ]; then
        echo "fixtree found problems in the generated tree" >&2
        exit 1
    fi
}

step "collectstatic"
$PY manage.py collectstatic --no-input -v0
if [ "${BENCH_GROWTH:-1}" != 0 ]; then
    # The growth factors compare every page at a tenth of the data with the full size: build the
    # tenth, time it, then start again from an empty schema.
    BENCH_MEMBERS=$((${BENCH_MEMBERS:-10000} / 10)) BENCH_POSTS=$((${BENCH_POSTS:-1000} / 10)) \
        BENCH_COMMENTS=$((${BENCH_COMMENTS:-100000} / 10)) BENCH_EPISODES=$((${BENCH_EPISODES:-200} / 10)) build
    BENCH_PHASE=tenth $PY -m bench.measure
    step "empty the schema for the full size"
    $PY -c 'import django, os; os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings"); django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")'
else
    rm -f "${BENCH_RESULTS:-bench/results}/tenth.json"
fi
build
built=$(($(date +%s) - started))
step "dataset ready in ${built}s; measuring"
$PY -m bench.measure
step "make bench finished in $(($(date +%s) - started))s (dataset ${built}s)"
