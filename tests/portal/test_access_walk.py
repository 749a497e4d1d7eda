"""The access walk: every URL pattern of the project, called as every kind of person, against a table.

The walk reads `get_resolver().url_patterns` recursively (pages, Django's admin, the API's routers;
the routers' `.json`-style format-suffix variants are skipped because they only duplicate a pattern
without the suffix, and a router's api-root that several routers each add is walked once). It builds a
concrete address for each pattern from a small world of real objects, then calls it with GET, and with
POST (or PATCH) and a minimal body where the endpoint changes data, as each of:

- anonymous;
- other_staff: unit B's staff (B cooperates on the report's item, so it is not a stranger to it);
- own_staff: unit A's staff, A being the report's unit (责任单位 on the item);
- own_head: unit A's head;
- lead_head: the head of unit L, the item's lead unit (牵头单位);
- leader: a department leader (厅领导);
- admin: an administrator (role admin, is_staff, not a superuser: units/roles.py).

Each answer is checked against EXPECTED (exact names) and then RULES (groups of admin pages, first
match wins): the status code, where a redirect leads, and whether the call changed any data (each call
runs in a savepoint that is rolled back, so the calls do not depend on each other, and a call that is
not expected to write must leave every table as it was). No call may answer 500.

A pattern that no expectation covers fails `test_every_url_pattern_has_an_access_expectation` (and the
walk), naming it: an endpoint added without deciding who may call it cannot slip through.

The report is SUBMITTED, so that its unit's head may approve it and the lead unit's head may return
it, while its staff may no longer edit it (their writes answer 409 in the API, or a redirect with a
message on the pages).
"""

import copy
import datetime as dt
import json
import re
import types
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from fnmatch import fnmatchcase
from urllib.parse import parse_qs, urlsplit

import pytest
from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, path, resolve, reverse
from django.utils import timezone
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)
from knox.models import AuthToken

from exports.models import ExportJob
from exports.services import export_job_run
from notices.models import Channel, Notice, Urge
from reports.choices import ReportStatus
from reports.models import ProgressReport
from reports.validation import ValueInput
from reports.workflow import services
from tasks.choices import AssignmentRole
from tasks.models import Obligation
from tests import factories
from tests.uploads import pdf
from units.choices import Role
from units.models import User

ROLES = ("anonymous", "other_staff", "own_staff", "own_head", "lead_head", "leader", "admin")
SIGNED_IN = ROLES[1:]
HOW_TO_FIX = "add one to tests/portal/test_access_walk.py"


# ---------------------------------------------------------------- what an answer must be


@dataclass(frozen=True)
class Expect:
    """One expected answer. `to` is where a redirect must lead: "login?next" and "admin:login?next"
    mean that login page with `next` set to the address called; any other value is a URL name (a glob
    is allowed) that the Location must resolve to. `writes`: the call changes data (otherwise every
    table must be as it was)."""

    status: int
    to: str | None = None
    writes: bool = False

    def __str__(self):
        where = f" → {self.to}" if self.to else ""
        return f"{self.status}{where}{' (writes)' if self.writes else ''}"


OK = Expect(200)
CREATED = Expect(201, writes=True)
DONE = Expect(200, writes=True)  # an API step that succeeds
BAD_REQUEST = Expect(400)
UNAUTHORIZED = Expect(401)
FORBIDDEN = Expect(403)
NOT_FOUND = Expect(404)
NOT_ALLOWED = Expect(405)
CONFLICT = Expect(409)
LOGIN = Expect(302, "login?next")  # the portal's login page, back to the address afterwards
ADMIN_LOGIN = Expect(302, "admin:login?next")


def to(name: str, *, writes: bool = False) -> Expect:
    return Expect(302, name, writes)


def table(*, anonymous: Expect, others: Expect | None = None, **by_role: Expect) -> dict[str, Expect]:
    """An answer for every role: `anonymous`, the roles named, and `others` for the rest."""
    unknown = set(by_role) - set(ROLES)
    assert not unknown, f"unknown roles {unknown}"
    answers = {"anonymous": anonymous, **{r: by_role.get(r, others) for r in SIGNED_IN}}
    assert None not in answers.values(), f"no answer for {[r for r, e in answers.items() if e is None]}"
    return answers


def page(signed_in: Expect = OK, **by_role) -> dict[str, Expect]:
    """A portal page: anonymous visitors go to the login page."""
    return table(anonymous=LOGIN, others=signed_in, **by_role)


def api(signed_in: Expect = OK, **by_role) -> dict[str, Expect]:
    """An API endpoint: without credentials, 401."""
    return table(anonymous=UNAUTHORIZED, others=signed_in, **by_role)


def admin_page(admin: Expect, **by_role) -> dict[str, Expect]:
    """A page of the admin site itself (index, password, app index ...): everyone but the administrator
    goes to the admin's login page."""
    return table(anonymous=ADMIN_LOGIN, others=ADMIN_LOGIN, admin=admin, **by_role)


def model_admin_page(admin: Expect, **by_role) -> dict[str, Expect]:
    """A model's page in the admin. Anonymous visitors go to the *portal's* login page: ModelAdmin's
    views carry no `login_url` (AdminSite's own views do), so LoginRequiredMiddleware sends them to
    settings.LOGIN_URL; a signed-in non-administrator goes to the admin's login page."""
    return table(anonymous=LOGIN, others=ADMIN_LOGIN, admin=admin, **by_role)


