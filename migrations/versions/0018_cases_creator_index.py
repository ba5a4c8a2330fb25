"""the cases an officer registered, by index

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-27 10:30:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    # "My cases" are the ones assigned to an officer or registered by them: both halves are now read
    # through an index (the assignments' user_id had one), so the list, the dashboard and the board
    # find an officer's few cases without testing every case (queries/cases.py mine_ids).
    op.create_index('ix_cases_created_by_id', 'cases', ['created_by_id'], unique=False)


def downgrade():
    op.drop_index('ix_cases_created_by_id', table_name='cases')
