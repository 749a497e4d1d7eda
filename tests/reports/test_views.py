"""The reporting pages through Django's test client: my work, the review queue, the leaders' overview,
a report's page and its review form, and who is turned away from them."""

import datetime as dt
import re

import pytest
import time_machine
from django.utils import timezone

from reports.choices import ObligationState, ReportStatus
from reports.models import ProgressReport
from reports.workflow import services
from tasks.choices import AssignmentRole
from tasks.obligations import obligations_sync
from tests import factories
from tests.uploads import media_files, pdf


def at(day: dt.date) -> dt.datetime:
    """Ten in the morning of `day`, local time: when a test's clock stands (time_machine)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def work_sections(html: str) -> list[tuple[str, list[tuple[int, list[tuple[str, str]]]]]]:
    """The my-work list as the page groups it: [(section heading, [(item number, [(period, state)]))],
    the obligations of each item in the page's order."""
    result = []
    for chunk in html.split('<section class="mb-4">')[1:]:
        heading = re.search(r"<h2[^>]*>(.*?)</h2>", chunk, re.S).group(1).strip()
        items = []
        for article in chunk.split("<article")[1:]:
            number = int(re.search(r'data-item="(\d+)"', article).group(1))
            owed = re.findall(r'<li [^>]*data-period="([^"]+)" data-state="(\w+)"', article)
            items.append((number, owed))
        result.append((heading, items))
    return result


@pytest.fixture
def coop_only_item(world):
    """Item 5, which only 吉林 has a part in."""
    item = factories.WorkItemFactory(section=world.section_green, number=5, title="港口岸电建设")
    factories.AssignmentFactory(work_item=item, unit=world.coop, role=AssignmentRole.RESPONSIBLE)
    return item


@pytest.fixture
def february(world, make_report):
    """长春 on 10 February 2024: item 3's January report submitted in time (on 2 February) and
    February's on the 8th; on item 9, January missed (due on 5 February) and February not started."""
    with time_machine.travel(at(dt.date(2024, 2, 2)), tick=False):
        make_report(period="2024-01", status=ReportStatus.SUBMITTED)
    with time_machine.travel(at(dt.date(2024, 2, 8)), tick=False):
        make_report(period="2024-02", status=ReportStatus.SUBMITTED)
    with time_machine.travel(at(dt.date(2024, 2, 10)), tick=False):
        yield


# ---------------------------------------------------------------- my work


def test_my_work_lists_exactly_the_units_items_by_section_with_what_each_owes(
    world, february, coop_only_item, client
):
    # given 长春 has items 3 and 9 (see `february`)
    client.force_login(world.resp_staff)
    # when its staff open their work page on 10 February
    response = client.get("/my-work/")
    # then it lists items 3 and 9 under their sections, and not item 5; each with what it owes: the
    # current month whatever its state, a missed month, item 3's summaries; a month done is gone
    assert response.status_code == 200
    html = response.content.decode()
    assert work_sections(html) == [
        ("（一）推进交通运输绿色低碳转型",
         [(3, [("2024-02", "submitted"), ("2024-H1", "not_due"), ("2024-Y", "not_due")])]),
        ("（三）强化交通建设绿色环保", [(9, [("2024-01", "overdue"), ("2024-02", "not_due")])]),
    ]  # fmt: skip
    assert "2024年2月进展" in html
    assert 'data-item="5"' not in html


def test_my_work_buttons_open_the_report_or_the_form_of_a_new_one(world, february, client):
    # given 长春's submitted February report on item 3, and nothing on item 9
    report = ProgressReport.objects.get(work_item=world.item, unit=world.resp, period="2024-02")
    client.force_login(world.resp_staff)
    html = client.get("/my-work/").content.decode()
    item_3, item_9 = html.split('data-item="9"')
    buttons = dict(re.findall(r'data-period="([^"]+)".*?href="([^"]+)"', item_3, re.S))
    # then the submitted report's button leads to its page (staff may not edit it), and an owed
    # report not yet started leads to the new-report form
    assert buttons["2024-02"] == f"/reports/{report.pk}/"
    assert buttons["2024-H1"] == f"/reports/new/?work_item={world.item.pk}&amp;period=2024-H1"
    assert f'href="/reports/new/?work_item={world.other_item.pk}&amp;period=2024-02"' in item_9
    # and a draft's button leads to its form
    draft = services.report_create(
        user=world.resp_staff, work_item=world.other_item, unit=world.resp, period="2024-02"
    )
    assert f'href="/reports/{draft.pk}/edit/"' in client.get("/my-work/").content.decode()


def test_my_work_for_another_unit_lists_its_own_items(world, coop_only_item, client):
    # given 吉林 cooperates on item 3 (which asks its cooperating units to report) and is responsible
    # for item 5, and has reported nothing
    client.force_login(world.coop_staff)
    # when its staff open their work page on 10 February, then both are listed in one section, each
    # with the missed January, the current month (and item 3's summaries), and item 9 is not
    with time_machine.travel(at(dt.date(2024, 2, 10)), tick=False):
        sections = work_sections(client.get("/my-work/").content.decode())
    months = [("2024-01", "overdue"), ("2024-02", "not_due")]
    assert sections == [
        ("（一）推进交通运输绿色低碳转型",
         [(3, [*months, ("2024-H1", "not_due"), ("2024-Y", "not_due")]), (5, months)]),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"section": "1"}, [3]),
        ({"section": "3"}, [9]),
        ({"state": ObligationState.SUBMITTED}, [3]),
        ({"state": ObligationState.OVERDUE}, [9]),
        ({"state": ObligationState.NOT_DUE}, [3, 9]),
        ({"state": ObligationState.APPROVED}, []),
        ({"section": "3", "state": ObligationState.SUBMITTED}, []),
        ({"section": "3", "state": ObligationState.OVERDUE}, [9]),
    ],
)
def test_my_work_filters_by_section_and_state(world, february, client, query, expected):
    # given item 3's February report submitted, and item 9's January missed
    client.force_login(world.resp_staff)
    # when the list is filtered (as the page's filter form does through htmx)
    response = client.get("/my-work/", query, headers={"HX-Request": "true"})
    # then only the items with an obligation in that state are in the returned fragment
    html = response.content.decode()
    assert "<html" not in html
    assert [n for _section, items in work_sections(html) for n, _owed in items] == expected
    assert f"共 {len(expected)} 项工作任务" in html


