"""The audit log is hash-chained: a changed or removed entry is found by `casemgr audit verify`."""

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import delete, select, update

from casemgr.cli import main
from casemgr.domain.audit_chain import GENESIS, entry_digest, verify
from casemgr.models import AuditEntry
from tests.factories import create_case, create_user


def _entries():
    return [(i, {"id": i, "action": f"a{i}", "details": {"n": i}}) for i in range(1, 6)]


def _chain(entries):
    previous, out = GENESIS, []
    for entry_id, fields in entries:
        digest = entry_digest(fields, previous)
        out.append((entry_id, fields, previous, digest))
        previous = digest
    return out


def test_verify_finds_the_first_changed_or_removed_entry():
    chain = _chain(_entries())
    assert verify(chain) == (5, None)
    changed = [*chain[:2], (3, {**chain[2][1], "action": "other"}, chain[2][2], chain[2][3]), *chain[3:]]
    assert verify(changed)[1].entry_id == 3 and verify(changed)[1].kind == "changed"
    removed = chain[:2] + chain[3:]
    assert verify(removed)[1].entry_id == 4 and verify(removed)[1].kind == "link"


@given(
    st.lists(st.dictionaries(st.text(max_size=5), st.text(max_size=10), max_size=3), min_size=1, max_size=8),
    st.data(),
)
def test_any_single_change_is_detected(details, data):
    chain = _chain([(i, {"id": i, "details": d}) for i, d in enumerate(details, start=1)])
    index = data.draw(st.integers(0, len(chain) - 1))
    entry_id, fields, prev, digest = chain[index]
    chain[index] = (entry_id, {**fields, "details": {**fields["details"], "x": "tampered"}}, prev, digest)
    assert verify(chain)[1].entry_id == entry_id


def test_the_command_reports_a_tampered_database(app, database):
    officer = create_user()
    for _ in range(3):
        create_case(actor=officer)
    runner = app.test_cli_runner()
    result = runner.invoke(main, ["audit", "verify"])
    assert result.exit_code == 0 and "intact" in result.output
    ids = database.scalars(select(AuditEntry.id).order_by(AuditEntry.id)).all()
    database.execute(update(AuditEntry).where(AuditEntry.id == ids[2]).values(details={"number": "forged"}))
    database.commit()
    result = runner.invoke(main, ["audit", "verify"])
    assert result.exit_code == 1 and f"entry {ids[2]}" in result.output
    database.rollback()


def test_the_command_reports_a_removed_entry(app, database):
    officer = create_user()
    for _ in range(3):
        create_case(actor=officer)
    ids = database.scalars(select(AuditEntry.id).order_by(AuditEntry.id)).all()
    database.execute(delete(AuditEntry).where(AuditEntry.id == ids[1]))
    database.commit()
    result = app.test_cli_runner().invoke(main, ["audit", "verify"])
    assert result.exit_code == 1 and f"entry {ids[2]}" in result.output and "removed" in result.output
