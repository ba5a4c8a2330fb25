"""the deadlines by state, due date and id: the board's and dashboard's order in full

Revision ID: 0021
Revises: 0020
Create Date: 2026-11-27 12:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade():
    # The board, the dashboard and the reminder scan read open deadlines "nearest first", ordered by
    # (due_on, id). With id in the index the order is the index's own and LIMIT 20 stops after 20
    # rows; without it every deadline of the first due dates (hundreds at 1M cases) was joined to
    # its case and agency, then sorted (the board's rows: 8.0 -> 1.3 ms at 1M cases).
    with op.batch_alter_table('deadlines', schema=None) as batch_op:
        batch_op.create_index('ix_deadlines_state_due_on_id', ['state', 'due_on', 'id'], unique=False)
        batch_op.drop_index('ix_deadlines_state_due_on')


def downgrade():
    with op.batch_alter_table('deadlines', schema=None) as batch_op:
        batch_op.create_index('ix_deadlines_state_due_on', ['state', 'due_on'], unique=False)
        batch_op.drop_index('ix_deadlines_state_due_on_id')