def test_my_work_sends_a_leader_to_the_overview(world, client):
    client.force_login(world.leader)
    assert client.get("/my-work/").url == "/overview/"


# ---------------------------------------------------------------- review queue


@pytest.fixture
def queue_reports(world, make_report):
    return {
        "lead_item3": make_report(unit=world.lead, status=ReportStatus.SUBMITTED),
        "resp_item3": make_report(status=ReportStatus.SUBMITTED),
        "resp_item3_approved": make_report(period="2024-05", status=ReportStatus.APPROVED),
        "resp_item3_draft": make_report(period="2024-07"),
        "resp_item9": make_report(item=world.other_item, status=ReportStatus.SUBMITTED),
        "coop_item3": make_report(unit=world.coop, status=ReportStatus.SUBMITTED),
    }


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        # the lead unit's head: their own unit's, and the responsible unit's on the item they lead
        ("lead_head", {"lead_item3", "resp_item3"}),
        # the responsible unit's head: their own unit's, on every item
        ("resp_head", {"resp_item3", "resp_item9"}),
        ("coop_head", {"coop_item3"}),
        # someone who reviews nothing has an empty queue, whatever they may read
        ("resp_staff", set()),
        ("leader", set()),
        ("admin", set()),
    ],
)
def test_review_queue_lists_what_the_head_reviews(world, queue_reports, client, head, expected):
    client.force_login(getattr(world, head))
    # when the head opens the review queue
    response = client.get("/review/")
    # then it lists exactly the submitted reports that are theirs to review, with links to them
    names = {report.pk: name for name, report in queue_reports.items()}
    assert {names[r.pk] for r in response.context["reports"]} == expected
    html = response.content.decode()
    for name, report in queue_reports.items():
        assert (f'href="/reports/{report.pk}/"' in html) is (name in expected)


# ---------------------------------------------------------------- who is turned away


@pytest.mark.parametrize(
    "path", ["/my-work/", "/review/", "/overview/", "/reports/", "/reports/{pk}/", "/reports/{pk}/edit/"]
)
def test_anonymous_visitors_are_sent_to_login(world, make_report, client, path):
    report = make_report()
    response = client.get(path.format(pk=report.pk))
    assert response.status_code == 302
    assert response.url.startswith("/login/?next=")