def the_report(signed_in: Expect, *, api_page: bool = False, **by_role) -> dict[str, Expect]:
    """An address of unit A's report: unit B does not see it (404), whatever else holds."""
    make = api if api_page else page
    return make(signed_in, other_staff=NOT_FOUND, **by_role)


@dataclass(frozen=True)
class Rule:
    """Who gets what at one address: GET always; POST (or PATCH) with `body` where the endpoint changes
    data. `body` returns the minimal body: form fields for pages, JSON for the API (multipart when
    `multipart`)."""

    get: dict[str, Expect]
    post: dict[str, Expect] | None = None
    patch: dict[str, Expect] | None = None
    body: Callable[["World"], dict] = lambda world: {}
    multipart: bool = False

    def calls(self):
        return [(m, t) for m, t in (("get", self.get), ("post", self.post), ("patch", self.patch)) if t]


# the report's own pages refuse everyone but the unit's staff (edit), head (review), the administrator
# (correct) with 403, as rules.check_who does; unit B is told nothing (404)
REPORT_STAFF_ONLY = the_report(FORBIDDEN, own_staff=to("report-detail"))

EXPECTED: dict[str, Rule] = {
    # ---- the portal's own pages (portal/urls.py)
    "home": Rule(
        get=page(
            own_staff=to("my-work"),
            other_staff=to("my-work"),
            own_head=to("review-queue"),
            lead_head=to("review-queue"),
            leader=to("leader-home"),
            admin=to("leader-home"),
        ),
    ),
    "login": Rule(
        # redirect_authenticated_user: a signed-in person goes home, whatever the method
        get=table(anonymous=OK, others=to("home")),
        post=table(anonymous=OK, others=to("home")),  # an empty form: errors, no login
    ),
    "logout": Rule(
        # not marked login_not_required: anonymous visitors go to the login page first
        get=page(NOT_ALLOWED),  # Django's LogoutView: POST only
        post=page(to("login")),
    ),
    "healthz": Rule(get=table(anonymous=OK, others=OK)),
    "readyz": Rule(get=table(anonymous=OK, others=OK)),
    # the test client asks from this host, which is answered whoever is signed in; from elsewhere or
    # without the token: 404 (tests/portal/test_metrics.py)
    "metrics": Rule(get=table(anonymous=OK, others=OK)),
    # ---- units/urls.py
    "password-change": Rule(get=page(), post=page()),  # an empty form: 200 with its errors
    # ---- tasks/urls.py: the published plan, for everyone signed in
    "plan-detail": Rule(get=page()),
    "plan-year": Rule(get=page()),
    # ---- reports/urls.py
    "my-work": Rule(get=page(leader=to("leader-home"), admin=to("leader-home"))),
    "work-item-detail": Rule(get=page()),
    # no role check: staff see their unit's submitted reports, leaders and administrators all of them
    "review-queue": Rule(get=page()),
    # everyone: a unit's people see their own unit's rows (tests/reports/dashboard/test_dashboard.py)
    "leader-home": Rule(get=page()),
    "obligation-list": Rule(get=page()),
    "unit-ranking": Rule(get=page()),  # a unit's people see their own unit's row
    # unit A's page: its own people, leaders and administrators; unit L's head is told nothing
    "unit-detail": Rule(get=page(NOT_FOUND, own_staff=OK, own_head=OK, leader=OK, admin=OK)),
    "report-list": Rule(get=page()),
    # the summary workbook: everyone signed in, each with what they see (tests/exports/test_summary.py);
    # by session or API token, so without either it answers as the API does
    "summary-export": Rule(
        get=table(anonymous=UNAUTHORIZED, others=OK), post=table(anonymous=UNAUTHORIZED, others=NOT_ALLOWED)
    ),
    # importing a plan from its document: administrators only; an empty form is refused with its errors
    "plan-import": Rule(get=page(FORBIDDEN, admin=OK), post=page(FORBIDDEN, admin=BAD_REQUEST)),
    # the fill-in template (Excel 填报): a unit's staff only; without a period or a file they are told
    # what is missing (tests/reports/fill_in/test_fill_in.py fills one)
    "template-download": Rule(
        get=table(anonymous=UNAUTHORIZED, others=FORBIDDEN, own_staff=BAD_REQUEST, other_staff=BAD_REQUEST),
        post=table(anonymous=UNAUTHORIZED, others=NOT_ALLOWED),
    ),
    "fill-in": Rule(
        get=page(FORBIDDEN, own_staff=OK, other_staff=OK),
        post=page(FORBIDDEN, own_staff=BAD_REQUEST, other_staff=BAD_REQUEST),
    ),
    "fill-in-confirm": Rule(
        get=page(NOT_ALLOWED), post=page(FORBIDDEN, own_staff=BAD_REQUEST, other_staff=BAD_REQUEST)
    ),
    "details-csv": Rule(
        get=table(anonymous=UNAUTHORIZED, others=OK), post=table(anonymous=UNAUTHORIZED, others=NOT_ALLOWED)
    ),
    # the summary draft's page: everyone signed in (the menu offers it to heads, leaders, administrators)
    "summary-draft": Rule(get=page()),
    # 上传定稿: an empty form is sent back to the page with its message, whoever sends it
    "summary-final": Rule(get=page(NOT_ALLOWED), post=page(to("summary-draft"))),
    # a large export's job: its creator's (the leader's), and the administrator's
    "export-job": Rule(get=page(NOT_FOUND, leader=OK, admin=OK)),
    # notices: each person's own; unit A's head has one (the report's submission), no one else sees it
    "notice-list": Rule(get=page()),
    "notice-open": Rule(get=page(NOT_FOUND, own_head=to("report-detail", writes=True))),
    "notice-read": Rule(get=page(NOT_ALLOWED), post=page(NOT_FOUND, own_head=to("notice-list", writes=True))),
    "notice-read-all": Rule(
        get=page(NOT_ALLOWED), post=page(to("notice-list"), own_head=to("notice-list", writes=True))
    ),
    "notice-settings": Rule(get=page(), post=page(to("notice-settings", writes=True))),
    # 继续保持登录: anyone signed in restarts their own idle clock (POST only)
    "session-keepalive": Rule(get=page(NOT_ALLOWED), post=page()),
    # 催办: leaders and administrators, on unit A's overdue July report
    "obligation-urge": Rule(
        get=page(FORBIDDEN, leader=OK, admin=OK),
        post=page(
            FORBIDDEN, leader=to("obligation-urge", writes=True), admin=to("obligation-urge", writes=True)
        ),
        body=lambda w: {"note": "请尽快报送。"},
    ),
    # the form of a report not yet started: only a unit's staff; without an item and period to
    # report on, there is none (tests/reports/test_new_report.py opens it as a person does)
    "report-new": Rule(
        get=page(FORBIDDEN, own_staff=NOT_FOUND, other_staff=NOT_FOUND),
        post=page(FORBIDDEN, own_staff=NOT_FOUND, other_staff=NOT_FOUND),
    ),
    "report-detail": Rule(get=the_report(OK)),
    "report-edit": Rule(get=REPORT_STAFF_ONLY, post=REPORT_STAFF_ONLY),  # submitted: no longer editable
    "report-submit": Rule(get=page(NOT_ALLOWED), post=REPORT_STAFF_ONLY),  # already submitted
    "report-review": Rule(
        get=page(NOT_ALLOWED),
        post=the_report(FORBIDDEN, own_head=to("report-detail", writes=True)),  # lead_head may not approve
        body=lambda w: {"action": "approve"},
    ),
    "report-correct": Rule(
        get=the_report(FORBIDDEN, admin=OK),
        post=the_report(FORBIDDEN, admin=OK),  # an empty form: 200 with its errors
    ),
    "attachment-download": Rule(get=the_report(OK)),
    # 数据疑点: the list for everyone signed in (each with what they see); marking one explained is
    # for the report's reviewers, unit A's head and the lead unit's head
    "flag-list": Rule(get=page()),
    "flag-explain": Rule(
        get=page(NOT_ALLOWED),
        post=the_report(
            FORBIDDEN, own_head=to("report-detail", writes=True), lead_head=to("report-detail", writes=True)
        ),
        body=lambda w: {"comment": "已核实。"},
    ),
    "attachment-delete": Rule(
        get=page(NOT_ALLOWED),
        post=the_report(FORBIDDEN, own_staff=to("report-edit")),  # submitted: refused with a message
    ),
    # ---- the API (portal/api/urls.py): 401 without credentials
    "api:token": Rule(
        get=table(anonymous=NOT_ALLOWED, others=NOT_ALLOWED),  # no authentication at all: POST only
        post=table(anonymous=BAD_REQUEST, others=BAD_REQUEST),  # no username or password
    ),
    # knox's logout views take a token and nothing else: a session is no credential there (401)
    "api:token-logout": Rule(get=api(UNAUTHORIZED), post=api(UNAUTHORIZED)),
    "api:token-logout-all": Rule(get=api(UNAUTHORIZED), post=api(UNAUTHORIZED)),
    "api:api-root": Rule(get=api()),
    "api:schema": Rule(get=api()),
    "api:docs": Rule(get=page()),  # a page: anonymous visitors go to the login page
    # the plan and the roster: read-only for everyone signed in
    "api:unit-list": Rule(get=api(), post=api(NOT_ALLOWED)),
    "api:unit-detail": Rule(get=api(), patch=api(NOT_ALLOWED)),
    "api:plan-list": Rule(get=api(), post=api(NOT_ALLOWED)),
    "api:plan-detail": Rule(get=api(), patch=api(NOT_ALLOWED)),
    "api:work-item-list": Rule(get=api(), post=api(NOT_ALLOWED)),
    "api:work-item-detail": Rule(get=api(), patch=api(NOT_ALLOWED)),
    # progress reports: 404 to whom may not see it, 403 to whom may see but not act, 409 for the status
    "api:progress-report-list": Rule(
        get=api(),
        post=api(FORBIDDEN, own_staff=CREATED),  # a report for unit A: only A's staff start one
        body=lambda w: {"work_item": w.item.pk, "unit": w.own.pk, "period": "2024-07"},
    ),
    "api:progress-report-detail": Rule(
        get=the_report(OK, api_page=True),
        patch=the_report(FORBIDDEN, api_page=True, own_staff=CONFLICT),
        body=lambda w: {"version": w.report.version, "done": "改写进展。"},
    ),
    "api:progress-report-import-": Rule(
        get=api(NOT_ALLOWED),
        post=api(FORBIDDEN, own_staff=BAD_REQUEST, other_staff=BAD_REQUEST),  # no file
        multipart=True,
    ),
    "api:progress-report-submit": Rule(
        get=api(NOT_ALLOWED),
        post=the_report(FORBIDDEN, api_page=True, own_staff=CONFLICT),
    ),
    "api:progress-report-approve": Rule(
        get=api(NOT_ALLOWED),
        post=the_report(FORBIDDEN, api_page=True, own_head=DONE),
        body=lambda w: {"comment": "同意。"},
    ),
    "api:progress-report-return-": Rule(
        get=api(NOT_ALLOWED),
        post=the_report(FORBIDDEN, api_page=True, own_head=DONE, lead_head=DONE),
        body=lambda w: {"comment": "请补充明细。"},
    ),
    "api:progress-report-explain": Rule(
        get=api(NOT_ALLOWED),
        post=the_report(FORBIDDEN, api_page=True, own_head=DONE, lead_head=DONE),
        body=lambda w: {"comment": "已核实。"},
    ),
    "api:progress-report-comment": Rule(
        get=api(NOT_ALLOWED),
        post=the_report(FORBIDDEN, api_page=True, own_head=DONE, lead_head=DONE),
        body=lambda w: {"comment": "请注意进度。"},
    ),
    "api:progress-report-correct": Rule(
        get=api(NOT_ALLOWED),
        post=the_report(FORBIDDEN, api_page=True, admin=CONFLICT),  # only an approved report
        body=lambda w: {"version": w.report.version, "reason": "数据有误。", "done": "更正后的进展。"},
    ),
    "api:progress-report-attachments": Rule(
        get=api(NOT_ALLOWED),
        post=the_report(FORBIDDEN, api_page=True, own_staff=CONFLICT),
        body=lambda w: {"file": pdf("补充材料.pdf")},
        multipart=True,
    ),
    # obligations: a unit's own (and, for the lead unit's head, its responsible units'); B sees none of A's
    "api:obligation-list": Rule(get=api(), post=api(NOT_ALLOWED)),
    "api:obligation-detail": Rule(get=the_report(OK, api_page=True), patch=api(NOT_ALLOWED)),
    "api:obligation-urge": Rule(
        get=api(NOT_ALLOWED),
        post=the_report(FORBIDDEN, api_page=True, leader=CREATED, admin=CREATED),
        body=lambda w: {"note": "请尽快报送。"},
    ),
    # notices: the caller's own (unit A's head has one)
    "api:notification-list": Rule(get=api(), post=api(NOT_ALLOWED)),
    "api:notification-detail": Rule(get=api(NOT_FOUND, own_head=OK), patch=api(NOT_ALLOWED)),
    "api:notification-read": Rule(get=api(NOT_ALLOWED), post=api(NOT_FOUND, own_head=DONE)),
    "api:export-job-list": Rule(get=api(), post=api(NOT_ALLOWED)),
    # summary drafts: everyone signed in; without a unit a unit's people get their own unit's draft,
    # leaders and administrators the department's (tests/exports/test_documents.py asks for others')
    "api:summary-draft-docx": Rule(get=api(), post=api(NOT_ALLOWED)),
    "api:export-job-detail": Rule(get=api(NOT_FOUND, leader=OK, admin=OK), patch=api(NOT_ALLOWED)),
    "api:export-job-file": Rule(get=api(NOT_FOUND, leader=OK, admin=OK), post=api(NOT_ALLOWED)),
    "api:notification-read-all": Rule(get=api(NOT_ALLOWED), post=api(OK, own_head=DONE)),
    # targets and their actuals: the published plan, for everyone signed in
    "api:target-list": Rule(get=api(), post=api(NOT_ALLOWED)),
    "api:dashboard": Rule(get=api(), post=api(NOT_ALLOWED)),
    "api:target-detail": Rule(get=api(), patch=api(NOT_ALLOWED)),
    # ---- Django's admin: the site's own pages
    "admin:index": Rule(get=admin_page(OK)),
    "admin:login": Rule(
        get=table(anonymous=OK, others=OK, admin=to("admin:index")),
        post=table(anonymous=OK, others=OK),  # an empty form: errors, no login
    ),
    "admin:logout": Rule(
        # a signed-in non-administrator is sent to the admin's index (and from there to its login)
        get=table(anonymous=ADMIN_LOGIN, others=to("admin:index"), admin=NOT_ALLOWED),  # POST only
        post=table(anonymous=ADMIN_LOGIN, others=to("admin:index"), admin=to("login")),
    ),
    "admin:password_change": Rule(get=admin_page(OK), post=admin_page(OK)),
    "admin:password_change_done": Rule(get=admin_page(OK)),
    "admin:autocomplete": Rule(get=admin_page(OK)),  # called as the assignment form's unit field does
    "admin:jsi18n": Rule(get=admin_page(OK)),
    "admin:view_on_site": Rule(get=admin_page(NOT_FOUND)),  # no model has get_absolute_url
    # app indexes: the administrator's apps, and 404 for those they hold no permission in
    "admin:app_list[units]": Rule(get=admin_page(OK)),
    "admin:app_list[tasks]": Rule(get=admin_page(OK)),
    "admin:app_list[reports]": Rule(get=admin_page(OK)),
    "admin:app_list[notices]": Rule(get=admin_page(OK)),
    "admin:app_list[exports]": Rule(get=admin_page(OK)),
    "admin:app_list[auditlog]": Rule(get=admin_page(OK)),
    "admin:app_list[auth]": Rule(get=admin_page(NOT_FOUND)),
    "admin:app_list[knox]": Rule(get=admin_page(NOT_FOUND)),
    "admin:app_list[django_celery_beat]": Rule(get=admin_page(OK)),
    "admin:app_list[axes]": Rule(get=admin_page(NOT_FOUND)),
    # a person's password, reset by an administrator (units.change_user); the walk opens a unit
    # member's. NB: an administrator may reset a superuser's password here too (not encoded: reported)
    "admin:auth_user_password_change": Rule(get=model_admin_page(OK), post=model_admin_page(OK)),
}

