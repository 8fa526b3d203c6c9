# The two commands: `make run` and `make test`. Everything else is a helper for them.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The site's links (canonical, share, citations, oEmbed, robots.txt) name the port it is served on:
# with PORT=8001 they led to :8000, where nothing answered. An explicit CMS_SITE_URL wins.
SITE_URL := $(or $(CMS_SITE_URL),http://127.0.0.1:$(PORT))
STAMP := $(VENV)/.installed-stamp
# Collected static files are made again only when ours change or the packages are reinstalled:
# compressing them all took about 40 s of CPU on every `make run` and `make serve`.
STATIC_MANIFEST := $(or $(CMS_VAR_DIR),var)/static/staticfiles.json
STATIC_SOURCES := $(shell find static -type f; find cms core images quotes articles -path '*/static/*' -type f)

.PHONY: install run test lint check-migrations ci clean loadtest loadtest-topology serve topology bench

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (PYTHON=$(PYTHON)).")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

$(STATIC_MANIFEST): $(STAMP) $(STATIC_SOURCES)
	@echo "Collecting and compressing static files (a minute or two the first time)."
	$(PY) manage.py collectstatic --noinput --verbosity 0

run: install $(STATIC_MANIFEST)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py ensure_admin
	@echo "Local demo: two-factor sign-in is waived for editors (CMS_REQUIRE_2FA=0)."
	CMS_REQUIRE_2FA=0 CMS_SITE_URL='$(SITE_URL)' $(PY) manage.py runserver 127.0.0.1:$(PORT)

# TESTS narrows the run (pytest's arguments, e.g. TESTS="tests/security"); empty: the whole suite.
test: install
	$(PY) -m pytest $(TESTS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check-migrations: install
	$(PY) manage.py makemigrations --check --dry-run

# Production serving: Varnish on PORT in front of gunicorn (WEB_CONCURRENCY workers, default 2),
# DEBUG off; deploy/serve.py starts and stops both (deploy/README.md). Set REDIS_URL so that the
# API throttles' counters are shared by every worker.
serve: install $(STATIC_MANIFEST)
	$(PY) manage.py migrate --noinput
	DJANGO_DEBUG=0 PORT=$(PORT) CMS_SITE_URL='$(SITE_URL)' PATH="$$PATH:/usr/sbin:/usr/local/sbin" \
		$(PY) deploy/serve.py

# The production topology on one machine, each part its own (deploy/README.md): Varnish on PORT,
# two gunicorn nodes, a PostgreSQL primary and its streaming replica, Redis. Ctrl-C stops all.
topology: install
	$(PY) deploy/topology.py --port $(PORT)

bench: install
	$(PY) manage.py bench --sizes $${BENCH_SIZES:-10000,1000000} --json var/bench/results.json

# Bounded load test on a fresh PostgreSQL database (SECONDS, USERS; CMS_LOADTEST_SERVER).
# FAULT=postgres-restart or FAULT=worker-kill: on a PostgreSQL cluster and a redis-server of its
# own, PostgreSQL restarted or gunicorn workers killed mid-request while the load runs.
loadtest: install
	$(PY) manage.py loadtest --seconds $(or $(SECONDS),60) --users $(or $(USERS),20) $(if $(FAULT),--fault $(FAULT))

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) var/*.sqlite3 var/static

# The load test against that topology: a node killed and the replica stopped midway (SECONDS, USERS).
loadtest-topology: install
	$(PY) manage.py loadtest --topology --seconds $(or $(SECONDS),120) --users $(or $(USERS),30)
