"""volunteers: roles with backups, screenings and trainings, emergency contact

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "volunteer_check",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("volunteer_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["volunteer_id"],
            ["volunteer.id"],
            name=op.f("fk_volunteer_check_volunteer_id_volunteer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_check")),
        sa.UniqueConstraint("uid", name=op.f("uq_volunteer_check_uid")),
    )
    with op.batch_alter_table("volunteer_check", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_volunteer_check_deleted_at"), ["deleted_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_volunteer_check_expires_on"), ["expires_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_volunteer_check_volunteer_id"), ["volunteer_id"], unique=False
        )

    op.create_table(
        "volunteer_role",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("volunteer_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=120), nullable=False),
        sa.Column("backup_person_id", sa.Integer(), nullable=True),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["backup_person_id"],
            ["person.id"],
            name=op.f("fk_volunteer_role_backup_person_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["volunteer_id"],
            ["volunteer.id"],
            name=op.f("fk_volunteer_role_volunteer_id_volunteer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_role")),
        sa.UniqueConstraint("uid", name=op.f("uq_volunteer_role_uid")),
    )
    with op.batch_alter_table("volunteer_role", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_volunteer_role_deleted_at"), ["deleted_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_volunteer_role_volunteer_id"), ["volunteer_id"], unique=False
        )

    with op.batch_alter_table("volunteer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("availability", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("emergency_name", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("emergency_phone", sa.String(length=40), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("volunteer", schema=None) as batch_op:
        batch_op.drop_column("emergency_phone")
        batch_op.drop_column("emergency_name")
        batch_op.drop_column("availability")

    with op.batch_alter_table("volunteer_role", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_volunteer_role_volunteer_id"))
        batch_op.drop_index(batch_op.f("ix_volunteer_role_deleted_at"))

    op.drop_table("volunteer_role")
    with op.batch_alter_table("volunteer_check", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_volunteer_check_volunteer_id"))
        batch_op.drop_index(batch_op.f("ix_volunteer_check_expires_on"))
        batch_op.drop_index(batch_op.f("ix_volunteer_check_deleted_at"))

    op.drop_table("volunteer_check")