# Model pages of the admin, by app (a glob on the URL name), first match wins. Each model has a
# changelist, add, change and delete page (GET, and POST with an empty body: a form's errors, a delete's
# question, a list without an action), a history page and, for audited models, an audit trail page
# (GET only). The administrator's answer on each, from units/roles.py and the ModelAdmins; everyone
# else is sent to a login page (model_admin_page).
ADMIN_PAGE_KINDS = ("changelist", "add", "change", "delete", "history", "auditlog")
ADMIN_WRITE_KINDS = ("changelist", "add", "change", "delete")
DENIED_EVERYWHERE = dict.fromkeys(ADMIN_PAGE_KINDS, (FORBIDDEN, FORBIDDEN))
MANAGED = dict.fromkeys(ADMIN_PAGE_KINDS, (OK, OK))
READ_ONLY = {
    **dict.fromkeys(ADMIN_PAGE_KINDS, (OK, None)),
    "changelist": (OK, OK),
    "change": (OK, FORBIDDEN),  # shown as a read-only page; a POST is refused
    "add": (FORBIDDEN, FORBIDDEN),
    "delete": (FORBIDDEN, FORBIDDEN),
}
ADMIN_MODEL_PAGES: list[tuple[str, str, dict]] = [
    # the technical operator's (superuser's) tables
    ("admin:auth_group", "groups: superuser only", DENIED_EVERYWHERE),
    ("admin:knox_*", "API tokens: superuser only", DENIED_EVERYWHERE),
    # the daily reminder job's time: administrators change a schedule, never add or delete one
    (
        "admin:django_celery_beat_periodictask",
        "schedules: administrators change them",
        {**MANAGED, "add": (FORBIDDEN, FORBIDDEN), "delete": (FORBIDDEN, FORBIDDEN)},
    ),
    (
        "admin:django_celery_beat_crontabschedule",
        "crontab times: administrators change them",
        {**MANAGED, "add": (FORBIDDEN, FORBIDDEN), "delete": (FORBIDDEN, FORBIDDEN)},
    ),
    ("admin:django_celery_beat_*", "Celery's other tables: superuser only", DENIED_EVERYWHERE),
    ("admin:axes_*", "the lockout records: superuser only", DENIED_EVERYWHERE),
    # administrators manage units and people, but never delete either (a person is deactivated)
    ("admin:units_*", "units and people", {**MANAGED, "delete": (FORBIDDEN, FORBIDDEN)}),
    ("admin:tasks_obligation", "obligations follow from the plan: read only", READ_ONLY),
    ("admin:tasks_*", "the plan: administrators manage it", MANAGED),
    # reports change only through the workflow; the audit trail is never edited
    ("admin:reports_*", "reports: read only", READ_ONLY),
    ("admin:notices_*", "notices and urges: read only (a failed one resent by an action)", READ_ONLY),
    ("admin:exports_*", "export jobs: read only (a stuck one queued again by an action)", READ_ONLY),
    ("admin:auditlog_*", "the audit trail: read only", READ_ONLY),
]
RULES: list[tuple[str, Rule, str]] = [
    *[
        (
            f"{glob}_{kind}",
            Rule(
                get=model_admin_page(get),
                post=model_admin_page(post) if kind in ADMIN_WRITE_KINDS else None,
            ),
            why,
        )
        for glob, why, kinds in ADMIN_MODEL_PAGES
        for kind, (get, post) in kinds.items()
    ],
    # `<path:object_id>/` redirects to the object's change page (which then checks permissions)
    (
        "<unnamed> admin/*/*/<path:object_id>/",
        Rule(get=model_admin_page(to("admin:*_change"))),
        "an object's bare address",
    ),
    ("<unnamed> admin/(?P<url>.*)$", Rule(get=admin_page(NOT_FOUND)), "the admin's catch-all"),
]


