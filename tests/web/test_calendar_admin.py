import io
import re
from datetime import date

from sqlalchemy import select

from casemgr.models import CalendarDay, CalendarYear
from tests.conftest import csrf_token, login
from tests.factories import DEFAULT_PASSWORD, create_user


def as_admin(client):
    create_user(role="admin", username="boss")
    login(client, "boss", DEFAULT_PASSWORD)


def test_a_year_is_shown_as_a_calendar_with_its_holidays(client):
    as_admin(client)
    page = client.get("/admin/calendar/2024").get_data(as_text=True)
    assert 'data-day="2024-10-01"' in page and "cm-day-holiday" in page
    assert 'class="cm-day cm-day-makeup_workday" title="2024-10-12' in page
    assert "2024-10-01..2024-10-07" not in page  # the form lists single days as stored
    assert "2024-10-01 国庆节" in page


def test_a_year_without_a_notice_says_deadlines_are_provisional(client):
    as_admin(client)
    page = client.get("/admin/calendar/2027").get_data(as_text=True)
    assert "暂定" in page


def test_admin_loads_a_year_from_the_form(client, database):
    as_admin(client)
    token = csrf_token(client.get("/admin/calendar/2027").data)
    response = client.post("/admin/calendar/2027", data={
        "csrf_token": token, "source": "国办发明电〔2026〕X号",
        "holidays": "2027-01-01 元旦\n2027-02-06..2027-02-12 春节", "makeup_workdays": "2027-02-14 春节"})
    assert response.status_code == 302
    page = client.get("/admin/calendar/2027").get_data(as_text=True)
    assert "2027年已载入" in page or "已载入" in page
    assert database.get(CalendarYear, 2027).source == "国办发明电〔2026〕X号"


def test_a_bad_line_is_shown_and_the_input_kept(client, database):
    as_admin(client)
    token = csrf_token(client.get("/admin/calendar/2027").data)
    page = client.post("/admin/calendar/2027", data={
        "csrf_token": token, "source": "通知", "holidays": "2027-01-01 元旦\n2027-02-30 春节",
        "makeup_workdays": ""}).get_data(as_text=True)
    assert "第2行" in page and "2027-02-30 春节" in page
    assert database.get(CalendarYear, 2027) is None


def test_admin_imports_a_csv_file(client, database):
    as_admin(client)
    token = csrf_token(client.get("/admin/calendar/2027").data)
    csv = "date,kind,name\n2027-01-01,holiday,元旦\n2027-02-14,makeup_workday,春节\n".encode()
    response = client.post("/admin/calendar/2027", data={
        "csrf_token": token, "source": "CSV 导入", "holidays": "", "makeup_workdays": "",
        "csv_file": (io.BytesIO(csv), "2027.csv")}, content_type="multipart/form-data")
    assert response.status_code == 302
    kinds = database.execute(select(CalendarDay.day, CalendarDay.kind)
                             .where(CalendarDay.day >= date(2027, 1, 1)).order_by(CalendarDay.day)).all()
    assert [(d.isoformat(), k) for d, k in kinds] == [("2027-01-01", "holiday"),
                                                       ("2027-02-14", "makeup_workday")]


def test_a_notice_loaded_meanwhile_is_shown_not_replaced(client, database):
    as_admin(client)
    first = client.get("/admin/calendar/2027").get_data(as_text=True)
    second = client.get("/admin/calendar/2027").get_data(as_text=True)  # opened before the first saves
    sent = {"csrf_token": csrf_token(first), "loaded": "", "source": "国办发明电〔2026〕X号",
            "holidays": "2027-01-01 元旦"}
    assert client.post("/admin/calendar/2027", data=sent).status_code == 302
    late = client.post("/admin/calendar/2027", data={
        "csrf_token": csrf_token(second), "loaded": "", "source": "国办发明电〔2026〕Y号",
        "holidays": "2027-01-01 元旦\n2027-10-01..2027-10-07 国庆节"})
    page = late.get_data(as_text=True)
    assert late.status_code == 409 and 'id="stored-notice"' in page and "〔2026〕X号" in page
    assert "2027-10-01..2027-10-07 国庆节" in page  # the second admin's lines, kept
    assert database.get(CalendarYear, 2027).source == "国办发明电〔2026〕X号"
    loaded = re.search(r'name="loaded" type="hidden" value="([^"]+)"', page).group(1)
    again = {"csrf_token": csrf_token(page), "loaded": loaded, "source": "国办发明电〔2026〕Y号",
             "holidays": "2027-01-01 元旦\n2027-10-01..2027-10-07 国庆节"}
    assert client.post("/admin/calendar/2027", data=again).status_code == 302  # knowingly
    database.expire_all()
    assert database.get(CalendarYear, 2027).source == "国办发明电〔2026〕Y号"
