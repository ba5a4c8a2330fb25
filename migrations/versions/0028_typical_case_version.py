"""a typical case's version, so two supervisors editing its commentary cannot overwrite each other

Revision ID: 0028
Revises: 0027
Create Date: 2026-11-28 12:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0028'
down_revision = '0027'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('typical_cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))


def downgrade():
    with op.batch_alter_table('typical_cases', schema=None) as batch_op:
        batch_op.drop_column('version')
