import re

from sqlalchemy import select

from casemgr import clock
from casemgr.models import Agency, AgencyLink, AuditEntry, User
from tests.conftest import csrf_token, login
from tests.factories import DEFAULT_PASSWORD, create_user


def test_admin_adds_an_agency_with_a_recused_officer(client, database):
    create_user(role="admin", username="boss")
    officer = create_user(role="officer", display_name="李承办")
    login(client, "boss", DEFAULT_PASSWORD)
    token = csrf_token(client.get("/admin/agencies/new").data)
    response = client.post("/admin/agencies/new", data={
        "csrf_token": token, "name": "北京市通州区生态环境局", "area": "ecology", "active": "y",
        "officers-0": "李承办", "officers-1": ""})
    assert response.status_code == 302
    agency = database.scalar(select(Agency).where(Agency.name == "北京市通州区生态环境局"))
    assert agency.area == "ecology"
    assert database.scalar(select(AgencyLink.user_id).where(AgencyLink.agency_id == agency.id)) == officer.id
    entries = database.scalars(select(AuditEntry).where(AuditEntry.action.like("agency.%"))).all()
    logged = [(entry.action, entry.details["after"]["officers"]) for entry in entries]
    assert logged == [("agency.create", [officer.id])]  # the agency and its links: one use case
    assert "北京市通州区生态环境局" in client.get("/admin/agencies/").get_data(as_text=True)


def test_duplicate_agency_name_is_refused_in_place(client, database):
    create_user(role="admin", username="boss")
    database.add(Agency(name="重复的局", area="other", created_at=__import__("casemgr").clock.now()))
    database.commit()
    login(client, "boss", DEFAULT_PASSWORD)
    token = csrf_token(client.get("/admin/agencies/new").data)
    page = client.post("/admin/agencies/new", data={"csrf_token": token, "name": "重复的局", "area": "other"})
    assert "已存在" in page.get_data(as_text=True)


def _links(database, agency) -> list[int]:
    database.expire_all()
    return sorted(database.scalars(select(AgencyLink.user_id).where(AgencyLink.agency_id == agency.id)))


def test_the_recused_officers_are_typed_and_a_name_that_names_nobody_saves_nothing(client, database):
    create_user(role="admin", username="boss")
    li = create_user(role="officer", username="li", display_name="李四")
    gone = create_user(role="officer", username="wang", display_name="王五", active=False)
    agency = Agency(name="通州区城管委", area="urban_management", created_at=clock.now())
    database.add(agency)
    database.commit()
    database.add_all([AgencyLink(user_id=user.id, agency_id=agency.id) for user in (li, gone)])
    database.commit()
    login(client, "boss", DEFAULT_PASSWORD)
    page = client.get(f"/admin/agencies/{agency.id}").get_data(as_text=True)
    shown = [re.search(r'value="([^"]*)"', field).group(1)
             for field in re.findall(r'<input [^>]*name="officers-\d+"[^>]*>', page)]
    assert shown == ["李四 (li)", "王五 (wang)", ""]  # a former officer's link too; one to add
    sent = {"csrf_token": csrf_token(page), "version": str(agency.version), "name": "通州区城管委",
            "area": "urban_management", "active": "y", "officers-0": "李四 (li)", "officers-1": "赵六"}
    response = client.post(f"/admin/agencies/{agency.id}", data=sent)
    text = response.get_data(as_text=True)
    assert "没有名为“赵六”的承办人" in text and 'value="赵六"' in text
    assert _links(database, agency) == sorted([li.id, gone.id])  # nothing saved
    sent["officers-1"] = ""  # the former officer's link taken off, li's kept
    assert client.post(f"/admin/agencies/{agency.id}", data=sent).status_code == 302
    assert _links(database, agency) == [li.id]


def test_two_admins_changing_the_links_at_once_the_second_gets_a_conflict(client, database):
    create_user(role="admin", username="boss")
    create_user(role="officer", username="li", display_name="李四")
    create_user(role="officer", username="zhao", display_name="赵六")
    agency = Agency(name="通州区交通局", area="transport", created_at=clock.now())
    database.add(agency)
    database.commit()
    login(client, "boss", DEFAULT_PASSWORD)
    page = client.get(f"/admin/agencies/{agency.id}").get_data(as_text=True)
    seen = {"csrf_token": csrf_token(page), "version": str(agency.version), "name": "通州区交通局",
            "area": "transport", "active": "y"}
    assert client.post(f"/admin/agencies/{agency.id}", data={**seen, "officers-0": "李四"}).status_code == 302
    late = client.post(f"/admin/agencies/{agency.id}", data={**seen, "officers-0": "赵六"})
    page = late.get_data(as_text=True)
    assert late.status_code == 409 and "他人已修改了该机关" in page
    assert "李四 (li)" in re.search(r'id="stored-agency">(.*?)</div>', page, re.S).group(1)
    assert 'name="officers-0" value="赵六 (zhao)"' in page  # what the second admin chose stays
    li = database.scalar(select(User.id).where(User.username == "li"))
    assert _links(database, agency) == [li]  # the first admin's link stands
    actions = database.scalars(select(AuditEntry.action).where(AuditEntry.action.like("agency.%"))).all()
    assert actions == ["agency.update"]  # the links alone: one entry, nothing for the refused save
    again = {**seen, "csrf_token": csrf_token(page), "officers-0": "赵六 (zhao)",
             "version": re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)}
    assert client.post(f"/admin/agencies/{agency.id}", data=again).status_code == 302  # knowingly
    zhao = database.scalar(select(User.id).where(User.username == "zhao"))
    assert _links(database, agency) == [zhao]
