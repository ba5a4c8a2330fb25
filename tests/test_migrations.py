"""The schema exists only through Alembic: upgrading an empty database gives exactly the models."""

import flask_migrate
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.engine import make_url

from casemgr import create_app
from casemgr.extensions import db
from tests import dbutil


def include_name(name, type_, parent_names):
    # migration 0010's SQLite search index is not a model (see migrations/env.py)
    return not (type_ == "table" and name.startswith("publications_fts"))


def test_upgrade_of_an_empty_database_matches_the_models(settings, app_environ, tmp_path):
    if settings.kind == "postgresql":
        url = make_url(settings.database_url).set(database=make_url(settings.database_url).database + "_migr")
        url = url.render_as_string(hide_password=False)
        dbutil.create_database(settings.admin_url, url)
    else:
        url = f"sqlite:///{tmp_path / 'migr.sqlite'}"
    try:
        fresh = create_app({"TESTING": True}, environ={**app_environ, "DATABASE_URL": url,
                                                        "CASEMGR_INSTANCE_PATH": str(tmp_path)})
        with fresh.app_context():
            flask_migrate.upgrade()
            with db.engine.connect() as conn:
                context = MigrationContext.configure(conn, opts={"compare_type": True,
                                                                 "include_name": include_name})
                diff = compare_metadata(context, db.metadata)
            flask_migrate.downgrade(revision="base")
            flask_migrate.upgrade()
            db.engine.dispose()
        assert diff == []
    finally:
        if settings.kind == "postgresql":
            dbutil.drop_database(settings.admin_url, url)


def test_the_in_progress_index_names_the_domains_states():
    """Migrations 0023, 0026 and 0027 write the states out; the model derives them from the workflow."""
    import importlib.util
    from pathlib import Path

    from casemgr.models.case import IN_PROGRESS

    for name in ("0023_cases_in_progress.py", "0026_assignments_in_progress.py",
                 "0027_officer_deadlines_narrowed.py"):
        path = Path(__file__).resolve().parent.parent / "migrations" / "versions" / name
        spec = importlib.util.spec_from_file_location(f"migration_{name[:4]}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        assert module.IN_PROGRESS == IN_PROGRESS, name


# The copies and checks the database keeps (migrations 0010, 0026, 0027, 0029), by trigger name. SQLite
# drops a table's triggers when a migration rebuilds the table; this names what must be there after.
TRIGGERS = {
    "both": {"case_assignments_has_defence", "case_assignments_in_progress", "cases_state_to_assignments",
             "defence_cases_to_assignments", "deadlines_agency_on_insert", "deadlines_agency_on_owner",
             "cases_respondent_to_deadlines", "defence_cases_agency_to_deadlines"},
    "postgresql": {"cases_end_without_open_deadlines", "deadlines_open_in_progress"},
    "sqlite": {"defence_cases_case_to_assignments", "publications_fts_ai", "publications_fts_ad",
               "publications_fts_au"},
}


def test_every_trigger_the_copies_and_checks_rely_on_is_there(database, settings):
    if settings.kind == "postgresql":
        listed = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    else:
        listed = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    present = set(database.scalars(text(listed)))
    assert TRIGGERS["both"] | TRIGGERS[settings.kind] == present
