"""Measure the application against a generated database (bench/generate.py).

    python bench/run.py --cases 100000          # database casemgr_bench_100000
    python bench/run.py --url postgresql://... --requests 300 --out results.json

Starts gunicorn (2 workers, as many as this machine's cores), logs in as a supervisor, and sends
``--requests`` sequential requests to each page after a warm-up, giving p50 and p95 latency; the
floor route (the login page: the base layout, no database access) is measured in the same run:
alone at the start of each round, and between every two requests to a page (so each page's
ratio is to a floor measured under the same load); an officer's dashboard, case list and board
are measured too (logged in as officer1). All of that ``--rounds`` times
(3): each figure is the median over the rounds, each ratio the median of the rounds' ratios (a
virtual machine's speed moves by up to 30% from one minute to the next). In-process, it then times the
reminder scan, the yearly statistics query, a snapshot, and intake throughput (registrations per
second through the service layer from several threads). Prints a table and writes JSON.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PASSWORD = "bench-pass-2026"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Session:
    """Enough of a browser: cookies, GET and form POST, no redirects followed on POST."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def get(self, url: str) -> tuple[int, str]:
        try:
            with self.opener.open(url, timeout=60) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, ""

    def post(self, url: str, data: dict) -> int:
        body = urllib.parse.urlencode(data).encode()
        try:
            with self.opener.open(urllib.request.Request(url, data=body), timeout=60) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _server(url: str, instance: Path, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "CASEMGR_INSTANCE_PATH": str(instance),
        "CASEMGR_ENV": "development",
    }
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            if Session().get(f"http://127.0.0.1:{port}/healthz")[0] in (200, 503):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start")


def _login(base: str, username: str = "supervisor1") -> Session:
    session = Session()
    page = session.get(f"{base}/login")[1]
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    status = session.post(
        f"{base}/login", {"username": username, "password": PASSWORD, "csrf_token": token}
    )
    if status != 302:
        raise SystemExit(f"login failed: {status}")
    return session


def _check(status: int, url: str) -> None:
    if status != 200:
        raise SystemExit(f"{url} answered {status}")


def _figures(times: list[float]) -> dict[str, float]:
    return {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(_percentile(times, 0.95), 2),
            "requests": len(times)}


def _measure(session: Session, urls: list[str], n: int, floor_url: str | None = None,
             warmup: int = 10) -> dict[str, float]:
    """``n`` requests to ``urls`` in turn. With ``floor_url``, a request to the floor route after each
    one (from a session of its own), so that the page's ratio is to a floor measured under the same
    load: a virtual machine's speed here moves by 2x within a minute, and a floor measured before
    the pages could be taken in a fast minute and the page in a slow one."""
    floor = Session() if floor_url else None
    # Every URL once before the timing (50 case pages, 20 searches): what is measured is a page of
    # a working set in memory, as the one-URL pages (board, lists) are. A first visit also reads
    # the case's rows from the operating system into PostgreSQL's buffers (shared_buffers is 128 MB
    # here, the database at a million cases 3.7 GB): counted in, 40 first visits were a fifth of
    # the 200 requests and set the case page's p95, 2-4 ms above a visit again (docs/performance.md).
    for i in range(max(warmup, len(urls))):
        _check(session.get(urls[i % len(urls)])[0], urls[i % len(urls)])
    times, beside = [], []
    for i in range(n):
        url = urls[i % len(urls)]
        started = time.perf_counter()
        status, _body = session.get(url)
        times.append((time.perf_counter() - started) * 1000)
        _check(status, url)
        if floor is not None:
            started = time.perf_counter()
            _check(floor.get(floor_url)[0], floor_url)
            beside.append((time.perf_counter() - started) * 1000)
    figures = _figures(times)
    if beside:
        figures["floor_beside_p95_ms"] = _figures(beside)["p95_ms"]
    return figures


