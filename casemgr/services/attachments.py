"""Attaching a file to a case: stored outside the database, checked by content, audited."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from flask import current_app
from flask_babel import gettext as _

from casemgr import clock
from casemgr.extensions import db
from casemgr.models import Attachment, User
from casemgr.services.case_base import load_case, record_event
from casemgr.services.errors import ServiceError
from casemgr.services.unit_of_work import transaction
from casemgr.storage import ALLOWED_TYPES, FileStore, UploadRejected

REJECTIONS = {
    "too_large": lambda p: _("The file is larger than %(mb)s MB.", mb=p.get("max_bytes", 0) // (1024 * 1024)),
    "empty": lambda p: _("The file is empty."),
    "type_not_allowed": lambda p: _("Only PDF, images, Word, Excel, OFD and plain text files "
                                    "can be attached."),
    "type_mismatch": lambda p: _("The file's content does not match its name's extension."),
}


def file_store() -> FileStore:
    return FileStore(Path(current_app.config["ATTACHMENT_DIR"]), current_app.config["MAX_UPLOAD_BYTES"])


def attachment_add(*, actor: User, case_id: int, stream: BinaryIO, filename: str,
                   description: str = "") -> Attachment:
    """Store the file, then record it in one transaction; if the transaction fails the stored
    file is removed again, so no orphan remains on disk."""
    store = file_store()
    try:
        stored = store.save(stream, filename)
    except UploadRejected as rejected:
        raise ServiceError(REJECTIONS[rejected.code](rejected.params), field="file") from rejected
    try:
        with transaction():
            case = load_case(case_id, None)
            attachment = Attachment(case_id=case.id, storage_name=stored.storage_name,
                                    original_name=stored.original_name, content_type=stored.content_type,
                                    size=stored.size, sha256=stored.sha256,
                                    description=description.strip()[:200],
                                    uploaded_by_id=actor.id, uploaded_at=clock.now())
            db.session.add(attachment)
            db.session.flush()
            record_event(case, actor, "attachment_added", clock.today(), stored.original_name,
                         attachment_id=attachment.id, sha256=stored.sha256, size=stored.size)
    except BaseException:
        store.delete(stored.storage_name)
        raise
    return attachment


def allowed_types_text() -> str:
    return ", ".join(sorted({ext for ext, _label in ALLOWED_TYPES.values()}))
