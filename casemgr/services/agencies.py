"""The administered list of respondent agencies, and officers' links to them (recusal)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

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


def _check(data: AgencyInput, agency_id: int | None) -> None:
    if not data.name.strip():
        raise ServiceError(_("Enter the agency's name."), field="name")
    if data.area not in MANAGEMENT_AREAS:
        raise ServiceError(_("Choose the management area."), field="area")
    clash = db.session.scalar(select(Agency.id).where(Agency.name == data.name.strip()))
    if clash is not None and clash != agency_id:
        raise ServiceError(_("An agency with this name exists already."), field="name")


def agency_save(*, actor: User, data: AgencyInput, agency_id: int | None = None,
                version: int | None = None) -> Agency:
    """Create an agency, or change one (``version`` is what the editor saw)."""
    with transaction():
        _check(data, agency_id)
        if agency_id is None:
            agency = Agency(created_at=clock.now())
            db.session.add(agency)
            before = {}
        else:
            agency = db.session.get(Agency, agency_id)
            if agency is None:
                raise NotFound(_("No such agency."))
            if agency.version != version:
                raise ConflictError(_("Someone else changed this agency after you opened the form; "
                                      "nothing was saved."))
            before = {"name": agency.name, "area": agency.area, "active": agency.active}
        agency.name, agency.area = data.name.strip(), data.area
        agency.address, agency.legal_representative = data.address.strip(), data.legal_representative.strip()
        agency.active = data.active
        db.session.flush()
        audit_record(actor, "agency.create" if agency_id is None else "agency.update", agency,
                     before=before, after={"name": agency.name, "area": agency.area, "active": agency.active})
    return agency


def agency_links_set(*, actor: User, agency_id: int, officer_ids: list[int]) -> None:
    """Mark the officers linked to the agency: they are never assigned its cases."""
    with transaction() as session:
        agency = session.get(Agency, agency_id)
        if agency is None:
            raise NotFound(_("No such agency."))
        wanted = set(session.scalars(select(User.id).where(User.id.in_(officer_ids),
                                                           User.role == Role.OFFICER.value)))
        current = {link.user_id: link for link in session.scalars(
            select(AgencyLink).where(AgencyLink.agency_id == agency_id))}
        for user_id, link in current.items():
            if user_id not in wanted:
                session.delete(link)
        for user_id in wanted - set(current):
            session.add(AgencyLink(user_id=user_id, agency_id=agency_id))
        session.flush()
        audit_record(actor, "agency.links", agency, before=sorted(current), after=sorted(wanted))
