"""Every link a person sees, followed. Each role logs in through the login page and walks, breadth
first, every link (`<a href>`) reachable from its home page: each must answer 200 (after redirects)
with a page in the portal's own layout (an attachment only needs to download); a unit member or a
leader must never be shown a link into the JSON API or Django's admin.

The administrator lands on the portal's overview like a leader; the top bar links them to Django's
admin, whose own pages are walked too (only the plain addresses, not the sort and filter variants of
every list) and need not look like the portal, and whose "查看站点" leads back to the overview.
"""

import sys
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse

from reports.choices import ReportStatus

pytestmark = pytest.mark.django_db

PASSWORD = "pass12345"  # tests/factories.py gives every user this one
HOST = "testserver"
MAX_PAGES = 250  # per role
PER_PAGE = 3  # the report list's page size here, so that its page links show with a few reports
PORTAL_MARKER = 'data-testid="whoami"'  # the nav bar of templates/base.html, shown to a logged-in user
ADMIN_MARKER = 'id="site-name"'  # the header of Django's admin
DOWNLOADS = {
    "attachment-download",
    "summary-export",
    "details-csv",
    "template-download",
    "api:export-job-file",
}
# pages of their own layout: the API's Swagger UI, linked from every page's footer
OWN_LAYOUT = {"api:docs"}
NOT_FOLLOWED = {"logout", "admin:logout"}
# pages whose many filtered variants (a unit's, an item's, a period's …) repeat one template: a few
# of each are followed, so that the walk's budget reaches every other page
VARIANTS_FOLLOWED = {"obligation-list": 4, "leader-home": 4, "work-item-detail": 6}


# ---------------------------------------------------------------- reading pages


@dataclass
class Form:
    action: str
    method: str
    fields: dict = field(default_factory=dict)


