import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from casemgr import clock
from casemgr.extensions import db
from casemgr.models import AuditEntry, Case, CaseEvent, Deadline, User
from casemgr.services.errors import ValidationError
from casemgr.services.intake import PartyInput, case_register
from tests.factories import application, create_agency, create_user


def test_registration_numbers_the_case_and_opens_the_review_deadlines(database):
    officer = create_user(role="officer")
    case = case_register(actor=officer, application=application())
    year = clock.today().year
    assert case.number == f"通政复字〔{year}〕第1号" and case.state == "received"
    assert [p.name for p in case.parties] == ["王小明"]
    rules = database.scalars(select(Deadline.rule_code).where(Deadline.case_id == case.id)
                             .order_by(Deadline.rule_code)).all()
    assert rules == ["acceptance_review", "supplement_notice"]
    row = database.scalar(select(Deadline).where(Deadline.rule_code == "acceptance_review"))
    assert row.due_on > case.received_on and row.explanation_zh and row.explanation_en
    assert database.scalar(select(CaseEvent.kind).where(CaseEvent.case_id == case.id)) == "received"
    assert database.scalar(select(AuditEntry.action)) == "case.register"
    second = case_register(actor=officer, application=application())
    assert second.number == f"通政复字〔{year}〕第2号"


def test_a_late_application_is_flagged_not_refused(database):
    today = clock.today()
    case = case_register(actor=create_user(), application=application(
        act_date=today - timedelta(days=200), act_known_on=today - timedelta(days=100)))
    assert case.late is True and case.state == "received"


@pytest.mark.parametrize(("overrides", "field"), [
    ({"parties": [PartyInput(name="王小明", id_number="110105194912310021")]}, "parties-0-id_number"),
    ({"parties": [PartyInput(kind="organisation", name="某公司", id_number="91110000000000000A")]},
     "parties-0-id_number"),
    ({"parties": [PartyInput(name="王小明", phone="12345")]}, "parties-0-phone"),
    ({"parties": [PartyInput(role="agent", name="律师")]}, "parties"),
    ({"requests": "  "}, "requests"),
    ({"received_on": clock.today() + timedelta(days=1)}, "received_on"),
    ({"act_known_on": clock.today() + timedelta(days=0), "act_date": clock.today() + timedelta(days=1)},
     "act_date"),
])
def test_bad_input_names_the_field_and_saves_nothing(database, overrides, field):
    with pytest.raises(ValidationError) as raised:
        case_register(actor=create_user(), application=application(**overrides))
    assert field in raised.value.problems
    assert database.scalars(select(Case)).all() == []


def test_parallel_registrations_get_distinct_numbers_without_gaps(app, committed_db, settings):
    if settings.kind != "postgresql":
        pytest.skip("the concurrency test needs PostgreSQL (SQLite serialises writers anyway)")
    officer_id = create_user(role="officer").id
    agency_id = create_agency().id
    barrier = threading.Barrier(8)
    errors = []

    def register():
        with app.app_context():
            try:
                officer = db.session.get(User, officer_id)  # each thread has its own session
                barrier.wait()
                case_register(actor=officer, application=application(respondent_id=agency_id))
            except Exception as exc:  # collected and asserted below
                errors.append(exc)

    threads = [threading.Thread(target=register) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    seqs = sorted(committed_db.scalars(select(Case.seq)).all())
    assert seqs == list(range(1, 9))
