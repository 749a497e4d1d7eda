# the reports' small world (units, a plan, people) and its report builder serve the notices' tests too
from tests.reports.conftest import api_as, make_report, world  # noqa: F401
