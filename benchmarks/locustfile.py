"""The people of a reporting peak, for `make bench`'s load test (benchmarks/load.py runs it headless):
clerks start, fill in and submit monthly reports over the API, heads approve what their unit submitted,
leaders open the overview page, and a probe asks /healthz, the last two without pause, so that their
throughputs compare on the same server at the same moment. Every write the server acknowledged (2xx)
is written down (LOAD_ACKS) for load.py to find in the database afterwards; every answer is counted by
status (LOAD_STATUS)."""

import collections
import json
import os
import re
import time

from locust import HttpUser, between, constant, events, task

WORK = json.loads(open(os.environ["LOAD_WORK"], encoding="utf-8").read())
ACKS = open(os.environ["LOAD_ACKS"], "a", encoding="utf-8", buffering=1)
STATUS = collections.Counter()
clerks, heads = iter(WORK["clerks"]), iter(WORK["heads"])
REPORTS = "/api/v1/progress-reports/"


@events.request.add_listener
def count(request_type, name, response, exception, **kwargs):
    STATUS[f"{request_type} {name} {getattr(response, 'status_code', 0) or type(exception).__name__}"] += 1


@events.test_stop.add_listener
def write_counts(**kwargs):
    with open(os.environ["LOAD_STATUS"], "w", encoding="utf-8") as out:
        json.dump(STATUS, out, ensure_ascii=False)


def ack(action: str, response) -> dict | None:
    """The report as the server answered a write, written down when it was acknowledged."""
    if not 200 <= response.status_code < 300:
        return None
    body = response.json()
    ACKS.write(
        json.dumps({"action": action, "id": body["id"], "version": body["version"], "status": body["status"]})
        + "\n"
    )
    return body


class ApiUser(HttpUser):
    abstract = True

    def sign_in(self, username: str) -> None:
        answer = self.client.post(
            "/api/v1/auth/token/", json={"username": username, "password": WORK["password"]}, name="token"
        )
        self.client.headers["Authorization"] = f"Token {answer.json()['token']}"


class Clerk(ApiUser):
    fixed_count = int(os.environ.get("LOAD_CLERKS", "24"))
    wait_time = between(0.5, 1.5)

    def on_start(self):
        me = next(clerks)
        self.todo = [tuple(pair) for pair in me["pairs"]]
        self.sign_in(me["username"])

    @task
    def report(self):
        if not self.todo:
            time.sleep(1)
            return
        item, period = self.todo.pop()
        created = ack(
            "create", self.client.post(REPORTS, json={"work_item": item, "period": period}, name=REPORTS)
        )
        if created is None:
            return
        url = f"{REPORTS}{created['id']}/"
        text = f"{period} 完成路面养护和绿化补植，落实扬尘管控措施，推进新能源车辆应用。"
        saved = ack(
            "save",
            self.client.patch(
                url, json={"version": created["version"], "done": text}, name=f"{REPORTS}[id]/"
            ),
        )
        if saved is None:
            return
        ack(
            "submit",
            self.client.post(
                f"{url}submit/", json={"version": saved["version"]}, name=f"{REPORTS}[id]/submit/"
            ),
        )


class Head(ApiUser):
    fixed_count = int(os.environ.get("LOAD_HEADS", "8"))
    wait_time = between(1, 2)

    def on_start(self):
        me = next(heads)
        self.unit = me["unit"]
        self.sign_in(me["username"])

    @task
    def approve(self):
        # their own unit's: a lead unit's head sees other units' reports on its items, not theirs to approve
        waiting = self.client.get(
            REPORTS,
            params={"status": "submitted", "unit": self.unit, "limit": 5},
            name=f"{REPORTS}?status=submitted",
        )
        if waiting.status_code != 200:
            return
        for row in waiting.json()["results"]:
            ack(
                "approve",
                self.client.post(
                    f"{REPORTS}{row['id']}/approve/",
                    json={"comment": "同意。"},
                    name=f"{REPORTS}[id]/approve/",
                ),
            )


class Leader(HttpUser):
    fixed_count = int(os.environ.get("LOAD_LEADERS", "4"))
    wait_time = constant(0)

    def on_start(self):
        page = self.client.get("/login/", name="/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        self.client.post(
            "/login/",
            data={"username": WORK["leader"], "password": WORK["password"], "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.host}/login/"},
            name="/login/",
        )

    @task
    def overview(self):
        with self.client.get("/overview/", name="/overview/", catch_response=True) as answer:
            if answer.ok and 'data-testid="status-counts"' not in answer.text:
                answer.failure("not the overview (signed out?)")


class Probe(HttpUser):
    fixed_count = int(os.environ.get("LOAD_LEADERS", "4"))  # as many as the leaders: their rates compare
    wait_time = constant(0)

    @task
    def healthz(self):
        self.client.get("/healthz", name="/healthz")
