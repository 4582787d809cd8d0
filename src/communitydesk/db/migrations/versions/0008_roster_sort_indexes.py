"""roster sort indexes: the first page of any sort is read in order, not sorted

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_person_roster_name": "deleted_at, sort_key, id",
    "ix_person_roster_latin": "deleted_at, lower(latin_name), sort_key",
    "ix_person_roster_phone": "deleted_at, phone, sort_key",
    "ix_person_roster_languages": "deleted_at, languages, sort_key",
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON person ({columns})")


def downgrade() -> None:
    for name in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
