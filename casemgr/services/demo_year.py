"""``casemgr demo load --year 2020``: a realistic year of work whose figures, computed by the
statistics queries, are the model district's 2020 report (DOMAIN.md, seed report):

* 172 applications received over the year: 9 not accepted or referred, 143 decided in the year,
  20 still under review on 31 December (decided the next January and February);
* 33 direct corrections (23.1% of 143), concentrated in 拆迁拆违 (13) and 专项行动 (10);
* 156 decisions published in the year (138 of the year's, 18 of cases decided late the year
  before), 37 typical cases, 3 annual reports;
* 14 cases in which the district government is the respondent; 103 lawsuits, 80 concluded.

The rows are written directly, in one transaction, with the dates the steps happened (the
services stamp "today"); deadlines are computed by the same engine. Deterministic: the same year
gives the same data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from casemgr import clock
from casemgr.domain.case_numbers import format_case_number
from casemgr.domain.catalogues import FIELDS_OF_WORK
from casemgr.extensions import db
from casemgr.models import (
    Agency,
    Case,
    CaseAssignment,
    CaseEvent,
    CaseNumberSequence,
    Deadline,
    Decision,
    Party,
    Publication,
    Role,
    TypicalCase,
    User,
)
from casemgr.queries.calendar import work_calendar_get
from casemgr.services.audit import audit_record
from casemgr.services.deadline_rows import deadline_row
from casemgr.services.demo_year_defence import demo_defence_year
from casemgr.services.errors import ServiceError
from casemgr.services.unit_of_work import transaction

# (decision type, management area, how many) for the year's 143 decided cases.
OUTCOMES = (
    ("revoke", "demolition", 6),
    ("confirm_illegal", "demolition", 5),
    ("order_performance", "demolition", 2),
    ("revoke", "special_campaign", 4),
    ("confirm_illegal", "special_campaign", 4),
    ("revoke_part", "special_campaign", 2),
    ("vary", "public_security", 2),
    ("revoke", "market_regulation", 2),
    ("revoke", "housing", 2),
    ("confirm_illegal", "human_resources", 2),
    ("order_performance", "subdistrict", 1),
    ("confirm_invalid", "natural_resources", 1),
    ("uphold", None, 68),
    ("reject_request", None, 20),
    ("terminate", None, 12),
    ("mediation", None, 5),
    ("dismiss_application", None, 5),
)
NOT_ACCEPTED, REFERRED, OPEN_AT_YEAR_END, PRIOR_YEAR = 7, 2, 20, 20
PUBLISHED_OF_YEAR, PUBLISHED_OF_PRIOR, TYPICAL = 138, 18, 37
ACT_BY_AREA = {
    "demolition": "coercion",
    "special_campaign": "penalty",
    "public_security": "penalty",
    "market_regulation": "penalty",
    "housing": "confirmation",
    "human_resources": "nonperformance",
    "subdistrict": "nonperformance",
    "natural_resources": "ownership_determination",
    "urban_management": "penalty",
    "ecology": "penalty",
    "transport": "penalty",
}
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "涛",
    "明",
    "超",
    "秀英",
    "建华",
    "国强",
    "桂兰",
    "志刚",
    "海燕",
    "晓东",
    "玉梅",
]
COMPANIES = ["北京某建筑工程有限公司", "北京某商贸有限公司", "北京某餐饮管理有限公司", "北京某物流有限公司"]


@dataclass
class _Context:
    rng: random.Random
    officers: list[User]
    supervisor: User
    agencies: dict[str, list[Agency]]
    calendar: object
    pattern: str
    seqs: dict[int, int]


def _deadline(ctx: _Context, case: Case, rule: str, start: date, done: date | None) -> Deadline:
    extension = 30 if rule == "decision" and case.extended else 0  # ARL 62
    return deadline_row(
        case, rule, start, ctx.calendar, done=done, extension_days=extension, at=clock.at_local(start)
    )


def _person(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.15:
        return rng.choice(COMPANIES), "organisation"
    return rng.choice(SURNAMES) + rng.choice(GIVEN), "person"


def _agency_for(ctx: _Context, area: str | None) -> tuple[Agency, str | None]:
    """The respondent and, for the fields of work, the case's own area."""
    if area in FIELDS_OF_WORK:
        pool = ctx.agencies.get("urban_management", []) + ctx.agencies.get("subdistrict", [])
        return ctx.rng.choice(pool), area
    if area is None:
        area = ctx.rng.choice([a for a in ctx.agencies if ctx.agencies[a]] + list(FIELDS_OF_WORK))
        return (
            _agency_for(ctx, area) if area in FIELDS_OF_WORK else (ctx.rng.choice(ctx.agencies[area]), None)
        )
    return ctx.rng.choice(ctx.agencies[area]), None


