"""All models, imported here so that Alembic and the app see the whole schema."""

from casemgr.models.audit import AuditEntry
from casemgr.models.base import Base
from casemgr.models.calendar import CalendarDay, CalendarYear
from casemgr.models.system import SystemState
from casemgr.models.user import Role, User

__all__ = ["AuditEntry", "Base", "CalendarDay", "CalendarYear", "Role", "SystemState", "User"]
