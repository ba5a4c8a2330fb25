"""Load N realistic cases into a fresh PostgreSQL database, fast (COPY).

    python bench/generate.py 100000                 # database casemgr_bench_100000
    python bench/generate.py 1000000 --url postgresql://postgres@127.0.0.1/casemgr_bench

Every case has its parties, officers, timeline events, deadlines, audit entries (a valid hash
chain) and, when decided, its decision; a share of the decisions are published (with a public
text the portal searches), some are sued (lawsuits with defendants), and the recent cases are
still open, with open deadlines for the board and the reminder scan. Cases spread over the ten
years before today, so a year holds about a tenth of them. Deterministic for a given N.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from casemgr.domain.audit_chain import GENESIS, canonical  # noqa: E402
from casemgr.domain.catalogues import ACT_TYPES, AGENCY_AREAS, CHANNELS, MANAGEMENT_AREAS  # noqa: E402

DECISIONS = (
    ["uphold"] * 50
    + ["reject_request"] * 14
    + ["revoke"] * 9
    + ["confirm_illegal"] * 6
    + ["vary"] * 2
    + ["order_performance"] * 2
    + ["revoke_part"] * 2
    + ["terminate"] * 9
    + ["mediation"] * 3
    + ["dismiss_application"] * 3
)
SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀英建华国志刚海燕晓东玉梅文斌红霞"
TOPICS = [
    "违法建设",
    "限期拆除",
    "行政处罚",
    "信息公开",
    "房屋征收",
    "工伤认定",
    "营业执照",
    "噪声污染",
    "占道经营",
    "食品安全",
    "劳动保障",
    "规划许可",
    "交通违法",
    "消防检查",
    "户籍登记",
    "社会保险",
    "环境监测",
    "广告发布",
]
# An officer handles ~100 applications a year (the model district: 172 a year for a few officers),
# so ten years of N cases need N / 1,000 of them (40 at least). Supervisors see every case.
OFFICERS_MIN, CASES_PER_OFFICER, SUPERVISORS, AGENCIES = 40, 1_000, 5, 200
YEARS = 10
EXPLAIN_ZH = json.dumps(["依据《中华人民共和国行政复议法》计算。"], ensure_ascii=False)
EXPLAIN_EN = json.dumps(["Computed under the ARL."])


def _hash_password() -> str:
    from werkzeug.security import generate_password_hash

    return generate_password_hash("bench-pass-2026", method="scrypt")


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


class _Writer:
    """``write_row`` in PostgreSQL's COPY text format: tab-separated, ``\\N`` for NULL."""

    def __init__(self, out) -> None:
        self.out = out

    def write_row(self, row) -> None:
        fields = []
        for value in row:
            if value is None:
                fields.append("\\N")
            elif value is True or value is False:
                fields.append("t" if value else "f")
            elif isinstance(value, datetime | date):
                fields.append(value.isoformat())
            else:
                fields.append(str(value).translate(_ESCAPES))
        self.out.write("\t".join(fields) + "\n")


