import re
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select

from casemgr import clock
from casemgr.extensions import db
from casemgr.models import Case, CaseAssignment
from tests.conftest import csrf_token, login
from tests.factories import DEFAULT_PASSWORD, create_agency, create_case, create_user


def intake_data(token, agency_id, **overrides):
    today = clock.today().isoformat()
    data = {"csrf_token": token, "received_on": today, "channel": "post", "procedure": "ordinary",
            "respondent_id": str(agency_id), "act_type": "penalty", "act_number": "通城管罚字〔2026〕第7号",
            "act_date": today, "act_known_on": today, "told_of_right": "y", "act_summary": "罚款",
            "requests": "撤销处罚决定", "parties-0-role": "applicant", "parties-0-kind": "person",
            "parties-0-name": "李四", "parties-0-id_number": "11010519491231002X",
            "parties-0-phone": "13800138000", "parties-1-role": "agent", "parties-1-kind": "person",
            "parties-1-name": ""}
    data.update(overrides)
    return data


def test_officer_registers_an_application_and_sees_its_deadlines(client, database):
    create_user(role="officer", username="zhang")
    agency = create_agency(name="通州区城市管理综合执法局")
    login(client, "zhang", DEFAULT_PASSWORD)
    token = csrf_token(client.get("/cases/new").data)
    response = client.post("/cases/new", data=intake_data(token, agency.id))
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "通政复字〔" in page and "李四" in page and "受理审查" in page
    assert "通州区城市管理综合执法局" in page and "为什么是这一天" in page


def test_a_wrong_id_number_is_marked_and_the_input_kept(client, database):
    create_user(role="officer", username="zhang")
    agency = create_agency()
    login(client, "zhang", DEFAULT_PASSWORD)
    token = csrf_token(client.get("/cases/new").data)
    page = client.post("/cases/new", data=intake_data(token, agency.id, **{
        "parties-0-id_number": "110105194912310021"})).get_data(as_text=True)
    assert "校验码" in page and 'value="110105194912310021"' in page and 'value="李四"' in page
    assert f'<option value="{agency.id}" selected>' in page  # the agency chosen stays chosen
    assert database.scalars(select(Case)).all() == []


def test_the_intake_form_offers_every_active_agency_and_marks_a_missing_one(client, database):
    create_user(role="officer", username="zhang")
    agencies = [create_agency(name=name) for name in ("甲局", "乙局 & <丙>")]
    login(client, "zhang", DEFAULT_PASSWORD)
    page = client.get("/cases/new").get_data(as_text=True)
    assert ('<select class="form-select" id="respondent_id" name="respondent_id">'
            '<option value="0">—</option>') in page
    assert all(f'<option value="{a.id}">' in page for a in agencies) and "乙局 &amp; &lt;丙&gt;" in page
    token = csrf_token(page)
    page = client.post("/cases/new", data=intake_data(token, 0)).get_data(as_text=True)
    assert 'class="form-select is-invalid" id="respondent_id"' in page
    assert database.scalars(select(Case)).all() == []


def test_accepting_from_the_case_page(client, database):
    officer = create_user(role="officer", username="zhang")
    case = create_case(actor=officer)
    login(client, "zhang", DEFAULT_PASSWORD)
    token = csrf_token(client.get(f"/cases/{case.id}").data)
    response = client.post(f"/cases/{case.id}/steps/accept", data={
        "csrf_token": token, "version": str(case.version), "on": case.received_on.isoformat()})
    assert response.status_code == 302
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert 'data-state="accepted"' in page and 'data-rule="decision"' in page


def test_a_second_officer_acting_on_an_old_page_is_told_and_nothing_changes(client, database):
    officer = create_user(role="officer", username="zhang")
    case = create_case(actor=officer)
    login(client, "zhang", DEFAULT_PASSWORD)
    token = csrf_token(client.get(f"/cases/{case.id}").data)
    seen_version = str(case.version)  # both officers opened the page at this version
    client.post(f"/cases/{case.id}/steps/request_supplement", data={
        "csrf_token": token, "version": seen_version, "on": case.received_on.isoformat(),
        "note": "身份证明"})
    response = client.post(f"/cases/{case.id}/steps/not_accept", data={
        "csrf_token": token, "version": seen_version, "on": case.received_on.isoformat(),
        "note": "不属于受理范围"})
    assert response.status_code == 409
    assert "不属于受理范围" in response.get_data(as_text=True)  # the typed reason is kept
    database.expire_all()
    assert database.get(Case, case.id).state == "awaiting_supplement"


