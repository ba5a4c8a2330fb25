"""The supervisors' deadline board: every open deadline by urgency, and each officer's load.

A row belongs to a reconsideration case or to a defence case (lawsuit, respondent case): both are
outer-joined, and the number, officers and agency come from whichever owns the row.

Read through the (state, due_on, id) index, nearest first. Each group shows its GROUP_LIMIT most
urgent rows (``group=`` shows one group alone, page by page), so the page costs the same with 100
open deadlines or 100,000. The number of statements is fixed: a supervisor's board reads the
count of every group (those not known to be over the cap), each group's rows with their officers,
and the per-officer counts (kept a minute); an officer's board, and a supervisor's filtered to one
officer, read that officer's deadlines by id first.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import NamedTuple

from sqlalchemy import (
    Date,
    Integer,
    String,
    and_,
    any_,
    bindparam,
    exists,
    func,
    literal,
    literal_column,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy import case as sql_case
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import aliased

from casemgr import summary_cache
from casemgr.access import Viewer
from casemgr.domain.calendar import WorkCalendar
from casemgr.domain.deadlines import due_status
from casemgr.extensions import db
from casemgr.i18n import current_language
from casemgr.models import Agency, Case, CaseAssignment, Deadline, DefenceCase, Role, User
from casemgr.queries.among import among_bound, written_in
from casemgr.queries.built import built
from casemgr.queries.cases import deadline_ids_mine, deadline_ids_of_officer, deadlines_mine
from casemgr.request_transactions import in_transactions
from casemgr.summary_cache import remembered

GROUPS = ("overdue", "due_today", "due_soon", "later")
ALL_GROUPS = (*GROUPS, "paused")
COUNT_CAP = 1_000  # a group with more rows says "1,000+" (the export has them all)
OFFICERS_SHOWN = 30  # the per-officer table's most loaded rows; the export and the filter have all
GROUP_LIMIT = 20  # the most urgent rows of each group; "show all" pages through the rest
EXPORT_BATCH = 500

# Every value the board's statements take is bound by name, so each statement is built once per
# shape (queries/built.py) and run with the request's values (_values).
TODAY, LATER_FROM = bindparam("today", type_=Date), bindparam("later_from", type_=Date)
RULE = bindparam("rule_code", type_=String)
# A management area is bound like the rest: its agencies are an array the statement computes when
# it runs (_in_area), so one plan serves every area, and the ten areas' boards share one prepared
# statement per connection. (Written into the SQL, each area's statement was planned apart: ~3 ms
# for each of its first five runs on each connection, a fifth of the benchmark's area boards.)
AREA = bindparam("area", type_=String)
OFFICER, OFFSET = bindparam("officer_id", type_=Integer), bindparam("offset", type_=Integer)
# The limits are written into the SQL, not bound: PostgreSQL plans a prepared statement once for
# all its runs (a generic plan) only when that plan looks no dearer than one made for the values,
# and it takes a bound LIMIT to keep a tenth of the rows. Bound, the groups' ids were planned afresh
# on every board; written, once per connection (pg_prepared_statements.generic_plans). Read when a
# statement is built, and part of its key (_shape): the tests lower them.
#
# A supervisor's counts and rows have the day's dates and the states written in when they run (still
# built once: SQLAlchemy renders them into the SQL text at each run). PostgreSQL cannot plan "due
# before some date" once for every date without taking it for a third of the deadlines, so with the
# dates bound it planned the counts afresh on every board (~0.5-1 ms at a million cases); written,
# a statement is the same all day, has no bound value without filters, and is planned once a day
# per connection.
TODAY_WRITTEN = bindparam("today", type_=Date, literal_execute=True)
LATER_FROM_WRITTEN = bindparam("later_from", type_=Date, literal_execute=True)


def _limit():
    return literal_column(str(GROUP_LIMIT))


def _cap():
    return literal_column(str(COUNT_CAP + 1))


@dataclass(frozen=True)
class BoardFilters:
    officer_id: int | None = None
    rule_code: str = ""
    area: str = ""
    group: str = ""  # one of ALL_GROUPS: that group alone, GROUP_LIMIT rows per page
    page: int = 1


class BoardRow(NamedTuple):
    """A shown deadline (a tuple: a board builds 100 of them per view, ~4x cheaper than a frozen
    dataclass)."""

    case_id: int | None
    defence_case_id: int | None
    number: str
    rule_code: str
    start_on: date
    due_on: date
    provisional: bool
    explanation: list[str]  # in the reader's language (only that one is read)
    officers: str
    respondent: str
    area: str


class OfficerLoad(NamedTuple):
    user_id: int
    name: str
    open: int  # open deadlines (paused ones not included)
    overdue: int


@dataclass(frozen=True)
class Board:
    groups: dict[str, list[BoardRow]]  # overdue, due_today, due_soon, later, then paused
    counts: dict[str, int]  # every row of each group, also those beyond the shown limit
    per_officer: list[OfficerLoad]  # most loaded first
    per_officer_at: datetime  # when those were counted (they may be up to a minute old)
    total: int  # open deadlines (paused ones not included)
    today: date
    group: str = ""  # the one group shown alone, "" for all
    page: int = 1
    pages: int = 1

    def count_text(self, name: str) -> str:
        """A group's count as shown: "1,000+" past COUNT_CAP."""
        return f"{COUNT_CAP:,}+" if self.counts[name] > COUNT_CAP else str(self.counts[name])

    @property
    def total_text(self) -> str:
        if all(self.counts[name] <= COUNT_CAP for name in GROUPS):
            return str(self.total)
        return f"{sum(min(self.counts[name], COUNT_CAP) for name in GROUPS):,}+"  # at least this many