def rule_for(key: str) -> Rule | None:
    if key in EXPECTED:
        return EXPECTED[key]
    return next((rule for glob, rule, _why in RULES if fnmatchcase(key, glob)), None)


# ---------------------------------------------------------------- the patterns


@dataclass(frozen=True)
class Pattern:
    """One URL pattern: its key ("namespace:name", or "<unnamed> route"), route and parameters."""

    key: str
    name: str | None
    route: str
    params: tuple[str, ...]
    regex: str


def _params(pattern) -> list[str]:
    if hasattr(pattern, "converters") and pattern.converters:
        return list(pattern.converters)
    return list(pattern.regex.groupindex)


def _walk(patterns, prefix="", namespace=None, params=(), regex=""):
    for entry in patterns:
        here = (*params, *_params(entry.pattern))
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            inner = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(entry.url_patterns, route, inner, here, regex + entry.pattern.regex.pattern)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            key = name or f"<unnamed> {route}"
            yield Pattern(key, name, route, here, regex + entry.pattern.regex.pattern)


def url_patterns() -> list[Pattern]:
    """Every pattern once: format-suffix variants (a router's `.json` twins) only duplicate a pattern
    without the suffix and are left out; a pattern met twice (each router's api-root) is kept once."""
    every = list(_walk(get_resolver().url_patterns))
    plain = {p.key for p in every if "format" not in p.params}
    kept, seen = [], set()
    for p in every:
        if "format" in p.params:
            assert p.key in plain, f"{p.key} exists only with a format suffix: walk it too"
            continue
        if (p.key, p.route) not in seen:
            seen.add((p.key, p.route))
            kept.append(p)
    return kept