def test_officers_cannot_open_cases_of_others_beyond_the_intake_queue(client, database):
    owner = create_user(role="officer")
    case = create_case(actor=owner, state="accepted")
    create_user(role="officer", username="other")
    login(client, "other", DEFAULT_PASSWORD)
    assert client.get(f"/cases/{case.id}").status_code == 404
    assert client.get("/cases/999999").status_code == 404


def test_supervisor_assigns_two_officers_and_recusal_is_refused(client, database):
    from casemgr.models import AgencyLink

    create_user(role="supervisor", username="boss")
    a, b = create_user(role="officer", display_name="甲"), create_user(role="officer", display_name="乙")
    case = create_case(actor=a)
    database.add(AgencyLink(user_id=b.id, agency_id=case.respondent_id))
    database.commit()
    login(client, "boss", DEFAULT_PASSWORD)
    token = csrf_token(client.get(f"/cases/{case.id}").data)
    page = client.post(f"/cases/{case.id}/assign", data={"csrf_token": token, "version": str(case.version),
                                                          "officers-0": str(a.id), "officers-1": str(b.id)})
    assert page.status_code == 422 and "回避" in page.get_data(as_text=True)
    c = create_user(role="officer", display_name="丙")
    response = client.post(f"/cases/{case.id}/assign", data={
        "csrf_token": token, "version": str(case.version), "officers-0": str(a.id), "officers-1": str(c.id)})
    assert response.status_code == 302
    database.expire_all()
    assert sorted(x.user_id for x in database.get(Case, case.id).assignments) == sorted([a.id, c.id])


def test_lists_filter_and_search(client, database):
    officer = create_user(role="officer", username="zhang")
    create_case(actor=officer)
    login(client, "zhang", DEFAULT_PASSWORD)
    page = client.get("/cases/?view=intake&q=王小明").get_data(as_text=True)
    assert "通政复字〔" in page
    page = client.get("/cases/?view=intake&q=nobody").get_data(as_text=True)
    assert "没有案件" in page


def test_deem_accepted_is_offered_only_after_the_review_period(client, database):
    from datetime import timedelta

    officer = create_user(role="officer", username="zhang")
    fresh = create_case(actor=officer)
    today = clock.today()
    old = create_case(actor=officer, received_on=today - timedelta(days=30),
                      act_known_on=today - timedelta(days=31), act_date=today - timedelta(days=32))
    login(client, "zhang", DEFAULT_PASSWORD)
    assert 'data-step="deem_accepted"' not in client.get(f"/cases/{fresh.id}").get_data(as_text=True)
    assert 'data-step="deem_accepted"' in client.get(f"/cases/{old.id}").get_data(as_text=True)


def test_filters_by_area_act_type_dates_and_overdue(client, database):
    from datetime import timedelta

    from tests.factories import create_agency

    officer = create_user(role="officer", username="zhang")
    police = create_agency(name="公安分局", area="public_security")
    today = clock.today()
    create_case(actor=officer, respondent_id=police.id, act_type="penalty")
    create_case(actor=officer, act_type="licensing", received_on=today - timedelta(days=40),
                act_known_on=today - timedelta(days=41), act_date=today - timedelta(days=42))
    login(client, "zhang", DEFAULT_PASSWORD)

    def count(query):
        page = client.get(f"/cases/?view=intake&{query}").get_data(as_text=True)
        return len(re.findall(r'href="/cases/\d+"', page))

    assert count("area=public_security") == 1
    assert count("act_type=licensing") == 1
    assert count(f"from={(today - timedelta(days=5)).isoformat()}") == 1
    assert count("overdue=1") == 1  # the old one's acceptance review ended long ago
    assert count("from=not-a-date") == 2


def test_dashboard_lists_the_nearest_deadlines_with_their_status(client, database):
    from datetime import timedelta

    officer = create_user(role="officer", username="zhang")
    today = clock.today()
    late = create_case(actor=officer, received_on=today - timedelta(days=30),
                       act_known_on=today - timedelta(days=31), act_date=today - timedelta(days=32))
    login(client, "zhang", DEFAULT_PASSWORD)
    page = client.get("/dashboard").get_data(as_text=True)
    assert late.number in page and "cm-status-overdue" in page and "已逾期" in page
    assert "件待审查" in page


def test_short_searches_match_the_start_of_a_name_longer_ones_any_part(client, database):
    from casemgr.queries.cases import CaseFilters, case_list

    officer = create_user(role="supervisor")
    case = create_case(actor=officer)  # the applicant is 王小明
    def found(q):
        return [r.id for r in case_list(officer, CaseFilters(view="all", q=q)).rows]

    assert case.id in found("王") and case.id in found("王小") and case.id in found("王小明")
    assert case.id not in found("明")  # one or two characters: the start of the name only
    assert case.id not in found("小明")
    assert case.id in found(case.number[-4:])  # three or more characters: any part of the number


