"""The defence part of the demo year: 103 lawsuits (85 first instance, 18 appeals), 80 of them
concluded within the year, defendants proposed by ALL 26 from the linked decision, hearings with
and without the agency head; and 14 cases in which the district government is the respondent.
Helpers of ``demo_year``: they add rows to its transaction."""

from __future__ import annotations

import random
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import select

from casemgr import clock
from casemgr.domain.litigation import propose_defendants
from casemgr.extensions import db
from casemgr.models import Case, Deadline, DefenceCase, Defendant, Hearing, User
from casemgr.services.deadline_rows import deadline_row

FIRST_LINKED, FIRST_DIRECT, SECOND = 60, 25, 18
FIRST_CONCLUDED, SECOND_CONCLUDED = 68, 12
RESPONDENT, RESPONDENT_CONCLUDED = 14, 12
COURT, APPEAL_COURT, HIGHER_ORGAN_DEFAULT = "北京市通州区人民法院", "北京市第三中级人民法院", "北京市人民政府"
RESPONDENT_OUTCOMES = ["uphold"] * 8 + ["reject_request"] * 2 + ["revoke", "confirm_illegal"]


def _row(defence: DefenceCase, rule: str, start: date, calendar, done: date | None, state: str | None = None):
    return deadline_row(defence, rule, start, calendar, done=done, state=state, at=clock.at_local(start))


def _lawsuit(
    rng,
    *,
    instance: str,
    served: date,
    plaintiff: str,
    subject: str,
    defendants,
    officer: User,
    case_id: int | None = None,
    parent: DefenceCase | None = None,
    number: str,
) -> DefenceCase:
    defence = DefenceCase(
        kind="lawsuit",
        state="pending",
        forum=APPEAL_COURT if instance == "second" else COURT,
        forum_number=number,
        instance=instance,
        procedure="ordinary",
        case_id=case_id,
        parent_id=parent.id if parent else None,
        plaintiffs=plaintiff,
        subject=subject,
        served_on=served,
        appealed_by="",
        note="",
        officer_id=officer.id,
        created_by_id=officer.id,
        created_at=clock.at_local(served),
        updated_at=clock.at_local(served),
    )
    defence.defendants = [
        Defendant(position=i, name=name, role=role, agency_id=agency_id)
        for i, (name, role, agency_id) in enumerate(defendants)
    ]
    linked = [agency_id for _n, role, agency_id in defendants if role == "agency" and agency_id]
    defence.agency_id = linked[0] if linked else None
    db.session.add(defence)
    db.session.flush()
    return defence


def _file_defence(rng, defence: DefenceCase, calendar) -> None:
    filed = defence.served_on + timedelta(days=rng.randint(7, 14))
    defence.defence_filed_on = filed
    _row(defence, "litigation_defence", defence.served_on, calendar, filed)


def _conclude(rng, defence: DefenceCase, on: date, calendar) -> None:
    lost = rng.random() < 0.1
    ruling = not lost and rng.random() < 0.15
    defence.state, defence.concluded_on = "concluded", on
    defence.judgment_kind = "ruling" if ruling else "judgment"
    defence.judgment_served_on = on + timedelta(days=3)
    for d in defence.defendants:
        d.outcome = (
            ("withdrawn" if rng.random() < 0.5 else "dismissed")
            if ruling
            else (
                "revoked"
                if (lost and d.role == "agency") or (lost and len(defence.defendants) == 1)
                else "upheld"
            )
        )
    if not ruling:
        appeared = rng.random() < 0.55
        defence.hearings.append(
            Hearing(
                held_on=on - timedelta(days=rng.randint(7, 20)),
                head_appeared=appeared,
                head_name="王副局长" if appeared else "",
                head_title="副局长" if appeared else "",
                excuse="" if appeared else "因公务冲突委托工作人员出庭",
            )
        )
    if defence.instance == "first" and not all(d.outcome == "withdrawn" for d in defence.defendants):
        rule = "appeal_ruling" if ruling else "appeal_judgment"
        defence.appealed_by = "none"
        _row(defence, rule, defence.judgment_served_on, calendar, None, state="cancelled")


