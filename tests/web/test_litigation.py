"""Defence work through the pages: record a lawsuit from a decided case, its steps, visibility."""

import html
import re
from datetime import date

from sqlalchemy import select

from casemgr import clock
from casemgr.models import CaseAssignment, DefenceCase
from tests.conftest import csrf_token, login
from tests.factories import DEFAULT_PASSWORD, create_decided_case, create_user

ORGAN = "北京市通州区人民政府"


def assigned_decided_case(database, officer, decision_type="uphold"):
    case = create_decided_case(decision_type=decision_type, actor=officer)
    database.add(
        CaseAssignment(
            case_id=case.id, user_id=officer.id, assigned_at=clock.now(), assigned_by_id=officer.id
        )
    )
    database.commit()
    return case


def register_from(client, case, **changes):
    page = client.get(f"/litigation/new?kind=lawsuit&case_id={case.id}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    data = {
        "csrf_token": csrf_token(text),
        "case_id": str(case.id),
        "parent_id": "",
        "forum": "北京市通州区人民法院",
        "forum_number": "（2026）京0112行初5号",
        "instance": "first",
        "served_on": "2026-03-02",
        "officer": "",
        "note": "",
        "plaintiffs": html.unescape(re.search(r'name="plaintiffs"[^>]*>\s*([^<]*)<', text).group(1)),
        "subject": html.unescape(re.search(r'name="subject"[^>]*>\s*([^<]*)<', text).group(1)),
    }
    for i in range(3):
        name = re.search(rf'name="defendants-{i}-name"[^>]*value="([^"]*)"', text)
        data[f"defendants-{i}-name"] = html.unescape(name.group(1)) if name else ""
        role = re.search(
            r'<option selected value="(\w+)">[^<]*</option>', text.split(f'name="defendants-{i}-role"')[1]
        )
        data[f"defendants-{i}-role"] = role.group(1) if role else "agency"
    data.update(changes)
    return client.post("/litigation/new?kind=lawsuit", data=data)


def post_step(client, defence_id, step, **data):
    page = client.get(f"/litigation/{defence_id}").get_data(as_text=True)
    version = page.split('name="version" type="hidden" value="')[1].split('"')[0]
    return client.post(
        f"/litigation/{defence_id}/steps/{step}",
        data={"csrf_token": csrf_token(page), "version": version, **data},
    )


def test_record_a_lawsuit_from_a_decided_case_and_run_it(client, database):
    officer = create_user(username="li")
    case = assigned_decided_case(database, officer)
    login(client, "li", DEFAULT_PASSWORD)
    assert "/litigation/new?kind=lawsuit&amp;case_id=" in client.get(f"/cases/{case.id}").get_data(
        as_text=True
    )
    page = client.get(f"/litigation/new?kind=lawsuit&case_id={case.id}").get_data(as_text=True)
    assert "王小明" in page and case.respondent.name in page and ORGAN in page
    assert 'id="defendant-rule"' in page and "共同被告" in page

    response = register_from(client, case)
    assert response.status_code == 302, response.get_data(as_text=True)
    defence = database.scalar(select(DefenceCase))
    assert [(d.name, d.role) for d in defence.defendants] == [
        (case.respondent.name, "agency"),
        (ORGAN, "organ"),
    ]
    assert defence.case_id == case.id and defence.plaintiff_names == ["王小明"]
    page = client.get(f"/litigation/{defence.id}").get_data(as_text=True)
    assert 'data-rule="litigation_defence"' in page and "2026-03-17" in page

    assert post_step(client, defence.id, "defence", on="2026-03-16").status_code == 302
    ids = [d.id for d in defence.defendants]
    response = post_step(
        client,
        defence.id,
        "judgment",
        kind="judgment",
        on="2026-06-01",
        served_on="2026-06-03",
        **{f"outcome-{ids[0]}": "upheld", f"outcome-{ids[1]}": "upheld"},
    )
    assert response.status_code == 302
    page = client.get(f"/litigation/{defence.id}").get_data(as_text=True)
    assert 'data-rule="appeal_judgment"' in page and "2026-06-18" in page and 'data-outcome="upheld"' in page
    assert post_step(client, defence.id, "appeal", by="plaintiff", on="2026-06-10").status_code == 302
    page = client.get(f"/litigation/{defence.id}").get_data(as_text=True)
    assert f"/litigation/new?kind=lawsuit&amp;parent_id={defence.id}" in page
    assert "（2026）京0112行初5号" in client.get(f"/cases/{case.id}").get_data(as_text=True)


