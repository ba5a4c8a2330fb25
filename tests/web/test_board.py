
"""The deadline board: open deadlines grouped by urgency, per-officer counts, filters, exports."""

import csv
import io
import re
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import update as sa_update

from casemgr import clock, summary_cache
from casemgr.extensions import db
from casemgr.models import CaseAssignment, Deadline
from tests.conftest import login
from tests.factories import DEFAULT_PASSWORD, create_agency, create_case, create_user
from tests.statements import counting

SECTION = re.compile(r'<section[^>]*data-group="(\w+)"(.*?)</section>', re.S)
ROW = re.compile(r'data-case="(\d+)" data-rule="(\w+)"')


def groups(page: str) -> dict[str, set[tuple[int, str]]]:
    return {name: {(int(c), r) for c, r in ROW.findall(body)} for name, body in SECTION.findall(page)}


def case_for(officer, days_ago: int, agency=None):
    """A received case (acceptance review due 5 working days after receipt), assigned to ``officer``."""
    received = clock.today() - timedelta(days=days_ago)
    case = create_case(received_on=received, act_date=received - timedelta(days=10),
                       act_known_on=received - timedelta(days=7),
                       respondent_id=(agency or create_agency()).id)
    db.session.add(CaseAssignment(case_id=case.id, user_id=officer.id, assigned_at=clock.now(),
                                  assigned_by_id=case.created_by_id))
    db.session.commit()
    return case


def people():
    boss = create_user(role="supervisor", username="boss")
    zhang = create_user(role="officer", username="zhang", display_name="张三")
    li = create_user(role="officer", username="li", display_name="李四")
    return boss, zhang, li


def board(client, query: str = "") -> str:
    response = client.get(f"/board/{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_supervisor_sees_every_open_deadline_grouped_by_urgency(client, database):
    _, zhang, li = people()
    old = case_for(zhang, 30)
    new = case_for(li, 0)
    login(client, "boss", DEFAULT_PASSWORD)
    found = groups(board(client))
    assert list(found) == ["overdue", "due_today", "due_soon", "later", "paused"]
    assert found["overdue"] == {(old.id, "acceptance_review"), (old.id, "supplement_notice")}
    assert found["later"] == {(new.id, "acceptance_review"), (new.id, "supplement_notice")}
    assert found["due_today"] == found["due_soon"] == found["paused"] == set()


@pytest.mark.parametrize("cap", [5_000, 0])  # the officer's cases by id, or tested row by row
def test_an_officer_sees_only_the_deadlines_of_their_own_cases(client, database, monkeypatch, cap):
    monkeypatch.setattr("casemgr.queries.among.IDS_CAP", cap)
    _, zhang, li = people()
    mine = case_for(zhang, 30)
    case_for(li, 0)
    registered = create_case(actor=zhang)  # registered by zhang, assigned to nobody
    login(client, "zhang", DEFAULT_PASSWORD)
    page = groups(board(client))
    seen = {case_id for rows in page.values() for case_id, _ in rows}
    assert seen == {mine.id, registered.id}
    # grouped as the supervisor's board groups them
    assert {c for c, _ in page["overdue"]} == {mine.id} and {c for c, _ in page["later"]} == {registered.id}


def test_each_officer_sees_their_own_one_after_the_other(app, client, database):
    """The board's statements are built once and kept (queries/built.py); the ids they are run
    with are each request's own."""
    _, zhang, li = people()
    zhangs, lis = case_for(zhang, 30), case_for(li, 0)
    for username, expected in (("zhang", zhangs.id), ("li", lis.id), ("zhang", zhangs.id)):
        with app.test_client() as officer:
            login(officer, username, DEFAULT_PASSWORD)
            page = groups(board(officer))
            assert {case_id for rows in page.values() for case_id, _ in rows} == {expected}


def test_the_officer_rule_and_area_filters(client, database):
    _, zhang, li = people()
    police = create_agency(area="public_security")
    old = case_for(zhang, 30)
    new = case_for(li, 0, agency=police)
    login(client, "boss", DEFAULT_PASSWORD)
    by_li = groups(board(client, f"?officer={li.id}"))
    assert {c for rows in by_li.values() for c, _ in rows} == {new.id}
    # the same statement again (kept: queries/built.py) with another officer's id
    by_zhang = groups(board(client, f"?officer={zhang.id}"))
    assert {c for rows in by_zhang.values() for c, _ in rows} == {old.id}
    by_rule = groups(board(client, "?rule=supplement_notice"))
    assert {r for rows in by_rule.values() for _, r in rows} == {"supplement_notice"}
    assert by_rule["overdue"] == {(old.id, "supplement_notice")}
    by_area = groups(board(client, "?area=public_security"))
    assert {c for rows in by_area.values() for c, _ in rows} == {new.id}


def test_per_officer_counts_of_open_and_overdue_deadlines(client, database):
    _, zhang, li = people()
    case_for(zhang, 30)
    case_for(zhang, 40)
    case_for(zhang, 0)
    case_for(li, 0)
    login(client, "boss", DEFAULT_PASSWORD)
    page = board(client)
    assert 'data-officer="张三" data-open="6" data-overdue="4"' in page
    assert 'data-officer="李四" data-open="2" data-overdue="0"' in page
    assert 'data-group="overdue" data-count="4"' in page
    assert page.index('data-officer="张三"') < page.index('data-officer="李四"')  # the most loaded first


def test_the_officer_table_shows_the_most_loaded_and_counts_the_rest(client, database, monkeypatch):
    monkeypatch.setattr("casemgr.web.board.routes.OFFICERS_SHOWN", 1)
    _, zhang, li = people()
    case_for(zhang, 0)
    case_for(li, 30)  # overdue: the most loaded
    login(client, "boss", DEFAULT_PASSWORD)
    page = board(client)
    assert 'data-officer="李四"' in page and 'data-officer="张三"' not in page
    assert 'id="more-officers">还有1名承办人' in page


def test_the_board_exports_to_csv_and_excel_with_the_filters(client, database):
    _, zhang, li = people()
    old = case_for(zhang, 30)
    new = case_for(li, 0)
    login(client, "boss", DEFAULT_PASSWORD)
    response = client.get("/board/export.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == 5 and len(rows[0]) == 9  # the header, then four deadlines
    assert [r[1] for r in rows[1:]] == [old.number, old.number, new.number, new.number]
    filtered = client.get(f"/board/export.csv?officer={li.id}").get_data(as_text=True)
    assert new.number in filtered and old.number not in filtered
    response = client.get("/board/export.xlsx?rule=acceptance_review")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 3 and {v[1] for v in values[1:]} == {old.number, new.number}
    assert client.get("/board/export.pdf").status_code == 404


def test_each_row_names_its_own_cases_officers_by_name(client, database):
    """A row's officers come from a subquery per row (queries/board._officers): each names only its
    case's assigned officers, in name order, on the board and in the export alike."""
    _, zhang, li = people()
    both = case_for(zhang, 0)
    database.add(CaseAssignment(case_id=both.id, user_id=li.id, assigned_at=clock.now(),
                                assigned_by_id=both.created_by_id))
    database.commit()
    alone = case_for(li, 30)
    login(client, "boss", DEFAULT_PASSWORD)
    expected = {both.number: ", ".join(sorted(["张三", "李四"])), alone.number: "李四"}
    exported = client.get("/board/export.csv").get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(exported)))
    assert {r[1]: r[6] for r in rows[1:]} == expected
    page = board(client)
    for number, officers in expected.items():
        assert re.search(rf">{re.escape(number)}</a>.*?<td>{re.escape(officers)}</td>", page, re.S)


