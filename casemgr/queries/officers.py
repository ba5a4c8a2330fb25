"""Finding a case officer by what a supervisor types: a name, a username, or part of either.

A province has a thousand officers. Choosing one from a list of a thousand options was slow to
use and heavy to send (41 KB of every supervisor's case list, board and case page at a million
cases); the forms take a name instead, suggest the officers' labels as the user types
(web/officers), and find the officer here.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from sqlalchemy import func, or_, select

from casemgr.extensions import db
from casemgr.models import Role, User
from casemgr.summary_cache import remembered

MATCHES_SHOWN = 10  # a text naming more officers lists this many to choose from
# "Name (username)": the label the suggestions offer, so a name two officers share is told apart.
_LABELLED = re.compile(r"\s*(?P<name>.*?)\s*[(（]\s*(?P<username>[^()（）\s]+)\s*[)）]\s*")


class Officer(NamedTuple):
    id: int
    display_name: str
    username: str
    active: bool

    @property
    def label(self) -> str:
        return officer_label(self.display_name, self.username)


def officer_label(display_name: str, username: str) -> str:
    """How an officer is named in the officer fields and their suggestions."""
    return f"{display_name} ({username})"


def labelled_username(text: str) -> str | None:
    """The username in ``text`` written as a label ("Name (username)", brackets of either width),
    else None."""
    match = _LABELLED.fullmatch(text)
    return match["username"] if match else None


def _officers_query(active_only: bool):
    query = (select(User.id, User.display_name, User.username, User.active)
             .where(User.role == Role.OFFICER.value))
    return query.where(User.active.is_(True)) if active_only else query


def officer_directory() -> tuple[Officer, ...]:
    """Every active officer by name, kept up to SUMMARY_CACHE_SECONDS (the suggestions' list)."""
    def load():
        rows = db.session.execute(_officers_query(True).order_by(User.display_name, User.username))
        return tuple(Officer(*row) for row in rows)

    return remembered(("officer directory",), load)[0]


def officer_by_id(officer_id: int) -> Officer | None:
    """The officer with this id, active or not (a filter's link names one by id: a former officer's
    cases are still theirs), else None."""
    row = db.session.execute(_officers_query(False).where(User.id == officer_id)).first()
    return Officer(*row) if row else None


def officers_found(text: str, *, active_only: bool = True) -> list[Officer]:
    """The officers ``text`` names, best first: the one whose label or username it is; else those
    whose name or username it is exactly; else those whose name or username holds it (any case); at
    most MATCHES_SHOWN + 1 (so the caller knows there were more). ``active_only``: as assignment
    needs (a filter finds former officers too)."""
    text = text.strip()
    if not text:
        return []
    username = labelled_username(text)
    if username is not None and (found := _officers(User.username == username, active_only)):
        return found
    if exact := _officers(or_(User.username == text, User.display_name == text), active_only):
        return exact
    like = or_(User.display_name.icontains(text, autoescape=True),
               func.lower(User.username).contains(text.lower(), autoescape=True))
    return _officers(like, active_only)


def _officers(condition, active_only: bool) -> list[Officer]:
    query = (_officers_query(active_only).where(condition)
             .order_by(User.active.desc(), User.display_name, User.username).limit(MATCHES_SHOWN + 1))
    return [Officer(*row) for row in db.session.execute(query)]
