"""Annual reports (年度报告) published on the portal as files."""

from __future__ import annotations

from typing import BinaryIO

from flask_babel import gettext as _
from sqlalchemy import select

from casemgr import clock
from casemgr.extensions import db
from casemgr.models import AnnualReport, Role, User
from casemgr.services.attachments import REJECTIONS, file_store
from casemgr.services.audit import audit_record
from casemgr.services.errors import NotFound, ServiceError
from casemgr.services.unit_of_work import transaction
from casemgr.storage import UploadRejected

# A report is a document: PDF, Word or OFD (the national e-document format).
REPORT_TYPES = ("application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "application/ofd")


def annual_report_publish(*, actor: User, year: int, title: str, stream: BinaryIO,
                          filename: str) -> AnnualReport:
    """Store the file and publish it on the portal; the file is removed again if saving fails."""
    if actor.role not in (Role.SUPERVISOR.value, Role.ADMIN.value):
        raise ServiceError(_("Only a supervisor or an administrator can publish an annual report."))
    if not 2000 <= year <= clock.today().year + 1:
        raise ServiceError(_("Choose a year between 2000 and next year."), field="year")
    if not title.strip():
        raise ServiceError(_("Give the report a title."), field="title")
    store = file_store()
    try:
        stored = store.save(stream, filename)
    except UploadRejected as rejected:
        raise ServiceError(REJECTIONS[rejected.code](rejected.params), field="file") from rejected
    if stored.content_type not in REPORT_TYPES:
        store.delete(stored.storage_name)
        raise ServiceError(_("An annual report must be a PDF, Word or OFD file."), field="file")
    actor_id = actor.id
    try:
        with transaction() as session:
            report = AnnualReport(year=year, title=title.strip()[:200], storage_name=stored.storage_name,
                                  original_name=stored.original_name, content_type=stored.content_type,
                                  size=stored.size, sha256=stored.sha256, uploaded_by_id=actor_id,
                                  uploaded_at=clock.now())
            session.add(report)
            session.flush()
            audit_record(actor, "annual_report.publish", report, year=year, title=report.title,
                         sha256=stored.sha256)
    except BaseException:
        store.delete(stored.storage_name)
        raise
    return report


def annual_report_remove(*, actor: User, report_id: int) -> None:
    """Take a report off the portal (the audit entry keeps its title and hash)."""
    if actor.role not in (Role.SUPERVISOR.value, Role.ADMIN.value):
        raise ServiceError(_("Only a supervisor or an administrator can publish an annual report."))
    with transaction() as session:
        report = session.get(AnnualReport, report_id)
        if report is None:
            raise NotFound(_("No such report."))
        storage_name = report.storage_name
        audit_record(actor, "annual_report.remove", report, year=report.year, title=report.title,
                     sha256=report.sha256)
        session.delete(report)
    file_store().delete(storage_name)  # after the commit: a rolled-back removal keeps its file


def annual_reports_list() -> list[AnnualReport]:
    return list(db.session.scalars(select(AnnualReport).order_by(AnnualReport.year.desc(), AnnualReport.id)))
