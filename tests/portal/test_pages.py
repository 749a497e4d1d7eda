"""Login, each role's home page, and the admin."""

import pytest

from tests import factories
from units.choices import Role


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/my-work/", "/reports/", "/plan/", "/overview/", "/admin/"])
def test_anonymous_visitors_land_on_the_chinese_login_page(client, path):
    response = client.get(path, follow=True)
    assert response.redirect_chain and "/login/" in response.redirect_chain[-1][0]
    html = response.content.decode()
    assert "用户名" in html and "密码" in html and "登录" in html


@pytest.mark.django_db
def test_wrong_password_says_so_in_chinese(client):
    factories.UserFactory(username="staff-a")
    response = client.post("/login/", {"username": "staff-a", "password": "nope"})
    assert "用户名或密码不正确" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make", "home"),
    [
        (lambda: factories.AdminFactory(username="u"), "/overview/"),
        (lambda: factories.LeaderFactory(username="u"), "/overview/"),
        (lambda: factories.HeadFactory(username="u"), "/review/"),
        (lambda: factories.UserFactory(username="u", role=Role.UNIT_STAFF), "/my-work/"),
    ],
)
def test_each_role_lands_on_its_home_page(client, make, home):
    factories.PlanFactory()
    make()
    response = client.post("/login/", {"username": "u", "password": "pass12345"}, follow=True)
    assert response.redirect_chain[-1][0] == home
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("make", [factories.UserFactory, factories.HeadFactory])
def test_unit_people_cannot_open_the_admin(client, make):
    user = make()
    client.force_login(user)
    assert client.get("/admin/").status_code == 302  # the admin's own login


@pytest.mark.django_db
def test_admin_changelists_render_for_the_administrator(client, django_assert_max_num_queries, seeded_plan):
    client.force_login(factories.AdminFactory())
    for url in [
        "/admin/units/unit/",
        "/admin/units/user/",
        "/admin/tasks/plan/",
        "/admin/tasks/section/",
        "/admin/tasks/workitem/",
        "/admin/tasks/assignment/",
        "/admin/tasks/target/",
        "/admin/tasks/deadline/",
        "/admin/reports/progressreport/",
        "/admin/auditlog/logentry/",
        "/admin/notices/notice/",
        "/admin/notices/urge/",
        "/admin/django_celery_beat/periodictask/",
    ]:
        with django_assert_max_num_queries(15):
            response = client.get(url)
        assert response.status_code == 200, url
    work_item = seeded_plan
    assert client.get(f"/admin/tasks/workitem/{work_item.pk}/change/").status_code == 200
    index = client.get("/admin/").content.decode()
    assert "工作任务" in index
    # the daily reminder job's schedule is the administrator's to change; Celery's other tables, the
    # lockout records and the token table are the technical operator's
    assert "/admin/django_celery_beat/periodictask/" in index
    assert "/admin/axes/" not in index and "/admin/knox/" not in index
    assert client.get("/admin/django_celery_beat/intervalschedule/").status_code == 403
    assert client.get("/admin/django_celery_beat/periodictask/add/").status_code == 403


@pytest.mark.django_db
def test_the_superuser_also_sees_the_schedules(client):
    client.force_login(factories.SuperuserFactory())
    assert client.get("/admin/django_celery_beat/periodictask/").status_code == 200
    assert client.get("/admin/axes/accessattempt/").status_code == 200


@pytest.fixture
def seeded_plan():
    item = factories.WorkItemFactory()
    factories.AssignmentFactory.create_batch(5, work_item=item)
    factories.TargetFactory(work_item=item)
    report = factories.ProgressReportFactory(work_item=item)
    factories.TargetValueFactory(report=report, target=item.targets.get())
    return item


def test_no_template_of_the_portal_carries_an_inline_style():
    # the content security policy (style-src 'self') refuses inline styles: the pages use classes
    import re

    from django.conf import settings

    inline = re.compile(r"""<style[\s>]|\sstyle=["']""")
    comments = re.compile(r"{#.*?#}", re.S)
    offenders = [
        str(path.relative_to(settings.BASE_DIR))
        for path in (settings.BASE_DIR / "templates").rglob("*.html")
        if inline.search(comments.sub("", path.read_text(encoding="utf-8")))
    ]
    assert offenders == []
