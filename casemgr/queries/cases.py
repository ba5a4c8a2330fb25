"""Read side of cases: the case page, the lists, who may see what."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import (
    Date,
    Integer,
    Select,
    String,
    bindparam,
    exists,
    func,
    literal,
    null,
    or_,
    select,
    tuple_,
    union,
    union_all,
)
from sqlalchemy.orm import joinedload

from casemgr.access import Viewer
from casemgr.domain.workflow import IN_PROGRESS_STATES
from casemgr.extensions import db
from casemgr.models import (
    Agency,
    Attachment,
    AuditEntry,
    Case,
    CaseAssignment,
    CaseEvent,
    Deadline,
    Decision,
    DefenceCase,
    Party,
    Role,
    User,
)
from casemgr.models.base import ID_MAX
from casemgr.queries.among import (
    among,
    among_bound,
    among_selected,
    ids_if_few,
    ids_if_few_kept,
    keys_if_few,
    written_in,
)
from casemgr.queries.built import built
from casemgr.queries.defence import defence_ids_mine_select, defence_mine_clause, lawsuits_of_case
from casemgr.queries.paging import TOTAL, page_with_total, with_total
from casemgr.request_transactions import in_transactions
from casemgr.summary_cache import remembered

INTAKE_STATES = ("received", "awaiting_supplement")
PAGE_SIZE = 50


def case_visible(user: User, case: Case) -> bool:
    """Supervisors see every case; officers the intake queue, the cases assigned to them and the
    ones they registered (so the officer who accepts an application keeps sight of it)."""
    if user.role == Role.SUPERVISOR.value:
        return True
    if user.role != Role.OFFICER.value:
        return False
    return (case.state in INTAKE_STATES or case.created_by_id == user.id
            or any(a.user_id == user.id for a in case.assignments))


def mine_clause(user: User):
    """SQL for "the officer's own cases": assigned to them, or registered by them (see case_visible)."""
    return or_(exists().where(CaseAssignment.case_id == Case.id, CaseAssignment.user_id == user.id),
               Case.created_by_id == user.id)


CASE_ID = bindparam("case_id", type_=Integer)  # the case a page shows, in its kept statements


def _case_loaded(*columns):
    """The case CASE_ID with its parties and officers (joined), and ``columns`` beside it."""
    return (select(Case, *columns).where(Case.id == CASE_ID)
            .options(joinedload(Case.parties), joinedload(Case.assignments)))


def case_get(case_id: int) -> Case | None:
    """The case with its parties and officers, in one statement built once (queries/built.py)."""
    statement = built(("case_get",), _case_loaded)
    return db.session.scalars(statement, {"case_id": case_id}).unique().one_or_none()


class TimelineEvent(NamedTuple):
    """A case event as the case page shows it (and documents_available reads it)."""

    id: int
    kind: str
    occurred_on: date
    recorded_at: datetime
    note: str
    details: dict


class AuditLine(NamedTuple):
    """An audit entry of the case as its page shows it."""

    id: int
    at: datetime
    action: str
    details: dict


@dataclass(frozen=True)
class CasePage:
    case: Case
    decision: Decision | None
    deadlines: list[Deadline]
    events: list[tuple[TimelineEvent, str]]  # with the actor's name, in the order they happened
    audit: list[tuple[AuditLine, str | None]]
    attachments: list[Attachment]
    lawsuits: list[DefenceCase]


def _case_with_extras():
    """The case with its parties and officers (as case_get), its decision, and whether it has any
    attachment or lawsuit: most have neither, and asking costs two index probes in this statement
    rather than two more round trips."""
    return (_case_loaded(Decision, exists().where(Attachment.case_id == Case.id).label("has_attachments"),
                         exists().where(DefenceCase.case_id == Case.id).label("has_lawsuits"))
            .outerjoin(Decision, Decision.case_id == Case.id))


def case_page(case_id: int) -> CasePage | None:
    """Everything the case page shows: the case (None if there is none), its decision, deadlines,
    timeline, audit trail, attachments and lawsuits. Four statements for most cases (each built once:
    a page's statements cost ~1 ms to build and key on every view); the attachments and the
    lawsuits are read only when the first statement found some."""
    values = {"case_id": case_id, "object_id": str(case_id)}
    found = db.session.execute(built(("case_page", "case"), _case_with_extras), values).unique().first()
    if found is None:
        return None
    case, decision, has_attachments, has_lawsuits = found
    deadlines = db.session.scalars(built(("case_page", "deadlines"), lambda: (
        select(Deadline).where(Deadline.case_id == CASE_ID).order_by(Deadline.due_on, Deadline.id))),
        values).all()
    events, audit = [], []
    for source, row_id, what, occurred_on, at, note, details, actor in db.session.execute(
            built(("case_page", "history"), _history), values):
        if source == "event":
            events.append((TimelineEvent(row_id, what, occurred_on, at, note, details or {}), actor))
        else:
            audit.append((AuditLine(row_id, at, what, details or {}), actor))
    events.sort(key=lambda pair: (pair[0].occurred_on, pair[0].id))
    audit.sort(key=lambda pair: pair[0].id)
    return CasePage(case, decision, list(deadlines), events, audit,
                    attachments_of(case_id) if has_attachments else [],
                    lawsuits_of_case(case_id) if has_lawsuits else [])


def _history():
    """The case's timeline and its audit trail in one statement (a UNION of the two, told apart by
    ``source``), each row with its actor's name: one round trip, not two (~0.8 ms of the page)."""
    events = (select(literal("event").label("source"), CaseEvent.id, CaseEvent.kind.label("what"),
                     CaseEvent.occurred_on, CaseEvent.recorded_at.label("at"), CaseEvent.note,
                     CaseEvent.details, User.display_name)
              .join(User, CaseEvent.actor_id == User.id).where(CaseEvent.case_id == CASE_ID))
    of_case = (AuditEntry.object_type == "Case", AuditEntry.object_id == bindparam("object_id", type_=String))
    audit = (select(literal("audit"), AuditEntry.id, AuditEntry.action, null().cast(Date), AuditEntry.at,
                    null().cast(String), AuditEntry.details, User.display_name)
             .outerjoin(User, AuditEntry.actor_id == User.id).where(*of_case))
    return union_all(events, audit)


