"""The administered list of respondent agencies, and officers' links to them (recusal)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from casemgr import clock
from casemgr.domain.catalogues import MANAGEMENT_AREAS
from casemgr.extensions import db
from casemgr.models import Agency, AgencyLink, Role, User
from casemgr.services.audit import audit_record
from casemgr.services.errors import ConflictError, NotFound, ServiceError
from casemgr.services.unit_of_work import transaction


@dataclass
class AgencyInput:
    name: str = ""
    area: str = "other"
    address: str = ""
    legal_representative: str = ""
    active: bool = True
    # Officers linked to the agency: they are never assigned its cases (recusal). None keeps the links.
    officer_ids: list[int] | None = None


def _check(data: AgencyInput, agency_id: int | None) -> None:
    if not data.name.strip():
        raise ServiceError(_("Enter the agency's name."), field="name")
    if data.area not in MANAGEMENT_AREAS:
        raise ServiceError(_("Choose the management area."), field="area")
    clash = db.session.scalar(select(Agency.id).where(Agency.name == data.name.strip()))
    if clash is not None and clash != agency_id:
        raise ServiceError(_("An agency with this name exists already."), field="name")


def _facts(agency: Agency, officer_ids: list[int]) -> dict:
    return {"name": agency.name, "area": agency.area, "active": agency.active, "officers": officer_ids}


def agency_save(*, actor: User, data: AgencyInput, agency_id: int | None = None,
                version: int | None = None) -> Agency:
    """Create an agency or change one, its officer links included (``version`` is what the editor
    saw): one transaction and one audit entry, so the agency is never saved without its links."""
    with transaction() as session:
        _check(data, agency_id)
        if agency_id is None:
            agency = Agency(created_at=clock.now())
            session.add(agency)
            links, before = {}, {}
        else:
            agency = session.get(Agency, agency_id)
            if agency is None:
                raise NotFound(_("No such agency."))
            if agency.version != version:
                raise ConflictError(_("Someone else changed this agency after you opened the form; "
                                      "nothing was saved."))
            links = {link.user_id: link for link in session.scalars(
                select(AgencyLink).where(AgencyLink.agency_id == agency_id))}
            before = _facts(agency, sorted(links))
        agency.name, agency.area = data.name.strip(), data.area
        agency.address, agency.legal_representative = data.address.strip(), data.legal_representative.strip()
        agency.active = data.active
        if agency_id is None:
            session.flush()  # the new agency's id, for its links
        linked = sorted(links) if data.officer_ids is None else _links_set(agency, links, data.officer_ids)
        if agency_id is not None and linked != sorted(links):
            # A link change is a change of the agency: its version moves, so an editor who opened
            # the form before it gets a conflict instead of putting the old links back.
            flag_modified(agency, "name")
        session.flush()
        audit_record(actor, "agency.create" if agency_id is None else "agency.update", agency,
                     before=before, after=_facts(agency, linked))
    return agency


def _links_set(agency: Agency, links: dict[int, AgencyLink], officer_ids: list[int]) -> list[int]:
    """Link exactly these officers (former officers' links may stay); returns the linked ids."""
    session = db.session
    wanted = set(session.scalars(select(User.id).where(User.id.in_(officer_ids),
                                                       User.role == Role.OFFICER.value)))
    for user_id, link in links.items():
        if user_id not in wanted:
            session.delete(link)
    for user_id in wanted - set(links):
        session.add(AgencyLink(user_id=user_id, agency_id=agency.id))
    return sorted(wanted)
