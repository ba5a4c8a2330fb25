"""Files out of and into a case: the list as CSV or Excel, the generated .docx documents, and
attachments. Registered on the cases blueprint."""

from __future__ import annotations

from flask import Response, abort, send_file
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from casemgr.access import Viewer, roles
from casemgr.domain.catalogues import ACT_TYPES, PROCEDURES, label
from casemgr.extensions import db
from casemgr.i18n import current_language
from casemgr.messages import STATE_NAMES
from casemgr.models import Attachment
from casemgr.queries.cases import case_export_rows
from casemgr.queries.documents import DOCUMENT_NAMES, document_bytes
from casemgr.services.attachments import attachment_add, file_store
from casemgr.storage import content_disposition
from casemgr.web.cases.forms import AttachmentForm
from casemgr.web.cases.routes import STAFF, _filters_from_request, _render_case, _run, _visible_case, bp
from casemgr.web.tables import FORMATS, table_download

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


EXPORT_HEADERS = (_l("Case number"), _l("State"), _l("Date received"), _l("Respondent agency"),
                  _l("Next deadline"), _l("Type of act"), _l("Document number of the act"), _l("Procedure"),
                  _l("Accepted on"), _l("Type of decision"), _l("Date of the decision"), _l("late"))


@bp.route("/export.<fmt>")
@roles(*STAFF)
def export(fmt: str):
    """The filtered list as CSV or Excel (every page, not just the one shown)."""
    if fmt not in FORMATS:
        abort(404)
    filters = _filters_from_request()
    rows = ((r.number, STATE_NAMES[r.state], r.received_on, r.respondent, r.next_due,
             label(ACT_TYPES, r.act_type, current_language()), r.act_number,
             label(PROCEDURES, r.procedure, current_language()), r.accepted_on, r.decision_type,
             r.decision_date, r.late) for r in case_export_rows(Viewer.of(current_user), filters))
    return table_download(fmt, str(_l("Cases")), EXPORT_HEADERS, rows, "cases")


@bp.route("/<int:case_id>/documents/<kind>.docx")
@roles(*STAFF)
def document(case_id: int, kind: str):
    """A document of the case as .docx, generated from its structured fields."""
    case = _visible_case(case_id)
    content = document_bytes(case, kind)
    if content is None:
        abort(404)
    response = Response(content, mimetype=DOCX_TYPE)
    name = f"{case.number}-{DOCUMENT_NAMES[kind][0]}.docx"
    response.headers["Content-Disposition"] = content_disposition(name)
    return response


@bp.route("/<int:case_id>/attachments", methods=["POST"])
@roles(*STAFF)
def attachment_upload(case_id: int):
    case = _visible_case(case_id)
    form = AttachmentForm()
    if not form.validate_on_submit():
        return _render_case(case_id, {"attachment": form}, 422)
    upload = form.file.data
    return _run(case_id, "attachment", form, lambda: attachment_add(
        actor=current_user, case_id=case.id, stream=upload.stream, filename=upload.filename or "",
        description=form.description.data or ""))


@bp.route("/<int:case_id>/attachments/<int:attachment_id>")
@roles(*STAFF)
def attachment_download(case_id: int, attachment_id: int):
    """Only someone who may see the case gets its files; the id alone opens nothing."""
    case = _visible_case(case_id)
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None or attachment.case_id != case.id:
        abort(404)
    response = send_file(file_store().path(attachment.storage_name), mimetype=attachment.content_type)
    response.headers["Content-Disposition"] = content_disposition(attachment.original_name)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
