from datetime import date

import pytest
from sqlalchemy import select

from casemgr.domain.calendar_notice import Kind, parse_lines
from casemgr.domain.deadlines import compute_deadline
from casemgr.models import AuditEntry, CalendarDay, CalendarYear
from casemgr.queries.calendar import work_calendar_get
from casemgr.services.calendar import CalendarInputError, calendar_year_load
from casemgr.services.errors import ServiceError
from tests.factories import create_user

# A plausible 2027 notice (not the real one, which is not published yet).
DAYS_OFF_2027 = """
2027-01-01..2027-01-03 元旦
2027-02-06..2027-02-13 春节
"""
MAKEUP_2027 = "2027-02-14 春节\n2027-02-20 春节\n"


def load_2027(actor=None, days_off=DAYS_OFF_2027, makeup=MAKEUP_2027):
    off, p1 = parse_lines(days_off, Kind.HOLIDAY)
    work, p2 = parse_lines(makeup, Kind.MAKEUP_WORKDAY)
    return calendar_year_load(actor=actor, year=2027, entries=off + work, source="国办发明电〔2026〕X号",
                              parse_problems=p1 + p2)


def test_the_seeded_calendar_has_official_data_for_2004_to_2026(database):
    calendar = work_calendar_get()
    assert set(range(2004, 2027)) <= calendar.covered_years
    assert 2027 not in calendar.covered_years
    assert date(2024, 10, 1) in calendar.holidays and calendar.names[date(2024, 10, 1)] == "国庆节"
    assert date(2024, 10, 12) in calendar.makeup_workdays


def test_a_kept_calendar_is_read_again_as_soon_as_a_year_is_loaded(app, database, monkeypatch):
    """Pages keep the calendar between requests; a deadline computed right after an administrator
    loads a year must use the new notice (the stamp: how many years are loaded, when the last was)."""
    monkeypatch.setitem(app.config, "SUMMARY_CACHE_SECONDS", 60)
    kept = work_calendar_get()
    assert work_calendar_get() is kept  # nothing changed: not read again
    load_2027()
    assert date(2027, 2, 8) in work_calendar_get().holidays and 2027 in work_calendar_get().covered_years
    load_2027(days_off="2027-01-01..2027-01-03 元旦\n2027-02-07..2027-02-14 春节\n", makeup="2027-02-20 春节")
    assert date(2027, 2, 14) in work_calendar_get().holidays  # the year loaded again, corrected


def test_loading_a_year_makes_its_deadlines_official_and_audits_the_change(database):
    admin = create_user(role="admin")
    before = compute_deadline("acceptance_review", date(2027, 2, 5), work_calendar_get())
    assert before.provisional and before.due == date(2027, 2, 12)

    loaded = load_2027(actor=admin)
    assert (loaded.holidays, loaded.makeup_workdays, len(loaded.added), loaded.removed) == (11, 2, 13, [])

    after = compute_deadline("acceptance_review", date(2027, 2, 5), work_calendar_get())
    # Feb 6-13 off; Feb 14 (Sunday) is a make-up working day: 14, 15, 16, 17, 18.
    assert not after.provisional and after.due == date(2027, 2, 18)
    entry = database.scalars(select(AuditEntry).where(AuditEntry.action == "calendar.year_load")).one()
    assert entry.actor_id == admin.id and entry.details["year"] == 2027
    assert database.get(CalendarYear, 2027).loaded_by_id == admin.id


def test_reloading_replaces_the_year_and_reports_what_changed(database):
    load_2027()
    loaded = load_2027(days_off="2027-01-01 元旦\n2027-02-06..2027-02-12 春节", makeup="2027-02-14 春节")
    assert loaded.removed == ["2027-01-02 holiday", "2027-01-03 holiday", "2027-02-13 holiday",
                              "2027-02-20 makeup_workday"]
    assert loaded.added == []
    days = database.scalars(select(CalendarDay.day).where(CalendarDay.day >= date(2027, 1, 1))).all()
    assert len(days) == 9


@pytest.mark.parametrize(("days_off", "makeup", "code"), [
    ("2027-13-01 元旦", "", "bad_line"),
    ("2027-02-13..2027-02-06 春节", "", "bad_range"),
    ("2026-12-31 元旦", "", "wrong_year"),
    ("", "2027-02-15 春节", "makeup_on_weekday"),  # a Monday
    ("2027-02-14 春节", "2027-02-14 春节", "both_kinds"),
])
def test_a_wrong_line_saves_nothing_and_says_which(database, days_off, makeup, code):
    with pytest.raises(CalendarInputError) as raised:
        load_2027(days_off=days_off, makeup=makeup)
    assert [p.code for p in raised.value.problems] == [code]
    assert database.get(CalendarYear, 2027) is None
    assert database.scalars(select(AuditEntry)).all() == []


