"""All models, imported here so that Alembic and the app see the whole schema."""

from casemgr.models.agency import Agency, AgencyLink
from casemgr.models.attachment import Attachment
from casemgr.models.audit import AuditEntry, LoginThrottle
from casemgr.models.base import Base
from casemgr.models.calendar import CalendarDay, CalendarYear
from casemgr.models.case import Case, CaseAssignment, CaseNumberSequence, Party
from casemgr.models.case_event import CaseEvent
from casemgr.models.deadline import Deadline
from casemgr.models.decision import Decision, Service
from casemgr.models.defence import DefenceCase, Defendant, Hearing, JudicialRecommendation
from casemgr.models.notification import Notification, OutboundMail, Reminder
from casemgr.models.publication import AnnualReport, Publication, TypicalCase
from casemgr.models.statistics import StatisticsSettings, StatisticsSnapshot
from casemgr.models.system import SystemState
from casemgr.models.user import Role, User

__all__ = [
    "Agency", "AgencyLink", "AnnualReport", "Attachment", "AuditEntry", "Base", "CalendarDay",
    "CalendarYear", "Case", "CaseAssignment", "CaseEvent", "CaseNumberSequence", "Deadline", "Decision",
    "DefenceCase", "Defendant", "Hearing", "JudicialRecommendation", "LoginThrottle", "Notification",
    "OutboundMail", "Party", "Publication", "Reminder", "Role", "Service", "StatisticsSettings",
    "StatisticsSnapshot", "SystemState", "TypicalCase", "User",
]
