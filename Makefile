# CRAFT Family Support: `make run` to try the site, `make test` to prove it. `make help` lists all.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DEMO_PASSWORD ?= craft-demo-password

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-16s %s\n", $$1, $$2}'

$(VENV)/.runtime: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
		|| { echo "Python 3.11 is needed (found $$($(PYTHON) --version)); set PYTHON=/path/to/python3.11" >&2; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.runtime ## Create .venv with the runtime dependencies

compilemessages: $(VENV)/.runtime ## Compile locale/*.po into .mo files (build output, not committed)
	$(PY) scripts/translations.py compile

messages: $(VENV)/.dev ## Extract UI strings into locale/es (needs GNU gettext)
	@command -v xgettext >/dev/null || scripts/system-packages gettext
	DJANGO_SETTINGS_MODULE=cms.settings.dev $(PY) manage.py makemessages --locale es --no-obsolete --no-location \
		--ignore '.venv/*' --ignore 'tests/*' --ignore 'staticfiles/*' --ignore 'scripts/*'

# Every link the site writes (feeds, emails, sitemap) starts with the address runserver listens on;
# migrate moves the demo Site there, also when db.sqlite3 was served on another PORT before.
RUN_ENV = DJANGO_SETTINGS_MODULE=cms.settings.dev WAGTAILADMIN_BASE_URL=http://127.0.0.1:$(PORT)
run: $(VENV)/.runtime compilemessages ## Set everything up and serve the demo site on 127.0.0.1:$(PORT)
	$(RUN_ENV) $(PY) manage.py migrate --no-input
	$(RUN_ENV) $(PY) manage.py load_demo_content
	@echo
	@echo "  Site:     http://127.0.0.1:$(PORT)/        Spanish: http://127.0.0.1:$(PORT)/es/"
	@echo "  Admin:    http://127.0.0.1:$(PORT)/admin/"
	@echo "  Logins:   admin, editor, clinician, moderator, translator, reviewer, member   password: $(DEMO_PASSWORD)"
	@echo
	$(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

system-packages: ## Install PostgreSQL server binaries, Chromium and GNU gettext when missing (as root on Debian)
	scripts/system-packages

lint: $(VENV)/.dev ## ruff check and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: $(VENV)/.dev compilemessages system-packages ops-packages ## Lint, checks, the whole suite on a throwaway PostgreSQL, then the fault drills
	$(VENV)/bin/ruff check .
	$(PY) scripts/translations.py check
	$(PY) scripts/translations.py check-extracted
	scripts/with-postgres $(MAKE) --no-print-directory test-in-db
	@# The drills take about two minutes more; SKIP_DRILLS=1 leaves them out of a quick local run.
	@[ -n "$(SKIP_DRILLS)" ] || $(MAKE) --no-print-directory drill

test-in-db:
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

.PHONY: help install compilemessages messages run system-packages lint test test-in-db

# --- Operations (README "Operations: drills, backups, scaling") ---------------------------------

ops-packages: ## Install nginx and Redis when missing (as root on Debian), for the scale drill
	@command -v nginx >/dev/null && command -v redis-server >/dev/null || scripts/system-packages nginx-light redis-server

drill: $(VENV)/.runtime compilemessages system-packages ops-packages ## Fault drills on a throwaway PostgreSQL (DRILLS="restart db-down mail concurrency backup scale")
	$(PY) -m ops.drills.run $(DRILLS)

drill-scale: $(VENV)/.runtime compilemessages system-packages ops-packages ## Only the two-app-servers drill (nginx, Redis, one PostgreSQL)
	$(PY) -m ops.drills.run scale

backup: ## pg_dump + media tar into backups/<UTC time>/ (needs DATABASE_URL; MEDIA_ROOT, BACKUP_DIR optional)
	ops/backup.sh

restore: ## Restore BACKUP=backups/<time> into an EMPTY database (DATABASE_URL) and media folder, then replay deletions
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=backups/<time>" >&2; exit 2; }
	PYTHON=$(PY) ops/restore.sh "$(BACKUP)"

restore-page: ## Bring back a deleted page and its subtree from BACKUP=backups/<time> PAGE=<id> [PARENT=<id>], as drafts, into the live database
	@test -n "$(BACKUP)" -a -n "$(PAGE)" || { echo "usage: make restore-page BACKUP=backups/<time> PAGE=<id> [PARENT=<id>]" >&2; exit 2; }
	$(PY) manage.py restore_page "$(BACKUP)" "$(PAGE)" $(if $(PARENT),--parent "$(PARENT)")

.PHONY: ops-packages drill drill-scale backup restore restore-page

bench: $(VENV)/.dev compilemessages system-packages ops-packages ## Large bilingual dataset on a throwaway PostgreSQL, served by gunicorn and timed (bench/results/)
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y wrk >/dev/null; } || echo "wrk is missing (apt-get install wrk): throughput is skipped"
	env -u DATABASE_URL scripts/with-postgres bench/run.sh

.PHONY: bench
