"""The benchmark's data generator writes a valid database: the application reads it, the audit
chain verifies, and the figures add up (the benchmark itself, bench/run.py, is run by hand)."""

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import make_url

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
            rows = connection.execute(select(AuditEntry.__table__).order_by(AuditEntry.id)).mappings().all()
            chain = [
                (
                    r["id"],
                    {
                        k: r[k]
                        for k in (
                            "id",
                            "at",
                            "actor_id",
                            "action",
                            "object_type",
                            "object_id",
                            "remote_addr",
                            "details",
                        )
                    },
                    r["prev_hash"],
                    r["hash"],
                )
                for r in rows
            ]
        count, broken = verify(chain)
        assert broken is None and count == len(rows) > 300
        engine.dispose()
    finally:
        dbutil.drop_database(settings.admin_url, url)