def variants(pattern: Pattern) -> list[tuple[str, dict]]:
    """The keys a pattern is checked under, with parameters that select the variant: one each for
    the admin's app index (one per app label), else the pattern's own key."""
    if pattern.name == "admin:app_list":
        labels = re.search(r"\(\?P<app_label>([^)]*)\)", pattern.regex).group(1).split("|")
        return [(f"{pattern.key}[{label}]", {"app_label": label}) for label in labels]
    return [(pattern.key, {})]


def every_key() -> list[str]:
    return [key for p in url_patterns() for key, _ in variants(p)]


# ---------------------------------------------------------------- the world


@dataclass
class World:
    plan: object
    section: object
    item: object
    target: object
    deadline: object
    own: object  # unit A: responsible for the item; the report is its
    other: object  # unit B: cooperating on the item
    lead: object  # unit L: leads the item
    report: object
    attachment: object
    people: dict
    overdue: object  # unit A's July obligation: nothing submitted
    notice: object  # unit A's head's notice of the report's submission
    export_job: object  # the leader's finished export
    flag: object  # a plausibility flag on the report (its figure is over the province's goal)
    admin_objects: dict = field(default_factory=dict)  # model → an object the admin pages open


def build_world() -> World:
    plan = factories.PlanFactory(year=2024)
    section = factories.SectionFactory(plan=plan, number=1, title="推进交通运输绿色低碳转型")
    item = factories.WorkItemFactory(section=section, number=3, title="碳达峰碳中和工作")
    own = factories.UnitFactory(code="unit-a", name="长春市交通运输局", short_name="长春市")
    other = factories.UnitFactory(code="unit-b", name="吉林市交通运输局", short_name="吉林市")
    lead = factories.UnitFactory(code="unit-l", name="厅综合规划处", short_name="综规处")
    assignment = factories.AssignmentFactory(work_item=item, unit=lead, role=AssignmentRole.LEAD)
    factories.AssignmentFactory(work_item=item, unit=own, role=AssignmentRole.RESPONSIBLE)
    factories.AssignmentFactory(work_item=item, unit=other, role=AssignmentRole.COOPERATING)
    target = factories.TargetFactory(work_item=item)
    reporter = factories.TargetReporterFactory(target=target, unit=own)
    deadline = factories.DeadlineFactory(work_item=item)
    people = {
        "other_staff": factories.UserFactory(username="b-staff", unit=other, role=Role.UNIT_STAFF),
        "own_staff": factories.UserFactory(username="a-staff", unit=own, role=Role.UNIT_STAFF),
        "own_head": factories.HeadFactory(username="a-head", unit=own),
        "lead_head": factories.HeadFactory(username="l-head", unit=lead),
        "leader": factories.LeaderFactory(username="leader"),
        "admin": factories.AdminFactory(username="admin"),
    }
    # unit A's report, made as the portal makes it: a draft with a value and evidence, then submitted
    staff = people["own_staff"]
    report = services.report_create(user=staff, work_item=item, unit=own, period="2024-06")
    services.report_update(
        report=report, user=staff, version=report.version, done="完成了部分工作。",
        values=[ValueInput(target=target, value=Decimal("10000"))], uploads=[pdf("佐证材料.pdf")],
    )  # fmt: skip
    services.report_submit(report=report, user=staff)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    notice = Notice.objects.get(user=people["own_head"], channel=Channel.INAPP)
    overdue = Obligation.objects.get(unit=own, work_item=item, period="2024-07")
    interval = IntervalSchedule.objects.create(every=10, period=IntervalSchedule.MINUTES)
    access = {"user_agent": "test", "ip_address": "10.0.0.1", "username": "b-staff", "http_accept": "*/*"}
    admin_objects = [
        own, staff, plan, section, item, assignment, target, reporter, deadline, report,
        Obligation.objects.filter(unit=own).first(),
        Group.objects.create(name="测试组"),
        AuthToken.objects.create(user=staff)[0],
        interval,
        CrontabSchedule.objects.create(minute="0", hour="8"),
        SolarSchedule.objects.create(event="sunrise", latitude=Decimal("43.8"), longitude=Decimal("125.3")),
        ClockedSchedule.objects.create(clocked_time=timezone.now() + dt.timedelta(days=1)),
        PeriodicTask.objects.create(name="报送提醒", task="reports.jobs.remind", interval=interval),
        AccessAttempt.objects.create(**access, path_info="/login/", get_data="", post_data="",
                                     failures_since_start=1),
        AccessLog.objects.create(**access, path_info="/login/"),
        AccessFailureLog.objects.create(**access, path_info="/login/"),
        LogEntry.objects.get_for_object(own).first(),
        notice,
        Urge.objects.create(obligation=overdue, by=people["leader"], note="请尽快报送。"),
    ]  # fmt: skip
    assert None not in admin_objects
    export_job = ExportJob.objects.create(created_by=people["leader"], plan=plan, as_of=dt.date(2024, 7, 10))
    export_job_run(export_job.pk)
    Notice.objects.filter(user=people["leader"]).update(read_at=timezone.now())  # the walk reads none
    return World(
        plan=plan, section=section, item=item, target=target, deadline=deadline, own=own, other=other,
        lead=lead, report=report, attachment=report.attachments.get(), people=people, overdue=overdue,
        notice=notice, export_job=export_job, flag=report.flags.first(),
        admin_objects={type(obj): obj for obj in [*admin_objects, export_job]},
    )  # fmt: skip


