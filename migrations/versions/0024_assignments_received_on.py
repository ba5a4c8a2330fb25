"""an officer's cases newest first, from the indexes alone

Revision ID: 0024
Revises: 0023
Create Date: 2026-11-27 18:10:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade():
    # An officer's case list is ordered by the date received: with that date in the assignments
    # (a copy: it never changes after registration) and in the index of the cases they registered,
    # the list's page is read from two indexes, instead of visiting each of the officer's ~1,000
    # cases for its date (1M cases: ~8 -> ~1 ms).
    with op.batch_alter_table('case_assignments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('received_on', sa.Date(), nullable=True))
    op.execute("UPDATE case_assignments SET received_on = "
               "(SELECT cases.received_on FROM cases WHERE cases.id = case_assignments.case_id)")
    with op.batch_alter_table('case_assignments', schema=None) as batch_op:
        batch_op.alter_column('received_on', existing_type=sa.Date(), nullable=False)
        batch_op.create_index('ix_case_assignments_user_id_received_on_case_id',
                              ['user_id', 'received_on', 'case_id'], unique=False)
        batch_op.drop_index('ix_case_assignments_user_id_case_id')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_created_by_id_received_on_id', ['created_by_id', 'received_on', 'id'],
                              unique=False)
        batch_op.drop_index('ix_cases_created_by_id_id')


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_created_by_id_id', ['created_by_id', 'id'], unique=False)
        batch_op.drop_index('ix_cases_created_by_id_received_on_id')
    with op.batch_alter_table('case_assignments', schema=None) as batch_op:
        batch_op.create_index('ix_case_assignments_user_id_case_id', ['user_id', 'case_id'], unique=False)
        batch_op.drop_index('ix_case_assignments_user_id_received_on_case_id')
        batch_op.drop_column('received_on')