@pytest.mark.parametrize(
    ("who", "status", "detail", "edit"),
    [
        ("resp_staff", ReportStatus.DRAFT, 200, 200),
        ("resp_head", ReportStatus.DRAFT, 200, 403),
        ("admin", ReportStatus.DRAFT, 200, 403),
        # a draft is its unit's own: the lead unit's head and the leader see it once submitted
        ("lead_head", ReportStatus.DRAFT, 404, 404),
        ("leader", ReportStatus.DRAFT, 404, 404),
        ("lead_head", ReportStatus.SUBMITTED, 200, 403),
        ("leader", ReportStatus.SUBMITTED, 200, 403),
        ("lead_head", ReportStatus.RETURNED, 200, 403),
        ("leader", ReportStatus.RETURNED, 200, 403),
        ("lead_staff", ReportStatus.DRAFT, 404, 404),
        ("lead_staff", ReportStatus.SUBMITTED, 404, 404),
        ("coop_staff", ReportStatus.SUBMITTED, 404, 404),
        ("coop_head", ReportStatus.SUBMITTED, 404, 404),
    ],
)
def test_report_pages_answer_each_role(world, make_report, client, who, status, detail, edit):
    # given 长春's report, a draft or sent on
    report = make_report(status=status)
    client.force_login(getattr(world, who))
    # when each role opens its page and its form
    assert client.get(f"/reports/{report.pk}/").status_code == detail
    assert client.get(f"/reports/{report.pk}/edit/").status_code == edit


def test_report_list_page_shows_only_visible_reports(world, make_report, client):
    # given reports of 长春 and 吉林
    mine = make_report()
    theirs = make_report(unit=world.coop)
    client.force_login(world.resp_staff)
    # when 长春's staff open the list, then only their unit's report is in it
    html = client.get("/reports/").content.decode()
    assert f'href="/reports/{mine.pk}/"' in html
    assert f'href="/reports/{theirs.pk}/"' not in html


def test_approved_report_form_sends_staff_back_to_the_report(world, make_report, client):
    # given 长春's approved report
    report = make_report(status=ReportStatus.APPROVED)
    client.force_login(world.resp_staff)
    # when staff open its form, then they land on the read-only page, told why
    response = client.get(f"/reports/{report.pk}/edit/", follow=True)
    assert response.redirect_chain[-1][0] == f"/reports/{report.pk}/"
    assert "不能再修改" in response.content.decode()


# ---------------------------------------------------------------- review through the page


def test_page_return_without_comment_is_refused(world, make_report, client):
    # given 长春's submitted report
    report = make_report(status=ReportStatus.SUBMITTED)
    client.force_login(world.resp_head)
    # when the head presses "return" with an empty comment
    response = client.post(f"/reports/{report.pk}/review/", {"action": "return", "comment": ""}, follow=True)
    # then the page says a comment is required and the report is as it was
    assert "退回时必须填写退回意见。" in response.content.decode()
    refreshed = ProgressReport.objects.get(pk=report.pk)
    assert (refreshed.status, refreshed.version) == (ReportStatus.SUBMITTED, report.version)


def test_page_return_with_comment_then_staff_see_it(world, make_report, client):
    # given 长春's submitted report
    report = make_report(status=ReportStatus.SUBMITTED)
    client.force_login(world.resp_head)
    # when the head returns it with a comment
    client.post(f"/reports/{report.pk}/review/", {"action": "return", "comment": "请补充分路段明细。"})
    # then staff see the comment on the form
    client.force_login(world.resp_staff)
    html = client.get(f"/reports/{report.pk}/edit/").content.decode()
    assert re.search(r'data-testid="return-comment".*?请补充分路段明细。', html, re.S)


def test_lead_head_page_offers_return_and_comment_but_not_approve(world, make_report, client):
    # given 长春's submitted report on the item 综规处 leads
    report = make_report(status=ReportStatus.SUBMITTED)
    client.force_login(world.lead_head)
    # when the lead unit's head opens it
    html = client.get(f"/reports/{report.pk}/").content.decode()
    # then the review form offers return and comment, not approve
    assert 'value="return"' in html
    assert 'value="comment"' in html
    assert 'value="approve"' not in html
    # and an approval posted anyway is refused
    assert client.post(f"/reports/{report.pk}/review/", {"action": "approve"}).status_code == 403
    assert ProgressReport.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED


