"""Defence work through the services on the real database: co-defendants (ALL 26), the court and
respondent deadlines, judgments, appeals, recommendations, and what the board and reminders see."""

from datetime import date, timedelta

import pytest
from flask import current_app
from sqlalchemy import select

from casemgr import clock
from casemgr.domain.workflow import DECISION_TYPES
from casemgr.models import AuditEntry, CaseAssignment, Deadline, DefenceCase, Notification
from casemgr.queries.board import BoardFilters, board_get
from casemgr.queries.calendar import work_calendar_get
from casemgr.queries.defence import DefenceFilters, defence_list, lawsuit_proposal
from casemgr.services import defence_steps as steps
from casemgr.services.defence_register import DefenceInput, DefendantInput, defence_register
from casemgr.services.errors import ServiceError, ValidationError
from casemgr.services.reminders import reminders_scan
from tests.factories import create_agency, create_case, create_decided_case, create_user

ORGAN = "北京市通州区人民政府"
SERVED = date(2026, 3, 2)  # a Monday with no holiday within the next weeks

# ALL 26(2) and Interp. 22, 133-134: who is sued after each reconsideration decision.
EXPECTED_DEFENDANTS = {
    "uphold": ("agency", "organ"),
    "reject_request": ("agency", "organ"),
    "revoke_part": ("agency", "organ"),
    "vary": ("organ",),
    "revoke": ("organ",),
    "confirm_illegal": ("organ",),
    "confirm_invalid": ("organ",),
    "order_performance": ("organ",),
    "dismiss_application": ("agency",),
    "terminate": ("agency",),
    "mediation": ("agency",),
}


def test_every_decision_type_has_an_expected_defendant_rule():
    assert set(EXPECTED_DEFENDANTS) == set(DECISION_TYPES)


@pytest.mark.parametrize("decision_type", sorted(EXPECTED_DEFENDANTS))
def test_the_proposed_defendants_follow_the_decision(database, decision_type):
    case = create_decided_case(decision_type=decision_type)
    proposal = lawsuit_proposal(case, clock.today())
    assert tuple(role for _name, role in proposal.defendants) == EXPECTED_DEFENDANTS[decision_type]
    names = {"agency": case.respondent.name, "organ": current_app.config["ORGAN_NAME"]}
    assert proposal.defendants == [(names[role], role) for role in EXPECTED_DEFENDANTS[decision_type]]
    assert proposal.plaintiffs == ["王小明"] and case.number in proposal.subject


def test_a_case_not_decided_in_time_proposes_the_original_agency(database):
    case = create_case(state="accepted")
    decision = database.scalar(
        select(Deadline).where(Deadline.case_id == case.id, Deadline.rule_code == "decision")
    )
    proposal = lawsuit_proposal(case, decision.due_on + timedelta(days=1))
    assert proposal.rule_code == "organ_inaction_choice" and proposal.defendants == [
        (case.respondent.name, "agency")
    ]
    assert lawsuit_proposal(case, decision.due_on).rule_code == "direct_suit"


def lawsuit(actor, *, served_on=SERVED, case=None, defendants=None, number=None, **extra) -> DefenceCase:
    agency = case.respondent if case else create_agency()
    data = DefenceInput(
        kind="lawsuit",
        forum="北京市通州区人民法院",
        forum_number=number or f"（2026）京0112行初{actor.id}号",
        instance="first",
        case_id=case.id if case else None,
        plaintiffs=["王小明"],
        defendants=defendants or [DefendantInput(agency.name, "agency"), DefendantInput(ORGAN, "organ")],
        subject="不服行政处罚决定",
        served_on=served_on,
        officer_id=actor.id,
        **extra,
    )
    return defence_register(actor=actor, data=data)


def rows_of(database, defence):
    return {
        d.rule_code: d
        for d in database.scalars(select(Deadline).where(Deadline.defence_case_id == defence.id))
    }


