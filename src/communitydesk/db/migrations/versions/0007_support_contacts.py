"""support contacts: one-to-one support logged with a person or household

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "support_contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("household_id", sa.Integer(), nullable=True),
        sa.Column("contact_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=True),
        sa.Column("language", sa.String(length=12), nullable=False),
        sa.Column("volunteer_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_support_contact_household_id_household"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_support_contact_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["volunteer_id"],
            ["person.id"],
            name=op.f("fk_support_contact_volunteer_id_person"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_contact")),
        sa.UniqueConstraint("uid", name=op.f("uq_support_contact_uid")),
    )
    with op.batch_alter_table("support_contact", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_support_contact_contact_on"), ["contact_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_support_contact_deleted_at"), ["deleted_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_support_contact_household_id"), ["household_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_support_contact_person_id"), ["person_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("support_contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_support_contact_person_id"))
        batch_op.drop_index(batch_op.f("ix_support_contact_household_id"))
        batch_op.drop_index(batch_op.f("ix_support_contact_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_support_contact_contact_on"))

    op.drop_table("support_contact")
