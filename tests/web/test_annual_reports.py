import io
import re

from sqlalchemy import select

from casemgr.models import AnnualReport
from tests.conftest import csrf_token, login
from tests.factories import DEFAULT_PASSWORD, create_user

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def publish(client, content=PDF, name="2025年行政复议工作报告.pdf", year="2025"):
    token = csrf_token(client.get("/admin/annual-reports").data)
    data = {"csrf_token": token, "year": year, "title": "2025年度行政复议工作报告",
            "file": (io.BytesIO(content), name)}
    return client.post("/admin/annual-reports", content_type="multipart/form-data", data=data)


def test_a_supervisor_publishes_a_report_the_public_downloads_it(app, client, database, tmp_path):
    app.config["ATTACHMENT_DIR"] = str(tmp_path)
    create_user(role="supervisor", username="boss")
    login(client, "boss", DEFAULT_PASSWORD)
    assert publish(client).status_code == 302
    report = database.scalar(select(AnnualReport))
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/dashboard").data)})
    listing = client.get("/annual-reports").get_data(as_text=True)
    assert "2025年度行政复议工作报告" in listing
    download = client.get(f"/annual-reports/{report.id}")
    assert download.data == PDF and "filename*=UTF-8''" in download.headers["Content-Disposition"]
    row = re.search(r'<tr data-year="2025"><td>2025</td><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td>',
                    client.get("/").get_data(as_text=True))
    assert row.groups() == ("0", "0", "1")


def test_only_documents_are_accepted_and_officers_cannot_publish(app, client, database, tmp_path):
    app.config["ATTACHMENT_DIR"] = str(tmp_path)
    create_user(role="supervisor", username="boss")
    create_user(role="officer", username="zhang")
    login(client, "boss", DEFAULT_PASSWORD)
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    page = publish(client, content=png, name="report.png").get_data(as_text=True)
    assert "PDF" in page and database.scalars(select(AnnualReport)).all() == []
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/dashboard").data)})
    login(client, "zhang", DEFAULT_PASSWORD)
    assert client.get("/admin/annual-reports").status_code == 403


def test_a_removed_report_is_gone_from_the_portal(app, client, database, tmp_path):
    app.config["ATTACHMENT_DIR"] = str(tmp_path)
    create_user(role="admin", username="root")
    login(client, "root", DEFAULT_PASSWORD)
    publish(client)
    report = database.scalar(select(AnnualReport))
    token = csrf_token(client.get("/admin/annual-reports").data)
    client.post(f"/admin/annual-reports/{report.id}/remove", data={"csrf_token": token})
    assert client.get(f"/annual-reports/{report.id}").status_code == 404
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