@pytest.mark.parametrize("cap", [5_000, 2])
def test_a_search_pages_the_same_whether_its_matches_are_few_or_many(database, monkeypatch, cap):
    """Few matches are collected through the indexes and paged in Python; many (more than the cap)
    are tested case by case in SQL. Both give the same pages, newest first."""
    from casemgr.queries import among
    from casemgr.queries import cases as queries

    monkeypatch.setattr(among, "IDS_CAP", cap)
    monkeypatch.setattr(queries, "PAGE_SIZE", 2)
    officer = create_user(role="supervisor")
    today = clock.today()
    made = [create_case(actor=officer, received_on=today - timedelta(days=n),  # applicant 王小明
                        act_date=today - timedelta(days=n + 9), act_known_on=today - timedelta(days=n + 8))
            for n in range(5)]
    filters = queries.CaseFilters(view="all", q="王小")
    first = queries.case_list(officer, filters)
    assert [r.id for r in first.rows] == [made[0].id, made[1].id] and first.total == 5 and first.pages == 3
    last = queries.case_list(officer, replace(filters, page=3))
    assert [r.id for r in last.rows] == [made[4].id]
    after = queries.case_list(officer, replace(filters, before=first.older))  # the keyset links
    assert [r.id for r in after.rows] == [made[2].id, made[3].id]
    assert queries.case_list(officer, replace(filters, q="王小明", state="archived")).rows == []
    past = queries.case_list(officer, replace(filters, page=9))  # a page past the end: the last one
    assert [r.id for r in past.rows] == [made[4].id] and (past.page, past.pages, past.total) == (3, 3, 5)
    beyond = queries.case_list(officer, replace(filters, before=f"{made[4].received_on}.{made[4].id}"))
    assert beyond.rows == [] and beyond.total == 5 and beyond.older == ""
    none = queries.case_list(officer, replace(filters, q="无此人"))
    assert none.rows == [] and (none.total, none.pages) == (0, 1)


def test_a_case_found_twice_does_not_hide_that_the_matches_were_cut_off(database, monkeypatch):
    from casemgr.queries import among
    from casemgr.queries import cases as queries

    monkeypatch.setattr(among, "IDS_CAP", 2)
    officer = create_user(role="supervisor")
    made = [create_case(actor=officer, act_number=f"王小明{n}号") for n in range(2)]  # number and party match
    # 4 rows for 2 cases: more than the cap, so the cases are tested one by one (and all found)
    assert among.ids_if_few(queries._search_terms("王小明")[0]) is None
    found = queries.case_list(officer, queries.CaseFilters(view="all", q="王小明"))
    assert sorted(r.id for r in found.rows) == sorted(c.id for c in made)


@pytest.mark.parametrize("cap", [5_000, 1])  # gathered in the statement, or (too many) tested one by one
def test_my_cases_are_the_ones_assigned_to_me_or_registered_by_me(database, monkeypatch, cap):
    from casemgr.queries import among
    from casemgr.queries import cases as queries

    monkeypatch.setattr(among, "IDS_CAP", cap)
    monkeypatch.setattr(queries, "PAGE_SIZE", 1)
    officer, other = create_user(role="officer"), create_user(role="officer")
    registered = create_case(actor=officer)
    assigned = create_case(actor=other)
    db.session.add(CaseAssignment(case_id=assigned.id, user_id=officer.id, assigned_at=clock.now(),
                                  assigned_by_id=other.id))
    db.session.commit()
    create_case(actor=other)  # someone else's
    first = queries.case_list(officer, queries.CaseFilters())
    second = queries.case_list(officer, replace(queries.CaseFilters(), page=2))
    assert first.total == 2 and first.pages == 2
    assert {first.rows[0].id, second.rows[0].id} == {registered.id, assigned.id}


def test_the_list_shows_typed_text_as_text_in_the_readers_language(client, database):
    """The rows are built in Python (web/cases/rows.py): names escaped, states translated."""
    create_user(role="supervisor", username="boss")
    case = create_case(respondent_id=create_agency(name='<b onclick="x()">城管局</b>').id)
    login(client, "boss", DEFAULT_PASSWORD)
    chinese = client.get("/cases/?view=all").get_data(as_text=True)
    assert '<b onclick="x()">' not in chinese and "&lt;b onclick=&#34;x()&#34;&gt;城管局" in chinese
    assert f'href="/cases/{case.id}"' in chinese and "受理审查中" in chinese
    client.get("/lang/en")
    english = client.get("/cases/?view=all").get_data(as_text=True)
    assert "Under acceptance review" in english and "受理审查中" not in english