# what a `pk` stands for, by key
PK_OF: list[tuple[str, Callable[[World], object]]] = [
    ("work-item-detail", lambda w: w.item),
    ("report-*", lambda w: w.report),
    ("attachment-*", lambda w: w.report),
    ("flag-*", lambda w: w.report),
    ("api:unit-*", lambda w: w.own),
    ("api:plan-*", lambda w: w.plan),
    ("api:work-item-*", lambda w: w.item),
    ("api:progress-report-*", lambda w: w.report),
    ("obligation-urge", lambda w: w.overdue),
    ("api:obligation-urge", lambda w: w.overdue),
    ("api:obligation-*", lambda w: Obligation.objects.get(unit=w.own, work_item=w.item, period="2024-06")),
    ("notice-*", lambda w: w.notice),
    ("api:notification-*", lambda w: w.notice),
    ("api:target-*", lambda w: w.target),
    ("export-job", lambda w: w.export_job),
    ("api:export-job-*", lambda w: w.export_job),
]
# query strings some addresses need to do their work
QUERY = {
    "admin:autocomplete": "?app_label=tasks&model_name=assignment&field_name=unit&term=",
}


class CannotBuild(Exception):
    pass


def _admin_object(world: World, route: str):
    match = re.match(r"admin/(\w+)/(\w+)/", route)
    model = apps.get_model(match.group(1), match.group(2))
    if model not in world.admin_objects:
        raise CannotBuild(f"no {model._meta.label} in the world: add one to build_world()")
    return world.admin_objects[model]


