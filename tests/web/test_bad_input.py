"""Bad input is harmless: random text in every field of the main forms and in the JSON API's
parameters never gives a 500 and never half-saves; script, HTML and template payloads come out
escaped in pages, documents and exports."""

import csv
import io
import re

from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import func, select

from casemgr.models import Case, DefenceCase, Party
from tests.conftest import csrf_token, login
from tests.factories import DEFAULT_PASSWORD, create_agency, create_case, create_decided_case, create_user

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{7*7}}",
    "{% raw %}",
    "=1+1",
    "+SUM(A1)",
    "-2+3",
    "@cmd",
    "'; DROP TABLE cases; --",
    "\x00\x1f",
    "𠀀" * 3,
    "a" * 6000,
]
NOISE = st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=300))
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _login(client, role="officer"):
    user = create_user(role=role)
    login(client, user.username, DEFAULT_PASSWORD)
    return user


def _count(database, model) -> int:
    return database.scalar(select(func.count()).select_from(model))


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            name: NOISE
            for name in (
                "received_on",
                "channel",
                "procedure",
                "respondent_id",
                "area",
                "act_type",
                "act_number",
                "act_date",
                "act_known_on",
                "act_summary",
                "requests",
                "parties-0-role",
                "parties-0-kind",
                "parties-0-name",
                "parties-0-id_number",
                "parties-0-phone",
                "parties-0-birth_date",
                "parties-0-sex",
            )
        }
    )
)
def test_the_intake_form_survives_anything(client, database, data):
    if client.get("/dashboard").status_code != 200:
        _login(client)
    before = _count(database, Case)
    page = client.get("/cases/new").get_data(as_text=True)
    response = client.post("/cases/new", data={**data, "csrf_token": csrf_token(page)})
    assert response.status_code in (200, 302, 400, 422)
    if response.status_code != 302:
        assert _count(database, Case) == before


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            name: NOISE
            for name in (
                "forum",
                "forum_number",
                "instance",
                "served_on",
                "plaintiffs",
                "subject",
                "officer",
                "note",
                "case_id",
                "parent_id",
                "defendants-0-name",
                "defendants-0-role",
            )
        }
    )
)
def test_the_lawsuit_form_survives_anything(client, database, data):
    if client.get("/dashboard").status_code != 200:
        _login(client)
    before = _count(database, DefenceCase)
    page = client.get("/litigation/new").get_data(as_text=True)
    response = client.post("/litigation/new?kind=lawsuit", data={**data, "csrf_token": csrf_token(page)})
    assert response.status_code in (200, 302, 400, 404, 422)
    if response.status_code != 302:
        assert _count(database, DefenceCase) == before


@FUZZ
@given(
    step=st.sampled_from(
        [
            "accept",
            "not_accept",
            "request_supplement",
            "refer",
            "record_copy_sent",
            "suspend",
            "issue_decision",
            "nonsense",
        ]
    ),
    data=st.fixed_dictionaries({"on": NOISE, "note": NOISE, "version": NOISE, "ground": NOISE}),
)
def test_case_steps_survive_anything(client, database, step, data):
    if client.get("/dashboard").status_code != 200:
        user = _login(client)
        create_case(actor=user)
    case = database.scalar(select(Case).order_by(Case.id.desc()))
    state, version = case.state, case.version
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    response = client.post(f"/cases/{case.id}/steps/{step}", data={**data, "csrf_token": csrf_token(page)})
    assert response.status_code in (302, 400, 404, 409, 422)
    database.refresh(case)
    if response.status_code != 302:
        assert (case.state, case.version) == (state, version)


@FUZZ
@given(
    args=st.dictionaries(
        st.sampled_from(["q", "year", "page", "act_type", "decision_type", "respondent"]), NOISE, max_size=4
    )
)
def test_the_public_search_and_json_api_survive_any_parameters(client, database, args):
    for url in ("/decisions", "/api/decisions"):
        response = client.get(url, query_string=args)
        assert response.status_code in (200, 400), (url, args)
    assert client.get("/api/decisions", query_string=args).is_json


@FUZZ
@given(
    args=st.dictionaries(
        st.sampled_from(
            [
                "view",
                "state",
                "q",
                "from",
                "to",
                "respondent",
                "officer",
                "page",
                "decided_from",
                "decision",
                "area",
                "period",
                "kind",
                "year",
            ]
        ),
        NOISE,
        max_size=5,
    )
)
def test_the_lists_and_statistics_survive_any_parameters(client, database, args):
    if client.get("/dashboard").status_code != 200:
        _login(client, "supervisor")
    for url in ("/cases/", "/board/", "/litigation/", "/statistics/", "/cases/export.csv"):
        assert client.get(url, query_string=args).status_code in (200, 302, 400), (url, args)