def test_the_later_group_shows_the_first_rows_and_counts_all(client, database, monkeypatch):
    monkeypatch.setattr("casemgr.queries.board.GROUP_LIMIT", 3)
    _, zhang, li = people()
    first = case_for(zhang, 0)
    case_for(li, 0)
    login(client, "boss", DEFAULT_PASSWORD)
    page = board(client)
    assert len(groups(page)["later"]) == 3 and (first.id, "acceptance_review") in groups(page)["later"]
    assert 'data-group="later" data-count="4"' in page
    assert 'href="/board/?group=later"' in page  # "show all"


def test_a_group_is_counted_up_to_the_cap(client, database, monkeypatch):
    monkeypatch.setattr("casemgr.queries.board.COUNT_CAP", 3)
    _, zhang, li = people()
    case_for(zhang, 0)
    case_for(li, 0)  # four deadlines due later
    login(client, "boss", DEFAULT_PASSWORD)
    page = board(client)
    assert "3+</span>" in page and "3+ open deadlines" in board_en(client)


def test_a_group_over_the_cap_is_not_counted_again_for_a_minute(client, database, monkeypatch, caches_kept):
    """Like a list's count (queries/paging.py): "3+" stays "3+" for SUMMARY_CACHE_SECONDS, while the
    rows and the other groups are read afresh."""
    monkeypatch.setattr("casemgr.queries.board.COUNT_CAP", 3)
    _, zhang, li = people()
    case_for(zhang, 0)
    case_for(li, 0)  # four deadlines due later
    login(client, "boss", DEFAULT_PASSWORD)
    assert 'data-group="later" data-count="4"' in board(client)
    overdue = case_for(zhang, 30)  # its two deadlines overdue
    database.execute(sa_update(Deadline).where(Deadline.due_on > clock.today()).values(state="cancelled"))
    database.commit()
    page = board(client)
    assert 'data-group="later" data-count="4"' in page and "3+</span>" in page  # kept: not counted again
    assert groups(page)["later"] == set()  # its rows are read again: none left
    assert 'data-group="overdue" data-count="2"' in page  # the others are
    assert (overdue.id, "acceptance_review") in groups(page)["overdue"]
    summary_cache.forget_all()  # a minute later
    assert 'data-group="later" data-count="0"' in board(client)


def board_en(client) -> str:
    client.get("/lang/en")
    return board(client)


