"""An officer field: what a supervisor typed (or a link's officer id) turned into one officer, or
into a message saying why not, with the officers it could mean."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from casemgr.models.base import ID_MAX
from casemgr.queries.officers import MATCHES_SHOWN, Officer, officer_by_id, officers_found

TEXT_LIMIT = 120


@dataclass(frozen=True)
class OfficerPick:
    text: str = ""  # what the field shows: the officer's label, or the user's text when unresolved
    officer: Officer | None = None
    choices: tuple[Officer, ...] = ()  # the officers an ambiguous text may mean (MATCHES_SHOWN at most)
    problem: str = ""  # why no officer was picked ("" when one was, or nothing was typed)

    @property
    def officer_id(self) -> int | None:
        return self.officer.id if self.officer else None


def officer_pick(value: str | None, *, active_only: bool = False) -> OfficerPick:
    """The officer ``value`` names: a label or part of a name or username as typed, or an id (the
    filters' own links carry one). ``active_only``: for assignment (a filter finds former officers)."""
    text = " ".join((value or "").split())[:TEXT_LIMIT]
    if not text:
        return OfficerPick()
    if text.isascii() and text.isdigit() and int(text) <= ID_MAX:  # larger digits are text, not an id
        officer = officer_by_id(int(text))
        if officer is not None and (officer.active or not active_only):
            return OfficerPick(officer.label, officer)
        return OfficerPick(text, problem=_("No officer has the number %(id)s.", id=text))
    found = officers_found(text, active_only=active_only)
    if len(found) == 1:
        return OfficerPick(found[0].label, found[0])
    if not found:
        return OfficerPick(text, problem=_("No officer is called “%(text)s”.", text=text))
    if len(found) > MATCHES_SHOWN:
        problem = _("More than %(n)s officers match “%(text)s”: type more of the name, or choose one.",
                    n=MATCHES_SHOWN, text=text)
    else:
        problem = _("%(n)s officers match “%(text)s”: choose one.", n=len(found), text=text)
    return OfficerPick(text, choices=tuple(found[:MATCHES_SHOWN]), problem=problem)
