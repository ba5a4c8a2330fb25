from casemgr import clock
from casemgr.models import Notification
from tests.conftest import csrf_token, login
from tests.factories import DEFAULT_PASSWORD, create_case, create_user


def test_the_bell_counts_unread_and_marking_read_clears_it(client, database):
    officer = create_user(role="officer", username="zhang")
    other = create_user(role="officer")
    case = create_case(actor=officer)
    for user in (officer, officer, other):
        params = {"number": case.number, "rule": "acceptance_review", "due": "2026-12-01"}
        database.add(Notification(user_id=user.id, kind="reminder_before_3", case_id=case.id,
                                  created_at=clock.now(), params=params))
    database.commit()
    login(client, "zhang", DEFAULT_PASSWORD)
    page = client.get("/dashboard").get_data(as_text=True)
    assert 'id="unread-count">2<' in page
    listing = client.get("/notifications/").get_data(as_text=True)
    assert "受理审查" in listing and case.number in listing and "2026-12-01" in listing
    client.post("/notifications/read-all", data={"csrf_token": csrf_token(listing)})
    assert 'id="unread-count"' not in client.get("/dashboard").get_data(as_text=True)
    # someone else's notification cannot be marked through its id
    theirs = database.query(Notification).filter_by(user_id=other.id).one()
    client.post(f"/notifications/{theirs.id}/read", data={"csrf_token": csrf_token(listing)})
    database.expire_all()
    assert database.get(Notification, theirs.id).read_at is None


def test_every_kind_of_notification_renders_in_both_languages(client, database):
    officer = create_user(role="officer", username="zhang")
    case = create_case(actor=officer)
    reminder = {"number": case.number, "rule": "decision", "due": "2026-12-01"}
    kinds = {
        "reminder_before_1": {**reminder, "step": "before_1"},
        "reminder_due_day": {**reminder, "step": "due_day"},
        "reminder_overdue": {**reminder, "step": "overdue"},
        "deadline_moved": {"number": case.number, "rule": "decision", "old": "2027-02-16",
                           "new": "2027-02-20", "case": case.id},
        "digest": {"overdue": 1, "due_today": 2, "due_soon": 3, "day": "2026-11-27"},
    }
    for kind, params in kinds.items():
        database.add(Notification(user_id=officer.id, kind=kind, params=params, created_at=clock.now()))
    database.commit()
    login(client, "zhang", DEFAULT_PASSWORD)
    zh = client.get("/notifications/").get_data(as_text=True)
    assert "作出行政复议决定" in zh and "2027-02-20" in zh and "已逾期1个" in zh
    client.get("/lang/en")
    en = client.get("/notifications/").get_data(as_text=True)
    assert "Reconsideration decision" in en and "overdue" in en and "Daily summary" in en
