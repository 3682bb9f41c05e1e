# The two-command contract: `make run` serves the site, `make test` runs every test.
# Both set everything up first, from a clean clone.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := painsite.settings

.PHONY: run test setup venv admin lint audit check-content clean bench faults screenshots

$(BIN)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

venv: $(BIN)/.installed

setup: venv
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_content
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

run: setup
	@echo "Serving on http://127.0.0.1:$(PORT) (Ctrl-C to stop)"
	$(BIN)/gunicorn -c painsite/gunicorn.conf.py --bind 127.0.0.1:$(PORT) painsite.wsgi

test: setup
	$(BIN)/python manage.py check_content
	$(BIN)/python -m pytest $(PYTEST_ARGS)

admin: setup
	$(BIN)/python manage.py createsuperuser

lint: venv
	$(BIN)/ruff check .

# Needs a vulnerability database (PyPI's or OSV's JSON API); .ci/audit.py says loudly when
# none answers. AUDIT_REQUIRED=1 makes that a failure too.
audit: venv
	$(BIN)/python -m pip install --quiet pip-audit==2.10.1
	$(BIN)/python .ci/audit.py

clean:
	rm -rf $(VENV) var/static

bench: setup
	$(BIN)/python bench/http_bench.py --seconds 10

faults: setup
	$(BIN)/python bench/faults.py

screenshots: setup
	$(BIN)/python docs/screenshots.py
