import json

import pytest
from django.conf import settings
from django.core.management import call_command


@pytest.fixture
def plan_data():
    return json.loads((settings.BASE_DIR / "fixtures" / "plan-2024.json").read_text(encoding="utf-8"))


@pytest.fixture
def seeded(db, settings):
    """The units, the 2024 plan and the demo accounts, loaded as `make run` loads them (without the
    demo reporting history)."""
    settings.DEBUG = True
    call_command("seed_demo", "--no-history", stdout=open("/dev/null", "w"))
