# The two-command contract: `make run` serves the site, `make test` runs every test.
# Both set everything up first, from a clean clone with only python3.11 and make; where npm
# and Chromium are there too, `make test` also runs the HTML, accessibility and browser checks.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := painsite.settings

# The locks, with hashes, written by `make lock` from pyproject.toml; never edit them by hand.
# runtime.txt is what production installs; dev.txt adds the test and dev groups (the venv).
RUNTIME_LOCK := requirements/runtime.txt
DEV_LOCK := requirements/dev.txt
# What `make typecheck` hands to mypy (its settings are in pyproject.toml).
TYPED := articles painsite
# The browser checkers (Nu Html Checker, axe-core, lighthouse) from .ci/package.json.
CHECKERS := .ci/node_modules/.installed-from-package.json

.PHONY: run test test-fast setup venv checkers admin lint fmt typecheck lock lock-check audit check-content clean bench faults screenshots

$(BIN)/.installed: $(DEV_LOCK) $(RUNTIME_LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r $(DEV_LOCK)
	touch $@

venv: $(BIN)/.installed

setup: venv
	$(BIN)/python manage.py compile_translations
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_content
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

run: setup
	@echo "Serving on http://127.0.0.1:$(PORT) (Ctrl-C to stop)"
	$(BIN)/gunicorn -c painsite/gunicorn.conf.py --bind 127.0.0.1:$(PORT) painsite.wsgi

# Installed again only when .ci/package.json changes. Without npm the tests that need these
# checkers are skipped and the run's closing summary says so (under CI=true they fail).
$(CHECKERS): .ci/package.json
	npm install --prefix .ci --no-package-lock --loglevel=error
	touch $@

ifneq ($(shell command -v npm 2>/dev/null),)
checkers: $(CHECKERS)
else
checkers:
	@echo "npm not found: the HTML, accessibility and lighthouse checks will be skipped (install Node 20 and npm)"
endif

# Every test. Where npm is there, a missing Chromium is the one thing that skips tests (the
# browser ones); every skip is listed at the end of the run with its reason (-ra, pyproject.toml).
test: setup checkers
	$(BIN)/python manage.py check_content
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The quick loop: no browser, nothing marked slow, no content check, no npm, no setup.
# (An empty var/static keeps whitenoise from warning on every request: nothing is collected.)
test-fast: venv
	@mkdir -p var/static
	$(BIN)/python -m pytest -m "not browser and not slow" $(PYTEST_ARGS)

admin: setup
	$(BIN)/python manage.py createsuperuser

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: venv
	$(BIN)/mypy $(TYPED)

# uv reads none of pip's configuration: an index given to pip through the environment is
# handed to uv the same way, at run time. No index is written into the locks.
ifneq ($(PIP_INDEX_URL),)
export UV_DEFAULT_INDEX ?= $(PIP_INDEX_URL)
endif
# The one way the locks are written (uv keeps the pins already in them unless told otherwise:
# `make lock LOCK_ARGS=--upgrade`, or LOCK_ARGS="--upgrade-package django"). Both are
# resolved for every platform on CPython 3.11; dev.txt is held to runtime.txt's pins.
UV := $(abspath $(BIN))/uv
LOCK_FLAGS := --universal --python-version 3.11 --generate-hashes
RUNTIME_COMPILE := pyproject.toml $(LOCK_FLAGS) -o $(RUNTIME_LOCK)
DEV_COMPILE := pyproject.toml --group dev -c $(RUNTIME_LOCK) $(LOCK_FLAGS) -o $(DEV_LOCK)
LOCK_COMMANDS = \
	$(UV) pip compile --quiet $(LOCK_ARGS) $(RUNTIME_COMPILE) \
	  --custom-compile-command "make lock  (runs: uv pip compile $(RUNTIME_COMPILE))" && \
	$(UV) pip compile --quiet $(LOCK_ARGS) $(DEV_COMPILE) \
	  --custom-compile-command "make lock  (runs: uv pip compile $(DEV_COMPILE))"

lock: venv
	$(LOCK_COMMANDS)

# Fails when the locks are not what `make lock` would write from pyproject.toml as it is
# (the pre-commit hook runs it). Works on a copy; changes nothing.
lock-check: venv
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && mkdir "$$tmp/requirements" \
	  && cp pyproject.toml "$$tmp/" && cp $(RUNTIME_LOCK) $(DEV_LOCK) "$$tmp/requirements/" \
	  && { (cd "$$tmp" && $(LOCK_COMMANDS)) || { echo "lock-check: uv could not write the locks (above)" >&2; exit 2; }; } \
	  && if diff -u $(RUNTIME_LOCK) "$$tmp/$(RUNTIME_LOCK)" && diff -u $(DEV_LOCK) "$$tmp/$(DEV_LOCK)"; \
	     then echo "The locks match pyproject.toml."; \
	     else echo "The locks do not match pyproject.toml: run make lock" >&2; exit 1; fi

# Needs a vulnerability database (PyPI's or OSV's JSON API); .ci/audit.py says loudly when
# none answers. AUDIT_REQUIRED=1 makes that a failure too.
audit: venv
	$(BIN)/python -m pip install --quiet pip-audit==2.10.1
	$(BIN)/python .ci/audit.py

check-content: setup
	$(BIN)/python manage.py check_content

clean:
	rm -rf $(VENV) var/static

bench: setup
	$(BIN)/python bench/http_bench.py --seconds 10

faults: setup
	$(BIN)/python bench/faults.py $(FAULTS)

screenshots: setup
	$(BIN)/python docs/screenshots.py
