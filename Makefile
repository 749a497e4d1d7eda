# Two commands for a fresh machine with only Python 3.11: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
NPM := PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/npm
HOST ?= 127.0.0.1:8000

.PHONY: run dev test bench fuzz lint format setup assets browser migrate seed worker beat messages clean

# Celery beat runs beside the server: with no REDIS_URL its tasks run eagerly, inside beat itself, so
# the daily reminder job fires at 09:00 with no broker and no worker.
# The portal as its users see it (Chinese error pages); another address or port: make run HOST=0.0.0.0:8080
run: setup migrate seed
	$(VENV)/bin/celery -A portal beat -l warning --scheduler django_celery_beat.schedulers:DatabaseScheduler --pidfile= & \
	trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST)

# The same with Django's debug pages, for developers
dev: setup migrate seed
	DEBUG=true $(PY) manage.py runserver $(HOST)

# both cores: one test database per worker
test: setup browser
	$(VENV)/bin/pytest -n $${TEST_WORKERS:-2}

bench: setup
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) -m benchmarks
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) -m benchmarks.dashboard
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) -m benchmarks.reminders
	$(PY) -m benchmarks.excel
	$(PY) -m benchmarks.load

# the property tests drawn at random (the suite draws the same examples every run), schemathesis with
# many more examples per operation; keep what they find as an @example in the test
fuzz: setup
	HYPOTHESIS_PROFILE=fuzz FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-200} TALLY_EXAMPLES=$${TALLY_EXAMPLES:-300} \
		$(VENV)/bin/pytest tests/portal/test_api_fuzz.py tests/tasks/test_workpoints_parse.py tests/reports/test_tally.py

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json $(VENV)/.installed
	$(NPM) ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the browser tests and LibreOffice for the print tests; they skip with a reason
# where these cannot be installed.
browser:
	@(test -x /usr/bin/chromium && test -x /usr/bin/soffice) || bash scripts/install-chromium.sh \
		|| echo "Chromium unavailable: browser tests will be skipped."

migrate: setup
	$(PY) manage.py migrate --noinput

# the demo accounts on the embedded default, whose DEBUG is off (seed_demo asks for --force then)
seed: setup
	$(PY) manage.py seed_demo --force

worker: setup
	$(VENV)/bin/celery -A portal worker -l info

beat: setup
	$(VENV)/bin/celery -A portal beat -l info --scheduler django_celery_beat.schedulers:DatabaseScheduler

# locale/zh_Hans: Chinese for strings the libraries leave in English; the compiled .mo is committed so that
# a machine without GNU gettext runs the portal as it is
messages: setup
	$(PY) manage.py compilemessages --locale zh_Hans --ignore .venv --ignore node_modules

clean:
	rm -rf $(VENV) node_modules .pytest_cache db.sqlite3 media
