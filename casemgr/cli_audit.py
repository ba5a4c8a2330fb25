"""``casemgr audit verify``: walk the hash-chained audit log and report the first entry that was
changed or whose predecessor was removed (exit status 1), or that the chain is whole."""

from __future__ import annotations

import click
from flask.cli import with_appcontext


def audit_entries_for_verify():
    """Every entry in id order, streamed, as (id, fields, prev_hash, hash)."""
    from sqlalchemy import select

    from casemgr.extensions import db
    from casemgr.models import AuditEntry

    query = select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=1000)
    for entry in db.session.scalars(query):
        yield entry.id, entry.chain_fields(), entry.prev_hash, entry.hash


@click.group("audit")
def audit_group() -> None:
    """The audit log."""


@audit_group.command("verify")
@with_appcontext
def audit_verify_command() -> None:
    """Check every entry's hash and link; exit 1 at the first break."""
    from casemgr.domain.audit_chain import verify

    count, broken = verify(audit_entries_for_verify())
    if broken is None:
        click.echo(f"audit log intact: {count} entries")
        return
    why = {"changed": "was changed (its hash does not match its content)",
           "link": "does not follow the entry before it: an entry before it was removed or altered",
           "unsealed": "has no hash (written outside the audit service)"}[broken.kind]
    click.echo(f"audit log BROKEN at entry {broken.entry_id}: it {why}", err=True)
    raise SystemExit(1)
