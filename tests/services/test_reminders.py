from datetime import date, timedelta

from sqlalchemy import func, select

from casemgr import clock
from casemgr.domain.calendar import WorkCalendar
from casemgr.models import CaseAssignment, Deadline, Notification, OutboundMail, Reminder
from casemgr.services.reminders import reminders_scan
from tests.factories import create_case, create_user
from tests.statements import counting

# A plain calendar (weekends only) keeps the arithmetic of these tests obvious.
PLAIN = WorkCalendar(covered_years=frozenset(range(2020, 2031)))


def assigned_case(database, officer, **overrides):
    case = create_case(actor=officer, **overrides)
    database.add(CaseAssignment(case_id=case.id, user_id=officer.id, assigned_at=clock.now(),
                                assigned_by_id=officer.id))
    database.commit()
    return case


def review_due(database, case):
    return database.scalar(select(Deadline.due_on).where(Deadline.case_id == case.id,
                                                         Deadline.rule_code == "acceptance_review"))


def count(database, model):
    return database.scalar(select(func.count()).select_from(model))


def test_each_step_is_sent_once_however_often_the_scan_runs(app, database):
    app.config["SMTP_HOST"] = "127.0.0.1"
    officer = create_user(role="officer", email="officer@example.org")
    create_user(role="supervisor", email="boss@example.org")
    case = assigned_case(database, officer)
    due = review_due(database, case)
    days = [PLAIN.subtract_workdays(due, 3).end, PLAIN.subtract_workdays(due, 1).end, due,
            due + timedelta(days=1)]
    for day in days:
        first = reminders_scan(today=day, calendar=PLAIN)
        again = reminders_scan(today=day, calendar=PLAIN)
        assert first.created >= 1 and again.created == 0
    steps = sorted(database.scalars(select(Reminder.step)))
    # the supplement_notice deadline (same 5 working days) gets its own ladder too
    assert steps.count("before_3") == 2 and steps.count("overdue") == 2
    assert count(database, Notification) == count(database, Reminder) == count(database, OutboundMail)
    app.config["SMTP_HOST"] = ""


def test_met_and_paused_deadlines_send_nothing(database):
    from casemgr.services import acceptance

    officer = create_user(role="officer")
    case = assigned_case(database, officer)
    due = review_due(database, case)
    acceptance.case_request_supplement(actor=officer, case_id=case.id, version=case.version,
                                       on=case.received_on, items="材料")
    reminders_scan(today=due, calendar=PLAIN)
    reminded = select(Deadline.rule_code).join(Reminder, Reminder.deadline_id == Deadline.id)
    rules = set(database.scalars(reminded))
    assert "acceptance_review" not in rules  # paused while waiting for the supplement
    assert "supplement_notice" not in rules  # met by the notice


def test_overdue_escalates_to_supervisors_not_officers(database):
    officer = create_user(role="officer")
    boss = create_user(role="supervisor")
    case = assigned_case(database, officer)
    reminders_scan(today=review_due(database, case) + timedelta(days=2), calendar=PLAIN)
    recipients = set(database.scalars(select(Reminder.user_id).where(Reminder.step == "overdue")))
    assert recipients == {boss.id}


def test_without_smtp_only_in_app_notifications_are_written(app, database):
    app.config["SMTP_HOST"] = ""
    officer = create_user(role="officer", email="officer@example.org")
    case = assigned_case(database, officer)
    reminders_scan(today=review_due(database, case), calendar=PLAIN)
    assert count(database, Notification) >= 1 and count(database, OutboundMail) == 0


def test_the_scan_reads_only_deadlines_near_today(database):
    officer = create_user(role="officer")
    assigned_case(database, officer)
    result = reminders_scan(today=date(2020, 1, 1), calendar=PLAIN)
    assert result.examined == 0


def test_the_scan_runs_the_same_statements_for_two_deadlines_or_twenty(app, database):
    app.config["SMTP_HOST"] = "127.0.0.1"
    officer = create_user(role="officer", email="officer@example.org")
    create_user(role="supervisor", email="boss@example.org")
    due = review_due(database, assigned_case(database, officer))
    counts = []
    for more in (0, 9):
        for _ in range(more):
            assigned_case(database, officer)
        with counting() as statements:
            result = reminders_scan(today=due + timedelta(days=1 + more), calendar=PLAIN)
        work = [s for s in statements if not s.startswith(("SAVEPOINT", "RELEASE"))]  # the test's nesting
        counts.append((len(work), result.created))
    app.config["SMTP_HOST"] = ""
    # 1 case (2 deadlines) overdue, then 10: 2 escalations, then the 18 of the nine new cases (the
    # first case's are written already), each with its notification and mail, in as many statements.
    assert [created for _n, created in counts] == [2, 18]
    assert counts[0][0] == counts[1][0]


def test_the_daily_digest_goes_to_each_supervisor_once(database):
    officer = create_user(role="officer")
    boss = create_user(role="supervisor")
    create_user(role="supervisor", active=False)
    case = assigned_case(database, officer)
    due = review_due(database, case)
    from casemgr.services.reminders import digest_send

    assert digest_send(today=due + timedelta(days=1), calendar=PLAIN) == 1
    assert digest_send(today=due + timedelta(days=1), calendar=PLAIN) == 0
    note = database.scalar(select(Notification).where(Notification.kind == "digest"))
    assert note.user_id == boss.id and note.params["overdue"] == 2  # review and supplement notice
