"""A list found to hold more rows than its count's cap is not counted again for a while
(paging.page_with_total): its rows are always read afresh; a list under the cap is always counted."""

from sqlalchemy import select

from casemgr import summary_cache
from casemgr.models import User
from casemgr.queries import cases as queries
from casemgr.queries.paging import paginate
from tests.factories import create_case, create_user
from tests.statements import counting


def counted(statements: list[str]) -> bool:
    return any("page_total" in statement for statement in statements)


def test_a_case_list_over_the_cap_is_not_counted_again_for_a_while(caches_kept, database, monkeypatch):
    monkeypatch.setattr(queries, "COUNT_CAP", 2)
    supervisor = create_user(role="supervisor")
    for _ in range(3):
        create_case()
    filters = queries.CaseFilters(view="all")
    with counting() as statements:
        first = queries.case_list(supervisor, filters)
    assert first.capped and first.total == 3 and counted(statements)
    newer = create_case()
    with counting() as statements:
        again = queries.case_list(supervisor, filters)
    assert again.capped and again.total == 3 and not counted(statements)
    assert again.rows[0].id == newer.id  # the rows are read afresh
    other = queries.case_list(supervisor, queries.CaseFilters(view="all", state="archived"))
    assert other.total == 0 and not other.capped  # another list is counted on its own
    summary_cache.forget_all()  # a minute later
    with counting() as statements:
        assert queries.case_list(supervisor, filters).capped
    assert counted(statements)


def test_a_list_under_the_cap_is_counted_every_time(caches_kept, database):
    supervisor = create_user(role="supervisor")
    create_case()
    filters = queries.CaseFilters(view="all")
    assert queries.case_list(supervisor, filters).total == 1
    create_case()
    assert queries.case_list(supervisor, filters).total == 2


def test_an_officers_own_list_is_counted_apart_from_anothers(caches_kept, database, monkeypatch):
    monkeypatch.setattr(queries, "COUNT_CAP", 1)
    busy, quiet = create_user(role="officer"), create_user(role="officer")
    for _ in range(2):
        create_case(actor=busy)
    create_case(actor=quiet)
    assert queries.case_list(busy, queries.CaseFilters()).capped
    mine = queries.case_list(quiet, queries.CaseFilters())
    assert not mine.capped and mine.total == 1


def test_paginate_keeps_a_capped_count_by_its_key(caches_kept, database):
    for _ in range(3):
        create_user()
    query = select(User.id)
    first = paginate(query, 1, 10, User.id, cap=1, key=("test users",))
    assert first.capped and len(first.rows) == 3
    create_user()
    with counting() as statements:
        again = paginate(query, 1, 10, User.id, cap=1, key=("test users",))
    assert again.capped and again.total == 2 and len(again.rows) == 4 and not counted(statements)
    with counting() as statements:
        assert paginate(query, 1, 10, User.id, cap=1).capped  # no key: counted
    assert counted(statements)


def test_what_is_noted_stays_bounded(caches_kept, database, monkeypatch):
    """One entry per list and search: the oldest half goes when the cache is full."""
    monkeypatch.setattr(summary_cache, "_MAX_ENTRIES", 4)
    for n in range(10):
        summary_cache.keep(("a search", n), True)
    assert len(summary_cache._entries) <= 4 and summary_cache.peek(("a search", 9)) is True
    assert summary_cache.peek(("a search", 0)) is None
