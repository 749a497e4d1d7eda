"""`make bench`'s load test: the portal as it is deployed (gunicorn with GUNICORN_WORKERS workers, a
Celery worker, PostgreSQL and Redis, all on this machine at 127.0.0.1), under a reporting peak played
by locust (benchmarks/locustfile.py) for LOAD_SECONDS. It prints requests per second, p50/p95/p99 per
endpoint, the answers by status, the overview's throughput as a share of /healthz's on the same server
at the same time, and then checks the database against every write the server acknowledged: present,
at the version and status it was acknowledged at (no lost update), and no report twice.

A database of its own (portal_load) and Redis databases 10 and 11; skipped, saying why, where
PostgreSQL or Redis does not answer. Lines a script can read start with BENCH."""

import csv
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SERVER = os.environ.get("LOAD_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = "portal_load"
REDIS = os.environ.get("LOAD_REDIS", "redis://127.0.0.1:6379")
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
WORKERS = os.environ.get("LOAD_GUNICORN_WORKERS", "3")
PASSWORD = "load-" + secrets.token_hex(4)

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "portal.settings.local",
    "DATABASE_URL": f"{SERVER}/{DATABASE}",
    "REDIS_URL": f"{REDIS}/10",
    "CACHE_REDIS_URL": f"{REDIS}/11",
    "SECRET_KEY": secrets.token_urlsafe(40),
    "DEMO_PASSWORD": PASSWORD,
    "LOG_LEVEL": "WARNING",
    "GUNICORN_WORKERS": WORKERS,
}
os.environ.update(
    {k: ENV[k] for k in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "CACHE_REDIS_URL")}
)
os.environ.update(SECRET_KEY=ENV["SECRET_KEY"], DEMO_PASSWORD=PASSWORD)


def unreachable() -> str:
    import psycopg2
    import redis

    try:
        psycopg2.connect(f"{SERVER}/postgres", connect_timeout=3).close()
    except psycopg2.Error as exc:
        return f"PostgreSQL at {SERVER}: {exc}".strip()
    try:
        redis.Redis.from_url(f"{REDIS}/10", socket_timeout=2).ping()
    except redis.RedisError as exc:
        return f"Redis at {REDIS}: {exc}"
    return ""


def fresh_database() -> None:
    import psycopg2
    import redis

    connection = psycopg2.connect(f"{SERVER}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {DATABASE}")
    connection.close()
    for n in (10, 11):
        redis.Redis.from_url(f"{REDIS}/{n}").flushdb()