def test_page_approve_by_the_units_head(world, make_report, client):
    report = make_report(status=ReportStatus.SUBMITTED)
    client.force_login(world.resp_head)
    client.post(f"/reports/{report.pk}/review/", {"action": "approve", "comment": "同意。"})
    assert ProgressReport.objects.get(pk=report.pk).status == ReportStatus.APPROVED


def test_late_report_is_marked_on_its_page(world, make_report, client):
    # given 长春's May report submitted long after 5 June
    report = make_report(period="2024-05", status=ReportStatus.SUBMITTED)
    client.force_login(world.resp_head)
    # then its page marks it late and shows its due date
    html = client.get(f"/reports/{report.pk}/").content.decode()
    assert '<span class="badge text-bg-warning" data-testid="late">逾期报送</span>' in html
    assert "2024-06-05" in html


def test_a_draft_past_its_due_date_is_marked_not_yet_submitted(world, make_report, client):
    draft = make_report(period="2024-05")
    client.force_login(world.resp_staff)
    html = client.get(f"/reports/{draft.pk}/").content.decode()
    assert '<span class="badge text-bg-warning" data-testid="late">已逾期未提交</span>' in html
    assert "逾期报送" not in html


def test_people_are_named_family_name_first():
    from tests import factories

    # Django's own get_full_name would say "领导 厅" for 厅领导 (given name first, then a space)
    user = factories.UserFactory.build(username="leader", last_name="厅", first_name="领导")
    assert (user.get_full_name(), str(user)) == ("厅领导", "厅领导")


def test_page_submit_of_a_summary_without_file_is_refused(world, client):
    # given 长春's 2024-H1 summary draft with text but no file
    report = services.report_create(
        user=world.resp_staff, work_item=world.item, unit=world.resp, period="2024-H1"
    )
    services.report_update(report=report, user=world.resp_staff, version=report.version, done="上半年总结。")
    client.force_login(world.resp_staff)
    # when staff press submit
    response = client.post(f"/reports/{report.pk}/submit/", follow=True)
    # then they are back on the form, told to attach the summary
    assert response.redirect_chain[-1][0] == f"/reports/{report.pk}/edit/"
    assert "半年工作总结须上传总结文件后再提交。" in response.content.decode()
    assert ProgressReport.objects.get(pk=report.pk).status == ReportStatus.DRAFT


def test_page_save_and_submit_in_one_step(world, make_report, client):
    # given 长春's June draft
    report = make_report()
    client.force_login(world.resp_staff)
    # when staff fill in the form and press "submit"
    response = client.post(
        f"/reports/{report.pk}/edit/",
        {
            "version": report.version,
            "done": "六月完成绿化 20 公里。",
            f"value_{world.km.pk}": "20",
            "action": "submit",
        },
    )
    # then it is saved and submitted together
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.done) == (ReportStatus.SUBMITTED, "六月完成绿化 20 公里。")


def test_page_save_and_submit_refused_keeps_nothing(world, client):
    # given 长春's 2024-H1 summary draft without a file
    report = services.report_create(
        user=world.resp_staff, work_item=world.item, unit=world.resp, period="2024-H1"
    )
    client.force_login(world.resp_staff)
    # when staff fill in the text and press "submit" without attaching the summary
    response = client.post(
        f"/reports/{report.pk}/edit/", {"version": report.version, "done": "上半年总结。", "action": "submit"}
    )
    # then the form says the file is missing and the text was not saved either
    assert response.status_code == 200
    assert "半年工作总结须上传总结文件后再提交。" in response.content.decode()
    report.refresh_from_db()
    assert (report.status, report.done, report.version) == (ReportStatus.DRAFT, "", 1)


# ---------------------------------------------------------------- attachments


def test_attachment_download_for_those_who_may_see_the_report(world, make_report, client):
    # given 长春's draft with a PDF
    report = make_report()
    attachment = services.attachment_add(report=report, user=world.resp_staff, upload=pdf("验收单.pdf"))
    url = f"/reports/{report.pk}/attachments/{attachment.pk}/"
    # then while it is a draft, the lead unit's head gets 404, as for the draft itself
    client.force_login(world.lead_head)
    assert client.get(url).status_code == 404
    # when it is submitted and the lead unit's head downloads the file, then they get it
    services.report_submit(report=report, user=world.resp_staff)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # and 吉林's staff get 404
    client.force_login(world.coop_staff)
    assert client.get(url).status_code == 404


