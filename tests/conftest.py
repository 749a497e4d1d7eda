import os

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, settings
from rest_framework.test import APIClient

# The small 2024 plan (plan_2024, three_units, carbon_targets, carbon_summaries, people, world) and
# make_report / api_as, for every app's tests.
pytest_plugins = ["tests.world"]

# Property tests: the suite draws the same examples every run ("ci", derandomized), so that a landing
# never depends on a random draw; `make fuzz` draws fresh ones, many more ("fuzz"). What a fuzz run
# finds is kept as an explicit @example in its test.
settings.register_profile(
    "ci", max_examples=150, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fuzz", max_examples=3000, derandomize=False, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    # the database is rolled back after every test, the cache is not: what one test kept there
    # (the dashboard, the data version) must not answer the next
    cache.clear()


# Modules whose set-up takes long (each seeds the demo year): run first, so that with xdist the other
# modules fill the remaining workers around them instead of one worker finishing them alone at the end.
SLOW_FIRST = ("tests/browser/test_dashboard.py", "tests/portal/test_demo_history.py")


def pytest_collection_modifyitems(config, items):
    def slow(item) -> bool:
        return item.nodeid.split("::", 1)[0] in SLOW_FIRST

    items.sort(key=lambda item: not slow(item))  # stable: the rest keep their order
