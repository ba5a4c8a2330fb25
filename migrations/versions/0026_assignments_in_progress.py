"""an officer's cases in progress, from the indexes alone

Revision ID: 0026
Revises: 0025
Create Date: 2026-11-27 18:35:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0026'
down_revision = '0025'
branch_labels = None
depends_on = None

# casemgr.domain.workflow.IN_PROGRESS_STATES on this day (tests/test_migrations.py compares them).
IN_PROGRESS = ("state IN ('received', 'awaiting_supplement', 'accepted', 'suspended', 'pending_approval', "
               "'approved', 'decided')")

POSTGRESQL_TRIGGERS = f"""
CREATE FUNCTION case_assignments_in_progress() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.in_progress := EXISTS (SELECT 1 FROM cases WHERE cases.id = NEW.case_id AND cases.{IN_PROGRESS});
    RETURN NEW;
END $$;
CREATE TRIGGER case_assignments_in_progress BEFORE INSERT OR UPDATE OF case_id
    ON case_assignments FOR EACH ROW EXECUTE FUNCTION case_assignments_in_progress();
CREATE FUNCTION cases_state_to_assignments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE case_assignments SET in_progress = (NEW.{IN_PROGRESS}) WHERE case_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER cases_state_to_assignments AFTER UPDATE OF state ON cases FOR EACH ROW
    WHEN (OLD.state IS DISTINCT FROM NEW.state) EXECUTE FUNCTION cases_state_to_assignments();
"""

# SQLite drops a table's triggers with it: a later migration whose batch_alter_table rebuilds
# cases or case_assignments on SQLite must create these again (as 0010's search triggers).
SQLITE_TRIGGERS = [
    "CREATE TRIGGER case_assignments_in_progress AFTER INSERT ON case_assignments BEGIN "
    f"UPDATE case_assignments SET in_progress = coalesce((SELECT {IN_PROGRESS} FROM cases "
    "WHERE cases.id = NEW.case_id), 0) WHERE id = NEW.id; END",
    "CREATE TRIGGER cases_state_to_assignments AFTER UPDATE OF state ON cases "
    f"WHEN OLD.state IS NOT NEW.state BEGIN UPDATE case_assignments SET in_progress = (NEW.{IN_PROGRESS}) "
    "WHERE case_id = NEW.id; END",
]


def upgrade():
    # An officer's dashboard counts which of their cases are in progress. Probing each of their
    # ~1,000 cases for it cost ~3 ms at a million cases; with the flag on the assignments (kept by
    # the database, so no writer can forget it) and the registered cases in progress indexed, the
    # ~200 in progress are read from two indexes.
    with op.batch_alter_table('case_assignments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('in_progress', sa.Boolean(), server_default=sa.text('false'),
                                      nullable=False))
    op.execute(f"UPDATE case_assignments SET in_progress = EXISTS (SELECT 1 FROM cases "
               f"WHERE cases.id = case_assignments.case_id AND cases.{IN_PROGRESS})")
    with op.batch_alter_table('case_assignments', schema=None) as batch_op:
        batch_op.create_index('ix_case_assignments_in_progress', ['user_id', 'case_id'], unique=False,
                              postgresql_where=sa.text('in_progress'), sqlite_where=sa.text('in_progress'))
    op.create_index('ix_cases_created_by_id_in_progress', 'cases', ['created_by_id', 'id'], unique=False,
                    postgresql_where=sa.text(IN_PROGRESS), sqlite_where=sa.text(IN_PROGRESS))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRESQL_TRIGGERS)
    else:
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER cases_state_to_assignments ON cases;"
                   "DROP FUNCTION cases_state_to_assignments();"
                   "DROP TRIGGER case_assignments_in_progress ON case_assignments;"
                   "DROP FUNCTION case_assignments_in_progress();")
    else:
        op.execute("DROP TRIGGER cases_state_to_assignments")
        op.execute("DROP TRIGGER case_assignments_in_progress")
    op.drop_index('ix_cases_created_by_id_in_progress', table_name='cases')
    with op.batch_alter_table('case_assignments', schema=None) as batch_op:
        batch_op.drop_index('ix_case_assignments_in_progress')
        batch_op.drop_column('in_progress')