# ---------------------------------------------------------------- leaders' overview


def test_leader_overview_shows_target_actuals(world, make_report, client):
    # given approved figures: 长春 150 km by June, 吉林 40 km; a submitted 900 km that does not count
    make_report(period="2024-06", status=ReportStatus.APPROVED, values={world.km: 150})
    make_report(unit=world.coop, period="2024-06", status=ReportStatus.APPROVED, values={world.km: 40})
    make_report(period="2024-07", status=ReportStatus.SUBMITTED, values={world.km: 900})
    client.force_login(world.leader)
    # when the leader opens the overview as of today (the reports were approved today)
    response = client.get("/overview/", {"as_of": timezone.localdate().isoformat()})
    # then the km target's actual is the sum of the units' approved figures, and the rate has none
    assert response.status_code == 200
    html = response.content.decode()
    km_cell = re.search(rf'data-testid="actual-{world.km.pk}">(.*?)</td>', html, re.S).group(1)
    assert "190公里" in km_cell
    assert "2 个单位" in km_cell
    rate_cell = re.search(rf'data-testid="actual-{world.rate.pk}">(.*?)</td>', html, re.S).group(1)
    assert "暂无" in rate_cell


@pytest.mark.parametrize("who", ["leader", "admin", "resp_head", "resp_staff", "coop_staff"])
def test_everyone_may_open_the_overview_a_unit_sees_its_own_items(world, client, who):
    client.force_login(getattr(world, who))
    page = client.get("/overview/").content.decode()
    shown = {n for n in (3, 9) if f'data-item="{n}"' in page}
    # 长春 (resp) is named on items 3 and 9, 吉林 (coop) on item 3 only
    assert shown == ({3} if who == "coop_staff" else {3, 9})


def test_page_save_and_submit_refused_leaves_no_file_behind(world, make_report, client, settings):
    # given 长春's June draft with no progress text
    report = make_report(done="")
    client.force_login(world.resp_staff)
    # when staff attach a PDF and press "submit" without writing the progress
    response = client.post(
        f"/reports/{report.pk}/edit/",
        {"version": report.version, "done": "", "attachments": [pdf("验收单.pdf")], "action": "submit"},
    )
    # then the form asks for the progress text, and neither the file's row nor the file itself is kept
    assert response.status_code == 200
    assert "请填写工作进展后再提交。" in field_errors_text(response.content.decode(), "done")
    assert not report.attachments.exists()
    assert media_files(settings.MEDIA_ROOT) == []
    assert ProgressReport.objects.get(pk=report.pk).version == report.version


def field_errors_text(html, name):
    match = re.search(rf'id="{name}-errors"[^>]*>(.*?)</ul>', html, re.S)
    return match.group(1) if match else ""


# ---------------------------------------------------------------- the report list page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"june", "may", "jilin"}),
        ("?status=submitted", {"june"}),
        ("?period=2024-05", {"may"}),
        ("?unit={coop}", {"jilin"}),
        ("?work_item={item}&year=2024", {"june", "may", "jilin"}),
        ("?year=2023", set()),
        # a value typed into the address that is no number matches nothing instead of failing
        ("?year=abc", set()),
        ("?unit=x", set()),
        ("?work_item=3a", set()),
    ],
)
def test_report_list_page_filters(world, make_report, client, query, expected):
    # given reports of 长春 (May approved, June submitted) and 吉林 (June returned)
    reports = {
        "may": make_report(period="2024-05", status=ReportStatus.APPROVED),
        "june": make_report(period="2024-06", status=ReportStatus.SUBMITTED),
        "jilin": make_report(unit=world.coop, period="2024-06", status=ReportStatus.RETURNED),
    }
    client.force_login(world.leader)
    # when the leader filters the list page
    response = client.get("/reports/" + query.format(coop=world.coop.pk, item=world.item.pk))
    # then it lists exactly the matching reports
    assert response.status_code == 200
    names = {report.pk: name for name, report in reports.items()}
    assert {names[r.pk] for r in response.context["reports"]} == expected


# ---------------------------------------------------------------- correction through the page


