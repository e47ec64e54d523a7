# The CRAFT site in containers: `app` (gunicorn) and `nginx` (static files, media, proxy).
# Used by compose.yaml. Not built or run by `make test` or `make drill` (no Docker engine there):
# the same gunicorn and nginx configs are exercised on the host by `make drill-scale`.
FROM python:3.11-slim-bookworm AS app

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
# pg_dump/pg_restore 15 for ops/backup.sh and ops/restore.sh; libmagic-free, no compilers needed.
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client-15 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .
# Build output: translations and the hashed static files (a throwaway key and address; never used
# at run time, where WAGTAILADMIN_BASE_URL must name the real public address).
RUN python scripts/translations.py compile \
    && DJANGO_SETTINGS_MODULE=cms.settings.production SECRET_KEY=build-only-collectstatic-key-0123456789abcdef \
       WAGTAILADMIN_BASE_URL=https://build.invalid STATIC_ROOT=/app/staticfiles python manage.py collectstatic --no-input

RUN useradd --system --uid 10001 --home-dir /app craft \
    && mkdir -p /srv/media /srv/backups \
    && chown craft /srv/media /srv/backups
USER craft

ENV DJANGO_SETTINGS_MODULE=cms.settings.production \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/srv/media \
    ACCOUNT_DELETION_LOG=/srv/backups/account-deletions.log \
    GUNICORN_BIND=0.0.0.0:8000 \
    TRUSTED_PROXY_COUNT=1
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"
CMD ["gunicorn", "-c", "ops/gunicorn.conf.py"]


# nginx with the static files of this very build (so they always match the app's manifest).
FROM nginx:1.27-bookworm AS nginx
COPY --from=app /app/staticfiles /srv/static
COPY ops/nginx.conf /etc/craft/nginx.conf.template
RUN mkdir -p /var/cache/craft-nginx/logs \
    && sed -e 's|@LISTEN@|80|' \
           -e 's|@UPSTREAMS@|        server app:8000;|' \
           -e 's|@MEDIA_ROOT@|/srv/media|' \
           -e 's|@STATIC_ROOT@|/srv/static|' \
           -e 's|@SERVER_NAME@|_|' \
           -e 's|@PREFIX@|/var/cache/craft-nginx|' \
           /etc/craft/nginx.conf.template > /etc/nginx/nginx.conf \
    && nginx -t