def _new_case(ctx: _Context, received: date, area: str | None) -> Case:
    agency, own_area = _agency_for(ctx, area)
    name, kind = _person(ctx.rng)
    seq = ctx.seqs[received.year] = ctx.seqs.get(received.year, 0) + 1
    act_type = ACT_BY_AREA.get(own_area or agency.area, "other")
    officer = ctx.rng.choice(ctx.officers)
    case = Case(
        number=format_case_number(ctx.pattern, received.year, seq),
        year=received.year,
        seq=seq,
        state="received",
        procedure="simplified" if ctx.rng.random() < 0.1 else "ordinary",
        channel=ctx.rng.choice(["on_site", "on_site", "post", "online", "forwarded"]),
        received_on=received,
        respondent_id=agency.id,
        act_type=act_type,
        act_number=f"京通{received.year}第{seq}号",
        act_date=received - timedelta(days=40),
        act_known_on=received - timedelta(days=30),
        act_summary=f"{agency.name}作出的行政行为",
        requests="请求撤销被申请人作出的行政行为",
        area=own_area,
        origin="demo",
        created_by_id=officer.id,
        created_at=clock.at_local(received),
        updated_at=clock.at_local(received),
    )
    case.parties.append(
        Party(
            position=0,
            role="applicant",
            kind=kind,
            name=name,
            phone="13800138000",
            address="北京市通州区某街道某号",
        )
    )
    db.session.add(case)
    db.session.flush()
    _event(case, "received", received, officer.id)
    db.session.add(
        CaseAssignment(
            case_id=case.id,
            user_id=officer.id,
            assigned_at=clock.at_local(received),
            assigned_by_id=ctx.supervisor.id,
        )
    )
    return case


def _event(case: Case, kind: str, on: date, actor_id: int, note: str = "", **details) -> None:
    """A timeline entry recorded on the day it happened (record_event stamps now and audits each
    step; the demo year is one use case with one audit entry)."""
    db.session.add(CaseEvent(case_id=case.id, kind=kind, occurred_on=on, recorded_at=clock.at_local(on),
                             actor_id=actor_id, note=note, details=details))


def _accept(ctx: _Context, case: Case) -> date:
    accepted = ctx.calendar.add_workdays(case.received_on, ctx.rng.randint(1, 4)).end
    case.accepted_on, case.state = accepted, "accepted"
    _deadline(ctx, case, "acceptance_review", case.received_on, accepted)
    _event(case, "accepted", accepted, case.created_by_id)
    return accepted


def _decide(ctx: _Context, case: Case, decision_type: str, decided: date, *, extended: bool = False) -> None:
    case.extended = extended and case.procedure == "ordinary"
    case.state, case.decision_type, case.decision_date = "decided", decision_type, decided
    case.withdrawn_after_correction = decision_type == "terminate" and ctx.rng.random() < 0.25
    _deadline(ctx, case, "decision", case.accepted_on, decided)
    db.session.add(
        Decision(
            case_id=case.id,
            decision_type=decision_type,
            drafted_by_id=case.created_by_id,
            drafted_at=clock.at_local(decided - timedelta(days=5)),
            approved_by_id=ctx.supervisor.id,
            approved_at=clock.at_local(decided - timedelta(days=2)),
            findings="经审理查明的事实。",
            reasoning="本机关认为的理由。",
            legal_basis="《中华人民共和国行政复议法》",
            operative_text=f"{case.number}：依法作出{decision_type}决定。",
        )
    )
    _event(case, "decision_issued", decided, case.created_by_id, decision_type=decision_type)


def _decision_day(ctx: _Context, case: Case, *, late: bool = False) -> date:
    """Most decisions within the period (ARL 62), a few late."""
    limit = 30 if case.procedure == "simplified" else 60
    days = ctx.rng.randint(limit + 2, limit + 10) if late else ctx.rng.randint(20, limit - 2)
    return case.accepted_on + timedelta(days=days)


