"""substring search index for the embedded default (SQLite FTS5 with the trigram tokenizer)

PostgreSQL has its pg_trgm GIN index since 0007. SQLite gets an external-content FTS5 table over
publications.public_text, kept in step by triggers; the portal queries it for phrases of three
characters or more (queries/portal.py). Not part of the models: env.py and the migration test
leave tables named publications_fts* alone.

Revision ID: 0010
Revises: 0009
"""

from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

STATEMENTS = [
    "CREATE VIRTUAL TABLE publications_fts USING fts5(public_text, content='publications', "
    "content_rowid='id', tokenize='trigram')",
    "INSERT INTO publications_fts(rowid, public_text) SELECT id, public_text FROM publications",
    "CREATE TRIGGER publications_fts_ai AFTER INSERT ON publications BEGIN "
    "INSERT INTO publications_fts(rowid, public_text) VALUES (new.id, new.public_text); END",
    "CREATE TRIGGER publications_fts_ad AFTER DELETE ON publications BEGIN "
    "INSERT INTO publications_fts(publications_fts, rowid, public_text) VALUES ('delete', old.id, old.public_text); END",
    "CREATE TRIGGER publications_fts_au AFTER UPDATE OF public_text ON publications BEGIN "
    "INSERT INTO publications_fts(publications_fts, rowid, public_text) VALUES ('delete', old.id, old.public_text); "
    "INSERT INTO publications_fts(rowid, public_text) VALUES (new.id, new.public_text); END",
]


def upgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in ("publications_fts_ai", "publications_fts_ad", "publications_fts_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS publications_fts")
