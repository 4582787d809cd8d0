"""change history: who changed what, when; append-only

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "change_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("record_kind", sa.String(length=40), nullable=False),
        sa.Column("record_uid", sa.String(length=36), nullable=False),
        sa.Column("subject_uid", sa.String(length=36), nullable=False),
        sa.Column("label", sa.String(length=240), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("redacted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_entry")),
    )
    with op.batch_alter_table("change_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_change_entry_at"), ["at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_change_entry_record_kind"), ["record_kind"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_change_entry_record_uid"), ["record_uid"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_change_entry_subject_uid"), ["subject_uid"], unique=False
        )

    # Append-only: nothing is deleted (but the made-up history of a sample organization, when
    # the sample is replaced), and the one change allowed is redaction (for a person who asked
    # to be forgotten), which blanks the label and values and cannot be undone.
    for statement in APPEND_ONLY:
        op.execute(statement)


APPEND_ONLY = (
    """
    CREATE TRIGGER change_entry_no_delete BEFORE DELETE ON change_entry
    WHEN COALESCE((SELECT is_sample FROM organization LIMIT 1), 1) = 0
    BEGIN SELECT RAISE(ABORT, 'the change history is append-only'); END
    """,
    """
    CREATE TRIGGER change_entry_redact_only BEFORE UPDATE ON change_entry
    WHEN NOT (
        OLD.redacted = 0 AND NEW.redacted = 1 AND NEW.label = '' AND NEW.changes = '{}'
        AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor = OLD.actor
        AND NEW.action = OLD.action AND NEW.record_kind = OLD.record_kind
        AND NEW.record_uid = OLD.record_uid AND NEW.subject_uid = OLD.subject_uid
    )
    BEGIN SELECT RAISE(ABORT, 'the change history is append-only'); END
    """,
)


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS change_entry_no_delete")
    op.execute("DROP TRIGGER IF EXISTS change_entry_redact_only")
    with op.batch_alter_table("change_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_entry_subject_uid"))
        batch_op.drop_index(batch_op.f("ix_change_entry_record_uid"))
        batch_op.drop_index(batch_op.f("ix_change_entry_record_kind"))
        batch_op.drop_index(batch_op.f("ix_change_entry_at"))

    op.drop_table("change_entry")