def _samples(app) -> dict:
    from sqlalchemy import func, select

    from casemgr.extensions import db
    from casemgr.models import Case, Party, Publication

    with app.app_context():
        # The same sample in every run on a database (PostgreSQL's random() from a fixed seed): a
        # fifth of the decided cases are not yet archived, with heavier pages, and a new sample each
        # run moved the case page's p95 by ~0.1x the floor between runs of the same code.
        db.session.execute(select(func.setseed(0.2026)))
        case_ids = db.session.scalars(
            select(Case.id).where(Case.decision_type.is_not(None)).order_by(func.random()).limit(50)
        ).all()
        publication_ids = db.session.scalars(select(Publication.id).order_by(func.random()).limit(50)).all()
        names = db.session.scalars(select(Party.name).order_by(func.random()).limit(20)).all()
        total = db.session.scalar(select(func.count()).select_from(Case))
        middle = db.session.execute(
            select(Case.received_on, Case.id)
            .order_by(Case.received_on.desc(), Case.id.desc())
            .offset(total // 2)
            .limit(1)
        ).one()
    return {
        "case_ids": case_ids,
        "publication_ids": publication_ids,
        "names": names,
        "total": total,
        "middle": f"{middle.received_on.isoformat()}.{middle.id}",
    }


def _pages(base: str, samples: dict, year: int) -> dict[str, list[str]]:
    return {
        "case_list_first": [f"{base}/cases/?view=all&state=archived&area=urban_management"],
        # the middle of the whole list, reached by the list's own "older" links (keyset)
        "case_list_deep": [f"{base}/cases/?view=all&before={samples['middle']}"],
        "case_page": [f"{base}/cases/{i}" for i in samples["case_ids"]],
        "search": [f"{base}/cases/?view=all&q={urllib.parse.quote(name)}" for name in samples["names"]],
        "deadline_board": [f"{base}/board/"],
        # a supervisor's board narrowed to one management area, then to one officer (in turn)
        "board_by_area": [
            f"{base}/board/?area={area}"
            for area in ("urban_management", "public_security", "natural_resources", "housing")
        ],
        "board_by_officer": [f"{base}/board/?officer={i}" for i in range(1, 11)],
        "dashboard": [f"{base}/dashboard"],  # where a supervisor lands after logging in
        "statistics_year": [f"{base}/statistics/?period={year}"],
        "portal_search": [
            f"{base}/decisions?q={urllib.parse.quote(phrase)}"
            for phrase in ("违法建设", "信息公开", "程序违法", "工伤认定")
        ],
        "public_decision": [f"{base}/decisions/{i}" for i in samples["publication_ids"]],
    }


def _officer_pages(base: str) -> dict[str, list[str]]:
    """What an officer opens most: their dashboard, their cases, their board."""
    return {
        "officer_dashboard": [f"{base}/dashboard"],
        "officer_case_list": [f"{base}/cases/"],
        "officer_board": [f"{base}/board/"],
    }


def _timed(call) -> float:
    started = time.perf_counter()
    call()
    return round((time.perf_counter() - started) * 1000, 1)


def _jobs(app, year: int, clients: int, per_client: int) -> dict[str, float]:
    from sqlalchemy import select

    from casemgr import clock, collector
    from casemgr.domain.periods import year_period
    from casemgr.extensions import db
    from casemgr.models import Role, User
    from casemgr.queries.calendar import work_calendar_get
    from casemgr.queries.statistics import statistics_figures
    from casemgr.services.reminders import reminders_scan
    from casemgr.services.statistics import definitions_get, snapshot_freeze

    results: dict[str, float] = {}
    collector.settle()  # as the worker process does (workers/celery_app.py)
    with app.app_context():
        calendar, definitions = work_calendar_get(), definitions_get()
        today = clock.today()
        # Nothing written yet (_settle): the first scan after going live writes every reminder of
        # the lookback window at once. Run for yesterday, so that today's run is then the daily
        # job's (what one more day brings), and the run after it finds everything written.
        results["reminder_scan_backlog_ms"] = _timed(
            lambda: reminders_scan(today=today - timedelta(days=1), calendar=calendar)
        )
        results["reminder_scan_ms"] = _timed(lambda: reminders_scan(today=today, calendar=calendar))
        results["reminder_scan_again_ms"] = _timed(lambda: reminders_scan(today=today, calendar=calendar))
        runs = [_timed(lambda: statistics_figures(year_period(year), definitions)) for _ in range(3)]
        results["yearly_statistics_ms"] = statistics.median(runs)
        admin = db.session.scalar(select(User).where(User.role == Role.ADMIN.value))
        results["snapshot_ms"] = _timed(lambda: snapshot_freeze(year_period(year), actor=admin, replace=True))
        officers = db.session.scalars(
            select(User.id).where(User.role == Role.OFFICER.value).limit(clients)
        ).all()
        agency_id = db.session.execute(db.text("SELECT min(id) FROM agencies")).scalar()
    with app.app_context():
        marks = _marks(db.session)
    try:
        results["intake_per_second"] = _intake(app, officers, agency_id, per_client)
    finally:
        with app.app_context():
            _undo_intake(db.session, marks)
    results["intake_clients"] = clients
    return results


def _marks(session) -> dict:
    """Where the tables end before the intake step, so that it can be undone afterwards."""
    text = session.connection().exec_driver_sql
    marks = {
        "case_id": text("SELECT coalesce(max(id), 0) FROM cases").scalar(),
        "audit_id": text("SELECT coalesce(max(id), 0) FROM audit_entries").scalar(),
        "sequences": dict(text("SELECT year, last_seq FROM case_number_sequences").all()),
    }
    session.rollback()
    return marks


def _undo_intake(session, marks: dict) -> None:
    """Delete what the intake step registered, so that every run measures the same database (the
    step is timed through the real service, which commits). Its audit entries are the last ones
    written, so the hash chain that remains is whole (a prefix of the chain is a valid chain)."""
    text, case_id = session.connection().exec_driver_sql, marks["case_id"]
    for table in ("deadlines", "case_events", "parties", "case_assignments"):
        text(f"DELETE FROM {table} WHERE case_id > %(c)s", {"c": case_id})
    text("DELETE FROM cases WHERE id > %(c)s", {"c": case_id})
    text("DELETE FROM audit_entries WHERE id > %(a)s", {"a": marks["audit_id"]})
    for year, last_seq in marks["sequences"].items():
        text("UPDATE case_number_sequences SET last_seq = %(s)s WHERE year = %(y)s",
             {"s": last_seq, "y": year})
    text("DELETE FROM case_number_sequences WHERE NOT (year = ANY(%(y)s))", {"y": list(marks["sequences"])})
    session.commit()


def _intake(app, officer_ids: list[int], agency_id: int, per_client: int) -> float:
    from casemgr import clock
    from casemgr.extensions import db
    from casemgr.models import User
    from casemgr.services.intake import Application, PartyInput, case_register

    errors: list[BaseException] = []

    def client(officer_id: int) -> None:
        try:
            with app.app_context():
                officer = db.session.get(User, officer_id)
                today = clock.today()
                for i in range(per_client):
                    case_register(
                        actor=officer,
                        application=Application(
                            respondent_id=agency_id,
                            received_on=today,
                            act_type="penalty",
                            act_number=f"基准{i}",
                            act_date=today - timedelta(days=10),
                            act_known_on=today - timedelta(days=5),
                            requests="撤销",
                            parties=[PartyInput(name="基准申请人")],
                        ),
                    )
                db.session.remove()
        except BaseException as error:  # reported after the threads end
            errors.append(error)

    threads = [threading.Thread(target=client, args=(officer_id,)) for officer_id in officer_ids]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise errors[0]
    return round(len(officer_ids) * per_client / elapsed, 1)


def _settle(url: str) -> None:
    """Start every run from the same state: no reminders or notifications left by an earlier run
    (the first scan then writes the whole backlog, _jobs), the tables vacuumed and a checkpoint taken,
    so neither autovacuum nor a checkpoint lands in the middle of the measurements."""
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as cx:
        cx.execute("DELETE FROM outbound_mails")
        cx.execute("DELETE FROM notifications")
        cx.execute("DELETE FROM reminders")
        cx.execute("VACUUM (ANALYZE)")
        cx.execute("CHECKPOINT")


def _round(base: str, samples: dict, year: int, n_requests: int) -> tuple[dict, dict]:
    """The floor alone, then every page with the floor between its requests: one round."""
    floor_url = f"{base}/login"
    floor = _measure(Session(), [floor_url], n_requests)
    session = _login(base)
    pages = {name: _measure(session, urls, n_requests, floor_url)
             for name, urls in _pages(base, samples, year).items()}
    officer = _login(base, "officer1")
    pages |= {name: _measure(officer, urls, n_requests, floor_url)
              for name, urls in _officer_pages(base).items()}
    return floor, pages


def _median_of(rounds: list[dict]) -> dict:
    """A figure over several rounds: the median of each round's p50 and p95 (one slow minute of the
    virtual machine moves a single round's p95 by up to 30%), each round's kept beside it."""
    figures = {
        "p50_ms": round(statistics.median(r["p50_ms"] for r in rounds), 2),
        "p95_ms": round(statistics.median(r["p95_ms"] for r in rounds), 2),
        "requests": sum(r["requests"] for r in rounds),
        "p95_ms_per_round": [r["p95_ms"] for r in rounds],
    }
    if all("floor_beside_p95_ms" in r for r in rounds):
        figures["floor_beside_p95_ms_per_round"] = [r["floor_beside_p95_ms"] for r in rounds]
    return figures


def run(url: str, n_requests: int, clients: int, per_client: int, n_rounds: int = 3) -> dict:
    from casemgr import create_app

    instance = ROOT / "instance" / "bench"
    instance.mkdir(parents=True, exist_ok=True)
    os.environ.update({"DATABASE_URL": url, "CASEMGR_INSTANCE_PATH": str(instance)})
    _settle(url)
    app = create_app()
    year = date.today().year - 1
    samples = _samples(app)
    with app.app_context():  # the nightly task would have frozen last year already
        from casemgr.domain.periods import year_period
        from casemgr.services.statistics import snapshot_freeze

        snapshot_freeze(year_period(year))
    port = _free_port()
    server = _server(url, instance, port)
    base = f"http://127.0.0.1:{port}"
    try:
        rounds = [_round(base, samples, year, n_requests) for _ in range(n_rounds)]
    finally:
        server.terminate()
        server.wait(10)
    floor = _median_of([floor for floor, _pages in rounds])
    pages = {name: _median_of([pages[name] for _floor, pages in rounds]) for name in rounds[0][1]}
    for name, figures in pages.items():
        # each round's page against the floor measured between its requests, then the median of
        # those ratios; and, as before, against the floor measured alone at the round's start
        figures["p95_ratio_to_floor"] = round(statistics.median(
            pages_[name]["p95_ms"] / pages_[name]["floor_beside_p95_ms"] for _floor, pages_ in rounds), 2)
        figures["p95_ratio_to_floor_alone"] = round(statistics.median(
            pages_[name]["p95_ms"] / floor_["p95_ms"] for floor_, pages_ in rounds), 2)
    return {
        "cases": samples["total"],
        "machine": {"cpus": os.cpu_count(), "cpu": _cpu_model(), "python": sys.version.split()[0]},
        "rounds": n_rounds,
        "floor": floor,
        "pages": pages,
        "jobs": _jobs(app, year, clients, per_client),
        "when": time.strftime("%Y-%m-%d %H:%M"),
    }


def _cpu_model() -> str:
    """The processor's name: runs on different virtual machines differ by 2-3x (docs/performance.md)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    import platform

    return platform.processor() or platform.machine()


def table(result: dict) -> str:
    lines = [
        f"cases: {result['cases']} on {result['machine']['cpus']} x {result['machine']['cpu']}, "
        f"median of {result['rounds']} rounds",
        f"{'page':20} {'p50 ms':>8} {'p95 ms':>8} {'floor p95':>10} {'p95/floor':>10} {'/alone':>7}",
        f"{'floor (/login)':20} {result['floor']['p50_ms']:8.2f} {result['floor']['p95_ms']:8.2f}"
        f" {result['floor']['p95_ms']:10.2f} {1:10.2f} {1:7.2f}",
    ]
    for name, f in result["pages"].items():
        beside = statistics.median(f["floor_beside_p95_ms_per_round"])
        lines.append(f"{name:20} {f['p50_ms']:8.2f} {f['p95_ms']:8.2f} {beside:10.2f}"
                     f" {f['p95_ratio_to_floor']:10.2f} {f['p95_ratio_to_floor_alone']:7.2f}")
    for name, value in result["jobs"].items():
        lines.append(f"{name:28} {value}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=None, help="use the database casemgr_bench_<cases>")
    parser.add_argument("--url", default=None)
    parser.add_argument("--requests", type=int, default=200, help="per page and round")
    parser.add_argument("--rounds", type=int, default=3, help="each page's figures: the median over rounds")
    parser.add_argument("--clients", type=int, default=4, help="intake threads")
    parser.add_argument("--per-client", type=int, default=50)
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    url = args.url or f"postgresql://postgres@127.0.0.1:5432/casemgr_bench_{args.cases or 10000}"
    result = run(url, args.requests, args.clients, args.per_client, args.rounds)
    print(table(result))
    out = Path(args.out or ROOT / "bench" / "results" / f"results-{args.cases or result['cases']}.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"written {out}")


if __name__ == "__main__":
    main()
