"""The officer fields: a supervisor types a name (the board's and the case list's filters, the
assignment form), the server finds the officer; the suggestions come from /officers/names.json."""

import re

from casemgr.extensions import db
from casemgr.models import AgencyLink, Case
from tests.conftest import csrf_token, login
from tests.factories import DEFAULT_PASSWORD, create_case, create_user
from tests.web.test_board import board, case_for, groups


def officer_fields(page: str, name: str = r"officers-\d+") -> list[str]:
    """The values of the officer fields called ``name`` (a pattern), in page order."""
    inputs = re.findall(rf'<input [^>]*name="{name}"[^>]*>', page)
    return [re.search(r'value="([^"]*)"', field).group(1) for field in inputs]


def shown_cases(page: str) -> set[int]:
    return {case_id for rows in groups(page).values() for case_id, _ in rows}


def staff():
    boss = create_user(role="supervisor", username="boss")
    zhang = create_user(username="zhang", display_name="张三")
    li = create_user(username="li", display_name="李四")
    return boss, zhang, li


def test_the_board_is_filtered_by_a_typed_name_or_label_and_links_keep_the_officer(client, database):
    _, zhang, li = staff()
    old, new = case_for(zhang, 30), case_for(li, 0)
    login(client, "boss", DEFAULT_PASSWORD)
    for typed in ("李四", "李", "li", "李四 (li)", "李四（li）"):
        page = board(client, f"?officer={typed}&rule=acceptance_review")
        assert shown_cases(page) == {new.id}, typed
        assert officer_fields(page, "officer") == ["李四 (li)"]  # the field shows whom it found
        # the export and the paging links name the officer by id, with the other filters
        assert f"/board/export.csv?officer={li.id}&amp;rule=acceptance_review" in page
    assert shown_cases(board(client, f"?officer={zhang.id}")) == {old.id}  # a link's id


def test_a_name_that_names_nobody_or_several_says_so_and_filters_nothing(client, database):
    _, zhang, li = staff()
    other_zhang = create_user(username="zhang2", display_name="张三")
    cases = {case_for(zhang, 30).id, case_for(li, 0).id}
    login(client, "boss", DEFAULT_PASSWORD)
    page = board(client, "?officer=王五&area=urban_management")
    assert "没有名为“王五”的承办人" in page and shown_cases(board(client, "?officer=王五")) == cases
    assert officer_fields(page, "officer") == ["王五"] and "is-invalid" in page  # what was typed stays
    page = board(client, "?officer=张三&area=urban_management")
    assert "有2名承办人与“张三”相符" in page
    links = re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', page)
    assert (f"/board/?officer={zhang.id}&amp;area=urban_management", "张三 (zhang)") in links
    assert (f"/board/?officer={other_zhang.id}&amp;area=urban_management", "张三 (zhang2)") in links
    assert "没有编号为99999的承办人" in board(client, "?officer=99999")
    for digits in ("9999999999999999999999", "999999999999999999", "2147483648"):  # past any id
        assert f"没有名为“{digits}”的承办人" in board(client, f"?officer={digits}")


def test_each_officer_in_the_load_table_links_to_their_board(client, database):
    _, zhang, _li = staff()
    case_for(zhang, 30)
    login(client, "boss", DEFAULT_PASSWORD)
    page = board(client, "?rule=acceptance_review")
    assert f'<a href="/board/?rule=acceptance_review&amp;officer={zhang.id}">张三</a>' in page


def test_an_officer_has_no_officer_filter(client, database):
    _, zhang, _li = staff()
    case_for(zhang, 0)
    login(client, "zhang", DEFAULT_PASSWORD)
    assert 'name="officer"' not in board(client)
    assert 'name="officer"' not in client.get("/cases/").get_data(as_text=True)