def test_admin_corrects_through_the_page_and_both_versions_show_in_history(world, make_report, client):
    # given 长春's approved June of 10 km
    report = make_report(status=ReportStatus.APPROVED, done="完成绿化 10 公里。", values={world.km: 10})
    client.force_login(world.admin)
    # when the administrator corrects it to 12 km with a reason
    response = client.post(
        f"/reports/{report.pk}/correct/",
        {
            "version": report.version,
            "reason": "市局来函更正。",
            "done": "完成绿化 12 公里。",
            f"value_{world.km.pk}": "12",
        },
    )
    # then the report page shows the correction, its reason, and the original version in the history
    assert response.status_code == 302
    html = client.get(f"/reports/{report.pk}/").content.decode()
    assert "完成绿化 12 公里。" in html.split('data-testid="done"')[1].split("</p>")[0]
    assert "市局来函更正。" in html
    history = html.split("历史记录")[1]
    assert "完成绿化 10 公里。" in history
    assert "高速公路绿化里程：10公里" in history
    assert "高速公路绿化里程：12公里" in history


@pytest.mark.parametrize("who", ["resp_staff", "resp_head", "leader"])
def test_only_the_administrator_may_open_the_correction_page(world, make_report, client, who):
    report = make_report(status=ReportStatus.APPROVED)
    client.force_login(getattr(world, who))
    assert client.get(f"/reports/{report.pk}/correct/").status_code == 403


# ---------------------------------------------------------------- my work stays cheap


@pytest.mark.parametrize("extra_items", [0, 10])
def test_my_work_queries_do_not_grow_with_the_items(
    world, make_report, client, django_assert_max_num_queries, extra_items
):
    # given 长春 has items 3 and 9 and `extra_items` more, each with targets, deadlines and reports
    for n in range(extra_items):
        item = factories.WorkItemFactory(section=world.section_build, number=30 + n)
        factories.AssignmentFactory(work_item=item, unit=world.resp, role=AssignmentRole.RESPONSIBLE)
        factories.TargetFactory(work_item=item)
        factories.DeadlineFactory(work_item=item)
        make_report(item=item, period="2024-12", status=ReportStatus.SUBMITTED)
    make_report(period="2024-12", values={world.km: 5})
    client.force_login(world.resp_staff)
    # when the page is drawn, then the queries stay the same
    with django_assert_max_num_queries(11):
        response = client.get("/my-work/")
    assert response.context["row_count"] == 2 + extra_items


def test_report_list_pages_through_many_reports(world, client, settings):
    # given 55 submitted reports of 长春 in different months of two items... enough for two pages
    from tasks.periods import parse_period

    submitted = ReportStatus.SUBMITTED
    for month in range(1, 12):
        for item in (world.item, world.other_item):
            period = parse_period(f"2024-{month:02d}")
            factories.ProgressReportFactory(
                work_item=item, unit=world.resp, period=period.key, period_end=period.end,
                created_by=world.staff(world.resp), status=submitted,
            )  # fmt: skip
    for code in ("a", "b", "c"):
        unit = factories.UnitFactory(code=f"extra-{code}")
        for month in range(1, 12):
            period = parse_period(f"2024-{month:02d}")
            factories.ProgressReportFactory(
                work_item=world.item, unit=unit, period=period.key, period_end=period.end, status=submitted
            )
    client.force_login(world.leader)
    # when the leader opens the list, then it shows 50 and says how many there are
    first = client.get("/reports/", {"status": submitted})
    assert len(first.context["reports"]) == 50
    assert "第 1 / 2 页，共 55 份" in first.content.decode()
    # and the second page keeps the filter and shows the rest
    second = client.get("/reports/", {"status": submitted, "page": 2})
    assert len(second.context["reports"]) == 5
    assert "status=submitted&amp;page=1" in second.content.decode()


def test_report_list_puts_drafts_then_the_latest_submitted_first(world, make_report, client):
    # given 长春's reports submitted in turn, and a draft
    with time_machine.travel(dt.datetime(2024, 7, 1, 9, tzinfo=dt.UTC), tick=False):
        june = make_report(period="2024-06", status=ReportStatus.SUBMITTED)
    with time_machine.travel(dt.datetime(2024, 5, 2, 9, tzinfo=dt.UTC), tick=False):
        april = make_report(period="2024-04", status=ReportStatus.SUBMITTED)
    with time_machine.travel(dt.datetime(2024, 8, 1, 9, tzinfo=dt.UTC), tick=False):
        may = make_report(period="2024-05", status=ReportStatus.APPROVED)
    draft = make_report(period="2024-07")
    # when 长春's staff open the list, then the draft comes first, then the latest submission
    client.force_login(world.resp_staff)
    assert list(client.get("/reports/").context["reports"]) == [draft, may, june, april]