def _later_from(today: date, calendar: WorkCalendar) -> date:
    """The first due date classed "later" (more than SOON_WORKDAYS working days away)."""
    day = today + timedelta(days=1)
    while due_status(day, today, calendar).value != "later":
        day += timedelta(days=1)
    return day


def _named_ids(user: User | Viewer, filters: BoardFilters) -> list[int] | None:
    """The deadlines the board may show, by id, when they can be named from an index: an officer's
    own (deadline_ids_mine); on a supervisor's board filtered to one officer, that officer's
    (deadline_ids_of_officer). None for a supervisor's whole board, or when too many to name."""
    if user.role != Role.SUPERVISOR.value:
        return deadline_ids_mine(user)
    return deadline_ids_of_officer(filters.officer_id) if filters.officer_id else None


@dataclass(frozen=True)
class _Visible:
    """Which deadlines the user's board shows: ``clause`` None for a supervisor (all); those named by
    id (bound as ``visible_ids``: _named_ids), else an officer's by the test per deadline (``kept``
    False: that clause holds the officer's id, so its statements are not kept for others)."""
    clause: object = None
    kept: bool = True


def _visible(user: User | Viewer, ids: list[int] | None) -> _Visible:
    if ids is not None:
        return _Visible(among_bound(Deadline.id, "visible_ids"))
    if user.role == Role.SUPERVISOR.value:
        return _Visible()
    return _Visible(deadlines_mine(user), kept=False)


def _shape(name: str, visible: _Visible, filters: BoardFilters, *more) -> tuple | None:
    """The key a statement is kept under: what it is, whose deadlines, which filters are set."""
    if not visible.kept:
        return None
    return ("board", name, visible.clause is None, bool(filters.officer_id), bool(filters.rule_code),
            bool(filters.area), GROUP_LIMIT, COUNT_CAP, *more)


def _values(filters: BoardFilters, today: date, later_from: date | None = None, **more) -> dict:
    """The values the board's statements are run with (each takes those it names)."""
    return {"today": today, "later_from": later_from, "rule_code": filters.rule_code, "area": filters.area,
            "officer_id": filters.officer_id, **more}


