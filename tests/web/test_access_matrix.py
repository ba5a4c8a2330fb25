"""The access matrix, generated from the URL map: every route is requested as anonymous, an officer
not assigned to the objects, the assigned officer, a supervisor and an administrator, and each
answer is checked against the table below. A route missing from the table fails the test.

Every form is also posted without a CSRF token by each role that may use it: the answer is 400.
Objects are checked too: an officer who is not on a case, lawsuit or attachment gets 404 for it,
whatever its id (a valid token is sent then, so the view itself refuses).
"""

import io
import re

import pytest

from casemgr import clock
from casemgr.extensions import db
from casemgr.models import CaseAssignment, Notification
from casemgr.services import decisions, defence_steps
from casemgr.services.annual_reports import annual_report_publish
from casemgr.services.attachments import attachment_add
from casemgr.services.decisions import DecisionDraft
from casemgr.services.defence_register import DefenceInput, DefendantInput, defence_register
from casemgr.services.publication import publication_approve, publication_prepare, publication_submit
from tests.conftest import csrf_token, login
from tests.factories import DEFAULT_PASSWORD, create_case, create_user

ROLES = ("anonymous", "officer_other", "officer_assigned", "supervisor", "admin")
# ok: served; login: sent to the login page; 403: forbidden; 404: "no such object" (not yours)
PUBLIC = ("ok",) * 5
ANY = ("login", "ok", "ok", "ok", "ok")
STAFF = ("login", "ok", "ok", "ok", "403")
STAFF_OBJECT = ("login", "404", "ok", "ok", "403")
SUPERVISOR_OBJECT = ("login", "403", "403", "ok", "403")
VIEWERS = ANY
REPORT_MANAGERS = ("login", "403", "403", "ok", "ok")
ADMIN = ("login", "403", "403", "403", "ok")

MATRIX = {
    "public.index": PUBLIC,
    "public.decisions": PUBLIC,
    "public.decision": PUBLIC,
    "public.api_decisions": PUBLIC,
    "public.api_decision": PUBLIC,
    "public.feed": PUBLIC,
    "public.typical_cases": PUBLIC,
    "reports.index": PUBLIC,
    "reports.download": PUBLIC,
    "auth.login": PUBLIC,
    "auth.set_language": PUBLIC,
    "health.healthz": PUBLIC,
    "auth.logout": ANY,
    "main.dashboard": ANY,
    "notifications.index": ANY,
    "notifications.read": ANY,
    "notifications.read_all": ANY,
    "cases.index": STAFF,
    "cases.new": STAFF,
    "cases.export": STAFF,
    "board.index": STAFF,
    "officers.names": ANY,
    "board.export": STAFF,
    "defence.index": STAFF,
    "defence.new": STAFF,
    "cases.show": STAFF_OBJECT,
    "cases.step": STAFF_OBJECT,
    "cases.decision_draft": STAFF_OBJECT,
    "cases.service": STAFF_OBJECT,
    "cases.document": STAFF_OBJECT,
    "cases.attachment_upload": STAFF_OBJECT,
    "cases.attachment_download": STAFF_OBJECT,
    "cases.publication": STAFF_OBJECT,
    "cases.publication_action": STAFF_OBJECT,
    "defence.show": STAFF_OBJECT,
    "defence.step": STAFF_OBJECT,
    "defence.answer": STAFF_OBJECT,
    "cases.assign": SUPERVISOR_OBJECT,
    "cases.typical_case": SUPERVISOR_OBJECT,
    "statistics.index": VIEWERS,
    "statistics.export": VIEWERS,
    "statistics.report": VIEWERS,
    "reports.manage": REPORT_MANAGERS,
    "reports.remove": REPORT_MANAGERS,
    "admin.users": ADMIN,
    "admin.user_new": ADMIN,
    "admin.user_edit": ADMIN,
    "admin.user_password": ADMIN,
    "admin.status": ADMIN,
    "admin.ledger": ADMIN,
    "admin.ledger_template": ADMIN,
    "agencies.index": ADMIN,
    "agencies.edit": ADMIN,
    "calendar.index": ADMIN,
    "calendar.year": ADMIN,
    "statistics.settings": ADMIN,
    "statistics.recompute": ADMIN,
}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world(database):
    """Two officers (one on the case and its lawsuit), a supervisor, an administrator, and one of
    every object a URL can name."""
    a = create_user(username="assigned")
    create_user(username="other")
    s = create_user(role="supervisor", username="boss")
    create_user(role="admin", username="root")
    case = create_case(actor=a, state="accepted")
    database.add(CaseAssignment(case_id=case.id, user_id=a.id, assigned_at=clock.now(), assigned_by_id=s.id))
    database.commit()
    draft = DecisionDraft(decision_type="uphold", operative_text="维持。")
    case = decisions.case_save_decision_draft(actor=a, case_id=case.id, version=case.version, draft=draft)
    case = decisions.case_submit_decision(actor=a, case_id=case.id, version=case.version)
    case = decisions.case_review_decision(actor=s, case_id=case.id, version=case.version, approve=True)
    case = decisions.case_issue_decision(actor=a, case_id=case.id, version=case.version, on=clock.today())
    publication = publication_prepare(actor=a, case_id=case.id, extra_redactions=[], kept_texts=[])
    publication = publication_submit(actor=a, case_id=case.id, version=publication.version)
    publication = publication_approve(actor=s, case_id=case.id, version=publication.version)
    attachment = attachment_add(actor=a, case_id=case.id, stream=io.BytesIO(PDF), filename="x.pdf")
    lawsuit = defence_register(
        actor=a,
        data=DefenceInput(
            forum="法院",
            forum_number="（2026）京0112行初1号",
            case_id=case.id,
            plaintiffs=["王小明"],
            defendants=[DefendantInput("某局", "agency")],
            subject="诉",
            served_on=clock.today(),
            officer_id=a.id,
        ),
    )
    lawsuit = defence_steps.lawsuit_add_recommendation(
        actor=a, defence_id=lawsuit.id, version=lawsuit.version, on=clock.today(), content="建议"
    )
    report = annual_report_publish(
        actor=s, year=2025, title="2025年度报告", stream=io.BytesIO(PDF), filename="r.pdf"
    )
    note = Notification(user_id=a.id, kind="digest", params={}, created_at=clock.now())
    database.add(note)
    database.commit()
    return {
        "case_id": case.id,
        "defence_id": lawsuit.id,
        "attachment_id": attachment.id,
        "user_id": a.id,
        "agency_id": case.respondent_id,
        "notification_id": note.id,
        "publication_id": publication.id,
        "report_id": report.id,
        "recommendation_id": lawsuit.recommendations[0].id,
        "year": 2026,
        "code": "en",
        "fmt": "csv",
        "kind": "decision",
        "step": "accept",
        "action": "submit",
    }