def _respondent_cases(rng, year: int, officers: list[User], calendar) -> int:
    organ = current_app.config.get("HIGHER_ORGAN_NAME", HIGHER_ORGAN_DEFAULT)
    outcomes = list(RESPONDENT_OUTCOMES)
    rng.shuffle(outcomes)
    for i in range(RESPONDENT):
        served = date(year, 1, 10) + timedelta(days=int(i * 330 / RESPONDENT))
        officer = rng.choice(officers)
        defence = DefenceCase(
            kind="respondent",
            state="pending",
            forum=organ,
            forum_number=f"京政复字〔{year}〕第{i + 1}号",
            procedure="ordinary",
            plaintiffs=rng.choice(["钱某", "孙某", "北京某置业有限公司"]),
            subject="不服区政府作出的房屋征收决定",
            served_on=served,
            appealed_by="",
            note="",
            officer_id=officer.id,
            created_by_id=officer.id,
            created_at=clock.at_local(served),
            updated_at=clock.at_local(served),
        )
        db.session.add(defence)
        db.session.flush()
        filed = calendar.add_workdays(served, rng.randint(5, 9)).end
        defence.defence_filed_on = filed
        _row(defence, "respondent_case_reply", served, calendar, filed)
        if i < RESPONDENT_CONCLUDED:
            defence.state, defence.outcome = "concluded", outcomes[i]
            defence.concluded_on = min(served + timedelta(days=rng.randint(40, 58)), date(year, 12, 30))
    return RESPONDENT


def demo_defence_year(
    rng: random.Random, year: int, decided: list[Case], officers: list[User], calendar
) -> dict[str, int]:
    organ = current_app.config["ORGAN_NAME"]
    firsts: list[DefenceCase] = []
    suable = sorted((c for c in decided if c.decision_date <= date(year, 10, 31)), key=lambda c: c.id)
    for n, case in enumerate(rng.sample(suable, FIRST_LINKED), start=1):
        names, _code = propose_defendants(
            case.decision_type, original_agency=case.respondent.name, organ=organ
        )
        defendants = [
            (
                name,
                "organ" if name == organ else "agency",
                case.respondent_id if name == case.respondent.name else None,
            )
            for name in names
        ]
        served = case.decision_date + timedelta(days=rng.randint(20, 40))
        firsts.append(
            _lawsuit(
                rng,
                instance="first",
                served=served,
                plaintiff=case.parties[0].name,
                subject=f"不服{case.number}行政复议决定",
                defendants=defendants,
                officer=rng.choice(officers),
                case_id=case.id,
                number=f"（{year}）京0112行初{n}号",
            )
        )
    for n in range(FIRST_LINKED + 1, FIRST_LINKED + FIRST_DIRECT + 1):
        case = rng.choice(decided)
        served = date(year, 1, 15) + timedelta(days=rng.randint(0, 320))
        firsts.append(
            _lawsuit(
                rng,
                instance="first",
                served=served,
                plaintiff=rng.choice(["赵某", "钱某", "李某"]),
                subject="不服行政处罚决定（未经复议直接起诉）",
                defendants=[(case.respondent.name, "agency", case.respondent_id)],
                officer=rng.choice(officers),
                number=f"（{year}）京0112行初{n}号",
            )
        )
    for defence in firsts:
        _file_defence(rng, defence, calendar)
    # The earliest 68 are decided in the year; the rest are pending on 31 December.
    firsts.sort(key=lambda d: d.served_on)
    for defence in firsts[:FIRST_CONCLUDED]:
        _conclude(
            rng,
            defence,
            min(defence.served_on + timedelta(days=rng.randint(40, 110)), date(year, 12, 20)),
            calendar,
        )
    appealable = [
        d
        for d in firsts[:FIRST_CONCLUDED]
        if d.judgment_kind == "judgment" and d.judgment_served_on <= date(year, 10, 15)
    ][:SECOND]
    seconds = []
    for n, parent in enumerate(appealable, start=1):
        parent.appealed_by, parent.appeal_filed_on = (
            "plaintiff",
            parent.judgment_served_on + timedelta(days=10),
        )
        for row in db.session.scalars(
            select(Deadline).where(
                Deadline.defence_case_id == parent.id, Deadline.rule_code == "appeal_judgment"
            )
        ):
            row.state, row.met_on = "met", parent.appeal_filed_on
        served = parent.judgment_served_on + timedelta(days=25)
        seconds.append(
            _lawsuit(
                rng,
                instance="second",
                served=served,
                plaintiff=parent.plaintiffs,
                subject=parent.subject,
                officer=rng.choice(officers),
                parent=parent,
                case_id=parent.case_id,
                number=f"（{year}）京03行终{n}号",
                defendants=[(d.name, d.role, d.agency_id) for d in parent.defendants],
            )
        )
    for i, defence in enumerate(seconds):
        _file_defence(rng, defence, calendar)
        if i < SECOND_CONCLUDED:
            _conclude(
                rng,
                defence,
                min(defence.served_on + timedelta(days=rng.randint(30, 60)), date(year, 12, 28)),
                calendar,
            )
    respondent = _respondent_cases(rng, year, officers, calendar)
    return {"lawsuits": len(firsts) + len(seconds), "respondent_cases": respondent}