def test_a_lawsuit_gets_its_defence_deadline_of_15_days(database):
    officer = create_user()
    case = create_decided_case(decision_type="uphold")
    defence = lawsuit(officer, case=case)
    row = rows_of(database, defence)["litigation_defence"]
    assert (row.start_on, row.due_on, row.state) == (SERVED, date(2026, 3, 17), "open")
    assert any("行政诉讼法" in line for line in row.explanation_zh)
    assert [d.role for d in defence.defendants] == ["agency", "organ"]
    assert defence.defendants[0].agency_id == case.respondent_id == defence.agency_id
    entry = database.scalar(select(AuditEntry).where(AuditEntry.object_type == "DefenceCase"))
    assert entry.action == "lawsuit.registered"


def test_the_defence_deadline_ending_in_a_holiday_moves_to_the_next_working_day(database):
    defence = lawsuit(create_user(), served_on=date(2026, 9, 20))  # day 15 is 2026-10-05, National Day
    row = rows_of(database, defence)["litigation_defence"]
    assert row.due_on == date(2026, 10, 8)  # 2026-10-01..07 are holidays (State Council notice)


def test_a_late_defence_is_flagged_and_the_deadline_missed(database):
    officer = create_user()
    defence = lawsuit(officer)
    defence = steps.defence_file(
        actor=officer, defence_id=defence.id, version=defence.version, on=date(2026, 3, 18)
    )
    assert defence.defence_late and rows_of(database, defence)["litigation_defence"].state == "missed"
    with pytest.raises(ServiceError):
        steps.defence_file(
            actor=officer, defence_id=defence.id, version=defence.version, on=date(2026, 3, 18)
        )


def test_a_defence_on_the_last_day_is_in_time(database):
    officer = create_user()
    defence = lawsuit(officer)
    defence = steps.defence_file(
        actor=officer, defence_id=defence.id, version=defence.version, on=date(2026, 3, 17)
    )
    assert not defence.defence_late and rows_of(database, defence)["litigation_defence"].state == "met"


def test_bad_registrations_save_nothing(database):
    officer = create_user()
    lawsuit(officer, number="（2026）京0112行初1号")
    before = database.scalar(select(DefenceCase.id).order_by(DefenceCase.id.desc()))
    with pytest.raises(ValidationError) as error:
        lawsuit(officer, number="（2026）京0112行初1号")
    assert "forum_number" in error.value.problems
    with pytest.raises(ValidationError) as error:
        lawsuit(
            officer, served_on=clock.today() + timedelta(days=1), defendants=[DefendantInput("", "agency")]
        )
    assert {"served_on", "defendants-0-name"} <= set(error.value.problems)
    assert database.scalar(select(DefenceCase.id).order_by(DefenceCase.id.desc())) == before


@pytest.mark.parametrize(
    ("procedure", "due"), [("ordinary", date(2026, 3, 16)), ("simplified", date(2026, 3, 9))]
)
def test_a_respondent_case_replies_within_10_working_days(database, procedure, due):
    officer = create_user()
    data = DefenceInput(
        kind="respondent",
        forum="北京市人民政府",
        forum_number=f"京政复〔2026〕{procedure}号",
        procedure=procedure,
        plaintiffs=["李某"],
        subject="不服区政府征收决定",
        served_on=SERVED,
    )
    defence = defence_register(actor=officer, data=data)
    row = rows_of(database, defence)["respondent_case_reply"]
    assert (row.due_on, defence.instance, defence.defendants) == (due, None, [])
    defence = steps.respondent_record_outcome(
        actor=officer, defence_id=defence.id, version=defence.version, outcome="revoke", on=date(2026, 5, 6)
    )
    assert (defence.state, defence.outcome) == ("concluded", "revoke")
    assert rows_of(database, defence)["respondent_case_reply"].state == "missed"