def fill(pattern: Pattern, key: str, extra: dict, world: World) -> str:
    """The concrete address of a pattern: each parameter from the world's objects."""
    kwargs = dict(extra)
    for param in pattern.params:
        if param in kwargs:
            continue
        if param == "pk":
            source = next((get for glob, get in PK_OF if fnmatchcase(key, glob)), None)
            if source is None:
                raise CannotBuild(f"what `pk` of {key} stands for: add it to PK_OF")
            kwargs[param] = source(world).pk
        elif param == "attachment_pk":
            kwargs[param] = world.attachment.pk
        elif param == "flag_pk":
            kwargs[param] = world.flag.pk
        elif param == "year":
            kwargs[param] = world.plan.year
        elif param == "code":
            kwargs[param] = world.own.code
        elif key == "admin:view_on_site":
            kwargs = {"content_type_id": ContentType.objects.get_for_model(ProgressReport).pk,
                      "object_id": world.report.pk}  # fmt: skip
        elif param in ("object_id", "id"):
            kwargs[param] = _admin_object(world, pattern.route).pk
        elif param == "url":
            # the admin's catch-all has no object: any address no other pattern answers
            kwargs[param] = "no-such-page/"
        else:
            raise CannotBuild(
                f"parameter `{param}` of {key}: teach fill() in tests/portal/test_access_walk.py"
            )
    if pattern.name:
        address = reverse(pattern.name, kwargs=kwargs)
    else:  # unnamed patterns cannot be reversed: put the values into the route
        address = "/" + pattern.route.lstrip("^").rstrip("$")
        for param, value in kwargs.items():
            address = re.sub(rf"<(\w+:)?{param}>|\(\?P<{param}>[^)]*\)", str(value), address)
    return address + QUERY.get(key, "")


# ---------------------------------------------------------------- calling


