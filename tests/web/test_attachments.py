import hashlib
import io

from sqlalchemy import select

from casemgr.models import Attachment
from tests.conftest import csrf_token, login
from tests.factories import DEFAULT_PASSWORD, create_case, create_user

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload(client, case_id, content, name, **extra):
    token = csrf_token(client.get(f"/cases/{case_id}").data)
    return client.post(f"/cases/{case_id}/attachments", content_type="multipart/form-data",
                       data={"csrf_token": token, "file": (io.BytesIO(content), name), **extra})


def test_upload_and_download_keep_the_name_and_record_the_hash(app, client, database, tmp_path):
    app.config["ATTACHMENT_DIR"] = str(tmp_path)
    officer = create_user(role="officer", username="zhang")
    case = create_case(actor=officer)
    login(client, "zhang", DEFAULT_PASSWORD)
    assert upload(client, case.id, PDF, "行政处罚决定书.pdf", description="原件扫描").status_code == 302
    attachment = database.scalar(select(Attachment))
    assert attachment.sha256 == hashlib.sha256(PDF).hexdigest()
    assert attachment.original_name == "行政处罚决定书.pdf"
    assert attachment.storage_name != "行政处罚决定书.pdf" and "/" not in attachment.storage_name
    response = client.get(f"/cases/{case.id}/attachments/{attachment.id}")
    assert response.data == PDF and "filename*=UTF-8''" in response.headers["Content-Disposition"]


def test_a_program_disguised_as_pdf_is_refused_and_nothing_is_kept(app, client, database, tmp_path):
    app.config["ATTACHMENT_DIR"] = str(tmp_path)
    officer = create_user(role="officer", username="zhang")
    case = create_case(actor=officer)
    login(client, "zhang", DEFAULT_PASSWORD)
    response = upload(client, case.id, b"MZ\x90\x00" + b"\x00" * 100, "证据.pdf")
    assert response.status_code == 422 and "只能上传" in response.get_data(as_text=True)
    assert database.scalars(select(Attachment)).all() == []
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_too_large_is_413(app, client, database, tmp_path):
    app.config["ATTACHMENT_DIR"] = str(tmp_path)
    officer = create_user(role="officer", username="zhang")
    case = create_case(actor=officer)
    login(client, "zhang", DEFAULT_PASSWORD)
    old = app.config["MAX_CONTENT_LENGTH"]
    app.config["MAX_CONTENT_LENGTH"] = 1000
    try:
        response = upload(client, case.id, PDF + b"0" * 5000, "big.pdf")
    finally:
        app.config["MAX_CONTENT_LENGTH"] = old
    assert response.status_code == 413


def test_another_officer_cannot_download_by_guessing_ids(app, client, database, tmp_path):
    app.config["ATTACHMENT_DIR"] = str(tmp_path)
    owner = create_user(role="officer", username="owner")
    case = create_case(actor=owner, state="accepted")
    login(client, "owner", DEFAULT_PASSWORD)
    upload(client, case.id, PDF, "a.pdf")
    attachment = database.scalar(select(Attachment))
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/dashboard").data)})
    create_user(role="officer", username="other")
    login(client, "other", DEFAULT_PASSWORD)
    assert client.get(f"/cases/{case.id}/attachments/{attachment.id}").status_code == 404
    other_case = create_case(actor=create_user())
    assert client.get(f"/cases/{other_case.id}/attachments/{attachment.id}").status_code == 404