def _joined(query):
    """``query`` (from deadlines) with the case or defence case owning each row and its agency (the
    row's copy of it: migration 0029)."""
    return (query.outerjoin(Case, Deadline.case_id == Case.id)
            .outerjoin(DefenceCase, Deadline.defence_case_id == DefenceCase.id)
            .outerjoin(Agency, Agency.id == Deadline.agency_id))


def _base(visible, filters: BoardFilters, *columns):
    query = _joined(select(*columns).select_from(Deadline))
    if visible.clause is not None:
        query = query.where(visible.clause)
    if filters.officer_id:
        assigned = exists().where(CaseAssignment.case_id == Case.id, CaseAssignment.user_id == OFFICER)
        query = query.where(or_(assigned, DefenceCase.officer_id == OFFICER))
    if filters.rule_code:
        query = query.where(Deadline.rule_code == RULE)
    if filters.area:
        query = query.where(Agency.area == AREA)
    return query


def _officers() -> object:
    """A row's officers as one string: a case's assigned officers by name, a defence case's officer.
    In the row's own statement (a probe of the assignments' case index per row, ~9 us at a million
    cases), not a statement of its own for a page's cases (~1.9 ms of a board with its Python)."""
    if db.session.get_bind().dialect.name == "postgresql":
        separator = aggregate_order_by(literal_column("', '"), User.display_name)
        name = func.string_agg(User.display_name, separator)
        assigned = (select(name).join(CaseAssignment, CaseAssignment.user_id == User.id)
                    .where(CaseAssignment.case_id == Deadline.case_id))
    else:  # SQLite (3.40) has no ORDER BY in an aggregate: group_concat keeps its input's order.
        # The ordered names are a subquery in the FROM of the row's scalar subquery, where SQLAlchemy
        # would not correlate the deadline (it would join every deadline in): named by its SQL.
        row_case = literal_column(f"{Deadline.__tablename__}.case_id")
        ordered = (select(User.display_name).join(CaseAssignment, CaseAssignment.user_id == User.id)
                   .where(CaseAssignment.case_id == row_case).order_by(User.display_name).subquery())
        assigned = select(func.group_concat(ordered.c.display_name, ", "))
    defence = select(User.display_name).where(User.id == DefenceCase.officer_id)
    return func.coalesce(assigned.scalar_subquery(), defence.scalar_subquery()).label("officers")


def _row_columns() -> tuple:
    """A row as the board and its export show it (in this order: _board_row reads it by position)."""
    return (Deadline.case_id, Deadline.defence_case_id,
            func.coalesce(Case.number, DefenceCase.forum_number).label("number"), Deadline.rule_code,
            Deadline.start_on, Deadline.due_on, Deadline.provisional,
            func.coalesce(Agency.name, DefenceCase.forum).label("respondent"), Agency.area, _officers())


def _page_columns() -> tuple:
    """A shown row: _row_columns, its explanation in the reader's language (only that one is read),
    its id (in this order, twelve columns: _board_row and _rows_by_id read them by position)."""
    explanation = Deadline.explanation_zh if current_language() == "zh" else Deadline.explanation_en
    return (*_row_columns(), explanation.label("explanation"), Deadline.id.label("deadline_id"))


@functools.cache
def _group_conditions(written: bool = False) -> Mapping[str, tuple]:
    """Each group as (state, condition on the due date); ``written``: the day's dates written into
    the SQL when it runs (TODAY_WRITTEN), not bound. Built once: the conditions name only bound
    values, and a board asked for them twice (~0.1 ms a view to build them)."""
    today, later_from = (TODAY_WRITTEN, LATER_FROM_WRITTEN) if written else (TODAY, LATER_FROM)
    return MappingProxyType({
        "overdue": ("open", Deadline.due_on < today), "due_today": ("open", Deadline.due_on == today),
        "due_soon": ("open", and_(Deadline.due_on > today, Deadline.due_on < later_from)),
        "later": ("open", Deadline.due_on >= later_from), "paused": ("paused", true())})