def test_payloads_come_out_escaped_in_pages_documents_and_exports(client, database):
    officer = _login(client)
    agency = create_agency()
    script, template, formula = "<script>alert('x')</script>", "{{7*7}}", '=HYPERLINK("http://evil")'
    case = create_decided_case(
        actor=officer,
        respondent_id=agency.id,
        act_summary=f"{script}{template}",
        act_number=formula,
        decision_type="uphold",
    )
    party = database.scalar(select(Party).where(Party.case_id == case.id))
    party.name = "<b>王</b>小明"
    database.commit()
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert script not in page and "&lt;script&gt;" in page and "&lt;b&gt;王&lt;/b&gt;" in page
    assert "{{7*7}}" in page and ">49<" not in page
    listing = client.get("/cases/export.csv?view=mine").get_data(as_text=True).lstrip("\ufeff")
    cells = [cell for row in csv.reader(io.StringIO(listing)) for cell in row]
    assert any(cell.startswith("'=HYPERLINK") for cell in cells) and not any(c.startswith("=") for c in cells)
    book = load_workbook(io.BytesIO(client.get("/cases/export.xlsx?view=mine").data))
    values = [c.value for row in book.active.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(v.startswith("'=HYPERLINK") for v in values) and not any(v.startswith("=") for v in values)
    response = client.get(f"/cases/{case.id}/documents/acceptance_notice.docx")
    if response.status_code == 200:
        text = "\n".join(p.text for p in Document(io.BytesIO(response.data)).paragraphs)
        assert "<b>王</b>小明" in text  # literal text in Word, not markup
    assert not re.search(r"<script>alert", client.get("/litigation/").get_data(as_text=True))


HUGE = "9" * 22  # past any integer PostgreSQL or SQLite takes


def test_numbers_too_large_for_the_database_in_a_link_are_not_found_or_ignored(client, database):
    """An id or a year in a URL that no record or date can have: a 404, or no such filter, never a
    server error from the database refusing the number."""
    public = [f"/decisions?year={HUGE}", f"/decisions?respondent={HUGE}", f"/decisions/{HUGE}"]
    for url in public:
        assert client.get(url).status_code in (200, 404), url
    user = _login(client, role="supervisor")
    case = create_case(actor=user)
    staff = [f"/cases/{HUGE}", f"/cases/?view=all&respondent={HUGE}", f"/cases/?view=all&officer={HUGE}",
             f"/board/?officer={HUGE}", f"/litigation/?year={HUGE}", f"/litigation/{HUGE}",
             f"/litigation/new?kind=lawsuit&case_id={HUGE}", f"/litigation/new?kind=lawsuit&parent_id={HUGE}",
             f"/cases/{case.id}/documents/{HUGE}"]
    for url in staff:
        assert client.get(url).status_code in (200, 404), url
    assert client.get(f"/cases/{HUGE}").status_code == 404


def test_a_lawsuit_form_with_a_case_number_too_large_for_the_database_is_no_server_error(client, database):
    _login(client)
    page = client.get("/litigation/new?kind=lawsuit").get_data(as_text=True)
    sent = {"csrf_token": csrf_token(page), "case_id": HUGE, "parent_id": HUGE, "forum": "通州区人民法院",
            "forum_number": "（2026）京0112行初9号", "instance": "first", "served_on": "2026-03-02",
            "plaintiffs": "王小明", "subject": "不服处罚", "defendants-0-name": "北京市通州区某局",
            "defendants-0-role": "agency"}
    response = client.post("/litigation/new?kind=lawsuit", data=sent)
    assert response.status_code in (302, 422)
    linked = select(func.count()).select_from(DefenceCase).where(DefenceCase.case_id.is_not(None))
    assert database.scalar(linked) == 0


def test_an_id_too_large_for_the_database_in_a_form_or_a_list_position_is_harmless(client, database):
    from tests.web.test_cases import intake_data

    _login(client)
    agency = create_agency()
    token = csrf_token(client.get("/cases/new").data)
    page = client.post("/cases/new", data=intake_data(token, HUGE))
    assert page.status_code in (200, 422) and database.scalar(select(func.count()).select_from(Case)) == 0
    assert client.post("/cases/new", data=intake_data(token, agency.id)).status_code == 302  # the same, valid
    assert client.get(f"/cases/?view=intake&before=2026-01-01.{HUGE}").status_code == 200


def test_a_version_that_is_not_a_number_is_a_conflict_not_a_server_error(client, database):
    """"¹" passes str.isdigit but not int(): a crafted form's version is a stale one."""
    create_user(role="admin", username="root")
    clerk = create_user(username="clerk", display_name="原名")
    login(client, "root", DEFAULT_PASSWORD)
    page = client.get(f"/admin/users/{clerk.id}").get_data(as_text=True)
    sent = {"csrf_token": csrf_token(page), "version": "¹", "display_name": "新名", "role": "officer"}
    assert client.post(f"/admin/users/{clerk.id}", data=sent).status_code in (200, 409)
    database.refresh(clerk)
    assert clerk.display_name == "原名"
    agency = create_agency()
    page = client.get(f"/admin/agencies/{agency.id}").get_data(as_text=True)
    sent = {"csrf_token": csrf_token(page), "version": "¹", "name": "新名称", "area": "other"}
    assert client.post(f"/admin/agencies/{agency.id}", data=sent).status_code in (200, 409)
    database.refresh(agency)
    assert agency.name != "新名称"