def attachments_of(case_id: int) -> list[Attachment]:
    statement = built(("attachments_of",), lambda: (
        select(Attachment).where(Attachment.case_id == CASE_ID).order_by(Attachment.id)))
    return list(db.session.scalars(statement, {"case_id": case_id}))


@dataclass(frozen=True)
class CaseFilters:
    view: str = "mine"  # mine | intake | all
    state: str = ""
    respondent_id: int | None = None
    q: str = ""
    area: str = ""
    act_type: str = ""
    officer_id: int | None = None
    received_from: date | None = None
    received_to: date | None = None
    overdue: bool = False
    today: date | None = None  # for "overdue": a deadline ends at the end of its local day
    page: int = 1
    # The statistics dashboard links each figure to its cases with these.
    decided_from: date | None = None
    decided_to: date | None = None
    decision: str = ""  # a decision type, or "correction" (the configured correction types)
    correction_types: tuple[str, ...] = ()
    channel: str = ""
    procedure: str = ""
    before: str = ""  # keyset position in a long list: "received_on.id" of the last case seen


SHORTEST_SUBSTRING = 3


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


COUNT_CAP = 1_000  # beyond this the list says "1,000+" and pages by "older" links (keyset)


@dataclass(frozen=True)
class CaseListPage:
    rows: list
    total: int  # counted up to COUNT_CAP + 1
    page: int
    pages: int
    capped: bool  # more than COUNT_CAP cases: navigate with ``older`` instead of page numbers
    older: str = ""  # the ``before`` key of the next page, "" on the last page


def parse_before(text: str) -> tuple[date, int] | None:
    """``2021-05-03.12345`` (received_on.id of the last case seen) -> the keyset position."""
    try:
        day, case_id = text.split(".")
        return date.fromisoformat(day), min(int(case_id), ID_MAX)  # past any id: the day's every case
    except ValueError:
        return None


NEWEST_FIRST = (Case.received_on.desc(), Case.id.desc())