def fingerprint():
    """Every table's row count (sessions aside; the audit trail counts every change to the plan, the
    units and the people), and the columns a write to a report or a person changes: enough to tell
    whether a call wrote anything."""
    tables = sorted(
        m._meta.db_table
        for m in apps.get_models()
        if m._meta.managed and not m._meta.proxy and m._meta.app_label != "sessions"
    )
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables))
        counts = dict(zip(tables, cursor.fetchone(), strict=True))
    reports = list(ProgressReport.objects.order_by("pk").values_list("pk", "status", "version", "done"))
    people = list(
        User.objects.order_by("pk").values_list(
            "pk", "is_active", "role", "unit_id", "password", "email_notices"
        )
    )
    notices = list(Notice.objects.order_by("pk").values_list("pk", "read_at", "status"))
    return counts, reports, people, notices


def send(client, method: str, address: str, rule: Rule, world: World, baseline):
    """One call in a savepoint rolled back afterwards, with the client's cookies put back: the next
    call sees the same world and the same session. Returns the response and whether data changed."""
    cookies = copy.deepcopy(client.cookies)
    kwargs = {}
    if method != "get":
        body = rule.body(world)
        if address.startswith("/api/") and not rule.multipart:
            kwargs = {"data": json.dumps(body), "content_type": "application/json"}
        else:
            kwargs = {"data": body}
    with transaction.atomic():
        response = getattr(client, method)(address, **kwargs)
        try:
            changed = fingerprint() != baseline
        except Exception as exc:  # the request left the transaction broken
            changed = f"unknown ({exc.__class__.__name__})"
        transaction.set_rollback(True)
    client.cookies = cookies
    if response.streaming:  # read a download to its end; closing it would close the test's connection
        b"".join(response.streaming_content)
    return response, changed


def problem(response, expect: Expect, address: str, changed) -> str | None:
    """What is wrong with an answer, or None."""
    status = response.status_code
    if status >= 500:
        return f"answered {status}"
    if status != expect.status:
        location = f" → {response.get('Location')}" if response.has_header("Location") else ""
        return f"answered {status}{location}, expected {expect}"
    if expect.to:
        location = response.get("Location", "")
        where = urlsplit(location)
        if expect.to.endswith("?next"):
            login = reverse(expect.to.removesuffix("?next"))
            if where.path != login or parse_qs(where.query).get("next") != [address]:
                return f"redirected to {location}, expected {login}?next={address}"
        else:
            try:
                name = resolve(where.path).view_name
            except Exception:
                name = None
            if not (name and fnmatchcase(name, expect.to)) or "next" in parse_qs(where.query):
                return f"redirected to {location} ({name}), expected {expect.to}"
    if changed is not expect.writes:
        return f"changed data: {changed}, expected {expect.writes}"
    return None


# ---------------------------------------------------------------- the tests


def unexpected() -> list[str]:
    """A message for each URL pattern that no expectation covers."""
    return [
        f"new URL pattern {key} has no access expectation: {HOW_TO_FIX}"
        for key in every_key()
        if rule_for(key) is None
    ]


def test_every_url_pattern_has_an_access_expectation():
    missing = unexpected()
    assert not missing, "\n".join(missing)


def test_a_pattern_added_without_an_expectation_fails_naming_it(settings):
    # given a page added to the project without deciding who may open it
    urlconf = types.ModuleType("urls_with_a_new_page")
    urlconf.urlpatterns = [
        *get_resolver().url_patterns,
        path("reports/export/", lambda request: HttpResponse("全部报告"), name="report-export"),
    ]
    settings.ROOT_URLCONF = urlconf
    # then the walk names it, and only it
    assert unexpected() == [
        "new URL pattern report-export has no access expectation: add one to tests/portal/test_access_walk.py"
    ]


def test_every_expectation_names_a_url_pattern():
    keys = every_key()
    stale = [key for key in EXPECTED if key not in keys]
    globs = [f"{glob}_*" for glob, _, _ in ADMIN_MODEL_PAGES] + [g for g, _, _ in RULES if g.startswith("<")]
    stale += [glob for glob in globs if not any(fnmatchcase(k, glob) for k in keys)]
    assert not stale, f"expectations for URL patterns that no longer exist: {stale}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_access_walk(role):
    # given the world, and a browser signed in as `role`
    world = build_world()
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(world.people[role])
    baseline = fingerprint()
    failures, calls = [], 0
    # when it calls every URL pattern
    for pattern in url_patterns():
        for key, extra in variants(pattern):
            rule = rule_for(key)
            if rule is None:
                failures.append(f"new URL pattern {key} has no access expectation: {HOW_TO_FIX}")
                continue
            try:
                address = fill(pattern, key, extra, world)
            except CannotBuild as exc:
                failures.append(f"{key}: cannot build an address: {exc}")
                continue
            for method, answers in rule.calls():
                calls += 1
                response, changed = send(client, method, address, rule, world, baseline)
                # then each answer is the one the table expects
                wrong = problem(response, answers[role], address, changed)
                if wrong:
                    failures.append(f"{role} {method.upper()} {address} ({key}): {wrong}")
    assert calls > 200
    assert not failures, f"{len(failures)} of {calls} calls:\n" + "\n".join(failures)