def _ids(visible, filters: BoardFilters, *columns):
    """The deadlines the board selects, as a query of their ids (or of ``columns``): without joins
    on a supervisor's board (then the (state, due_on, id) index is read, a management area by the
    agency the index carries: _in_area)."""
    columns = columns or (Deadline.id,)
    if visible.clause is None and not filters.officer_id:
        query = select(*columns)
        if filters.rule_code:
            query = query.where(Deadline.rule_code == RULE)
        return query.where(_in_area()) if filters.area else query
    return _base(visible, filters, *columns)


def _in_area():
    """SQL: the deadline's agency (its copy on the row, migration 0029) is of the management area
    AREA. A group's rows are read in due order from the (state, due_on, id) index, which carries the
    agency (PostgreSQL), until the page has its 20; the overdue ones are counted from
    ix_deadlines_open_agency. The area's agencies are an array on PostgreSQL, not a subquery it
    would join: a join read all 13,000 deadlines due later and sorted them (and a join to count
    read ~10,000 index entries for "later", its rows misjudged from the closed deadlines' dates).
    Probing each deadline's case and defence case for its agency took ~25 ms a board at 1M cases."""
    in_area = select(Agency.id).where(Agency.area == AREA)
    if db.session.get_bind().dialect.name == "postgresql":
        return Deadline.agency_id == any_(func.array(in_area.scalar_subquery()))
    return Deadline.agency_id.in_(in_area)


def _picked_rows(visible: _Visible, filters: BoardFilters, groups: Mapping[str, tuple], values: dict
                 ) -> dict[str, list]:
    """The rows of each group's most urgent GROUP_LIMIT deadlines (from ``values["offset"]``), in one
    statement: each group's ids through the (state, due_on, id) index, then their rows. The day's
    dates are written in (``groups`` from _group_conditions(written=True)), so without filters the
    statement has no bound value and is planned once a day per connection: at a million cases the
    ids, the rows and the officers took three statements (~6.5 ms of a board with their Python)."""
    def build():
        parts = []
        for name, (state, condition) in groups.items():
            keys = _ids(visible, filters, Deadline.id)
            group = (keys.where(written_in(Deadline.state, (state,)), condition)
                     .order_by(Deadline.due_on, Deadline.id))
            if paged:  # a page past the first of one group shown alone
                group = group.offset(OFFSET)
            group = group.limit(_limit()).subquery()
            parts.append(select(literal(name).label("board_group"), group.c.id))
        picked = union_all(*parts).subquery("picked")
        return _joined(select(*_page_columns(), picked.c.board_group).select_from(picked)
                       .join(Deadline, Deadline.id == picked.c.id))

    paged = bool(values["offset"])
    found: dict[str, list] = {name: [] for name in groups}
    statement = built(_shape("picked", visible, filters, tuple(groups), paged, current_language()), build)
    for row in db.session.execute(statement, values):
        found[row[-1]].append(row)
    for rows in found.values():  # a union keeps no order
        rows.sort(key=lambda row: (row[5], row[11]))  # due_on, deadline id
    return found


def _counts(visible: _Visible, filters: BoardFilters, values: dict, scope: tuple) -> dict[str, int]:
    """Every group's number of rows, each counted up to COUNT_CAP + 1 (so the board costs the same
    with 100,000 deadlines due later as with 100), all in one statement, the day's dates written in.

    A group found over the cap is not counted again for SUMMARY_CACHE_SECONDS (as a list's count,
    queries/paging.py): it would say "1,000+" again (a thousand deadlines do not go in a minute).
    At a million cases three of the five groups are over it, and counting them was most of the
    statement's time. ``scope``: whose deadlines and which filters (the same for whoever asks)."""
    over_key = ("board groups over the cap", scope)
    over = summary_cache.peek(over_key) or frozenset()
    groups = {name: condition for name, condition in _group_conditions(written=True).items()
              if name not in over}

    def rows_of(state: str, condition):
        query = _ids(visible, filters).where(written_in(Deadline.state, (state,)), condition)
        return query.limit(_cap()).subquery()

    def build():
        return select(*(select(func.count()).select_from(rows_of(state, condition)).scalar_subquery()
                        .label(name) for name, (state, condition) in groups.items()))

    counts = dict.fromkeys(over, COUNT_CAP + 1)
    if groups:
        statement = built(_shape("counts", visible, filters, tuple(groups)), build)
        row = db.session.execute(statement, values).one()
        counts.update({name: int(value or 0) for name, value in zip(groups, row, strict=True)})
    if newly_over := frozenset(name for name in groups if counts[name] > COUNT_CAP):
        summary_cache.keep(over_key, over | newly_over)
    return counts