def test_the_notice_must_be_named(database):
    off, _ = parse_lines(DAYS_OFF_2027, Kind.HOLIDAY)
    with pytest.raises(ServiceError) as raised:
        calendar_year_load(actor=None, year=2027, entries=off, source="  ")
    assert raised.value.field == "source"


def test_loading_a_year_recomputes_open_deadlines_and_reports_the_moves(database):
    from casemgr.models import Case
    from casemgr.services.deadline_rows import deadline_open
    from tests.factories import create_case

    case = create_case()
    # A deadline counted from 2027-02-05 runs into the 2027 Spring Festival, unknown until loaded.
    row = deadline_open(database.get(Case, case.id), "copy_to_respondent", date(2027, 2, 5),
                        work_calendar_get())
    database.commit()
    assert row.provisional and row.due_on == date(2027, 2, 16)
    loaded = load_2027()
    database.refresh(row)
    # Feb 6-13 off; Sunday Feb 14 and Saturday Feb 20 are make-up working days: 14, 15 ... 19, 20.
    assert not row.provisional and row.due_on == date(2027, 2, 20)
    assert loaded.moved == ({"number": case.number, "rule": "copy_to_respondent", "old": "2027-02-16",
                             "new": "2027-02-20", "case": case.id, "defence": None},)
    from casemgr.models import Notification

    note = database.scalar(select(Notification).where(Notification.kind == "deadline_moved"))
    assert note.user_id == case.created_by_id and note.params["new"] == "2027-02-20"


def test_a_defence_deadline_moved_by_a_new_year_tells_its_officer(database):
    from casemgr.models import DefenceCase, Notification
    from casemgr.services.deadline_rows import deadline_open
    from casemgr.services.defence_register import DefenceInput, defence_register
    from tests.factories import create_user

    officer = create_user()
    defence = defence_register(actor=officer, data=DefenceInput(
        kind="respondent", forum="北京市人民政府", forum_number="京政复〔2027〕1号", plaintiffs=["李某"],
        subject="征收", served_on=date(2026, 11, 2), officer_id=officer.id))
    deadline_open(database.get(DefenceCase, defence.id), "respondent_case_reply", date(2027, 2, 5),
                  work_calendar_get())
    database.commit()
    loaded = load_2027()
    # 10 working days from Feb 5: 14, 15 ... 19, 20 (make-up days included), 22, 23, 24.
    assert [(m["defence"], m["number"], m["new"]) for m in loaded.moved] == [
        (defence.id, "京政复〔2027〕1号", "2027-02-24")]
    note = database.scalar(select(Notification).where(Notification.kind == "deadline_moved"))
    assert (note.user_id, note.defence_case_id, note.case_id) == (officer.id, defence.id, None)


def test_a_page_takes_the_calendars_stamp_read_with_its_user(app, client, caches_kept, monkeypatch):
    """A GET page reads the stamp in the statement that loads its user (casemgr/__init__.py): no
    statement of its own, and the calendar itself read only when not kept already."""
    from casemgr.queries import calendar
    from tests.conftest import login
    from tests.factories import DEFAULT_PASSWORD
    from tests.statements import counting

    create_user(username="lead", role="supervisor")
    login(client, "lead", DEFAULT_PASSWORD)
    monkeypatch.setattr(calendar, "_kept", {})
    for read in (True, False):
        with counting() as statements:
            assert client.get("/board/").status_code == 200
        stamps = [s for s in statements if "count(calendar_years.year)" in s]
        assert len(stamps) == 1 and stamps[0].startswith("SELECT users.")
        assert any(s.startswith("SELECT calendar_days.day") for s in statements) is read


def test_a_request_that_writes_reads_the_stamp_afresh(app, database, caches_kept):
    """A POST (an administrator loading a year, then its deadlines recomputed) must not trust the
    stamp read before it wrote."""
    from flask import g

    kept = work_calendar_get()
    with app.test_request_context("/admin/calendar", method="POST"):
        g.calendar_stamp = ("stale",)
        assert work_calendar_get() is kept  # the stamp asked of the database: unchanged
        load_2027()
        assert 2027 in work_calendar_get().covered_years
    with app.test_request_context("/board/"):
        g.calendar_stamp = ("stale",)  # a GET trusts the stamp its user came with
        assert work_calendar_get() is not kept