class PageParser(HTMLParser):
    """The links (`<a href>`) and forms of one HTML page, with entities such as `&amp;` decoded."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[Form] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href") is not None:
            self.links.append(attrs["href"].strip())
        elif tag == "form":
            self.forms.append(Form(attrs.get("action") or "", (attrs.get("method") or "get").lower()))
        elif tag in ("input", "textarea", "select") and self.forms and attrs.get("name"):
            self.forms[-1].fields.setdefault(attrs["name"], attrs.get("value") or "")


def address(response) -> str:
    """Where a test client response was finally served from (after redirects): path and query."""
    query = response.request.get("QUERY_STRING", "")
    return response.request["PATH_INFO"] + (f"?{query}" if query else "")


def view_name(url: str) -> str | None:
    try:
        return resolve(urlsplit(url).path).view_name
    except Resolver404:
        return None


def log_in(client, username: str, password: str = PASSWORD):
    """Log in as a person does: open the login page, fill in its form and send it. Returns the page
    the portal lands on (the role's home page, by way of `/`)."""
    login_url = reverse("login")
    page = client.get(login_url)
    assert page.status_code == 200, f"GET {login_url} answered {page.status_code}"
    form = next(f for f in PageParser(page.content.decode()).forms if "password" in f.fields)
    assert form.method == "post" and "username" in form.fields, f"unexpected login form: {form}"
    data = {**form.fields, "username": username, "password": password}
    response = client.post(urljoin(login_url, form.action), data, follow=True)
    assert response.status_code == 200
    assert PORTAL_MARKER in response.content.decode() or ADMIN_MARKER in response.content.decode(), (
        f"logging in as {username} through {login_url} did not land on a logged-in page"
    )
    return response


# ---------------------------------------------------------------- walking the links


@dataclass
class Visit:
    url: str  # as linked
    final: str  # after redirects
    status: int
    content_type: str
    html: str  # "" for downloads and non-HTML answers


@dataclass
class Walk:
    start: str
    visits: dict[str, Visit] = field(default_factory=dict)
    linked_from: dict[str, list[str]] = field(default_factory=dict)  # target -> pages linking to it
    left_over: int = 0  # pages not visited for the budget

    def sources(self, url: str) -> str:
        pages = self.linked_from.get(url, [])
        shown = ", ".join(pages[:3]) + (f" and {len(pages) - 3} more" if len(pages) > 3 else "")
        return f"linked from {shown}" if pages else "the start page"

    def visited_views(self) -> set[str]:
        return {view_name(v.final) for v in self.visits.values() if v.status == 200}


def in_admin(url: str) -> bool:
    return urlsplit(url).path.startswith(reverse("admin:index"))


def walk(client, start: str = "/", max_pages: int = MAX_PAGES) -> Walk:
    """Follow every same-host link breadth first from `start`, the portal's pages before the admin's.
    Inside Django's admin only addresses without a query are followed (its sort and filter links
    repeat the same pages)."""
    result = Walk(start)
    queues = {"portal": deque([start]), "admin": deque()}
    seen = {start}
    variants: dict[str, int] = {}
    while (queues["portal"] or queues["admin"]) and len(result.visits) < max_pages:
        url = (queues["portal"] or queues["admin"]).popleft()
        response = client.get(url, follow=True)
        final = address(response)
        visit = Visit(url, final, response.status_code, response.get("Content-Type", ""), "")
        result.visits[url] = visit
        if response.streaming:
            # a file download: reading it to the end lets go of the file (the test client's wrapper
            # closes it without closing the test's database connection, which close() would)
            b"".join(response.streaming_content)
            continue
        if response.status_code != 200 or "text/html" not in visit.content_type:
            continue
        visit.html = response.content.decode()
        for href in PageParser(visit.html).links:
            target = urlsplit(urljoin(f"http://{HOST}{final}", href))
            if target.scheme not in ("http", "https") or target.netloc != HOST:
                continue  # mailto:, javascript:, other sites
            url_ = target.path + (f"?{target.query}" if target.query else "")  # without the #fragment
            if url_ == final or view_name(url_) in NOT_FOLLOWED:
                continue
            result.linked_from.setdefault(url_, [])
            if final not in result.linked_from[url_]:
                result.linked_from[url_].append(final)
            if url_ in seen or (in_admin(final) and in_admin(url_) and target.query):
                continue
            name = view_name(url_)
            if target.query and name in VARIANTS_FOLLOWED:
                variants[name] = variants.get(name, 0) + 1
                if variants[name] > VARIANTS_FOLLOWED[name]:
                    continue
            seen.add(url_)
            queues["admin" if in_admin(url_) else "portal"].append(url_)
    result.left_over = len(queues["portal"]) + len(queues["admin"])
    return result


def problems(walk: Walk, user) -> list[str]:
    """What is wrong with the links `user` was shown, one line each, naming the page that links there."""
    admin = user.is_superuser or user.role == "admin"
    found = []
    for target in walk.linked_from:
        path = urlsplit(target).path
        if path.startswith("/api/") and view_name(target) not in OWN_LAYOUT:
            found.append(f"{target} is a link into the JSON API ({walk.sources(target)})")
        elif in_admin(path) and not admin:
            found.append(f"{target} is a link into Django's admin ({walk.sources(target)})")
    for url, visit in walk.visits.items():
        where = f"{url} ({walk.sources(url)})"
        if visit.status != 200:
            found.append(f"{where} answered {visit.status}")
        elif view_name(visit.final) in DOWNLOADS | OWN_LAYOUT:
            continue
        elif "text/html" not in visit.content_type:
            found.append(f"{where} answered {visit.content_type}, not a page")
        elif in_admin(visit.final):
            if not admin:
                found.append(f"{where} ended in Django's admin at {visit.final}")
            elif ADMIN_MARKER not in visit.html:
                found.append(f"{where} is not a page of Django's admin")
        elif PORTAL_MARKER not in visit.html:
            found.append(f"{where} ended at {visit.final}, which is not in the portal's layout")
    return found


# ---------------------------------------------------------------- the data and the roles


@pytest.fixture
def reports(world, make_report, monkeypatch):
    """长春 (responsible unit on item 3) has a report in every status and a half-year summary with its
    file; 吉林 (cooperating) has submitted; 综规处 (the lead unit) keeps a draft; item 9 has an approved
    month. The report list shows PER_PAGE reports a page, so its page links show too."""
    list_view = sys.modules[resolve(reverse("report-list")).func.__module__]
    monkeypatch.setattr(list_view, "REPORTS_PER_PAGE", PER_PAGE)
    return {
        "approved": make_report(status=ReportStatus.APPROVED, values={world.km: 1200, world.rate: 60}),
        "returned": make_report(period="2024-07", status=ReportStatus.RETURNED),
        "submitted": make_report(period="2024-08", status=ReportStatus.SUBMITTED),
        "draft": make_report(period="2024-09"),
        "summary": make_report(period="2024-H1", status=ReportStatus.SUBMITTED),  # with 总结.pdf
        "cooperating": make_report(unit=world.coop, status=ReportStatus.SUBMITTED),
        "lead": make_report(unit=world.lead, period="2024-08"),
        "other_item": make_report(item=world.other_item, status=ReportStatus.APPROVED),
    }


COMMON = {
    "report-list",
    "report-detail",
    "plan-detail",
    "plan-year",
    "work-item-detail",
    "attachment-download",
}
ROLES = {
    # role: (the user in the `world`, where login lands, pages the walk must reach)
    # staff reach the form of a report they owe and have not started from my work's buttons
    "unit-staff": (lambda w: w.resp_staff, "my-work", COMMON | {"my-work", "report-edit", "report-new"}),
    "unit-head": (lambda w: w.resp_head, "review-queue", COMMON | {"review-queue", "my-work"}),
    "lead-unit-head": (lambda w: w.lead_head, "review-queue", COMMON | {"review-queue", "my-work"}),
    "leader": (lambda w: w.leader, "leader-home", COMMON | {"leader-home"}),
    "administrator": (
        lambda w: w.admin,
        "leader-home",
        COMMON | {"leader-home", "report-correct", "admin:index", "admin:app_list"},
    ),
}


@pytest.mark.parametrize("role", ROLES)
def test_every_link_a_role_sees_leads_to_a_working_page(client, world, reports, role):
    user_of, home, must_reach = ROLES[role]
    user = user_of(world)

    # given a plan with reports in every status, and someone of this role logged in through the form
    landing = log_in(client, user.username)
    assert view_name(address(landing)) == home

    # when they follow every link from their home page
    result = walk(client, "/")

    # then every link answers with a page of the portal (or a download), and none leads to JSON,
    # the admin (unless they administer it) or nowhere
    found = problems(result, user)
    assert not found, f"{role} ({user.username}) was shown bad links:\n" + "\n".join(found)
    # and the walk did reach the pages this role works with, including the report list's page links
    missing = must_reach - result.visited_views()
    assert not missing, f"{role} could not reach {sorted(missing)} by links from {home}"
    assert any("page=2" in url for url in result.visits), f"{role} saw no page link on the report list"


def test_the_admins_view_site_link_leads_back_to_the_portal(client, world):
    # given an administrator in Django's admin
    log_in(client, world.admin.username)
    html = client.get(reverse("admin:index")).content.decode()
    # when they follow its "查看站点" link, then they are on the portal's overview
    site_links = [href for href in PageParser(html).links if href == reverse("leader-home")]
    assert site_links, "the admin offers no link back to the portal"
    response = client.get(site_links[0])
    assert response.status_code == 200 and PORTAL_MARKER in response.content.decode()