def _board_row(r) -> BoardRow:
    """A shown row from its columns (_page_columns, maybe its group after them), read by position: a
    board builds 100 of them, and reading a result row's values by name cost ~3 us a row."""
    (case_id, defence_case_id, number, rule_code, start_on, due_on, provisional, respondent, area,
     officers, explanation, _deadline_id) = r[:12]
    return BoardRow(case_id, defence_case_id, number, rule_code, start_on, due_on, provisional,
                    explanation or [], officers or "", respondent or "", area or "")


def _per_officer(visible: _Visible, filters: BoardFilters, values: dict) -> list[OfficerLoad]:
    overdue = func.sum(sql_case((Deadline.due_on < TODAY, 1), else_=0))
    assigned = aliased(CaseAssignment)  # not the table the visibility and officer filters correlate to
    by_case = (_base(visible, filters, User.id, User.display_name, func.count(Deadline.id), overdue)
               .join(assigned, assigned.case_id == Case.id).join(User, assigned.user_id == User.id))
    by_defence = (_base(visible, filters, User.id, User.display_name, func.count(Deadline.id), overdue)
                  .join(User, User.id == DefenceCase.officer_id))
    # Reconsideration cases count for each assigned officer, defence cases for their one officer.
    counts: dict[int, list] = {}
    for query in (by_case, by_defence):
        grouped = query.where(Deadline.state == "open").group_by(User.id, User.display_name)
        for user_id, name, total, late in db.session.execute(grouped, values):
            mine = counts.setdefault(user_id, [name, 0, 0])
            mine[1] += int(total)
            mine[2] += int(late or 0)
    # The most loaded first: most overdue, then most open (a province has hundreds of officers).
    loads = (OfficerLoad(user_id, name, total, late) for user_id, (name, total, late) in counts.items())
    return sorted(loads, key=lambda row: (-row.overdue, -row.open, row.name))


def _named(visible: _Visible, filters: BoardFilters, groups: Mapping[str, tuple], values: dict, *,
           rows: bool) -> dict[str, list]:
    """An officer's deadlines named by id (tens or hundreds), each labelled with its group by the
    same conditions the groups' own queries use, in one statement (the five groups' queries would
    each scan the open deadlines for them), most urgent first: each one's row (``rows``: when they
    are few, no more than a full board shows, so the counts and pages come from them; their ids
    first and then the page's rows took two statements, ~0.5 ms at a million cases), else its id."""
    def build():
        columns = _page_columns() if rows else (Deadline.id,)
        return _base(visible, filters, *columns, _group_label(groups)).order_by(Deadline.due_on, Deadline.id)

    found: dict[str, list] = {name: [] for name in groups}
    statement = built(_shape("named", visible, filters, current_language() if rows else "ids"), build)
    for row in db.session.execute(statement, values):
        if row[-1] is not None:  # its group
            found[row[-1]].append(row if rows else row[0])
    return found


def _group_label(groups: Mapping[str, tuple]):
    """SQL naming the group of ``groups`` a deadline is in (NULL if none), by the conditions the
    groups' own queries use."""
    return sql_case(*((and_(Deadline.state == state, condition), name)
                      for name, (state, condition) in groups.items()))


