"""practices and funding: practice records linked to programs, partners, funder templates,
funding applications and their reporting deadlines; the organization's history; the referral
log's index (newest first)

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "funder_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("sections", sa.JSON(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funder_template")),
        sa.UniqueConstraint("uid", name=op.f("uq_funder_template_uid")),
    )
    with op.batch_alter_table("funder_template", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_funder_template_deleted_at"), ["deleted_at"], unique=False
        )

    op.create_table(
        "partner",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("collaboration_level", sa.String(length=40), nullable=False),
        sa.Column("contribution", sa.Text(), nullable=False),
        sa.Column("contact", sa.String(length=200), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner")),
        sa.UniqueConstraint("uid", name=op.f("uq_partner_uid")),
    )
    with op.batch_alter_table("partner", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_partner_deleted_at"), ["deleted_at"], unique=False)

    op.create_table(
        "practice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("evidence_level", sa.String(length=20), nullable=False),
        sa.Column("language", sa.String(length=12), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("elements", sa.JSON(), nullable=False),
        sa.Column("uses_ccr_values", sa.Boolean(), nullable=False),
        sa.Column("ccr_values", sa.JSON(), nullable=False),
        sa.Column("evidence_from", sa.Date(), nullable=True),
        sa.Column("evidence_to", sa.Date(), nullable=True),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("quotes", sa.JSON(), nullable=False),
        sa.Column("shareable", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice")),
        sa.UniqueConstraint("uid", name=op.f("uq_practice_uid")),
    )
    with op.batch_alter_table("practice", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_practice_deleted_at"), ["deleted_at"], unique=False)

    op.create_table(
        "funding_application",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("funder", sa.String(length=200), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=True),
        sa.Column("practice_id", sa.Integer(), nullable=True),
        sa.Column("template_id", sa.Integer(), nullable=True),
        sa.Column("amount_cents", sa.Integer(), nullable=True),
        sa.Column("granted_cents", sa.Integer(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("sections", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["practice_id"],
            ["practice.id"],
            name=op.f("fk_funding_application_practice_id_practice"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["program.id"],
            name=op.f("fk_funding_application_program_id_program"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["funder_template.id"],
            name=op.f("fk_funding_application_template_id_funder_template"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funding_application")),
        sa.UniqueConstraint("uid", name=op.f("uq_funding_application_uid")),
    )
    with op.batch_alter_table("funding_application", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_funding_application_deleted_at"), ["deleted_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_funding_application_program_id"), ["program_id"], unique=False
        )

    op.create_table(
        "practice_program",
        sa.Column("practice_id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["practice_id"],
            ["practice.id"],
            name=op.f("fk_practice_program_practice_id_practice"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["program.id"],
            name=op.f("fk_practice_program_program_id_program"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("practice_id", "program_id", name=op.f("pk_practice_program")),
    )
    with op.batch_alter_table("practice_program", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_practice_program_program_id"), ["program_id"], unique=False
        )

    op.create_table(
        "reporting_deadline",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("what", sa.String(length=200), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["funding_application.id"],
            name=op.f("fk_reporting_deadline_application_id_funding_application"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reporting_deadline")),
        sa.UniqueConstraint("uid", name=op.f("uq_reporting_deadline_uid")),
    )
    with op.batch_alter_table("reporting_deadline", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reporting_deadline_application_id"), ["application_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_reporting_deadline_deleted_at"), ["deleted_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_reporting_deadline_due_on"), ["due_on"], unique=False)

    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.create_index("ix_referral_log", ["deleted_at", "referred_on"], unique=False)

    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.add_column(sa.Column("history", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.drop_index("ix_referral_log")

    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.drop_column("history")

    with op.batch_alter_table("reporting_deadline", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reporting_deadline_due_on"))
        batch_op.drop_index(batch_op.f("ix_reporting_deadline_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_reporting_deadline_application_id"))

    op.drop_table("reporting_deadline")
    with op.batch_alter_table("practice_program", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_practice_program_program_id"))

    op.drop_table("practice_program")
    with op.batch_alter_table("funding_application", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_funding_application_program_id"))
        batch_op.drop_index(batch_op.f("ix_funding_application_deleted_at"))

    op.drop_table("funding_application")
    with op.batch_alter_table("practice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_practice_deleted_at"))

    op.drop_table("practice")
    with op.batch_alter_table("partner", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partner_deleted_at"))

    op.drop_table("partner")
    with op.batch_alter_table("funder_template", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_funder_template_deleted_at"))

    op.drop_table("funder_template")
