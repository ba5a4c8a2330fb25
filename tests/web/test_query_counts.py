"""The number of SQL statements per page does not grow with the data: an N+1 cannot come back.

Each page is requested with a few cases and with many; the statement count must be the same
(and the login page, the benchmark's floor route, must not touch the database at all)."""

import io

import pytest

from casemgr import clock
from casemgr.models import CaseAssignment
from casemgr.services.attachments import attachment_add
from casemgr.services.defence_register import DefenceInput, DefendantInput, defence_register
from casemgr.services.publication import publication_approve, publication_prepare, publication_submit
from tests.conftest import login
from tests.factories import DEFAULT_PASSWORD, create_case, create_user
from tests.services.test_publication import decided_case
from tests.statements import counting
from tests.web.test_access_matrix import PDF

PAGES = ["/cases/?view=all", "/cases/?view=all&q=王", "/board/", "/litigation/?view=all", "/dashboard",
         "/statistics/", "/decisions", "/notifications/"]


def _counts(client, urls):
    found = {}
    for url in urls:
        client.get(url)  # warm caches (calendar, babel) so only the page's own queries count
        with counting() as statements:
            assert client.get(url).status_code == 200, url
        found[url] = len(statements)
    return found


def _more_cases(database, officer, n):
    for _ in range(n):
        case = create_case(actor=officer, state="accepted")
        database.add(CaseAssignment(case_id=case.id, user_id=officer.id, assigned_at=case.created_at,
                                    assigned_by_id=officer.id))
    database.commit()


def test_the_floor_route_does_not_touch_the_database(client, database):
    client.get("/login")
    with counting() as statements:
        assert client.get("/login").status_code == 200
    assert statements == []


@pytest.mark.parametrize("role", ["supervisor", "officer"])
def test_page_queries_do_not_grow_with_the_cases(client, database, role):
    officer = create_user(username="li") if role == "officer" else create_user()
    user = officer if role == "officer" else create_user(role="supervisor", username="boss")
    _more_cases(database, officer, 2)
    login(client, user.username, DEFAULT_PASSWORD)
    few = _counts(client, PAGES)
    _more_cases(database, officer, 25)
    many = _counts(client, PAGES)
    assert many == few
    assert max(few.values()) <= 45, few


def test_case_and_decision_pages_have_a_fixed_number_of_queries(client, database):
    officer, supervisor, case = decided_case(database)
    publication = publication_prepare(actor=officer, case_id=case.id, extra_redactions=[], kept_texts=[])
    publication = publication_submit(actor=officer, case_id=case.id, version=publication.version)
    publication = publication_approve(actor=supervisor, case_id=case.id, version=publication.version)
    login(client, officer.username, DEFAULT_PASSWORD)
    counts = _counts(client, [f"/cases/{case.id}", f"/decisions/{publication.id}"])
    # the user with their unread count; the case with its parties, officers and decision, then its
    # deadlines, then its timeline and audit trail together; the decision with its typical case
    assert counts == {f"/cases/{case.id}": 4, f"/decisions/{publication.id}": 2}, counts
    assert _counts(client.application.test_client(), [f"/decisions/{publication.id}"]) == {
        f"/decisions/{publication.id}": 1}  # a citizen's


def test_the_bell_counts_unread_notifications_up_to_99(client, database):
    from casemgr import clock
    from casemgr.models import Notification

    user = create_user(role="officer", username="busy")
    database.add_all([Notification(user_id=user.id, kind="digest", params={}, created_at=clock.now())
                      for _ in range(120)])
    database.commit()
    login(client, "busy", DEFAULT_PASSWORD)
    assert 'id="unread-count">99+<' in client.get("/dashboard").get_data(as_text=True)


def test_the_case_page_reads_attachments_and_lawsuits_only_when_it_has_some(client, database):
    officer, _supervisor, case = decided_case(database)
    login(client, officer.username, DEFAULT_PASSWORD)
    url = f"/cases/{case.id}"
    assert _counts(client, [url]) == {url: 4}
    attachment_add(actor=officer, case_id=case.id, stream=io.BytesIO(PDF), filename="证据.pdf")
    assert _counts(client, [url]) == {url: 5}
    defence_register(actor=officer, data=DefenceInput(
        forum="法院", forum_number="（2026）京0112行初9号", case_id=case.id, plaintiffs=["王小明"],
        defendants=[DefendantInput("某局", "agency")], subject="诉", served_on=clock.today(),
        officer_id=officer.id))
    page = client.get(url).get_data(as_text=True)
    assert _counts(client, [url]) == {url: 6}
    assert "证据.pdf" in page and "（2026）京0112行初9号" in page