def _rows_by_id(visible: _Visible, filters: BoardFilters, chosen: dict[str, list[int]], values: dict
                ) -> dict[str, list]:
    """The full rows of the chosen deadlines (a page of each group), in one statement."""
    ids = [i for group in chosen.values() for i in group]
    query = built(_shape("rows", visible, filters, current_language()),
                  lambda: _base(visible, filters, *_page_columns()).where(among_bound(Deadline.id, "ids")))
    rows = {row[-1]: row for row in db.session.execute(query, {**values, "ids": ids})} if ids else {}
    return {name: [rows[i] for i in group if i in rows] for name, group in chosen.items()}


def board_get(user: User, filters: BoardFilters, today: date, calendar: WorkCalendar) -> Board:
    conditions = _group_conditions()
    # Whose deadlines the kept figures cover depends on the role (an officer: their own), the
    # filters and the day.
    scope = (user.role, user.id if user.role != Role.SUPERVISOR.value else None, filters.officer_id,
             filters.rule_code, filters.area, today)
    named = _named_ids(user, filters)
    visible = _visible(user, named)
    values = _values(filters, today, _later_from(today, calendar), visible_ids=named)
    shown = (filters.group,) if filters.group in ALL_GROUPS else ALL_GROUPS
    every_row = None  # an officer's few deadlines, each with its row
    if named is not None and len(named) <= GROUP_LIMIT * len(ALL_GROUPS):
        every_row = _named(visible, filters, conditions, values, rows=True)
        counts = {name: len(rows) for name, rows in every_row.items()}
    elif named is not None:
        every = _named(visible, filters, conditions, values, rows=False)
        counts = {name: len(ids) for name, ids in every.items()}
    else:
        counts = _counts(visible, filters, values, scope)
    pages = max(1, -(-min(counts[shown[0]], COUNT_CAP) // GROUP_LIMIT)) if len(shown) == 1 else 1
    page = min(max(1, filters.page), pages)
    offset = (page - 1) * GROUP_LIMIT
    if every_row is not None:
        found = {name: every_row[name][offset:offset + GROUP_LIMIT] for name in shown}
    elif named is not None:
        page_ids = {name: every[name][offset:offset + GROUP_LIMIT] for name in shown}
        found = _rows_by_id(visible, filters, page_ids, values)
    else:
        written = _group_conditions(written=True)
        found = _picked_rows(visible, filters, {name: written[name] for name in shown},
                             {**values, "offset": offset})
    groups = {name: [_board_row(r) for r in found.get(name, [])] for name in ALL_GROUPS}
    per_officer, per_officer_at = remembered(("board.per_officer", scope),
                                             lambda: _per_officer(visible, filters, values))
    return Board(groups=groups, counts=counts, per_officer=per_officer, per_officer_at=per_officer_at,
                 total=sum(counts[name] for name in GROUPS), today=today,
                 group=shown[0] if len(shown) == 1 else "", page=page, pages=pages)


def board_export_rows(user: User | Viewer, filters: BoardFilters, today: date,
                      calendar: WorkCalendar) -> Iterator[tuple]:
    """Every open and paused deadline the filters select (no limit), as
    (status, case number, rule code, start, due, provisional, officers, respondent, area) tuples;
    streamed in batches through a server-side cursor (in a transaction: request_transactions.py)."""
    in_transactions(db.session())
    named = _named_ids(user, filters)
    query = (_base(_visible(user, named), filters, *_row_columns(), Deadline.state)
             .where(Deadline.state.in_(("open", "paused")))
             .order_by(Deadline.state, Deadline.due_on, Deadline.id)
             .execution_options(yield_per=EXPORT_BATCH))
    for r in db.session.execute(query, _values(filters, today, visible_ids=named)):
        status = "paused" if r.state == "paused" else due_status(r.due_on, today, calendar).value
        yield (status, r.number, r.rule_code, r.start_on, r.due_on, r.provisional, r.officers or "",
               r.respondent or "", r.area or "")