def _publish(ctx: _Context, case: Case, on: date, typical: bool) -> None:
    name = case.parties[0].name
    masked = name if case.parties[0].kind == "organisation" else name[0] + "某"
    text = (
        f"{case.number}\n申请人：{masked}\n被申请人：{case.respondent.name}\n"
        f"申请人不服被申请人作出的行政行为，向本机关申请行政复议，本机关依法予以受理，现已审理终结。"
    )
    publication = Publication(
        case_id=case.id,
        state="published",
        title=f"{case.number} 行政复议决定书",
        public_text=text,
        spans=[],
        extra_redactions=[],
        kept_texts=[],
        prepared_by_id=case.created_by_id,
        prepared_at=clock.at_local(on - timedelta(days=3)),
        approved_by_id=ctx.supervisor.id,
        approved_at=clock.at_local(on, 9),
        published_at=clock.at_local(on),
    )
    db.session.add(publication)
    if typical:
        db.session.flush()
        db.session.add(
            TypicalCase(
                publication_id=publication.id,
                title=f"典型案例：{case.respondent.name}案",
                commentary="本案体现了依法纠错、规范执法的要求。",
                chosen_by_id=ctx.supervisor.id,
                chosen_at=clock.at_local(on, 11),
            )
        )


def _spread(
    rng: random.Random, year: int, n: int, first: date | None = None, last: date | None = None
) -> list[date]:
    """``n`` dates over the year (fewer around the Spring Festival), sorted."""
    first, last = first or date(year, 1, 2), last or date(year, 12, 31)
    span = (last - first).days
    days = sorted(first + timedelta(days=int(rng.triangular(0, span, span * 0.55))) for _ in range(n))
    return days


def _context(year: int) -> _Context:
    officers = list(
        db.session.scalars(select(User).where(User.role == Role.OFFICER.value, User.active.is_(True)))
    )
    supervisor = db.session.scalar(
        select(User).where(User.role == Role.SUPERVISOR.value, User.active.is_(True))
    )
    if not officers or supervisor is None:
        raise ServiceError(_("The demo year needs officers and a supervisor: run `casemgr demo load` first."))
    agencies: dict[str, list[Agency]] = {}
    for agency in db.session.scalars(select(Agency).where(Agency.active.is_(True)).order_by(Agency.id)):
        agencies.setdefault(agency.area, []).append(agency)
    if not agencies.get("urban_management") and not agencies.get("subdistrict"):
        raise ServiceError(_("The demo year needs urban-management or subdistrict agencies."))
    seqs = {y: n for y, n in db.session.execute(select(CaseNumberSequence.year, CaseNumberSequence.last_seq))}
    return _Context(
        random.Random(year),
        officers,
        supervisor,
        agencies,
        work_calendar_get(),
        current_app.config["CASE_NUMBER_PATTERN"],
        seqs,
    )


def _prior_year(ctx: _Context, year: int) -> list[tuple[Case, date]]:
    """Cases of late ``year - 1``, decided that year and published early in ``year``."""
    cases = []
    for received in _spread(ctx.rng, year - 1, PRIOR_YEAR, date(year - 1, 9, 1), date(year - 1, 10, 15)):
        case = _new_case(ctx, received, None)
        _accept(ctx, case)
        _decide(
            ctx,
            case,
            ctx.rng.choice(["uphold", "uphold", "reject_request", "revoke"]),
            min(_decision_day(ctx, case), date(year - 1, 12, 28)),
        )
        cases.append((case, case.decision_date))
    return cases


def _the_year(ctx: _Context, year: int) -> tuple[list[Case], list[Case]]:
    plan = [(t, a) for t, a, n in OUTCOMES for _ in range(n)]
    ctx.rng.shuffle(plan)
    decided, still_open = [], []
    # Decided cases come in before mid-October so that their decision falls within the year.
    for (decision_type, area), received in zip(
        plan, _spread(ctx.rng, year, len(plan), last=date(year, 10, 20)), strict=True
    ):
        case = _new_case(ctx, received, area)
        _accept(ctx, case)
        late = ctx.rng.random() < 0.02
        extended = not late and case.procedure == "ordinary" and ctx.rng.random() < 0.06
        day = _decision_day(ctx, case, late=late) + (
            timedelta(days=ctx.rng.randint(5, 25)) if extended else timedelta()
        )
        _decide(ctx, case, decision_type, min(day, date(year, 12, 30)), extended=extended)
        decided.append(case)
    for received in _spread(ctx.rng, year, OPEN_AT_YEAR_END, date(year, 11, 10), date(year, 12, 28)):
        case = _new_case(ctx, received, None)
        _accept(ctx, case)
        next_year = max(_decision_day(ctx, case), date(year + 1, 1, 4))
        if next_year <= clock.today():
            _decide(ctx, case, ctx.rng.choice(["uphold", "reject_request", "revoke"]), next_year)
        else:  # a year not over yet: the case is still under review, its decision period open
            _deadline(ctx, case, "decision", case.accepted_on, None)
        still_open.append(case)
    for i, received in enumerate(_spread(ctx.rng, year, NOT_ACCEPTED + REFERRED)):
        case = _new_case(ctx, received, None)
        closed = ctx.calendar.add_workdays(received, 3).end
        case.state = "not_accepted" if i < NOT_ACCEPTED else "referred"
        case.closing_reason = "不符合行政复议受理条件" if i < NOT_ACCEPTED else "已告知申请人向有权机关提出"
        _deadline(ctx, case, "acceptance_review", received, closed)
        _event(case, case.state, closed, case.created_by_id, note=case.closing_reason)
    return decided, still_open