def test_a_refused_judgment_keeps_the_input_and_changes_nothing(client, database):
    officer = create_user(username="li")
    case = assigned_decided_case(database, officer)
    login(client, "li", DEFAULT_PASSWORD)
    register_from(client, case)
    defence = database.scalar(select(DefenceCase))
    ids = [d.id for d in defence.defendants]
    response = post_step(
        client,
        defence.id,
        "judgment",
        kind="ruling",
        on="2026-06-01",
        **{f"outcome-{ids[0]}": "revoked", f"outcome-{ids[1]}": "revoked"},
    )
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert '<option value="revoked" selected>' in text and "2026-06-01" in text
    database.refresh(defence)
    assert defence.state == "pending"


def test_a_bad_registration_keeps_what_was_typed(client, database):
    officer = create_user(username="li")
    case = assigned_decided_case(database, officer)
    login(client, "li", DEFAULT_PASSWORD)
    response = register_from(client, case, forum="", subject="我写的案由")
    assert response.status_code == 422
    assert "我写的案由" in response.get_data(as_text=True)
    assert database.scalar(select(DefenceCase)) is None


def test_other_officers_cannot_open_a_lawsuit_or_prefill_from_a_case(client, database):
    owner, stranger = create_user(username="li"), create_user(username="wang")
    case = assigned_decided_case(database, owner)
    login(client, "li", DEFAULT_PASSWORD)
    register_from(client, case)
    defence = database.scalar(select(DefenceCase))
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/dashboard").data)})
    login(client, "wang", DEFAULT_PASSWORD)
    assert client.get(f"/litigation/{defence.id}").status_code == 404
    assert client.get(f"/litigation/new?kind=lawsuit&case_id={case.id}").status_code == 404
    assert "（2026）京0112行初5号" not in client.get("/litigation/").get_data(as_text=True)
    assert stranger.id != owner.id


def test_a_respondent_case_from_copy_to_decision(client, database):
    create_user(username="li")
    login(client, "li", DEFAULT_PASSWORD)
    page = client.get("/litigation/new?kind=respondent").get_data(as_text=True)
    assert "北京市人民政府" in page
    response = client.post(
        "/litigation/new?kind=respondent",
        data={
            "csrf_token": csrf_token(page),
            "forum": "北京市人民政府",
            "forum_number": "京政复〔2026〕8号",
            "procedure": "ordinary",
            "served_on": "2026-03-02",
            "plaintiffs": "李某",
            "subject": "不服征收决定",
            "officer": "",
            "note": "",
        },
    )
    assert response.status_code == 302
    defence = database.scalar(select(DefenceCase))
    assert "2026-03-16" in client.get(f"/litigation/{defence.id}").get_data(as_text=True)
    assert post_step(client, defence.id, "defence", on="2026-03-12").status_code == 302
    assert post_step(client, defence.id, "outcome", outcome="uphold", on="2026-04-30").status_code == 302
    database.refresh(defence)
    assert (defence.state, defence.outcome, defence.concluded_on) == (
        "concluded",
        "uphold",
        date(2026, 4, 30),
    )
    listing = client.get("/litigation/?kind=respondent&year=2026").get_data(as_text=True)
    assert "京政复〔2026〕8号" in listing and 'data-figure="respondent"' in listing