def case_list(user: User, filters: CaseFilters) -> CaseListPage:
    """One page of cases with the next open deadline of each; filters applied in SQL.

    Short lists page by number; past ``COUNT_CAP`` cases the list pages by position (``before``:
    the last case seen), so page 10,000 costs what page 1 costs. When a filter names few cases (a
    search, an officer, overdue: ``_narrowing``) or the list shows the user's own, their keys are
    sorted, counted and cut into a page with its rows in one statement (_page_of_keys); otherwise the
    capped count, the page's ids and their rows come from one statement (_page_in_one_statement)."""
    position = parse_before(filters.before) if filters.before else None
    if _shows_only_mine(user, filters) and _unfiltered(filters):
        return _page_of_keys(_own_keys, filters, position, kept="own", values={"user_id": user.id})
    if filters.view == "all" and not _shows_only_mine(user, filters) and _unfiltered(replace(filters, q="")) \
            and filters.q.strip():
        keys = keys_if_few(_search_terms(filters.q.strip(), dated=True)[0])
        if keys is not None:
            return _page_of_found(keys, filters, position)
        found = {"q": None}  # too many to name: tested case by case
    else:
        found = _narrowing(user, filters)
    filtered = _filtered(user, filters, found)
    if _shows_only_mine(user, filters) or any(ids is not None for ids in found.values()):
        keyed = filtered.query.with_only_columns(Case.id, Case.received_on)
        return _page_of_keys(lambda: keyed, filters, position, values=filtered.values)
    key = ("cases", replace(filters, page=1, before=""))  # what the count covers: the filters alone
    return _page_in_one_statement(filtered, filters, position, key)


