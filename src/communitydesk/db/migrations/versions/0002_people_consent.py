"""people: consent, skeleton search key, more person fields

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "consent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("witness", sa.String(length=200), nullable=False),
        sa.Column("withdrawn_on", sa.Date(), nullable=True),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_consent_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent")),
        sa.UniqueConstraint("uid", name=op.f("uq_consent_uid")),
    )
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consent_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_consent_person_id"), ["person_id"], unique=False)

    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("name_skeleton", sa.String(length=480), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("other_phone", sa.String(length=40), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("address", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("age_band", sa.String(length=20), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("sensitive_notes", sa.Text(), nullable=False, server_default="")
        )

    # The skeleton of every existing name (doubled letters made single), frozen here as written.
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, sort_key FROM person")).all()
    bind.execute(
        sa.text("UPDATE person SET name_skeleton = :skeleton WHERE id = :id"),
        [{"id": row.id, "skeleton": re.sub(r"(.)\1+", r"\1", row.sort_key)} for row in rows],
    ) if rows else None


def downgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("sensitive_notes")
        batch_op.drop_column("age_band")
        batch_op.drop_column("address")
        batch_op.drop_column("other_phone")
        batch_op.drop_column("name_skeleton")

    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consent_person_id"))
        batch_op.drop_index(batch_op.f("ix_consent_deleted_at"))

    op.drop_table("consent")
