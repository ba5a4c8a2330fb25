"""From acceptance to the archive through the case page, as officer and supervisor."""

from casemgr import clock
from casemgr.models import Case, CaseAssignment
from tests.conftest import csrf_token, login
from tests.factories import DEFAULT_PASSWORD, create_case, create_user


def post_step(client, case_id, step, **data):
    page = client.get(f"/cases/{case_id}")
    assert page.status_code == 200, page.status_code
    token = csrf_token(page.data)
    version = page.get_data(as_text=True).split('name="version" type="hidden" value="')[1].split('"')[0]
    return client.post(f"/cases/{case_id}/{step}", data={"csrf_token": token, "version": version, **data})


def logout(client):
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/dashboard").data)})


def test_a_case_from_acceptance_to_the_archive(client, database):
    today = clock.today().isoformat()
    officer = create_user(role="officer", username="zhang")
    create_user(role="supervisor", username="boss")
    case = create_case(actor=officer, state="accepted")
    database.add(CaseAssignment(case_id=case.id, user_id=officer.id, assigned_at=clock.now(),
                                assigned_by_id=officer.id))
    database.commit()
    login(client, "zhang", DEFAULT_PASSWORD)
    assert post_step(client, case.id, "steps/record_copy_sent", on=today).status_code == 302
    assert post_step(client, case.id, "steps/record_reply", on=today).status_code == 302
    response = post_step(client, case.id, "decision", decision_type="revoke", findings="查明的事实",
                         reasoning="认定事实不清", legal_basis="第六十四条", operative_text="撤销该决定。")
    assert response.status_code == 302
    assert post_step(client, case.id, "steps/submit_decision").status_code == 302
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert 'data-step="approve_decision"' not in page  # officers do not approve
    logout(client)

    login(client, "boss", DEFAULT_PASSWORD)
    assert post_step(client, case.id, "steps/approve_decision").status_code == 302
    logout(client)

    login(client, "zhang", DEFAULT_PASSWORD)
    assert post_step(client, case.id, "steps/issue_decision", on=today).status_code == 302
    applicant = database.get(Case, case.id).parties[0]
    assert post_step(client, case.id, "service", party_id=str(applicant.id), on=today,
                     method="直接送达").status_code == 302
    assert post_step(client, case.id, "steps/archive").status_code == 302
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert 'data-state="archived"' in page
    for kind in ("copy_sent", "reply_received", "decision_approved", "decision_issued", "served", "archived"):
        assert f'data-kind="{kind}"' in page


def test_a_step_that_is_not_possible_now_is_refused_with_a_message(client, database):
    officer = create_user(role="officer", username="zhang")
    case = create_case(actor=officer)
    login(client, "zhang", DEFAULT_PASSWORD)
    response = post_step(client, case.id, "steps/record_reply", on=clock.today().isoformat())
    assert response.status_code == 422 and "不能登记答复" in response.get_data(as_text=True)
    assert database.get(Case, case.id).state == "received"


def test_suspension_needs_a_ground_and_shows_it_on_the_timeline(client, database):
    officer = create_user(role="officer", username="zhang")
    case = create_case(actor=officer, state="accepted")
    login(client, "zhang", DEFAULT_PASSWORD)
    response = post_step(client, case.id, "steps/suspend", on=clock.today().isoformat(),
                         ground="force_majeure", note="申请人因疫情不能参加")
    assert response.status_code == 302
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert 'data-state="suspended"' in page and 'data-kind="suspended"' in page
    assert 'data-step="resume"' in page
