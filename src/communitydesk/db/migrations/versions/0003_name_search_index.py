"""name search: an FTS5 trigram index over people's names (SQLite, where FTS5 has trigrams)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)

FTS_TABLE = "person_name_fts"
CREATE = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    "sort_key, name_skeleton, content='person', content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER person_name_fts_insert AFTER INSERT ON person BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, sort_key, name_skeleton) "
    "VALUES (new.id, new.sort_key, new.name_skeleton); END",
    f"CREATE TRIGGER person_name_fts_delete AFTER DELETE ON person BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, sort_key, name_skeleton) "
    "VALUES ('delete', old.id, old.sort_key, old.name_skeleton); END",
    f"CREATE TRIGGER person_name_fts_update AFTER UPDATE OF sort_key, name_skeleton ON person "
    f"BEGIN INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, sort_key, name_skeleton) "
    "VALUES ('delete', old.id, old.sort_key, old.name_skeleton); "
    f"INSERT INTO {FTS_TABLE}(rowid, sort_key, name_skeleton) "
    "VALUES (new.id, new.sort_key, new.name_skeleton); END",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return  # other databases search with LIKE (see db/name_search.py)
    try:
        bind.exec_driver_sql("CREATE VIRTUAL TABLE temp.probe USING fts5(x, tokenize='trigram')")
        bind.exec_driver_sql("DROP TABLE temp.probe")
    except sa.exc.OperationalError:
        log.warning("This SQLite has no FTS5 trigram tokenizer; name search uses LIKE.")
        return
    for statement in CREATE:
        bind.exec_driver_sql(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    for trigger in ("insert", "delete", "update"):
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS person_name_fts_{trigger}")
    bind.exec_driver_sql(f"DROP TABLE IF EXISTS {FTS_TABLE}")