class Loader:
    def __init__(self, connection: psycopg.Connection, n: int, today: date) -> None:
        self.cx, self.n, self.today = connection, n, today
        self.officers = max(OFFICERS_MIN, n // CASES_PER_OFFICER)
        self.rng = random.Random(n)
        self.ids = {
            name: 0
            for name in (
                "users",
                "agencies",
                "cases",
                "parties",
                "case_assignments",
                "case_events",
                "deadlines",
                "decisions",
                "publications",
                "defence_cases",
                "defence_defendants",
                "audit_entries",
                "typical_cases",
            )
        }
        self.previous_hash = GENESIS

    def next_id(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def copy(self, table: str, columns: tuple[str, ...]):
        return self.cx.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN")

    # -- reference rows ------------------------------------------------------------------------
    def users_and_agencies(self) -> None:
        digest, now = _hash_password(), datetime.now(UTC)
        with self.copy(
            "users",
            ("id", "username", "display_name", "role", "password_hash", "active", "created_at", "version"),
        ) as copy:
            for i in range(self.officers):
                copy.write_row(
                    (
                        self.next_id("users"),
                        f"officer{i + 1}",
                        f"承办人{i + 1}",
                        "officer",
                        digest,
                        True,
                        now,
                        1,
                    )
                )
            for i in range(SUPERVISORS):
                copy.write_row(
                    (
                        self.next_id("users"),
                        f"supervisor{i + 1}",
                        f"负责人{i + 1}",
                        "supervisor",
                        digest,
                        True,
                        now,
                        1,
                    )
                )
            copy.write_row((self.next_id("users"), "admin", "管理员", "admin", digest, True, now, 1))
        areas = list(AGENCY_AREAS)
        with self.copy(
            "agencies",
            ("id", "name", "area", "address", "legal_representative", "active", "created_at", "version"),
        ) as copy:
            for i in range(AGENCIES):
                area = areas[i % len(areas)]
                copy.write_row(
                    (
                        self.next_id("agencies"),
                        f"测试区{MANAGEMENT_AREAS[area][0]}执法单位{i + 1}",
                        area,
                        "",
                        "",
                        True,
                        now,
                        1,
                    )
                )

    # -- the cases -----------------------------------------------------------------------------
    def deadline(
        self,
        copy,
        case_id: int,
        agency: int,
        rule: str,
        procedure: str,
        start: date,
        due: date,
        state: str,
        met_on: date | None,
        created: datetime,
        updated: datetime,
    ) -> None:
        """A reconsideration case's deadline row (the explanation is the same short text on each)."""
        copy.write_row(
            (
                self.next_id("deadlines"),
                case_id,
                agency,
                rule,
                procedure,
                start,
                due,
                state,
                False,
                "",
                0,
                "[]",
                met_on,
                EXPLAIN_ZH,
                EXPLAIN_EN,
                created,
                updated,
                1,
            )
        )

    def audit(
        self, copy, at: datetime, actor: int, action: str, object_type: str, object_id: int, details: dict
    ) -> None:
        entry_id = self.next_id("audit_entries")
        fields = {
            "id": entry_id,
            "at": at,
            "actor_id": actor,
            "action": action,
            "object_type": object_type,
            "object_id": str(object_id),
            "remote_addr": None,
            "details": details,
        }
        digest = hashlib.sha256((self.previous_hash + "\n" + canonical(fields)).encode()).hexdigest()
        copy.write_row(
            (
                entry_id,
                at,
                actor,
                action,
                object_type,
                str(object_id),
                None,
                json.dumps(details, ensure_ascii=False),
                self.previous_hash,
                digest,
            )
        )
        self.previous_hash = digest

    def cases(self) -> dict[str, int]:
        rng, today = self.rng, self.today
        first = today - timedelta(days=365 * YEARS)
        span = (today - first).days
        received_days = sorted(first + timedelta(days=rng.randrange(span)) for _ in range(self.n))
        seqs: dict[int, int] = {}
        counts = {"decided": 0, "open": 0, "published": 0, "lawsuits": 0}
        open_after = today - timedelta(days=75)  # recent cases are still in progress
        tables = {
            "cases": (
                "id",
                "number",
                "year",
                "seq",
                "state",
                "procedure",
                "channel",
                "received_on",
                "respondent_id",
                "act_type",
                "act_number",
                "act_summary",
                "requests",
                "told_of_right",
                "real_property",
                "late",
                "late_note",
                "accepted_on",
                "extended",
                "extension_requested",
                "closing_reason",
                "decision_type",
                "decision_date",
                "area",
                "withdrawn_after_correction",
                "origin",
                "created_by_id",
                "created_at",
                "updated_at",
                "version",
            ),
            "parties": (
                "id",
                "case_id",
                "position",
                "role",
                "kind",
                "name",
                "id_number",
                "phone",
                "address",
                "legal_representative",
                "received_on",
            ),
            "case_assignments": ("id", "case_id", "user_id", "received_on", "assigned_at", "assigned_by_id"),
            "case_events": (
                "id",
                "case_id",
                "kind",
                "occurred_on",
                "recorded_at",
                "actor_id",
                "note",
                "details",
            ),
            "deadlines": (
                "id",
                "case_id",
                "agency_id",  # written here: the database's trigger fills it only when missing
                "rule_code",
                "procedure",
                "start_on",
                "due_on",
                "state",
                "provisional",
                "provisional_reason",
                "extension_days",
                "pauses",
                "met_on",
                "explanation_zh",
                "explanation_en",
                "created_at",
                "updated_at",
                "version",
            ),
            "decisions": (
                "id",
                "case_id",
                "decision_type",
                "applicant_claims",
                "respondent_claims",
                "findings",
                "reasoning",
                "legal_basis",
                "operative_text",
                "drafted_by_id",
                "drafted_at",
                "approved_by_id",
                "approved_at",
                "sent_back_comment",
                "withdrawn_after_correction",
                "version",
            ),
            "publications": (
                "id",
                "case_id",
                "state",
                "title",
                "public_text",
                "spans",
                "extra_redactions",
                "kept_texts",
                "withheld_reason",
                "withdrawn_reason",
                "note",
                "prepared_by_id",
                "prepared_at",
                "approved_by_id",
                "approved_at",
                "published_at",
                "version",
            ),
            "audit_entries": (
                "id",
                "at",
                "actor_id",
                "action",
                "object_type",
                "object_id",
                "remote_addr",
                "details",
                "prev_hash",
                "hash",
            ),
        }
        # One COPY at a time per connection: the rows go to files first, then load in foreign-key order.
        with tempfile.TemporaryDirectory(prefix="casemgr-bench-") as folder:
            files = {
                name: open(Path(folder) / f"{name}.txt", "w", encoding="utf-8")  # noqa: SIM115
                for name in tables
            }
            writers = {name: _Writer(out) for name, out in files.items()}
            self._write_cases(received_days, open_after, seqs, counts, writers)
            for out in files.values():
                out.close()
            for name, columns in tables.items():
                with (
                    self.cx.cursor().copy(f"COPY {name} ({', '.join(columns)}) FROM STDIN") as copy,
                    open(Path(folder) / f"{name}.txt", encoding="utf-8") as source,
                ):
                    while chunk := source.read(1 << 20):
                        copy.write(chunk)
        with self.copy("case_number_sequences", ("year", "last_seq")) as copy:
            for year, seq in sorted(seqs.items()):
                copy.write_row((year, seq))
        return counts

    def _write_cases(self, received_days, open_after, seqs, counts, c) -> None:
        rng, supervisors = self.rng, range(self.officers + 1, self.officers + SUPERVISORS + 1)
        for received in received_days:
            case_id = self.next_id("cases")
            year = received.year
            seq = seqs[year] = seqs.get(year, 0) + 1
            officer, supervisor = rng.randrange(1, self.officers + 1), rng.choice(supervisors)
            agency = rng.randrange(1, AGENCIES + 1)
            topic = rng.choice(TOPICS)
            procedure = "simplified" if rng.random() < 0.1 else "ordinary"
            decided = received < open_after or rng.random() < 0.3
            accepted = received + timedelta(days=rng.randint(1, 6))
            not_accepted = rng.random() < 0.05
            decision_date = accepted + timedelta(days=rng.randint(15, 62)) if decided else None
            if decision_date and decision_date > self.today:
                decided, decision_date = False, None
            state = (
                "not_accepted"
                if not_accepted
                else "decided"
                if decided
                else "accepted"
                if accepted <= self.today
                else "received"
            )
            if state == "decided" and rng.random() < 0.8 and decision_date < self.today - timedelta(days=30):
                state = "archived"
            decision = rng.choice(DECISIONS) if state in ("decided", "archived") else None
            at = _at(received)
            c["cases"].write_row(
                (
                    case_id,
                    f"通政复字〔{year}〕第{seq}号",
                    year,
                    seq,
                    state,
                    procedure,
                    rng.choice(list(CHANNELS)),
                    received,
                    agency,
                    rng.choice(list(ACT_TYPES)),
                    f"京通执字〔{year}〕第{rng.randint(1, 99999)}号",
                    f"关于{topic}的行政行为",
                    f"请求撤销关于{topic}的决定",
                    True,
                    False,
                    False,
                    "",
                    None if state in ("not_accepted", "received") else accepted,
                    False,
                    False,
                    "不符合受理条件" if state == "not_accepted" else "",
                    decision,
                    decision_date,
                    "demolition" if topic in ("违法建设", "限期拆除") else None,
                    False,
                    "registered",
                    officer,
                    at,
                    at,
                    1,
                )
            )
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
            c["parties"].write_row(
                (
                    self.next_id("parties"),
                    case_id,
                    0,
                    "applicant",
                    "person",
                    name,
                    "",
                    f"13{rng.randint(100000000, 999999999)}",
                    "北京市通州区某街道某号",
                    "",
                    received,
                )
            )
            c["case_assignments"].write_row(
                (self.next_id("case_assignments"), case_id, officer, received, at, supervisor)
            )
            c["case_events"].write_row(
                (self.next_id("case_events"), case_id, "received", received, at, officer, "", "{}")
            )
            self.audit(
                c["audit_entries"], at, officer, "case.register", "Case", case_id, {"number": f"{year}-{seq}"}
            )
            # The acceptance review: still open for an application just received, met on the day of
            # acceptance, or of non-acceptance three days after receipt.
            reviewed = {"received": None, "not_accepted": received + timedelta(days=3)}.get(state, accepted)
            self.deadline(
                c["deadlines"],
                case_id,
                agency,
                "acceptance_review",
                procedure,
                received,
                received + timedelta(days=7),
                "open" if reviewed is None else "met",
                reviewed,
                at,
                at,
            )
            if state in ("not_accepted", "received"):
                continue
            c["case_events"].write_row(
                (self.next_id("case_events"), case_id, "accepted", accepted, _at(accepted), officer, "", "{}")
            )
            self.audit(c["audit_entries"], _at(accepted), officer, "case.accepted", "Case", case_id, {})
            decision_due = accepted + timedelta(days=30 if procedure == "simplified" else 60)
            if decision is None:
                counts["open"] += 1
                self.deadline(
                    c["deadlines"],
                    case_id,
                    agency,
                    "decision",
                    procedure,
                    accepted,
                    decision_due,
                    "open",
                    None,
                    _at(accepted),
                    _at(accepted),
                )
                continue
            counts["decided"] += 1
            self.deadline(
                c["deadlines"],
                case_id,
                agency,
                "decision",
                procedure,
                accepted,
                decision_due,
                "met" if decision_date <= decision_due else "missed",
                decision_date,
                _at(accepted),
                _at(decision_date),
            )
            c["decisions"].write_row(
                (
                    self.next_id("decisions"),
                    case_id,
                    decision,
                    "",
                    "",
                    f"经审理查明，{topic}。",
                    "本机关认为。",
                    "第六十八条",
                    f"{decision}：关于{topic}的决定。",
                    officer,
                    _at(decision_date),
                    supervisor,
                    _at(decision_date),
                    "",
                    False,
                    1,
                )
            )
            c["case_events"].write_row(
                (
                    self.next_id("case_events"),
                    case_id,
                    "decision_issued",
                    decision_date,
                    _at(decision_date),
                    officer,
                    "",
                    json.dumps({"decision_type": decision}),
                )
            )
            self.audit(
                c["audit_entries"],
                _at(decision_date),
                officer,
                "case.decision_issued",
                "Case",
                case_id,
                {"decision_type": decision},
            )
            published_on = decision_date + timedelta(days=rng.randint(5, 25))
            if rng.random() < 0.6 and published_on < self.today:
                counts["published"] += 1
                surname = name[0]
                text = (
                    f"通政复字〔{year}〕第{seq}号\n申请人：{surname}某\n被申请人：测试区执法单位{agency}\n"
                    f"申请人不服被申请人作出的关于{topic}的行政行为，向本机关申请行政复议。"
                    f"本机关依法予以受理，现已审理终结。经审理查明，被申请人在{topic}过程中"
                    f"{rng.choice(['认定事实清楚', '证据不足', '程序违法', '适用依据正确'])}。"
                )
                c["publications"].write_row(
                    (
                        self.next_id("publications"),
                        case_id,
                        "published",
                        f"通政复字〔{year}〕第{seq}号 行政复议决定书",
                        text,
                        "[]",
                        "[]",
                        "[]",
                        "",
                        "",
                        "",
                        officer,
                        _at(published_on),
                        supervisor,
                        _at(published_on),
                        _at(published_on),
                        1,
                    )
                )

    def lawsuits(self) -> int:
        """One decided case in twenty is sued: a lawsuit with its defendants and deadlines."""
        rng = self.rng
        rows = self.cx.execute(
            "SELECT id, decision_date, respondent_id, decision_type FROM cases "
            "WHERE decision_type IS NOT NULL AND id % 20 = 0"
        ).fetchall()
        organ_names = {r: f"测试区执法单位{r}" for _id, _d, r, _t in rows}
        written: list[int] = []  # the agency of each lawsuit written, in id order
        with self.copy(
            "defence_cases",
            (
                "id",
                "kind",
                "state",
                "forum",
                "forum_number",
                "instance",
                "procedure",
                "case_id",
                "agency_id",
                "plaintiffs",
                "subject",
                "served_on",
                "defence_filed_on",
                "defence_late",
                "judgment_kind",
                "concluded_on",
                "appealed_by",
                "note",
                "officer_id",
                "created_by_id",
                "created_at",
                "updated_at",
                "version",
            ),
        ) as copy:
            for case_id, decided, agency, _type in rows:
                served = decided + timedelta(days=rng.randint(10, 30))
                if served > self.today:
                    continue
                written.append(agency)
                concluded = served + timedelta(days=rng.randint(60, 200))
                done = concluded < self.today
                officer = rng.randrange(1, self.officers + 1)
                copy.write_row(
                    (
                        self.next_id("defence_cases"),
                        "lawsuit",
                        "concluded" if done else "pending",
                        "北京市通州区人民法院",
                        f"（{served.year}）京0112行初{case_id}号",
                        "first",
                        "ordinary",
                        case_id,
                        agency,
                        "原告",
                        "不服行政复议决定",
                        served,
                        served + timedelta(days=10),
                        False,
                        "judgment" if done else None,
                        concluded if done else None,
                        "",
                        "",
                        officer,
                        officer,
                        _at(served),
                        _at(served),
                        1,
                    )
                )
        with self.copy(
            "defence_defendants",
            ("id", "defence_case_id", "position", "name", "role", "agency_id", "outcome"),
        ) as copy:
            for defence_id, agency in enumerate(written, start=1):
                copy.write_row(
                    (
                        self.next_id("defence_defendants"),
                        defence_id,
                        0,
                        organ_names[agency],
                        "agency",
                        agency,
                        "upheld" if rng.random() < 0.9 else "revoked",
                    )
                )
        return self.ids["defence_cases"]

    def finish(self) -> None:
        for table, last in self.ids.items():
            if last:
                self.cx.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {last})")
        # What autovacuum does to a live database: statistics for the planner, and the visibility
        # map, without which an index-only scan still reads every row from the table.
        self.cx.execute("VACUUM (ANALYZE)")


def prepare_database(url: str) -> None:
    """Drop and create the database, then build the schema with the application's migrations."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()
    import flask_migrate

    from casemgr import create_app

    app = create_app(environ={**os.environ, "DATABASE_URL": url})
    with app.app_context():
        flask_migrate.upgrade()


def generate(n: int, url: str) -> dict[str, object]:
    started = time.perf_counter()
    prepare_database(url)
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=False) as connection:
        loader = Loader(connection, n, date.today())
        loader.users_and_agencies()
        counts = loader.cases()
        counts["lawsuits"] = loader.lawsuits()
        connection.commit()
        connection.autocommit = True
        loader.finish()
    return {
        "cases": n,
        **counts,
        "rows": dict(loader.ids),
        "seconds": round(time.perf_counter() - started, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="how many cases (10000, 100000, 1000000)")
    parser.add_argument(
        "--url", default=None, help="PostgreSQL URL (default: casemgr_bench_<n> on 127.0.0.1)"
    )
    args = parser.parse_args()
    url = args.url or f"postgresql://postgres@127.0.0.1:5432/casemgr_bench_{args.n}"
    print(json.dumps(generate(args.n, url), ensure_ascii=False))


if __name__ == "__main__":
    main()
