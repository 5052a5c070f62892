# Two commands for a fresh clone: `make run` (serve the portal) and `make test` (run the suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
SYSTEM_PACKAGES := fonts-noto-cjk fonts-arphic-ukai texlive-lang-chinese libharfbuzz-subset0 poppler-utils gettext
TEST_SYSTEM_PACKAGES := chromium

# Both steps run again only when their sources changed since the last time (stamp files), so a
# second `make run` takes seconds: collectstatic hashes and compresses (gzip and Brotli) every
# file whenever it runs, minutes on a small machine. After deleting a static file, `make clean`.
STATIC_ROOT ?= var/static
STATIC_STAMP := $(STATIC_ROOT)/.collected
STATIC_SOURCES := $(shell find static node_modules/bootstrap/dist node_modules/bootstrap-icons/font \
	node_modules/chart.js/dist -type f 2>/dev/null)
MESSAGES_STAMP := var/.messages-compiled
MESSAGES := $(shell find . \( -path ./.venv -o -path ./node_modules -o -path ./var \) -prune -o \
	-name '*.po' -print)

.PHONY: run test setup system-packages venv venv-dev assets migrate demo lint typecheck bench clean lock lock-check

run: setup migrate demo
	@echo "黄鹤镇法治政府建设综合平台: http://127.0.0.1:$(PORT)/"
	DEBUG=$${DEBUG:-true} $(PY) manage.py runserver 127.0.0.1:$(PORT)

setup: system-packages venv assets $(MESSAGES_STAMP) $(STATIC_STAMP)

$(MESSAGES_STAMP): $(MESSAGES) | system-packages venv
	DEBUG=$${DEBUG:-true} $(PY) manage.py compilemessages -v0 --ignore=.venv --ignore=node_modules
	@mkdir -p $(@D) && touch $@

$(STATIC_STAMP): $(STATIC_SOURCES) node_modules/.package-lock.json | venv
	DEBUG=$${DEBUG:-true} $(PY) manage.py collectstatic --noinput -v0
	@mkdir -p $(@D) && touch $@

# Debian packages the portal needs: CJK fonts (texlive-lang-chinese for FandolFang, the 仿宋
# body face of GB/T 9704 PDFs) and HarfBuzz subsetting for PDFs (without
# libharfbuzz-subset0 WeasyPrint is about 40 times slower), pdftotext, msgfmt.
system-packages:
	@missing=$$(for p in $(SYSTEM_PACKAGES) $(EXTRA_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian packages: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "Missing Debian packages: $$missing"; \
	    echo "Install them with: sudo apt-get install --no-install-recommends $$missing"; \
	    exit 1; \
	  fi; \
	fi

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Installs come from the hash-pinned locks (every transitive version fixed); requirements*.txt
# are the hand-edited inputs. After editing them run `make lock`; CI checks that they agree.
$(VENV)/.installed: requirements.lock | $(VENV)/bin/python
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

$(VENV)/.installed-dev: requirements.lock requirements-dev.lock | $(VENV)/bin/python
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes -r requirements-dev.lock
	touch $@ $(VENV)/.installed

PIP_COMPILE := $(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links
# Regenerate both locks from requirements.txt / requirements-dev.txt, keeping every version
# already locked unless the inputs demand another (add UPGRADE=1 to bring all to the newest).
lock: $(VENV)/.installed-dev
	$(PIP_COMPILE) $(if $(UPGRADE),--upgrade) --output-file requirements-dev.lock requirements-dev.txt
	# The runtime lock starts from the dev lock, so both hold the same versions.
	cp requirements-dev.lock requirements.lock
	$(PIP_COMPILE) --output-file requirements.lock requirements.txt
	$(PYTHON) .ci/check_lock.py

lock-check:
	$(PYTHON) .ci/check_lock.py

venv: $(VENV)/.installed
venv-dev: $(VENV)/.installed-dev

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

assets: node_modules/.package-lock.json

migrate: setup
	DEBUG=$${DEBUG:-true} $(PY) manage.py migrate --noinput -v0

demo: migrate
	DEBUG=$${DEBUG:-true} $(PY) manage.py load_demo

# Tests use PostgreSQL when DATABASE_URL says so or when one answers on 127.0.0.1:5432,
# otherwise SQLite (tests marked postgres are then skipped, with a notice).
test: EXTRA_PACKAGES = $(TEST_SYSTEM_PACKAGES)
test: system-packages venv-dev assets
	@set -e; \
	if [ -z "$$DATABASE_URL" ] && $(PY) -c "import socket; socket.create_connection(('127.0.0.1', 5432), 1)" 2>/dev/null; then \
	  export DATABASE_URL=postgres://postgres@127.0.0.1:5432/huanghe; \
	fi; \
	if [ -z "$$TEST_REDIS_URL" ] && $(PY) -c "import socket; socket.create_connection(('127.0.0.1', 6379), 1)" 2>/dev/null; then \
	  export TEST_REDIS_URL=redis://127.0.0.1:6379/15; \
	fi; \
	echo "database: $${DATABASE_URL:-sqlite (embedded)}; redis for worker tests: $${TEST_REDIS_URL:-none}"; \
	$(PY) -m huanghe_portal.dbsetup; \
	DEBUG=true $(PY) manage.py compilemessages -v0 --ignore=.venv --ignore=node_modules; \
	DEBUG=true $(PY) -m pytest $(PYTEST_ARGS)

lint: venv-dev
	$(VENV)/bin/ruff check .

# mypy with django-stubs (mypy.ini: strict on huanghe_portal/, normal elsewhere). The plugin
# imports the settings, hence DEBUG (no secrets needed); the cache lives in .mypy_cache/.
typecheck: venv-dev
	DEBUG=$${DEBUG:-true} $(VENV)/bin/mypy

bench: venv-dev
	@echo "see bench/README.md"

clean:
	rm -rf $(STATIC_ROOT) $(MESSAGES_STAMP)