def test_report_list_counts_up_to_a_ceiling_and_says_so(world, make_report, client, monkeypatch):
    # given three submitted reports and a ceiling of two on the count
    monkeypatch.setattr("core.pages.COUNT_CEILING", 2)
    monkeypatch.setattr("reports.views.lists.REPORTS_PER_PAGE", 1)
    for period in ("2024-04", "2024-05", "2024-06"):
        make_report(period=period, status=ReportStatus.SUBMITTED)
    client.force_login(world.leader)
    # then the page says there are more than two rather than counting them all, and pages on
    html = client.get("/reports/").content.decode()
    assert "第 1 页，共 2 份以上（请用筛选缩小范围）" in html
    assert client.get("/reports/", {"page": 2}).context["page"].number == 2
    # a filter that narrows below the ceiling gets its exact count back
    narrowed = client.get("/reports/", {"period": "2024-05"}).context["page"].paginator
    assert (narrowed.count, narrowed.capped) == (1, False)


def test_report_list_page_says_which_filter_is_wrong(world, make_report, client):
    # given a report the leader could see
    make_report(status=ReportStatus.SUBMITTED)
    client.force_login(world.leader)
    # when the address carries a year that is no number and a status that does not exist
    html = client.get("/reports/?year=abc&status=finished").content.decode()
    # then the page names both filters with a Chinese message and lists nothing
    assert 'data-testid="filter-errors"' in html
    assert "年度" in html and "请输入数字。" in html
    assert "“finished”不是有效的状态。" in html
    assert "没有符合条件的报告。" in html


def test_report_list_page_and_api_agree_on_a_bad_filter(world, api_as, client):
    # given the leader
    client.force_login(world.leader)
    # when the same bad year is asked of the page and of the API
    page = client.get("/reports/?year=abc")
    api = api_as(world.leader).get("/api/v1/progress-reports/", {"year": "abc"})
    # then both refuse it with the same message: the page lists nothing, the API answers 400
    assert list(page.context["reports"]) == []
    assert api.status_code == 400
    assert api.json()["year"] == ["请输入数字。"]


@pytest.fixture
def december_only(world):
    """The plan's routine reporting starts in December: 长春 owes item 9's December report only."""
    world.plan.start_month = 12
    world.plan.save()
    obligations_sync(plan=world.plan)
    item = factories.WorkItemFactory(section=world.section_build, number=12, title="港口污染防治")
    factories.AssignmentFactory(work_item=item, unit=world.resp, role=AssignmentRole.COOPERATING)
    obligations_sync(plan=world.plan)
    return world


def card(html: str, number: int) -> str:
    return html.split(f'data-item="{number}"')[1].split("</article>")[0]


def test_a_card_with_nothing_open_says_what_happened_last_and_what_comes_next(
    december_only, make_report, client
):
    world = december_only
    client.force_login(world.resp_staff)
    # before December: nothing begun on item 9, the next report named with its due date
    with time_machine.travel(at(dt.date(2024, 11, 20)), tick=False):
        html = client.get("/my-work/").content.decode()
    assert "尚未报送" in card(html, 9) and "下期：2024年12月进展，1月5日截止" in card(html, 9)
    # December's report submitted on 3 January and waiting for the head when the year is over
    with time_machine.travel(at(dt.date(2025, 1, 3)), tick=False):
        make_report(item=world.other_item, period="2024-12", status=ReportStatus.SUBMITTED)
    with time_machine.travel(at(dt.date(2025, 1, 20)), tick=False):
        html = client.get("/my-work/").content.decode()
    item_9 = card(html, 9)
    assert "2024年12月进展" in item_9 and "待单位负责人审核" in item_9 and "本年度报送已无待办" in item_9
    assert "无需报送" not in item_9
    # a cooperating unit that reports nothing on an item is told so, under its true role
    assert "本单位为配合单位，本项无需报送进展。" in card(html, 12)
