"""The benchmark's data generator writes a valid database: the application reads it, the audit
chain verifies, and the figures add up (the benchmark itself, bench/run.py, is run by hand)."""

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from bench.generate import generate
from casemgr.domain.audit_chain import verify
from casemgr.models import AuditEntry, Case, Deadline, Publication
from tests import dbutil


def test_a_small_generated_database_is_consistent(settings):
    if settings.kind != "postgresql":
        pytest.skip("the generator loads PostgreSQL with COPY")
    url = make_url(settings.database_url)
    url = url.set(database=url.database + "_bench").render_as_string(hide_password=False)
    try:
        summary = generate(300, url)
        engine = create_engine(url)
        with engine.connect() as connection:
            assert connection.execute(select(func.count()).select_from(Case)).scalar() == 300
            assert summary["decided"] + summary["open"] <= 300
            assert (
                connection.execute(select(func.count()).select_from(Publication)).scalar()
                == summary["published"]
            )
            assert connection.execute(select(func.count()).select_from(Deadline)).scalar() > 300
        with Session(engine) as session:  # the fields the application hashes: AuditEntry.chain_fields
            entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
            chain = [(e.id, e.chain_fields(), e.prev_hash, e.hash) for e in entries]
        count, broken = verify(chain)
        assert broken is None and count == len(entries) > 300
        engine.dispose()
    finally:
        dbutil.drop_database(settings.admin_url, url)
