from sqlalchemy import select

from casemgr.models import Agency, AgencyLink, AuditEntry
from tests.conftest import csrf_token, login
from tests.factories import DEFAULT_PASSWORD, create_user


def test_admin_adds_an_agency_with_a_recused_officer(client, database):
    create_user(role="admin", username="boss")
    officer = create_user(role="officer", display_name="李承办")
    login(client, "boss", DEFAULT_PASSWORD)
    token = csrf_token(client.get("/admin/agencies/new").data)
    response = client.post("/admin/agencies/new", data={
        "csrf_token": token, "name": "北京市通州区生态环境局", "area": "ecology", "active": "y",
        "officers": [str(officer.id)]})
    assert response.status_code == 302
    agency = database.scalar(select(Agency).where(Agency.name == "北京市通州区生态环境局"))
    assert agency.area == "ecology"
    assert database.scalar(select(AgencyLink.user_id).where(AgencyLink.agency_id == agency.id)) == officer.id
    assert {"agency.create", "agency.links"} <= set(database.scalars(select(AuditEntry.action)))
    assert "北京市通州区生态环境局" in client.get("/admin/agencies/").get_data(as_text=True)


def test_duplicate_agency_name_is_refused_in_place(client, database):
    create_user(role="admin", username="boss")
    database.add(Agency(name="重复的局", area="other", created_at=__import__("casemgr").clock.now()))
    database.commit()
    login(client, "boss", DEFAULT_PASSWORD)
    token = csrf_token(client.get("/admin/agencies/new").data)
    page = client.post("/admin/agencies/new", data={"csrf_token": token, "name": "重复的局", "area": "other"})
    assert "已存在" in page.get_data(as_text=True)