def prepare(folder: Path) -> dict:
    """Migrate, seed the 2024 plan with its year of demo history and the accounts, load the same plan
    as 2025's (the year now being reported), and hand each clerk its unit's monthly reports of 2025."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from tasks.choices import PeriodKind
    from tasks.models import Obligation
    from tasks.services import plan_load
    from units.models import User

    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--force", stdout=open(os.devnull, "w"))
    User.objects.update(must_change_password=False)
    data = json.loads((settings.BASE_DIR / "fixtures" / "plan-2024.json").read_text(encoding="utf-8"))
    plan = plan_load(data={**data, "year": 2025, "title": "2025年全省交通运输生态环境保护工作要点"})
    todo: dict[int, list] = {}
    monthly = Obligation.objects.filter(plan=plan, kind=PeriodKind.MONTHLY).order_by("-period")
    for unit, item, period in monthly.values_list("unit_id", "work_item_id", "period"):
        todo.setdefault(unit, []).append([item, period])
    staff = {
        u.unit_id: u.username for u in User.objects.filter(username__startswith="staff-", unit_id__in=todo)
    }
    units = sorted(staff, key=lambda pk: -len(todo[pk]))[: int(os.environ.get("LOAD_CLERKS", "24"))]
    work = {
        "password": PASSWORD,
        "leader": "leader",
        "clerks": [{"username": staff[pk], "pairs": todo[pk]} for pk in units],
        "heads": [{"username": staff[pk].replace("staff-", "head-", 1), "unit": pk} for pk in units],
    }
    while len(work["heads"]) < int(os.environ.get("LOAD_HEADS", "8")):
        work["heads"] += work["heads"]
    (folder / "work.json").write_text(json.dumps(work, ensure_ascii=False), encoding="utf-8")
    os.environ["LOAD_CLERKS"] = str(len(work["clerks"]))
    from django.db import connections

    connections.close_all()
    return work


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(command: list[str]) -> subprocess.Popen:
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def wait_ready(url: str, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/readyz", timeout=5) as answer:
                if json.load(answer)["status"] == "ok":
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"the portal at {url} did not become ready")


def stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def endpoint_lines(stats_csv: Path) -> tuple[list[str], dict]:
    lines, rows = [], {}
    with stats_csv.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rows[row["Name"]] = row
            name = "total" if row["Name"] == "Aggregated" else row["Type"] + " " + row["Name"]
            lines.append(
                f"BENCH load_endpoint name={name.replace(' ', '_')} requests={row['Request Count']} "
                f"rps={float(row['Requests/s']):.1f} p50_ms={row['50%']} p95_ms={row['95%']} p99_ms={row['99%']} "
                f"failures={row['Failure Count']}"
            )
    return lines, rows


def check_database(acks_file: Path) -> dict:
    """Every acknowledged write against the database: each report there, at the version and status of
    its latest acknowledged write; none twice for one unit, item and month."""
    import psycopg2

    latest: dict[int, dict] = {}
    count = 0
    for line in acks_file.read_text(encoding="utf-8").splitlines():
        ack = json.loads(line)
        count += 1
        if ack["id"] not in latest or ack["version"] > latest[ack["id"]]["version"]:
            latest[ack["id"]] = ack
    connection = psycopg2.connect(f"{SERVER}/{DATABASE}")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, version, status FROM reports_progressreport WHERE id = ANY(%s)", [list(latest)]
        )
        found = {pk: (version, status) for pk, version, status in cursor.fetchall()}
        cursor.execute(
            "SELECT count(*) FROM (SELECT 1 FROM reports_progressreport GROUP BY unit_id, work_item_id, period "
            "HAVING count(*) > 1) twice"
        )
        duplicates = cursor.fetchone()[0]
    connection.close()
    lost = [pk for pk in latest if pk not in found]
    stale = [pk for pk, ack in latest.items() if pk in found and found[pk] != (ack["version"], ack["status"])]
    return {"acknowledged": count, "reports": len(latest), "lost": len(lost), "lost_updates": len(stale),
            "duplicates": duplicates}  # fmt: skip


def main() -> None:
    why = unreachable()
    if why:
        print(f"BENCH load skipped: {why}")
        return
    with tempfile.TemporaryDirectory(prefix="portal-load-") as tmp:
        folder = Path(tmp)
        fresh_database()
        work = prepare(folder)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        ENV["ALLOWED_HOSTS"] = "127.0.0.1"
        web = start(
            [
                str(BIN / "gunicorn"),
                "portal.wsgi",
                "-c",
                "deploy/gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{port}",
            ]
        )
        worker = start([str(BIN / "celery"), "-A", "portal", "worker", "-l", "warning", "--concurrency=1"])
        try:
            wait_ready(url)
            users = (
                len(work["clerks"])
                + int(os.environ.get("LOAD_HEADS", "8"))
                + 2 * int(os.environ.get("LOAD_LEADERS", "4"))
            )
            locust_env = {**os.environ, "LOAD_WORK": str(folder / "work.json"), "LOAD_ACKS": str(folder / "acks.jsonl"),
                          "LOAD_STATUS": str(folder / "status.json")}  # fmt: skip
            load_before = os.getloadavg()[0]
            subprocess.run(
                [str(BIN / "locust"), "-f", str(ROOT / "benchmarks" / "locustfile.py"), "--headless", "--only-summary",
                 "-u", str(users), "-r", str(users), "-t", f"{SECONDS}s", "--host", url, "--csv", str(folder / "load"),
                 "--loglevel", "ERROR", "--stop-timeout", "10"],
                cwd=ROOT, env=locust_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
            )  # fmt: skip
            load_after = os.getloadavg()[0]
        finally:
            stop(web)
            stop(worker)
        lines, rows = endpoint_lines(folder / "load_stats.csv")
        statuses = Counter(json.loads((folder / "status.json").read_text(encoding="utf-8")))
        by_status = Counter()
        for key, n in statuses.items():
            by_status[key.rsplit(" ", 1)[1]] += n
        # 409: two heads of one unit approving the same report, one told it was done already; 5xx and
        # connection failures are errors
        errors = sum(n for status, n in by_status.items() if not status.startswith(("2", "3", "4")))
        refused = sum(n for status, n in by_status.items() if status.startswith("4") and status != "409")
        overview, healthz = rows.get("/overview/"), rows.get("/healthz")
        ratio = float(overview["Requests/s"]) / float(healthz["Requests/s"]) if overview and healthz else 0.0
        db = check_database(folder / "acks.jsonl")
        print(
            f"BENCH load_seconds={SECONDS} users={users} gunicorn_workers={WORKERS} load={load_before:.1f}->{load_after:.1f}"
        )
        print(f"BENCH load_rps={float(rows['Aggregated']['Requests/s']):.1f}")
        print("\n".join(lines))
        print("BENCH load_status " + " ".join(f"{status}={n}" for status, n in sorted(by_status.items())))
        print(f"BENCH load_errors={errors} refused={refused} conflicts={by_status.get('409', 0)}")
        print(f"BENCH load_overview_vs_healthz={ratio:.2f} aim>=0.30")
        print("BENCH load_writes " + " ".join(f"{k}={v}" for k, v in db.items()))


if __name__ == "__main__":
    main()