def _paging(total: int, filters: CaseFilters, position) -> tuple[int, int, int]:
    """(page, pages, offset): a numbered page clamped to the pages there are; by position, no offset."""
    if position is not None:
        return filters.page, filters.page, 0
    pages = max(1, -(-min(total, COUNT_CAP) // PAGE_SIZE))
    page = min(max(1, filters.page), pages)
    return page, pages, (page - 1) * PAGE_SIZE


def _page(rows: list, total: int, page: int, pages: int) -> CaseListPage:
    """A page from up to PAGE_SIZE + 1 rows, newest first: the extra one says there are older."""
    older = ""
    if len(rows) > PAGE_SIZE:
        rows = rows[:PAGE_SIZE]
        older = f"{rows[-1].received_on.isoformat()}.{rows[-1].id}"
    return CaseListPage(list(rows), total, page, pages, total > COUNT_CAP, older)


def _unfiltered(filters: CaseFilters) -> bool:
    """Nothing chosen but the view (and where in it): the list every officer opens first."""
    chosen = replace(filters, page=1, before="", today=None, correction_types=())
    return chosen == CaseFilters(view=filters.view)


def _own_keys():
    """(id, received_on) of a user's own cases (USER_ID), from two indexes alone: their
    assignments, which carry the case's date received, and the cases they registered (migration
    0024). The whole filtered list instead visits every own case for its date (1M cases: ~8 ms for
    ~1,000 cases)."""
    own = union(select(CaseAssignment.case_id.label("id"), CaseAssignment.received_on)
                .where(CaseAssignment.user_id == USER_ID),
                select(Case.id, Case.received_on).where(Case.created_by_id == USER_ID)).subquery()
    return select(own.c.id, own.c.received_on)


def _page_of_found(keys: list[tuple[int, date]], filters: CaseFilters, position) -> CaseListPage:
    """A search and nothing else: its matches' (id, date received) came from the indexes that found
    them (a name's from the parties' index alone, migration 0025), so they are ordered, counted and
    cut into a page here, and only the page's cases are read. Ordering ~600 matches of a surname
    by the cases' own dates visited each of them (1M cases: ~4 ms)."""
    newest_first = sorted(set(keys), key=lambda key: (key[1], key[0]), reverse=True)
    total = len(newest_first)
    if position is not None:
        newest_first = [(case_id, day) for case_id, day in newest_first if (day, case_id) < position]
    page, pages, offset = _paging(total, filters, position)
    chosen = [case_id for case_id, _day in newest_first[offset:offset + PAGE_SIZE + 1]]
    statement = built(("cases", "found"), lambda: (
        _listed().where(among_bound(Case.id, "ids")).order_by(*NEWEST_FIRST)))
    rows = db.session.execute(statement, {"ids": chosen}).all() if chosen else []
    return _page(rows, total, page, pages)


BEFORE_DAY, BEFORE_ID = bindparam("before_day", type_=Date), bindparam("before_id", type_=Integer)
OFFSET, LIMIT = bindparam("offset", type_=Integer), bindparam("limit", type_=Integer)


def _page_of_keys(keyed: Callable[[], Select], filters: CaseFilters, position, *,
                  kept: Hashable | None = None, values: dict | None = None) -> CaseListPage:
    """Few cases (a narrowing names at most IDS_CAP; a user's own are ~1,000), ``keyed()``
    selecting their (id, received_on): sorted and counted in the statement (a window count over all
    of them, before the page is cut, so a page by position still has the whole list's total) and
    the page's rows read with them, each case probed once, in one statement. Reading the keys here
    and the rows after cost a second round trip and ~1,000 rows through the driver (an officer's
    list at a million cases: ~5 ms). ``kept``: the statements' shape when ``keyed()`` binds its
    values by name (``values``), so they are built once (queries/built.py)."""
    def build_rows():
        keys = keyed().add_columns(func.count().over().label(TOTAL)).subquery()
        chosen = select(keys.c.id, keys.c[TOTAL])
        if position is not None:
            chosen = chosen.where(tuple_(keys.c.received_on, keys.c.id) < tuple_(BEFORE_DAY, BEFORE_ID))
        chosen = chosen.order_by(keys.c.received_on.desc(), keys.c.id.desc()).offset(OFFSET).limit(LIMIT)
        # The ids passed the filters already: their rows need none of them again.
        chosen = chosen.subquery()
        return (_listed().add_columns(chosen.c[TOTAL]).join(chosen, chosen.c.id == Case.id)
                .order_by(*NEWEST_FIRST))

    statement = built(None if kept is None else ("cases", kept, "rows", position is not None), build_rows)
    counted = built(None if kept is None else ("cases", kept, "count"),
                    lambda: select(func.count()).select_from(keyed().subquery()))
    values = {**(values or {}), "limit": PAGE_SIZE + 1}
    if position is not None:
        values |= {"before_day": position[0], "before_id": position[1]}

    def rows_of(page: int, _with_count: bool) -> list:  # the count rides with the keys either way
        offset = (page - 1) * PAGE_SIZE if position is None else 0
        return db.session.execute(statement, {**values, "offset": offset}).all()

    def pages_for(total: int) -> int:
        return _paging(total, filters, position)[1]

    rows, total, page = page_with_total(rows_of, counted, max(1, filters.page), pages_for,
                                        numbered=position is None, count_values=values)
    return _page(rows, total, page, pages_for(total))


def _page_in_one_statement(filtered: _Filtered, filters: CaseFilters, position, key) -> CaseListPage:
    """The count (up to COUNT_CAP + 1), the page's ids through the (state or received_on, id)
    indexes and those rows' columns, in one statement (paging.page_with_total): the count and the
    ids are each planned on their own (a scalar subquery, an IN over a LIMIT), so the plans are the
    ones the three statements had, without two round trips (1M cases: ~1 ms of a ~10 ms page).
    Built once per shape of filters (``filtered.shape``) and run with their values."""
    kept = filtered.shape

    def counting():
        return select(func.count()).select_from(filtered.query.with_only_columns(Case.id)
                                                .limit(bindparam("count_cap", type_=Integer)).subquery())

    def build(with_count: bool):
        ids = filtered.query.with_only_columns(Case.id).order_by(*NEWEST_FIRST)
        if position is not None:
            ids = ids.where(tuple_(Case.received_on, Case.id) < tuple_(BEFORE_DAY, BEFORE_ID))
        ids = ids.offset(OFFSET).limit(LIMIT)
        # The ids passed the filters already: their rows need none of them again.
        query = (with_total(_listed(), counting()) if with_count else _listed()).where(Case.id.in_(ids))
        return query.order_by(*NEWEST_FIRST)

    values = {**filtered.values, "limit": PAGE_SIZE + 1, "count_cap": COUNT_CAP + 1}
    if position is not None:
        values |= {"before_day": position[0], "before_id": position[1]}
    counted = built(None if kept is None else ("cases", "filtered", kept, "count"), counting)

    def page_of(page: int, with_count: bool):
        shape = None if kept is None else ("cases", "filtered", kept, position is not None, with_count)
        statement = built(shape, lambda: build(with_count))
        offset = (page - 1) * PAGE_SIZE if position is None else 0
        return db.session.execute(statement, {**values, "offset": offset}).all()

    asked = replace(filters, page=min(max(1, filters.page), -(-COUNT_CAP // PAGE_SIZE)))  # pages there can be

    def pages_for(total: int) -> int:
        return _paging(total, asked, position)[1]

    rows, total, page = page_with_total(page_of, counted, asked.page, pages_for, numbered=position is None,
                                        cap=COUNT_CAP, key=key, count_values=values)
    return _page(rows, total, page, pages_for(total))


def case_export_rows(user: User | Viewer, filters: CaseFilters):
    """Every case the filters select (no paging), streamed from the database in batches (a
    server-side cursor, which lives in a transaction: request_transactions.py)."""
    in_transactions(db.session())
    filtered = _filtered(user, filters)
    query = filtered.query.add_columns(Case.act_type, Case.act_number, Case.procedure,
                                       Case.accepted_on, Case.decision_type, Case.decision_date)
    result = db.session.execute(query.order_by(Case.received_on.desc(), Case.id.desc())
                                .execution_options(yield_per=1000), filtered.values)
    yield from result


def _search_terms(q: str, *, dated: bool = False):
    """The ids of the cases ``q`` finds, as one select per index (``dated``: each with the case's
    date received, which every one of those indexes or rows holds), and the same test per case.

    Three or more characters: a substring of the case number, the document number or a party's
    name, each through its trigram index on PostgreSQL (migration 0015). One or two characters (a
    surname, a two-character name): the start of a party's name, through the name's pattern
    index (a trigram cannot serve them), which also holds the case and its date (migration 0025)."""
    cases = (Case.id, Case.received_on) if dated else (Case.id,)
    parties = (Party.case_id, Party.received_on) if dated else (Party.case_id,)
    if len(q) >= SHORTEST_SUBSTRING:
        term = f"%{q}%"
        selects = (select(*cases).where(Case.number.ilike(term)),
                   select(*cases).where(Case.act_number.ilike(term)),
                   select(*parties).where(Party.name.ilike(term)))
        per_case = or_(Case.number.ilike(term), Case.act_number.ilike(term),
                       exists().where(Party.case_id == Case.id, Party.name.ilike(term)))
        return union_all(*selects), per_case  # ALL: stop at the cap without sorting every match
    prefix = Party.name.like(f"{_escape_like(q)}%", escape="\\")
    return select(*parties).where(prefix), exists().where(Party.case_id == Case.id, prefix)


USER_ID = bindparam("user_id", type_=Integer)  # whose cases, in a kept statement (queries/built.py)


def mine_select(who):
    """A select of the ids of a user's own cases (see mine_clause; ``who``: their id, or USER_ID in
    a kept statement), one select per index: the assignments' user index and the cases' creator
    index (migration 0018)."""
    return union_all(select(CaseAssignment.case_id).where(CaseAssignment.user_id == who),
                     select(Case.id).where(Case.created_by_id == who))


def mine_in_progress_selects(who) -> tuple:
    """Selects of the ids of a user's own cases in progress (``who`` as for mine_select): the
    assignments the database marks in progress, the registered cases in progress, each read from
    its partial index (migration 0026) rather than each own case probed. A case may be in both."""
    return (select(CaseAssignment.case_id).where(CaseAssignment.user_id == who, CaseAssignment.in_progress),
            select(Case.id).where(Case.created_by_id == who, case_in_progress()))


def case_in_progress():
    """SQL: the case is in progress, its states written out as in the partial indexes' condition
    (migrations 0023, 0026), so the planner can use them in a prepared statement too."""
    return written_in(Case.state, [s.value for s in IN_PROGRESS_STATES])


def _open_deadline_ids(cases, defence_cases):
    """A select of the ids of the open and paused deadlines of ``cases`` and ``defence_cases``
    (selects of ids), each gathered into an array whose values probe the deadlines' indexes."""
    open_or_paused = written_in(Deadline.state, ("open", "paused"))  # the partial index's states
    return union_all(
        select(Deadline.id).where(among_selected(Deadline.case_id, cases), open_or_paused),
        select(Deadline.id).where(among_selected(Deadline.defence_case_id, defence_cases), open_or_paused))


def deadline_ids_mine(user: User) -> list[int] | None:
    """The ids of the open and paused deadlines of an officer's own cases and defence cases (the
    board, the dashboard), in one statement: the own cases and the defence cases each gathered
    inside it into an array whose values probe the deadlines' case and defence-case indexes (an
    officer's case ids never travel to this process and back). None when too many to name.

    On PostgreSQL only the own cases in progress are probed (~200 of an officer's ~1,000 at a
    million cases): the database refuses an open deadline on a case that is not (migration 0027).
    SQLite cannot check that at commit, so there every own case is probed. The defence cases are
    those about assigned cases the database flags (has_defence), not every assigned case probed.
    Both together: ~4 ms -> ~1 ms of an officer's board and dashboard at a million cases."""
    postgres = db.session.get_bind().dialect.name == "postgresql"

    def build():
        own = union_all(*mine_in_progress_selects(USER_ID)) if postgres else mine_select(USER_ID)
        return _open_deadline_ids(own, defence_ids_mine_select(USER_ID))

    return ids_if_few_kept(("deadline_ids_mine", postgres), build, {"user_id": user.id})


def deadline_ids_of_officer(officer_id: int) -> list[int] | None:
    """The ids of the open and paused deadlines of the cases an officer is assigned to and of the
    defence cases they handle: the supervisor's board filtered to one officer. Tested deadline by
    deadline instead (an assignment probed for each of the ~17,000 open deadlines, or every case
    hashed) it took ~0.2 s at a million cases; from the assignments' and the defence cases'
    indexes, about a millisecond. None when too many to name. On PostgreSQL only the assignments in
    progress (as deadline_ids_mine, and for its reason)."""
    postgres = db.session.get_bind().dialect.name == "postgresql"

    def build():
        assigned = select(CaseAssignment.case_id).where(CaseAssignment.user_id == USER_ID)
        if postgres:
            assigned = assigned.where(CaseAssignment.in_progress)
        return _open_deadline_ids(assigned, select(DefenceCase.id).where(DefenceCase.officer_id == USER_ID))

    return ids_if_few_kept(("deadline_ids_of_officer", postgres), build, {"user_id": officer_id})


def deadlines_mine(user: User):
    """SQL for those deadlines when there are too many to name (deadline_ids_mine returned None):
    every deadline tested. Named ones are bound by id (among_bound) where the statement is kept."""
    return or_(mine_clause(user), defence_mine_clause(user))


def _shows_only_mine(user: User, filters: CaseFilters) -> bool:
    return filters.view != "intake" and not (filters.view == "all" and user.role == Role.SUPERVISOR.value)


def _narrowing(user: User, filters: CaseFilters) -> dict[str, list[int] | None]:
    """Each filter that can name its cases through an index: a search, an officer, overdue. Its ids
    when few (then the list is read by id and paged here), None when very many (then tested case by
    case, newest first, which finds a page of them soon). "My cases" are gathered inside the
    statement instead (_filtered)."""
    found: dict[str, list[int] | None] = {}
    if q := filters.q.strip():
        found["q"] = ids_if_few(_search_terms(q)[0])
    if filters.officer_id:
        found["officer"] = ids_if_few(select(CaseAssignment.case_id)
                                       .where(CaseAssignment.user_id == filters.officer_id))
    if filters.overdue and filters.today:
        found["overdue"] = ids_if_few(select(Deadline.case_id).where(
            Deadline.state == "open", Deadline.due_on < filters.today, Deadline.case_id.is_not(None)))
    return found


def _listed():
    """A list row: the case's columns, its respondent and its next open deadline."""
    next_due = (select(func.min(Deadline.due_on)).where(Deadline.case_id == Case.id,
                                                        written_in(Deadline.state, ("open", "paused")))
                .correlate(Case).scalar_subquery())
    return (select(Case.id, Case.number, Case.state, Case.received_on, Case.late,
                   Agency.name.label("respondent"), next_due.label("next_due"))
            .join(Agency, Case.respondent_id == Agency.id))


@dataclass(frozen=True)
class _Filtered:
    """The filters as one query whose values are bound by name (``values``); ``shape`` says which
    conditions it has, so a statement built from it can be kept (queries/built.py), or None when
    it names ids or a search term (built per request, as those lists change with every request)."""
    query: Select
    values: dict
    shape: tuple | None


def _filtered(user: User, filters: CaseFilters, found: dict[str, list[int] | None] | None = None
              ) -> _Filtered:
    """The filters as one query. ``found``: what ``_narrowing`` returned (looked up when not given)."""
    found = _narrowing(user, filters) if found is None else found
    query = _listed()
    values: dict = {}
    shape: list = []

    def bound(name: str, value, type_=String):
        values[name] = value
        shape.append(name)
        return bindparam(name, type_=type_)

    def narrowed(name: str, per_case):
        return among(Case.id, found[name]) if found.get(name) is not None else per_case

    if filters.view == "intake":
        shape.append("intake")
        query = query.where(Case.state.in_(INTAKE_STATES))
    if _shows_only_mine(user, filters):
        # Gathered inside the statement: an officer's ~1,000 ids never travel here and back.
        query = query.where(among_selected(Case.id, mine_select(bound("user_id", user.id, Integer))))
    if filters.state:
        query = query.where(Case.state == bound("state", filters.state))
    if filters.respondent_id:
        query = query.where(Case.respondent_id == bound("respondent_id", filters.respondent_id, Integer))
    if filters.area:
        query = query.where(func.coalesce(Case.area, Agency.area) == bound("area", filters.area))
    if filters.decided_from:
        query = query.where(Case.decision_date >= bound("decided_from", filters.decided_from, Date))
    if filters.decided_to:
        query = query.where(Case.decision_date <= bound("decided_to", filters.decided_to, Date))
    if filters.decision == "correction":
        values["correction_types"] = list(filters.correction_types)
        shape.append("correction")
        query = query.where(Case.decision_type.in_(bindparam("correction_types", expanding=True)))
    elif filters.decision:
        query = query.where(Case.decision_type == bound("decision", filters.decision))
    if filters.channel:
        query = query.where(Case.channel == bound("channel", filters.channel))
    if filters.procedure:
        query = query.where(Case.procedure == bound("procedure", filters.procedure))
    if filters.act_type:
        query = query.where(Case.act_type == bound("act_type", filters.act_type))
    if filters.received_from:
        query = query.where(Case.received_on >= bound("received_from", filters.received_from, Date))
    if filters.received_to:
        query = query.where(Case.received_on <= bound("received_to", filters.received_to, Date))
    # These name ids or a search term: not kept.
    named = bool(filters.officer_id or (filters.overdue and filters.today) or filters.q.strip())
    if filters.officer_id:
        query = query.where(narrowed("officer", exists().where(CaseAssignment.case_id == Case.id,
                                                               CaseAssignment.user_id == filters.officer_id)))
    if filters.overdue and filters.today:
        query = query.where(narrowed("overdue", exists().where(
            Deadline.case_id == Case.id, Deadline.state == "open", Deadline.due_on < filters.today)))
    if q := filters.q.strip():
        query = query.where(narrowed("q", _search_terms(q)[1]))
    return _Filtered(query, values, None if named else tuple(shape))


def agency_choices() -> list[tuple[int, str]]:
    agencies = (select(Agency.id, Agency.name).where(Agency.active.is_(True))
                .order_by(Agency.area, Agency.name))
    return [(agency_id, name) for agency_id, name in db.session.execute(agencies)]  # by position: cheaper


def agency_filter_choices() -> tuple[tuple[int, str], ...]:
    """The agencies the case list's filter offers (a province has hundreds), kept up to
    SUMMARY_CACHE_SECONDS: a new agency appears in the filter within a minute. Forms that validate a
    choice read the list afresh (agency_choices). Officers are typed, not chosen (queries/officers)."""
    # A tuple: the options filter renders a tuple once (web/options.py), as it cannot change.
    return remembered(("agency filter choices",), lambda: tuple(agency_choices()))[0]
