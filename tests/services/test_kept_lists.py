"""The case list's statements are built once per shape of filters and run with each request's
values (queries/cases.py _filtered, queries/built.py): the same shape with other values, or for
another officer, must show their own cases."""

from casemgr.queries import cases as queries
from tests.factories import create_case, create_decided_case, create_user


def _ids(user, **filters) -> list[int]:
    return [row.id for row in queries.case_list(user, queries.CaseFilters(**filters)).rows]


def test_one_shape_runs_with_each_requests_values(database):
    supervisor = create_user(role="supervisor")
    received, accepted = create_case(), create_case(state="accepted")
    assert _ids(supervisor, view="all", state="received") == [received.id]
    assert _ids(supervisor, view="all", state="accepted") == [accepted.id]  # the kept statement, other value
    assert _ids(supervisor, view="all", state="archived") == []


def test_two_officers_filtering_alike_see_their_own(database):
    first, second = create_user(role="officer"), create_user(role="officer")
    theirs = [create_case(actor=first, state="accepted"), create_case(actor=second, state="accepted")]
    create_case(actor=first)  # received: filtered out
    assert _ids(first, state="accepted") == [theirs[0].id]
    assert _ids(second, state="accepted") == [theirs[1].id]


def test_a_list_of_decision_types_is_bound_anew_each_time(database):
    supervisor = create_user(role="supervisor")
    revoked, upheld = create_decided_case(decision_type="revoke"), create_decided_case(decision_type="uphold")
    assert _ids(supervisor, view="all", decision="correction", correction_types=("revoke",)) == [revoked.id]
    both = _ids(supervisor, view="all", decision="correction", correction_types=("revoke", "uphold"))
    assert sorted(both) == sorted([revoked.id, upheld.id])
