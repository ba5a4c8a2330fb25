"""each deadline's agency, copied from its case or defence case, for the board by management area

Revision ID: 0029
Revises: 0028
Create Date: 2026-11-28 13:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0029'
down_revision = '0028'
branch_labels = None
depends_on = None

OPEN_OR_PAUSED = "state IN ('open', 'paused')"

# deadlines.agency_id: the respondent of the deadline's case, or the agency of its defence case.
# Written by the database, never by the application: on insert (unless the row brings it, as a
# restored backup or the benchmark's generator does), when a deadline changes owner, and when a
# case's respondent or a defence case's agency changes.
AGENCY_OF_ROW = ("COALESCE((SELECT respondent_id FROM cases WHERE cases.id = {row}.case_id), "
                 "(SELECT agency_id FROM defence_cases WHERE defence_cases.id = {row}.defence_case_id))")

POSTGRESQL_TRIGGERS = f"""
CREATE FUNCTION deadlines_agency() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.agency_id := {AGENCY_OF_ROW.format(row="NEW")};
    RETURN NEW;
END $$;
CREATE TRIGGER deadlines_agency_on_insert BEFORE INSERT ON deadlines
    FOR EACH ROW WHEN (NEW.agency_id IS NULL) EXECUTE FUNCTION deadlines_agency();
CREATE TRIGGER deadlines_agency_on_owner BEFORE UPDATE OF case_id, defence_case_id ON deadlines
    FOR EACH ROW EXECUTE FUNCTION deadlines_agency();
CREATE FUNCTION cases_respondent_to_deadlines() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE deadlines SET agency_id = NEW.respondent_id WHERE case_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER cases_respondent_to_deadlines AFTER UPDATE OF respondent_id ON cases
    FOR EACH ROW WHEN (NEW.respondent_id IS DISTINCT FROM OLD.respondent_id)
    EXECUTE FUNCTION cases_respondent_to_deadlines();
CREATE FUNCTION defence_cases_agency_to_deadlines() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE deadlines SET agency_id = NEW.agency_id WHERE defence_case_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER defence_cases_agency_to_deadlines AFTER UPDATE OF agency_id ON defence_cases
    FOR EACH ROW WHEN (NEW.agency_id IS DISTINCT FROM OLD.agency_id)
    EXECUTE FUNCTION defence_cases_agency_to_deadlines();
"""

# SQLite has no BEFORE trigger that sets NEW's columns: the row is written, then completed.
SQLITE_TRIGGERS = [
    "CREATE TRIGGER deadlines_agency_on_insert AFTER INSERT ON deadlines WHEN NEW.agency_id IS NULL "
    f"BEGIN UPDATE deadlines SET agency_id = {AGENCY_OF_ROW.format(row='NEW')} WHERE id = NEW.id; END",
    "CREATE TRIGGER deadlines_agency_on_owner AFTER UPDATE OF case_id, defence_case_id ON deadlines "
    f"BEGIN UPDATE deadlines SET agency_id = {AGENCY_OF_ROW.format(row='NEW')} WHERE id = NEW.id; END",
    "CREATE TRIGGER cases_respondent_to_deadlines AFTER UPDATE OF respondent_id ON cases "
    "WHEN NEW.respondent_id IS NOT OLD.respondent_id "
    "BEGIN UPDATE deadlines SET agency_id = NEW.respondent_id WHERE case_id = NEW.id; END",
    "CREATE TRIGGER defence_cases_agency_to_deadlines AFTER UPDATE OF agency_id ON defence_cases "
    "WHEN NEW.agency_id IS NOT OLD.agency_id "
    "BEGIN UPDATE deadlines SET agency_id = NEW.agency_id WHERE defence_case_id = NEW.id; END",
]


def upgrade():
    # The board filtered by management area read each deadline's agency through two index probes
    # (its case, its defence case): ~25 ms a board at a million cases. With the agency on the row,
    # an area's open deadlines are counted and its rows picked from indexes alone.
    # Not batch_alter_table: on SQLite that copies deadlines, whose triggers (0027) would go.
    op.add_column('deadlines', sa.Column('agency_id', sa.Integer(), nullable=True))
    op.execute(f"UPDATE deadlines SET agency_id = {AGENCY_OF_ROW.format(row='deadlines')}")
    # An area's ~1,700 open deadlines (of ~17,000 at a million cases) counted from here; and the
    # board's rows, read in due order from the (state, due_on, id) index, are kept or passed over
    # on its own copy of the agency, with no visit to the table (PostgreSQL: INCLUDE).
    # It carries each deadline's case and defence case (PostgreSQL), so the officers' loads of an
    # area's board are counted from it without visiting the table (~24 -> ~19 ms when not kept).
    op.create_index('ix_deadlines_open_agency', 'deadlines', ['agency_id', 'state', 'due_on', 'id'],
                    unique=False, postgresql_where=sa.text(OPEN_OR_PAUSED), sqlite_where=sa.text(OPEN_OR_PAUSED),
                    postgresql_include=['case_id', 'defence_case_id'])
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index('ix_deadlines_state_due_on_id', table_name='deadlines')
        op.create_index('ix_deadlines_state_due_on_id', 'deadlines', ['state', 'due_on', 'id'], unique=False,
                        postgresql_include=['agency_id'])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRESQL_TRIGGERS)
    else:
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER defence_cases_agency_to_deadlines ON defence_cases;"
                   "DROP FUNCTION defence_cases_agency_to_deadlines();"
                   "DROP TRIGGER cases_respondent_to_deadlines ON cases;"
                   "DROP FUNCTION cases_respondent_to_deadlines();"
                   "DROP TRIGGER deadlines_agency_on_owner ON deadlines;"
                   "DROP TRIGGER deadlines_agency_on_insert ON deadlines;"
                   "DROP FUNCTION deadlines_agency();")
    else:
        for name in ("defence_cases_agency_to_deadlines", "cases_respondent_to_deadlines",
                     "deadlines_agency_on_owner", "deadlines_agency_on_insert"):
            op.execute(f"DROP TRIGGER {name}")
    op.drop_index('ix_deadlines_open_agency', table_name='deadlines')
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index('ix_deadlines_state_due_on_id', table_name='deadlines')
        op.create_index('ix_deadlines_state_due_on_id', 'deadlines', ['state', 'due_on', 'id'], unique=False)
    op.execute("ALTER TABLE deadlines DROP COLUMN agency_id")  # SQLite too (3.35+), no copy
