"""the defence cases an officer registered, by index

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-27 10:40:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade():
    # An officer's defence cases (their own, registered by them, or about their cases) are found
    # through three indexes at once instead of reading every defence case (queries/cases.py).
    op.create_index('ix_defence_cases_created_by_id', 'defence_cases', ['created_by_id'], unique=False)


def downgrade():
    op.drop_index('ix_defence_cases_created_by_id', table_name='defence_cases')