def test_the_case_list_is_filtered_by_a_typed_name(client, database):
    _, zhang, li = staff()
    zhangs, lis = case_for(zhang, 3), case_for(li, 3)
    login(client, "boss", DEFAULT_PASSWORD)
    page = client.get("/cases/?view=all&officer=张").get_data(as_text=True)
    assert zhangs.number in page and lis.number not in page
    assert officer_fields(page, "officer") == ["张三 (zhang)"]
    page = client.get("/cases/?view=all&officer=赵").get_data(as_text=True)
    assert "没有名为“赵”的承办人" in page and zhangs.number in page and lis.number in page


def test_the_names_for_the_suggestions_are_sent_once_then_not_again_until_they_change(client, database):
    staff()
    create_user(username="gone", display_name="王五", active=False)
    login(client, "boss", DEFAULT_PASSWORD)
    response = client.get("/officers/names.json")
    assert response.status_code == 200 and response.json == ["张三 (zhang)", "李四 (li)"]
    assert response.headers["Cache-Control"] == "private, max-age=300"
    again = client.get("/officers/names.json", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


def assign_page(client, case):
    return client.get(f"/cases/{case.id}").get_data(as_text=True)


def post_assign(client, case, *typed):
    token = csrf_token(client.get(f"/cases/{case.id}").data)
    return client.post(f"/cases/{case.id}/assign",
                       data={"csrf_token": token, "version": str(case.version),
                             **{f"officers-{i}": text for i, text in enumerate(typed)}})


def test_a_supervisor_assigns_officers_by_name_and_takes_one_off_by_emptying_the_field(client, database):
    _, zhang, li = staff()
    wang = create_user(username="wang", display_name="王五")
    case = create_case(actor=zhang)
    login(client, "boss", DEFAULT_PASSWORD)
    page = assign_page(client, case)
    assert officer_fields(page) == ["", ""]
    assert post_assign(client, case, "张三", "li", "").status_code == 302
    db.session.expire_all()
    case = db.session.get(Case, case.id)
    assert sorted(a.user_id for a in case.assignments) == sorted([zhang.id, li.id])
    page = assign_page(client, case)
    assert officer_fields(page) == ["张三 (zhang)", "李四 (li)", ""]  # and one to add an officer
    assert post_assign(client, case, "张三 (zhang)", "", "王五").status_code == 302
    db.session.expire_all()
    assert sorted(a.user_id for a in db.session.get(Case, case.id).assignments) == sorted([zhang.id, wang.id])


def test_a_name_the_form_cannot_resolve_is_shown_again_and_nothing_is_saved(client, database):
    _, zhang, _li = staff()
    create_user(username="zhang2", display_name="张三")
    create_user(username="former", display_name="赵六", active=False)
    case = create_case(actor=zhang)
    login(client, "boss", DEFAULT_PASSWORD)
    page = post_assign(client, case, "张三", "赵六")
    assert page.status_code == 422
    text = page.get_data(as_text=True)
    assert "有2名承办人与“张三”相符" in text and "张三 (zhang2)" in text
    assert "没有名为“赵六”的承办人" in text  # a former officer cannot be assigned
    assert officer_fields(text) == ["张三", "赵六", ""]
    db.session.expire_all()
    assert db.session.get(Case, case.id).assignments == []


def test_a_refused_assignment_keeps_the_names_typed(client, database):
    _, zhang, li = staff()
    case = create_case(actor=zhang)
    db.session.add(AgencyLink(user_id=li.id, agency_id=case.respondent_id))
    db.session.commit()
    login(client, "boss", DEFAULT_PASSWORD)
    page = post_assign(client, case, "张三", "李四")
    text = page.get_data(as_text=True)
    assert page.status_code == 422 and "回避" in text
    assert officer_fields(text) == ["张三 (zhang)", "李四 (li)", ""]


def test_an_officer_field_of_a_form_has_each_attribute_once(app):
    from casemgr.web.defence.forms import AssignOfficerForm

    with app.test_request_context():
        field = AssignOfficerForm(formdata=None, meta={"csrf": False}).officer
        for html in (str(field()), str(field(class_="form-control is-invalid", id="x", aria_label="a"))):
            names = re.findall(r'\s([\w-]+)=', html)
            assert len(names) == len(set(names)), html
        assert 'class="form-control is-invalid"' in html and 'id="x"' in html
