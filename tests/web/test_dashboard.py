"""The dashboard's queue sizes: an officer's cases in progress, counted exactly; the office's, kept a
minute and said so."""

import pytest

from casemgr import summary_cache
from casemgr.extensions import db
from tests.conftest import login
from tests.factories import DEFAULT_PASSWORD, create_case, create_decided_case, create_user, end_case


def tile(page: str) -> str:
    return page.split('class="cm-tile-n">')[2].split("<")[0]


def test_an_officer_counts_their_own_cases_in_progress_only(client, database):
    officer = create_user(role="officer", username="li")
    create_case(actor=officer)  # received
    create_decided_case(actor=officer)  # decided: service and archiving still ahead
    end_case(create_decided_case(actor=officer), "archived")
    create_case(state="accepted")  # someone else's
    db.session.commit()
    login(client, "li", DEFAULT_PASSWORD)
    page = client.get("/dashboard").get_data(as_text=True)
    assert tile(page) == "2" and 'id="open-cases-at"' not in page


def test_a_supervisor_sees_the_office_count_kept_a_minute_with_its_time(client, database, caches_kept):
    create_user(role="supervisor", username="boss")
    create_case(state="accepted")
    login(client, "boss", DEFAULT_PASSWORD)
    page = client.get("/dashboard").get_data(as_text=True)
    assert tile(page) == "1" and 'id="open-cases-at"' in page
    create_case()
    assert tile(client.get("/dashboard").get_data(as_text=True)) == "1"  # counted already
    summary_cache.forget_all()  # a minute later
    assert tile(client.get("/dashboard").get_data(as_text=True)) == "2"


@pytest.mark.parametrize("cap", [5_000, 0])  # named by id, or (too many) tested one by one
def test_an_officer_sees_the_nearest_deadlines_of_their_own_cases_only(client, database, monkeypatch, cap):
    monkeypatch.setattr("casemgr.queries.among.IDS_CAP", cap)
    officer = create_user(role="officer", username="li")
    mine = create_case(actor=officer)
    theirs = create_case()
    login(client, "li", DEFAULT_PASSWORD)
    page = client.get("/dashboard").get_data(as_text=True)
    nearest = page.split('class="table table-sm cm-table cm-dash-deadlines"')[1]
    assert f"/cases/{mine.id}" in nearest and f"/cases/{theirs.id}" not in nearest


def intake_tile(page: str) -> str:
    return page.split('class="cm-tile-n">')[1].split("<")[0]


@pytest.mark.parametrize("role", ["officer", "supervisor"])
def test_the_queues_are_counted_when_no_deadline_is_open(client, database, role):
    """The counts come with the nearest deadlines in one statement (queries/dashboard.py), outer-
    joined so that they are there when the user has no open deadline."""
    create_user(role=role, username="li")
    login(client, "li", DEFAULT_PASSWORD)
    page = client.get("/dashboard").get_data(as_text=True)
    assert (intake_tile(page), tile(page)) == ("0", "0") and "cm-status-" not in page
    other = create_user(role="officer")
    create_case(actor=other)  # in the intake queue, not the officer's own; its deadlines not theirs
    page = client.get("/dashboard").get_data(as_text=True)
    assert intake_tile(page) == "1" and tile(page) == ("0" if role == "officer" else "1")