REPORT_TITLES = ("{y}年度行政复议工作报告", "{y}年度法治政府建设情况报告", "{y}年度行政应诉工作报告")


def _annual_reports(ctx: _Context, year: int) -> list[str]:
    """Three reports on the year before, published in the first quarter (stored as .docx files);
    returns the storage names so that they can be removed if the transaction fails."""
    import io

    from casemgr.documents.docx_builder import add_line, add_title, new_document, to_bytes
    from casemgr.models import AnnualReport
    from casemgr.services.attachments import file_store

    store, names = file_store(), []
    for i, pattern in enumerate(REPORT_TITLES):
        title = pattern.format(y=year - 1)
        document = new_document(title)
        add_title(document, title)
        add_line(document, f"{current_app.config['ORGAN_NAME']}{title}（演示数据）。")
        stored = store.save(io.BytesIO(to_bytes(document)), f"{title}.docx")
        names.append(stored.storage_name)
        db.session.add(
            AnnualReport(
                year=year - 1,
                title=title,
                storage_name=stored.storage_name,
                original_name=stored.original_name,
                content_type=stored.content_type,
                size=stored.size,
                sha256=stored.sha256,
                uploaded_by_id=ctx.supervisor.id,
                uploaded_at=clock.at_local(date(year, 3, 20 + i)),
            )
        )
    return names


def demo_year_exists(year: int) -> bool:
    return bool(
        db.session.scalar(
            select(func.count()).select_from(Case).where(Case.origin == "demo", Case.year == year)
        )
    )


def demo_year_load(year: int) -> dict[str, int]:
    """Write the year (refused when it exists already, so figures never double)."""
    if not 2004 <= year < clock.today().year:
        raise ServiceError(_("Choose a past year from 2004 on (the official calendar starts then)."))
    if demo_year_exists(year):
        raise ServiceError(_("The demo year %(year)s is loaded already.", year=year))
    stored: list[str] = []
    try:
        return _load(year, stored)
    except BaseException:
        from casemgr.services.attachments import file_store

        for name in stored:
            file_store().delete(name)
        raise


def _load(year: int, stored: list[str]) -> dict[str, int]:
    with transaction() as session:
        ctx = _context(year)
        prior = _prior_year(ctx, year)
        decided, _open = _the_year(ctx, year)
        for y, last in ctx.seqs.items():
            row = session.get(CaseNumberSequence, y) or CaseNumberSequence(year=y)
            row.last_seq = max(row.last_seq or 0, last)
            session.add(row)
        session.flush()
        # Published: 18 of the prior year's decisions in January and February, and 138 of the year's
        # (those decided earliest, 10 to 20 days after the decision), 37 of them typical cases.
        chosen = sorted(decided, key=lambda c: c.decision_date)[:PUBLISHED_OF_YEAR]
        typical = set(ctx.rng.sample(range(len(chosen)), TYPICAL))
        for i, (case, _day) in enumerate(prior[:PUBLISHED_OF_PRIOR]):
            _publish(ctx, case, date(year, 1, 6) + timedelta(days=3 * i), typical=False)
        for i, case in enumerate(chosen):
            _publish(
                ctx,
                case,
                min(case.decision_date + timedelta(days=ctx.rng.randint(10, 20)), date(year, 12, 31)),
                typical=i in typical,
            )
        defence = demo_defence_year(ctx.rng, year, decided, ctx.officers, ctx.calendar)
        stored.extend(_annual_reports(ctx, year))
        counts = {
            "cases": len(prior) + len(decided) + len(_open) + NOT_ACCEPTED + REFERRED,
            "published": PUBLISHED_OF_PRIOR + len(chosen),
            "typical_cases": TYPICAL,
            "annual_reports": len(stored),
            **defence,
        }
        audit_record(None, "demo.year_loaded", None, year=year, **counts)
    return counts