def judged(officer, defence, kind, outcomes, on=date(2026, 6, 1), served_on=date(2026, 6, 3)):
    values = dict(zip([d.id for d in defence.defendants], outcomes, strict=True))
    return steps.lawsuit_record_judgment(
        actor=officer,
        defence_id=defence.id,
        version=defence.version,
        kind=kind,
        on=on,
        served_on=served_on,
        outcomes=values,
    )


@pytest.mark.parametrize(
    ("kind", "outcomes", "rule", "due"),
    [
        ("judgment", ["upheld", "upheld"], "appeal_judgment", date(2026, 6, 18)),
        ("ruling", ["dismissed", "dismissed"], "appeal_ruling", date(2026, 6, 15)),  # 06-13 is a Saturday
        ("mediation", ["mediated", "mediated"], None, None),
        ("ruling", ["withdrawn", "withdrawn"], None, None),
    ],
)
def test_the_judgment_opens_the_appeal_period(database, kind, outcomes, rule, due):
    officer = create_user()
    defence = judged(officer, lawsuit(officer), kind, outcomes)
    rows = rows_of(database, defence)
    assert defence.state == "concluded" and [d.outcome for d in defence.defendants] == outcomes
    assert rows["litigation_defence"].state == "missed"  # never filed, and the case is over
    if rule is None:
        assert not {"appeal_judgment", "appeal_ruling"} & set(rows)
    else:
        assert (rows[rule].start_on, rows[rule].due_on) == (date(2026, 6, 3), due)


def test_a_judgment_needs_an_outcome_per_defendant_that_fits_its_kind(database):
    officer = create_user()
    defence = lawsuit(officer)
    with pytest.raises(ServiceError):
        judged(officer, defence, "judgment", ["upheld", ""])
    with pytest.raises(ServiceError):
        judged(officer, defence, "ruling", ["revoked", "revoked"])
    database.refresh(defence)
    assert defence.state == "pending" and all(d.outcome is None for d in defence.defendants)


def test_a_second_instance_judgment_is_final(database):
    officer = create_user()
    first = lawsuit(officer)
    data = DefenceInput(
        kind="lawsuit",
        forum="北京市第三中级人民法院",
        forum_number="（2026）京03行终9号",
        instance="second",
        parent_id=first.id,
        plaintiffs=["王小明"],
        defendants=[DefendantInput("某局", "agency")],
        subject="上诉",
        served_on=SERVED,
    )
    second = defence_register(actor=officer, data=data)
    second = judged(officer, second, "judgment", ["upheld"])
    assert set(rows_of(database, second)) == {"litigation_defence"}
    assert second.parent_id == first.id


def test_the_appeal_closes_its_period(database):
    officer = create_user()
    defence = judged(officer, lawsuit(officer), "judgment", ["revoked", "revoked"])
    with pytest.raises(ServiceError):
        steps.lawsuit_record_appeal(
            actor=officer, defence_id=defence.id, version=defence.version, by="defendant", on=None
        )
    defence = steps.lawsuit_record_appeal(
        actor=officer, defence_id=defence.id, version=defence.version, by="defendant", on=date(2026, 6, 10)
    )
    assert rows_of(database, defence)["appeal_judgment"].state == "met"
    other = judged(
        officer, lawsuit(officer, number="（2026）京0112行初77号"), "judgment", ["upheld", "upheld"]
    )
    other = steps.lawsuit_record_appeal(
        actor=officer, defence_id=other.id, version=other.version, by="none", on=None
    )
    assert rows_of(database, other)["appeal_judgment"].state == "cancelled" and other.appealed_by == "none"


