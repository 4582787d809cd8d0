"""households: a folded name for search and sorting

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("sort_key", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.create_index(batch_op.f("ix_household_sort_key"), ["sort_key"], unique=False)

    # Fill the folded name of the households already there (as core.text.fold does today).
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, name FROM household")).all()
    if rows:
        bind.execute(
            sa.text("UPDATE household SET sort_key = :key WHERE id = :id"),
            [{"id": row.id, "key": _fold(row.name)} for row in rows],
        )


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def downgrade() -> None:
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_household_sort_key"))
        batch_op.drop_column("sort_key")