def _rules(app):
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.endswith("static"):
            yield rule


def _outcome(response) -> str:
    if response.status_code in (403, 404):
        return str(response.status_code)
    if response.status_code == 302 and "/login" in response.headers.get("Location", ""):
        return "login"
    assert response.status_code < 500, response.status_code
    return "ok"


def test_every_route_is_in_the_matrix(app):
    assert {rule.endpoint for rule in _rules(app)} == set(MATRIX)


def _client_for(app, role):
    client = app.test_client()
    if role != "anonymous":
        login(
            client,
            {"officer_other": "other", "officer_assigned": "assigned", "supervisor": "boss", "admin": "root"}[
                role
            ],
            DEFAULT_PASSWORD,
        )
    return client


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_declared_answer_and_every_form_needs_its_token(app, world, role):
    client = _client_for(app, role)
    token = csrf_token(client.get("/login" if role == "anonymous" else "/dashboard").get_data(as_text=True))
    index = ROLES.index(role)
    problems = []
    rules = sorted(_rules(app), key=lambda r: r.endpoint == "auth.logout")  # log out last
    for rule in rules:
        url = rule.build({arg: world[arg] for arg in rule.arguments})[1]
        expected = MATRIX[rule.endpoint][index]
        if "GET" in rule.methods:
            got = _outcome(client.get(url))
            if got != expected:
                problems.append(f"GET {rule.endpoint}: {got}, declared {expected}")
        if "POST" not in rule.methods:
            continue
        if expected == "404":  # the view must refuse the object itself: send a valid token
            got = _outcome(client.post(url, data={"csrf_token": token}))
        else:
            response = client.post(url, data={})
            got = _outcome(response)
            if expected == "ok" and response.status_code != 400:
                problems.append(f"POST {rule.endpoint} without a CSRF token answered {response.status_code}")
                continue
        if got != expected:
            problems.append(f"POST {rule.endpoint}: {got}, declared {expected}")
    assert problems == []


def test_guessing_ids_finds_nothing_of_another_officer(app, world):
    client = _client_for(app, "officer_other")
    for url in (
        f"/cases/{world['case_id']}",
        f"/cases/{world['case_id']}/attachments/{world['attachment_id']}",
        f"/cases/{world['case_id']}/documents/decision.docx",
        f"/litigation/{world['defence_id']}",
        f"/cases/{world['case_id'] + 1000}",
        f"/litigation/{world['defence_id'] + 1000}",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert not re.search("王小明", response.get_data(as_text=True))
    db.session.remove()