def test_a_hearing_names_the_head_or_the_excuse(database):
    officer = create_user()
    defence = lawsuit(officer)
    common = {"actor": officer, "defence_id": defence.id, "on": date(2026, 4, 1)}
    with pytest.raises(ServiceError):
        steps.lawsuit_add_hearing(**common, version=defence.version, head_appeared=True)
    with pytest.raises(ServiceError):
        steps.lawsuit_add_hearing(**common, version=defence.version, head_appeared=False)
    defence = steps.lawsuit_add_hearing(
        **common,
        version=defence.version,
        head_appeared=True,
        head_name="张三",
        head_title="副区长",
        excuse="ignored",
    )
    assert [(h.head_name, h.excuse) for h in defence.hearings] == [("张三", "")]


def test_a_judicial_recommendation_is_answered_within_two_months(database):
    officer = create_user()
    defence = lawsuit(officer)
    defence = steps.lawsuit_add_recommendation(
        actor=officer,
        defence_id=defence.id,
        version=defence.version,
        on=date(2026, 7, 1),
        content="规范执法程序",
    )
    row = rows_of(database, defence)["recommendation_answer"]
    assert row.due_on == date(2026, 9, 1)
    item = defence.recommendations[0]
    defence = steps.lawsuit_answer_recommendation(
        actor=officer,
        defence_id=defence.id,
        version=defence.version,
        recommendation_id=item.id,
        on=date(2026, 8, 20),
        answer="已整改",
    )
    assert rows_of(database, defence)["recommendation_answer"].state == "met"


def test_a_stale_version_changes_nothing(database):
    officer = create_user()
    defence = lawsuit(officer)
    with pytest.raises(ServiceError):
        steps.defence_file(actor=officer, defence_id=defence.id, version=defence.version - 1, on=SERVED)
    database.refresh(defence)
    assert defence.defence_filed_on is None


def test_court_deadlines_are_on_the_board_of_their_officer_only(database):
    officer, other, supervisor = create_user(), create_user(), create_user(role="supervisor")
    defence = lawsuit(officer, served_on=clock.today() - timedelta(days=3))
    calendar = work_calendar_get()

    def numbers(user, **filters):
        board = board_get(user, BoardFilters(**filters), clock.today(), calendar)
        return {row.number for rows in board.groups.values() for row in rows if row.defence_case_id}

    assert numbers(officer) == numbers(supervisor) == {defence.forum_number}
    assert numbers(other) == set()
    assert numbers(supervisor, officer_id=officer.id) == {defence.forum_number}
    board = board_get(supervisor, BoardFilters(), clock.today(), calendar)
    assert (officer.id, officer.display_name, 1, 0) in board.per_officer


@pytest.mark.parametrize("cap", [5_000, 0])  # the officer's cases by id, or tested row by row
def test_an_officer_of_the_reconsideration_case_sees_its_lawsuit(database, monkeypatch, cap):
    monkeypatch.setattr("casemgr.queries.among.IDS_CAP", cap)
    officer, case_officer = create_user(), create_user()
    case = create_decided_case()
    database.add(
        CaseAssignment(
            case_id=case.id,
            user_id=case_officer.id,
            assigned_at=case.created_at,
            assigned_by_id=case_officer.id,
        )
    )
    database.commit()
    defence = lawsuit(officer, case=case, served_on=clock.today())
    board = board_get(case_officer, BoardFilters(), clock.today(), work_calendar_get())
    assert any(row.defence_case_id == defence.id for rows in board.groups.values() for row in rows)
    # and in their litigation list, as the officer handling it does; someone else does not
    for user in (case_officer, officer):
        assert [row[0].id for row in defence_list(user, DefenceFilters()).rows] == [defence.id]
    assert defence_list(create_user(), DefenceFilters()).rows == []


def test_the_reminder_scan_reminds_the_litigation_officer(database):
    officer = create_user()
    defence = lawsuit(officer)
    due = rows_of(database, defence)["litigation_defence"].due_on
    result = reminders_scan(today=due, calendar=work_calendar_get())
    assert result.created >= 1
    note = database.scalar(select(Notification).where(Notification.user_id == officer.id))
    assert note.defence_case_id == defence.id and note.case_id is None
    assert note.params["number"] == defence.forum_number