def test_only_a_supervisor_assigns_and_steps_need_the_csrf_token(client, database):
    officer = create_user(username="li")
    create_user(role="supervisor", username="boss")
    case = assigned_decided_case(database, officer)
    login(client, "li", DEFAULT_PASSWORD)
    register_from(client, case)
    defence = database.scalar(select(DefenceCase))
    assert post_step(client, defence.id, "assign", officer=str(officer.id)).status_code == 403
    no_token = client.post(
        f"/litigation/{defence.id}/steps/defence", data={"version": "1", "on": "2026-03-10"}
    )
    assert no_token.status_code == 400
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/dashboard").data)})
    login(client, "boss", DEFAULT_PASSWORD)
    assert post_step(client, defence.id, "assign", officer=str(officer.id)).status_code == 302
    database.refresh(defence)
    assert defence.officer_id == officer.id
    board = client.get("/board/").get_data(as_text=True)
    assert f'data-defence="{defence.id}"' in board and f"/litigation/{defence.id}" in board


def test_the_litigation_pages_in_english(client, database):
    create_user(username="li")
    login(client, "li", DEFAULT_PASSWORD)
    client.get("/lang/en")
    page = client.get("/litigation/").get_data(as_text=True)
    assert "Loss rate" in page and "Lawsuits" in page


def test_an_officer_sees_the_lawsuit_deadlines_of_their_cases_on_their_board_and_dashboard(client, database):
    """The defence cases are named inside the deadlines' statement (deadline_ids_mine): the lawsuit
    about the officer's case shows; another officer's board stays empty of it."""
    officer = create_user(username="li")
    create_user(username="wang")
    case = assigned_decided_case(database, officer)
    login(client, "li", DEFAULT_PASSWORD)
    register_from(client, case)
    defence = database.scalar(select(DefenceCase))
    assert f'data-defence="{defence.id}"' in client.get("/board/").get_data(as_text=True)
    assert f"/litigation/{defence.id}" in client.get("/dashboard").get_data(as_text=True)
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/dashboard").data)})
    login(client, "wang", DEFAULT_PASSWORD)
    assert f'data-defence="{defence.id}"' not in client.get("/board/").get_data(as_text=True)


def test_the_assignment_offers_the_officers_and_checks_the_one_sent(client, database):
    officer = create_user(username="li", display_name="李 & <四>")
    create_user(role="supervisor", username="boss")
    admin = create_user(role="admin", username="root")
    case = assigned_decided_case(database, officer)
    login(client, "li", DEFAULT_PASSWORD)
    register_from(client, case, officer=str(officer.id))
    defence = database.scalar(select(DefenceCase))
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/dashboard").data)})
    login(client, "boss", DEFAULT_PASSWORD)
    page = client.get(f"/litigation/{defence.id}").get_data(as_text=True)
    field = re.search(r'<input [^>]*id="assign-officer"[^>]*>', page).group(0)
    assert 'value="李 &amp; &lt;四&gt; (li)"' in field and 'list="officer-names"' in field
    for sent in (str(admin.id), "root"):  # officers only, by number or by name
        assert post_step(client, defence.id, "assign", officer=sent).status_code == 422
    database.refresh(defence)
    assert defence.officer_id == officer.id
    other = create_user(username="wang", display_name="王五")
    assert post_step(client, defence.id, "assign", officer="王五").status_code == 302
    database.refresh(defence)
    assert defence.officer_id == other.id


def test_a_case_number_in_other_digits_is_refused_not_linked(client, database):
    """"¹" is a digit to str.isdigit but not to int(): the form comes back with its message (found
    by test_bad_input's fuzzing), not a server error while linking the case."""
    create_user(username="li")
    login(client, "li", DEFAULT_PASSWORD)
    page = client.get("/litigation/new?kind=lawsuit").get_data(as_text=True)
    sent = {"csrf_token": csrf_token(page), "case_id": "¹", "forum": "法院"}
    response = client.post("/litigation/new?kind=lawsuit", data=sent)
    assert response.status_code == 422 and 'id="linked-case"' not in response.get_data(as_text=True)

