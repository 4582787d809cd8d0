"""money: accounts, categories, funds and grants, transactions with splits and receipts,
recurring entries, budgets, closed periods, bank statements and reconciliation, donation receipts

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "closed_period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("closed_by", sa.String(length=120), nullable=False),
        sa.Column("reopened_at", sa.DateTime(), nullable=True),
        sa.Column("reopened_by", sa.String(length=120), nullable=False),
        sa.Column("reopen_reason", sa.Text(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_closed_period")),
        sa.UniqueConstraint("uid", name=op.f("uq_closed_period_uid")),
    )
    with op.batch_alter_table("closed_period", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_closed_period_deleted_at"), ["deleted_at"], unique=False
        )

    op.create_table(
        "fund",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("is_grant", sa.Boolean(), nullable=False),
        sa.Column("funder", sa.String(length=200), nullable=False),
        sa.Column("awarded_cents", sa.Integer(), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("conditions", sa.Text(), nullable=False),
        sa.Column("opening_cents", sa.Integer(), nullable=False),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fund")),
        sa.UniqueConstraint("uid", name=op.f("uq_fund_uid")),
    )
    with op.batch_alter_table("fund", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fund_deleted_at"), ["deleted_at"], unique=False)

    op.create_table(
        "money_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("institution", sa.String(length=120), nullable=False),
        sa.Column("number_hint", sa.String(length=12), nullable=False),
        sa.Column("opening_cents", sa.Integer(), nullable=False),
        sa.Column("opening_on", sa.Date(), nullable=False),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_money_account")),
        sa.UniqueConstraint("uid", name=op.f("uq_money_account_uid")),
    )
    with op.batch_alter_table("money_account", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_money_account_deleted_at"), ["deleted_at"], unique=False
        )

    op.create_table(
        "money_category",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("labels", sa.JSON(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["money_category.id"],
            name=op.f("fk_money_category_parent_id_money_category"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_money_category")),
        sa.UniqueConstraint("uid", name=op.f("uq_money_category_uid")),
    )
    with op.batch_alter_table("money_category", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_money_category_code"), ["code"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_money_category_deleted_at"), ["deleted_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_money_category_parent_id"), ["parent_id"], unique=False
        )

    op.create_table(
        "recurring_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("every", sa.String(length=10), nullable=False),
        sa.Column("next_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("template", sa.JSON(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recurring_entry")),
        sa.UniqueConstraint("uid", name=op.f("uq_recurring_entry_uid")),
    )
    with op.batch_alter_table("recurring_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recurring_entry_deleted_at"), ["deleted_at"], unique=False
        )

    op.create_table(
        "grant_deadline",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fund_id", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("what", sa.String(length=200), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["fund_id"],
            ["fund.id"],
            name=op.f("fk_grant_deadline_fund_id_fund"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grant_deadline")),
        sa.UniqueConstraint("uid", name=op.f("uq_grant_deadline_uid")),
    )
    with op.batch_alter_table("grant_deadline", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_grant_deadline_deleted_at"), ["deleted_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_grant_deadline_fund_id"), ["fund_id"], unique=False)

    op.create_table(
        "reconciliation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("statement_on", sa.Date(), nullable=False),
        sa.Column("statement_balance_cents", sa.Integer(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["money_account.id"],
            name=op.f("fk_reconciliation_account_id_money_account"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reconciliation")),
        sa.UniqueConstraint("uid", name=op.f("uq_reconciliation_uid")),
    )
    with op.batch_alter_table("reconciliation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reconciliation_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_reconciliation_deleted_at"), ["deleted_at"], unique=False
        )

    op.create_table(
        "statement_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("layout", sa.String(length=40), nullable=False),
        sa.Column("first_on", sa.Date(), nullable=True),
        sa.Column("last_on", sa.Date(), nullable=True),
        sa.Column("line_count", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["money_account.id"],
            name=op.f("fk_statement_import_account_id_money_account"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement_import")),
        sa.UniqueConstraint(
            "account_id", "sha256", name=op.f("uq_statement_import_account_id_sha256")
        ),
        sa.UniqueConstraint("uid", name=op.f("uq_statement_import_uid")),
    )
    with op.batch_alter_table("statement_import", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_statement_import_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_statement_import_deleted_at"), ["deleted_at"], unique=False
        )

    op.create_table(
        "budget_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=True),
        sa.Column("fund_id", sa.Integer(), nullable=True),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["money_category.id"],
            name=op.f("fk_budget_line_category_id_money_category"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["fund_id"], ["fund.id"], name=op.f("fk_budget_line_fund_id_fund"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["program.id"],
            name=op.f("fk_budget_line_program_id_program"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_line")),
        sa.UniqueConstraint("uid", name=op.f("uq_budget_line_uid")),
    )
    with op.batch_alter_table("budget_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budget_line_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_budget_line_fiscal_year"), ["fiscal_year"], unique=False
        )

    op.create_table(
        "money_transaction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("to_account_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("payee", sa.String(length=200), nullable=False),
        sa.Column("memo", sa.Text(), nullable=False),
        sa.Column("reference", sa.String(length=60), nullable=False),
        sa.Column("cleared", sa.Boolean(), nullable=False),
        sa.Column("reconciliation_id", sa.Integer(), nullable=True),
        sa.Column("membership_id", sa.Integer(), nullable=True),
        sa.Column("recurring_id", sa.Integer(), nullable=True),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "(kind = 'transfer') = (to_account_id IS NOT NULL)",
            name=op.f("ck_money_transaction_transfer_has_target"),
        ),
        sa.CheckConstraint(
            "kind IN ('income', 'expense', 'transfer')", name=op.f("ck_money_transaction_kind")
        ),
        sa.CheckConstraint("amount_cents > 0", name=op.f("ck_money_transaction_positive_amount")),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["money_account.id"],
            name=op.f("fk_money_transaction_account_id_money_account"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["membership_id"],
            ["membership.id"],
            name=op.f("fk_money_transaction_membership_id_membership"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_money_transaction_person_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["reconciliation_id"],
            ["reconciliation.id"],
            name=op.f("fk_money_transaction_reconciliation_id_reconciliation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["recurring_id"],
            ["recurring_entry.id"],
            name=op.f("fk_money_transaction_recurring_id_recurring_entry"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["to_account_id"],
            ["money_account.id"],
            name=op.f("fk_money_transaction_to_account_id_money_account"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_money_transaction")),
        sa.UniqueConstraint("uid", name=op.f("uq_money_transaction_uid")),
    )
    with op.batch_alter_table("money_transaction", schema=None) as batch_op:
        batch_op.create_index(
            "ix_money_transaction_account_id_entry_date", ["account_id", "entry_date"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_money_transaction_deleted_at"), ["deleted_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_money_transaction_entry_date"), ["entry_date"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_money_transaction_membership_id"), ["membership_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_money_transaction_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_money_transaction_reconciliation_id"),
            ["reconciliation_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_money_transaction_to_account_id"), ["to_account_id"], unique=False
        )

    op.create_table(
        "donation_receipt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("donor_name", sa.String(length=200), nullable=False),
        sa.Column("donor_address", sa.Text(), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("official", sa.Boolean(), nullable=False),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.Column("void_reason", sa.Text(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["money_transaction.id"],
            name=op.f("fk_donation_receipt_transaction_id_money_transaction"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_donation_receipt")),
        sa.UniqueConstraint("number", name=op.f("uq_donation_receipt_number")),
        sa.UniqueConstraint("uid", name=op.f("uq_donation_receipt_uid")),
    )
    with op.batch_alter_table("donation_receipt", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_donation_receipt_deleted_at"), ["deleted_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_donation_receipt_transaction_id"), ["transaction_id"], unique=False
        )

    op.create_table(
        "money_attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["money_transaction.id"],
            name=op.f("fk_money_attachment_transaction_id_money_transaction"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_money_attachment")),
        sa.UniqueConstraint("uid", name=op.f("uq_money_attachment_uid")),
    )
    with op.batch_alter_table("money_attachment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_money_attachment_deleted_at"), ["deleted_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_money_attachment_transaction_id"), ["transaction_id"], unique=False
        )

    op.create_table(
        "statement_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("posted_on", sa.Date(), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.Column("reference", sa.String(length=60), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["money_account.id"],
            name=op.f("fk_statement_line_account_id_money_account"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["statement_import.id"],
            name=op.f("fk_statement_line_import_id_statement_import"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["money_transaction.id"],
            name=op.f("fk_statement_line_transaction_id_money_transaction"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement_line")),
        sa.UniqueConstraint(
            "account_id", "fingerprint", name=op.f("uq_statement_line_account_id_fingerprint")
        ),
    )
    with op.batch_alter_table("statement_line", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_statement_line_import_id"), ["import_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_statement_line_transaction_id"), ["transaction_id"], unique=False
        )

    op.create_table(
        "transaction_split",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=True),
        sa.Column("fund_id", sa.Integer(), nullable=True),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("memo", sa.String(length=200), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("amount_cents > 0", name=op.f("ck_transaction_split_positive_amount")),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["money_category.id"],
            name=op.f("fk_transaction_split_category_id_money_category"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["fund_id"],
            ["fund.id"],
            name=op.f("fk_transaction_split_fund_id_fund"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["program.id"],
            name=op.f("fk_transaction_split_program_id_program"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["money_transaction.id"],
            name=op.f("fk_transaction_split_transaction_id_money_transaction"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transaction_split")),
        sa.UniqueConstraint("uid", name=op.f("uq_transaction_split_uid")),
    )
    with op.batch_alter_table("transaction_split", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_transaction_split_category_id"), ["category_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_transaction_split_deleted_at"), ["deleted_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_transaction_split_fund_id"), ["fund_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_transaction_split_program_id"), ["program_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_transaction_split_transaction_id"), ["transaction_id"], unique=False
        )

    op.add_column(
        "organization",
        sa.Column("receipt_signer", sa.String(length=200), nullable=False, server_default=""),
    )


def downgrade() -> None:
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.drop_column("receipt_signer")

    with op.batch_alter_table("transaction_split", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transaction_split_transaction_id"))
        batch_op.drop_index(batch_op.f("ix_transaction_split_program_id"))
        batch_op.drop_index(batch_op.f("ix_transaction_split_fund_id"))
        batch_op.drop_index(batch_op.f("ix_transaction_split_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_transaction_split_category_id"))

    op.drop_table("transaction_split")
    with op.batch_alter_table("statement_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_statement_line_transaction_id"))
        batch_op.drop_index(batch_op.f("ix_statement_line_import_id"))

    op.drop_table("statement_line")
    with op.batch_alter_table("money_attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_money_attachment_transaction_id"))
        batch_op.drop_index(batch_op.f("ix_money_attachment_deleted_at"))

    op.drop_table("money_attachment")
    with op.batch_alter_table("donation_receipt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_donation_receipt_transaction_id"))
        batch_op.drop_index(batch_op.f("ix_donation_receipt_deleted_at"))

    op.drop_table("donation_receipt")
    with op.batch_alter_table("money_transaction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_money_transaction_to_account_id"))
        batch_op.drop_index(batch_op.f("ix_money_transaction_reconciliation_id"))
        batch_op.drop_index(batch_op.f("ix_money_transaction_person_id"))
        batch_op.drop_index(batch_op.f("ix_money_transaction_membership_id"))
        batch_op.drop_index(batch_op.f("ix_money_transaction_entry_date"))
        batch_op.drop_index(batch_op.f("ix_money_transaction_deleted_at"))
        batch_op.drop_index("ix_money_transaction_account_id_entry_date")

    op.drop_table("money_transaction")
    with op.batch_alter_table("budget_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_budget_line_fiscal_year"))
        batch_op.drop_index(batch_op.f("ix_budget_line_deleted_at"))

    op.drop_table("budget_line")
    with op.batch_alter_table("statement_import", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_statement_import_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_statement_import_account_id"))

    op.drop_table("statement_import")
    with op.batch_alter_table("reconciliation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reconciliation_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_reconciliation_account_id"))

    op.drop_table("reconciliation")
    with op.batch_alter_table("grant_deadline", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_grant_deadline_fund_id"))
        batch_op.drop_index(batch_op.f("ix_grant_deadline_deleted_at"))

    op.drop_table("grant_deadline")
    with op.batch_alter_table("recurring_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recurring_entry_deleted_at"))

    op.drop_table("recurring_entry")
    with op.batch_alter_table("money_category", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_money_category_parent_id"))
        batch_op.drop_index(batch_op.f("ix_money_category_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_money_category_code"))

    op.drop_table("money_category")
    with op.batch_alter_table("money_account", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_money_account_deleted_at"))

    op.drop_table("money_account")
    with op.batch_alter_table("fund", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fund_deleted_at"))

    op.drop_table("fund")
    with op.batch_alter_table("closed_period", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_closed_period_deleted_at"))

    op.drop_table("closed_period")
