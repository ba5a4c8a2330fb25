"""index of the met decision deadlines, for the on-time rate

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-27 10:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

MET_DECISION = "rule_code = 'decision' AND state = 'met'"


def upgrade():
    # The statistics ask, for every case decided in a period, whether its decision deadline was met
    # (ARL 62): one probe of this small index per case instead of reading the case's deadlines.
    op.create_index('ix_deadlines_decision_met', 'deadlines', ['case_id'], unique=False,
                    postgresql_where=sa.text(MET_DECISION), sqlite_where=sa.text(MET_DECISION))


def downgrade():
    op.drop_index('ix_deadlines_decision_met', table_name='deadlines')
