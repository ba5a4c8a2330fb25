import csv
import io

from docx import Document
from openpyxl import load_workbook

from casemgr import clock
from casemgr.services import decisions
from casemgr.services.decisions import DecisionDraft
from tests.conftest import login
from tests.factories import DEFAULT_PASSWORD, create_case, create_user


def test_the_decision_document_has_the_standard_sections(client, database):
    officer = create_user(role="officer", username="zhang")
    case = create_case(actor=officer, state="accepted")
    decisions.case_save_decision_draft(actor=officer, case_id=case.id, version=case.version,
                                       draft=DecisionDraft(
        decision_type="revoke", applicant_claims="处罚过重", respondent_claims="事实清楚",
        findings="查明的事实", reasoning="认定事实不清", legal_basis="第六十四条",
        operative_text="撤销被申请人作出的行政处罚决定。"))
    login(client, "zhang", DEFAULT_PASSWORD)
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert 'data-document="decision"' in page and 'data-document="acceptance_notice"' in page
    response = client.get(f"/cases/{case.id}/documents/decision.docx")
    assert response.status_code == 200 and "filename*=UTF-8''" in response.headers["Content-Disposition"]
    text = "\n".join(p.text for p in Document(io.BytesIO(response.data)).paragraphs)
    order = [case.number, "申请人", "被申请人", "申请人请求", "申请人称", "被申请人称", "本机关查明",
             "本机关认为", "本机关决定如下", "十五日内"]
    positions = [text.index(marker) for marker in order]
    assert positions == sorted(positions)
    assert "11010519491231002X" in text  # the applicant's ID, in the original (not the public) version


def test_a_document_without_its_data_is_404(client, database):
    officer = create_user(role="officer", username="zhang")
    case = create_case(actor=officer)
    login(client, "zhang", DEFAULT_PASSWORD)
    assert client.get(f"/cases/{case.id}/documents/decision.docx").status_code == 404
    assert client.get(f"/cases/{case.id}/documents/nonsense.docx").status_code == 404


def test_the_filtered_list_exports_to_csv_and_excel_with_formulas_neutralised(client, database):
    officer = create_user(role="officer", username="zhang")
    create_case(actor=officer, act_number="=HYPERLINK(\"http://x\")")
    create_case(actor=officer)
    login(client, "zhang", DEFAULT_PASSWORD)
    response = client.get("/cases/export.csv?view=intake")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][0] == "案号" and len(rows) == 3
    assert any(cell.startswith("'=HYPERLINK") for row in rows for cell in row)
    book = load_workbook(io.BytesIO(client.get("/cases/export.xlsx?view=intake").data))
    sheet = book.active
    assert sheet.max_row == 3 and sheet.cell(1, 1).value == "案号"
    disposition = client.get("/cases/export.csv?view=intake").headers["Content-Disposition"]
    assert clock.today().isoformat() in disposition
