"""What the benchmarks share: a throwaway database and a request timed over several runs."""

import contextlib
import statistics
import time

from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext, setup_test_environment


@contextlib.contextmanager
def throwaway_database(prefix: str):
    """The test database of the settings in use: SQLite in memory, or on PostgreSQL a database named
    `<prefix>_<name>` of its own, so that a test run on the same server is not disturbed."""
    setup_test_environment()
    if connection.vendor != "sqlite":
        connection.settings_dict["TEST"]["NAME"] = f"{prefix}_{connection.settings_dict['NAME']}"
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def measure(client, url: str, runs: int, before=None) -> tuple[int, float, int]:
    """(SQL queries of the last run, median milliseconds, HTTP status); `before` is called ahead of
    each run, untimed."""
    timings = []
    for _ in range(runs):
        if before is not None:
            before()
        # the query log keeps the last 9000 only: empty it, or a full log counts no new query
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
    return len(queries.captured_queries), statistics.median(timings), response.status_code
