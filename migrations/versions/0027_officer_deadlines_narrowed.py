"""an officer's open deadlines from their cases in progress and their cases with a defence case

Revision ID: 0027
Revises: 0026
Create Date: 2026-11-28 08:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0027'
down_revision = '0026'
branch_labels = None
depends_on = None

# casemgr.domain.workflow.IN_PROGRESS_STATES on this day (tests/test_migrations.py compares them).
IN_PROGRESS = ("state IN ('received', 'awaiting_supplement', 'accepted', 'suspended', 'pending_approval', "
               "'approved', 'decided')")
OPEN = "state IN ('open', 'paused')"

# case_assignments.has_defence: whether a defence case (a lawsuit, a respondent case) is about the
# assigned case. Set when the assignment is inserted and when a defence case names the case; never
# cleared (a defence case is not deleted; were one, the flag would only make a probe find nothing).
POSTGRESQL_DEFENCE_TRIGGERS = """
CREATE FUNCTION case_assignments_has_defence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.has_defence := EXISTS (SELECT 1 FROM defence_cases WHERE defence_cases.case_id = NEW.case_id);
    RETURN NEW;
END $$;
CREATE TRIGGER case_assignments_has_defence BEFORE INSERT OR UPDATE OF case_id
    ON case_assignments FOR EACH ROW EXECUTE FUNCTION case_assignments_has_defence();
CREATE FUNCTION defence_cases_to_assignments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE case_assignments SET has_defence = true WHERE case_id = NEW.case_id AND NOT has_defence;
    RETURN NULL;
END $$;
CREATE TRIGGER defence_cases_to_assignments AFTER INSERT OR UPDATE OF case_id ON defence_cases
    FOR EACH ROW WHEN (NEW.case_id IS NOT NULL) EXECUTE FUNCTION defence_cases_to_assignments();
"""

# An open or paused deadline belongs to a case in progress: the services close a case's deadlines
# when it ends (deadline_rows.deadline_close), and the database refuses a transaction that leaves
# one open, so a query may look for open deadlines among the cases in progress alone. Checked at
# commit (DEFERRABLE INITIALLY DEFERRED): within a transaction the case's state and its deadlines
# change in whichever order the session flushes them.
POSTGRESQL_OPEN_DEADLINE_TRIGGERS = f"""
CREATE FUNCTION deadlines_open_in_progress() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM deadlines WHERE id = NEW.id AND case_id IS NOT NULL AND {OPEN})
       AND NOT EXISTS (SELECT 1 FROM cases WHERE id = NEW.case_id AND {IN_PROGRESS}) THEN
        RAISE EXCEPTION 'deadline % is open but case % is not in progress', NEW.id, NEW.case_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER deadlines_open_in_progress AFTER INSERT OR UPDATE OF state, case_id
    ON deadlines DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (NEW.case_id IS NOT NULL AND NEW.{OPEN}) EXECUTE FUNCTION deadlines_open_in_progress();
CREATE FUNCTION cases_end_without_open_deadlines() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM cases WHERE id = NEW.id AND NOT ({IN_PROGRESS}))
       AND EXISTS (SELECT 1 FROM deadlines WHERE case_id = NEW.id AND {OPEN}) THEN
        RAISE EXCEPTION 'case % is not in progress but has open deadlines', NEW.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER cases_end_without_open_deadlines AFTER UPDATE OF state ON cases
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (NOT (NEW.{IN_PROGRESS})) EXECUTE FUNCTION cases_end_without_open_deadlines();
"""

# SQLite drops a table's triggers with it: a later migration whose batch_alter_table rebuilds
# case_assignments or defence_cases on SQLite must create these again (as 0010's search triggers),
# and cannot rename a copy of case_assignments while 0026's trigger on cases names it.
# It has no deferred triggers: there the queries probe all of an officer's cases (queries/cases.py).
SQLITE_TRIGGERS = [
    "CREATE TRIGGER case_assignments_has_defence AFTER INSERT ON case_assignments BEGIN "
    "UPDATE case_assignments SET has_defence = EXISTS (SELECT 1 FROM defence_cases "
    "WHERE defence_cases.case_id = NEW.case_id) WHERE id = NEW.id; END",
    "CREATE TRIGGER defence_cases_to_assignments AFTER INSERT ON defence_cases "
    "WHEN NEW.case_id IS NOT NULL BEGIN UPDATE case_assignments SET has_defence = 1 "
    "WHERE case_id = NEW.case_id; END",
    "CREATE TRIGGER defence_cases_case_to_assignments AFTER UPDATE OF case_id ON defence_cases "
    "WHEN NEW.case_id IS NOT NULL BEGIN UPDATE case_assignments SET has_defence = 1 "
    "WHERE case_id = NEW.case_id; END",
]


def upgrade():
    # An officer's board and dashboard gather the open deadlines of their ~1,000 cases and of the
    # defence cases about them: at a million cases ~2,000 probes of the open deadlines' index and
    # ~1,000 of the defence cases' case index (~4 ms). Only the ~200 cases in progress can hold an
    # open deadline (checked here), and only a few have a defence case (flagged here).
    # Not batch_alter_table: on SQLite that copies the table, which 0026's trigger on cases names.
    op.add_column('case_assignments', sa.Column('has_defence', sa.Boolean(), server_default=sa.text('false'),
                                                nullable=False))
    op.execute("UPDATE case_assignments SET has_defence = true WHERE EXISTS (SELECT 1 FROM defence_cases "
               "WHERE defence_cases.case_id = case_assignments.case_id)")
    op.create_index('ix_case_assignments_has_defence', 'case_assignments', ['user_id', 'case_id'], unique=False,
                    postgresql_where=sa.text('has_defence'), sqlite_where=sa.text('has_defence'))
    # A deadline an earlier version left open on a case that has ended is closed as the services
    # close one when its case ends (deadline_rows.deadline_close): missed if already overdue,
    # cancelled otherwise. The services have always done so; this makes it true of every row.
    op.execute("UPDATE deadlines SET state = CASE WHEN due_on < CURRENT_DATE THEN 'missed' ELSE 'cancelled' END, "
               f"paused_from = NULL WHERE case_id IS NOT NULL AND {OPEN} "
               f"AND case_id IN (SELECT id FROM cases WHERE NOT ({IN_PROGRESS}))")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRESQL_DEFENCE_TRIGGERS)
        op.execute(POSTGRESQL_OPEN_DEADLINE_TRIGGERS)
    else:
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER cases_end_without_open_deadlines ON cases;"
                   "DROP FUNCTION cases_end_without_open_deadlines();"
                   "DROP TRIGGER deadlines_open_in_progress ON deadlines;"
                   "DROP FUNCTION deadlines_open_in_progress();"
                   "DROP TRIGGER defence_cases_to_assignments ON defence_cases;"
                   "DROP FUNCTION defence_cases_to_assignments();"
                   "DROP TRIGGER case_assignments_has_defence ON case_assignments;"
                   "DROP FUNCTION case_assignments_has_defence();")
    else:
        for name in ("defence_cases_case_to_assignments", "defence_cases_to_assignments",
                     "case_assignments_has_defence"):
            op.execute(f"DROP TRIGGER {name}")
    op.drop_index('ix_case_assignments_has_defence', table_name='case_assignments')
    op.execute("ALTER TABLE case_assignments DROP COLUMN has_defence")  # SQLite too (3.35+), no copy