def test_one_group_alone_pages_through_all_its_rows(client, database, monkeypatch):
    monkeypatch.setattr("casemgr.queries.board.GROUP_LIMIT", 3)
    _, zhang, li = people()
    for officer in (zhang, li, zhang):
        case_for(officer, 0)  # two "later" deadlines each (review, supplement notice)
    login(client, "boss", DEFAULT_PASSWORD)
    first, second = board(client, "?group=later"), board(client, "?group=later&page=2")
    assert set(groups(first)) == set(groups(second)) == {"later"}  # the other groups are not shown
    rows = [*groups(first)["later"], *groups(second)["later"]]
    assert len(groups(first)["later"]) == 3 and len(rows) == len(set(rows)) == 6
    assert "1 / 2" in first and "2 / 2" in second and 'data-count="6"' in second
    assert groups(board(client, "?group=later&page=99"))["later"] == groups(second)["later"]  # the last page


@pytest.mark.parametrize("limit", [3, 1])  # few (6 <= 5 x 3): read with their rows; many: by id
def test_an_officers_board_groups_counts_and_pages_alike_with_few_or_many(client, database, monkeypatch,
                                                                            limit):
    monkeypatch.setattr("casemgr.queries.board.GROUP_LIMIT", limit)
    _, zhang, li = people()
    mine = [case_for(zhang, 0), case_for(zhang, 0), case_for(zhang, 30)]
    case_for(li, 0)
    login(client, "zhang", DEFAULT_PASSWORD)
    with counting() as statements:
        page = board(client)
    # one statement labels the officer's deadlines with their groups: with their rows when few (then
    # no other reads the rows), their ids alone when many (the page's rows read after, by id)
    labelled = [s for s in statements if "CASE WHEN" in s and "GROUP BY" not in s]  # not the per officer
    with_rows = [s for s in statements if "coalesce(cases.number" in s]
    assert len(labelled) == 1 and len(with_rows) == 1 and (labelled == with_rows) == (limit == 3)
    assert 'data-group="later" data-count="4"' in page and 'data-group="overdue" data-count="2"' in page
    shown = groups(page)
    assert shown["overdue"] <= {(mine[2].id, "acceptance_review"), (mine[2].id, "supplement_notice")}
    assert len(shown["later"]) == min(limit, 4) and len(shown["overdue"]) == min(limit, 2)
    later = [groups(board(client, f"?group=later&page={n}"))["later"] for n in range(1, 5)]
    assert set().union(*later) == {(c.id, rule) for c in mine[:2] for rule in ("acceptance_review",
                                                                             "supplement_notice")}


def test_only_officers_and_supervisors_open_the_board(client, database):
    create_user(role="admin", username="root")
    login(client, "root", DEFAULT_PASSWORD)
    assert client.get("/board/").status_code == 403
    assert client.get("/board/export.csv").status_code == 403


def test_the_number_of_queries_does_not_grow_with_the_number_of_cases(client, app, database):
    _, zhang, li = people()
    for n in range(2):
        case_for(zhang if n % 2 else li, 30 if n % 2 else 0)
    login(client, "boss", DEFAULT_PASSWORD)
    board(client)  # warm up (anything cached on the first request)

    def counted() -> int:
        db.session.commit()  # the same starting point each time: nothing loaded, no savepoint open
        with counting() as statements:
            page = board(client)
        assert sum(len(rows) for rows in groups(page).values()) > 0
        return len(statements)

    with_two = counted()
    for n in range(10):
        case_for(zhang if n % 2 else li, 30 if n % 2 else 0)
    assert counted() == with_two


def test_what_people_typed_is_shown_as_text_not_markup(client, database):
    """The rows and the per-officer table are built in Python (web/board/rows.py): every name and
    explanation is escaped."""
    create_user(role="supervisor", username="boss")
    officer = create_user(role="officer", username="zhang", display_name="<i>张三</i>")
    case = case_for(officer, 3, agency=create_agency(name='<b onclick="x()">城管局</b>'))
    case.number = "<s>2026-1</s>"
    db.session.execute(sa_update(Deadline).where(Deadline.case_id == case.id)
                       .values(explanation_zh=["<script>alert(1)</script>"]))
    db.session.commit()
    login(client, "boss", DEFAULT_PASSWORD)
    page = board(client)
    for typed in ("<i>张三</i>", '<b onclick="x()">', "<s>2026-1</s>", "<script>alert(1)"):
        assert typed not in page
    for shown in ("&lt;i&gt;张三&lt;/i&gt;", "&lt;b onclick=&quot;x()&quot;&gt;城管局",
                  "&lt;s&gt;2026-1&lt;/s&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;"):
        assert shown in page
    assert f'href="/cases/{case.id}"' in page
    assert 'data-officer="&lt;i&gt;张三&lt;/i&gt;"' in page  # the per-officer table too


def test_the_rows_follow_the_readers_language(client, database):
    _, zhang, _ = people()
    case_for(zhang, 3, agency=create_agency(area="public_security"))
    login(client, "boss", DEFAULT_PASSWORD)
    chinese = board(client)
    client.get("/lang/en")
    english = board(client)
    assert "受理审查" in chinese and "为什么是这一天" in chinese and "公安" in chinese
    assert "Acceptance review" in english and "Why this date" in english and "Public security" in english
    assert "Acceptance review" not in chinese and "受理审查" not in english
