"""Money: where it sits (accounts), what it is for (categories), whose it is (funds and grants),
every entry with its splits and receipts, budgets, closed periods and bank statements.

Every amount is integer cents. A transaction's `amount_cents` is what was paid or received, always
positive; `kind` says which way it went. Its splits share that amount across categories, programs
and funds and always sum to it. A transfer moves money between two accounts and has no splits:
it changes no category and no fund.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column

from communitydesk.models.base import Base, Travelling, UTCDateTime

ACCOUNT_KINDS = ("bank", "cash", "petty_cash", "payment_app", "other")
TRANSACTION_KINDS = ("income", "expense", "transfer")
CATEGORY_KINDS = ("income", "expense")
RECURRENCES = ("weekly", "monthly", "quarterly", "yearly")


class MoneyAccount(Travelling, Base):
    """Where money sits: a bank account, the cash box, petty cash, a payment app."""

    __tablename__ = "money_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20), default="bank")
    institution: Mapped[str] = mapped_column(String(120), default="")
    # The last digits only: enough to tell accounts apart, useless to a thief.
    number_hint: Mapped[str] = mapped_column(String(12), default="")
    opening_cents: Mapped[int] = mapped_column(Integer, default=0)
    opening_on: Mapped[date] = mapped_column(Date)
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")


class MoneyCategory(Travelling, Base):
    """An income or expense heading, in a tree; its name in each language the group uses."""

    __tablename__ = "money_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The seeded categories' stable key (e.g. "dues"), so that dues and donations are found
    # whatever the group renames them to; empty for the group's own.
    code: Mapped[str] = mapped_column(String(40), default="", index=True)
    kind: Mapped[str] = mapped_column(String(10))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("money_category.id", ondelete="RESTRICT"), default=None, index=True
    )
    # {"en": "Food", "fr": "Nourriture", "ar": "طعام"}
    labels: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Fund(Travelling, Base):
    """Money kept for a purpose: a restricted gift or a grant (unrestricted money is the rest)."""

    __tablename__ = "fund"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    is_grant: Mapped[bool] = mapped_column(Boolean, default=False)
    funder: Mapped[str] = mapped_column(String(200), default="")
    awarded_cents: Mapped[int | None] = mapped_column(Integer, default=None)
    starts_on: Mapped[date | None] = mapped_column(Date, default=None)
    ends_on: Mapped[date | None] = mapped_column(Date, default=None)
    purpose: Mapped[str] = mapped_column(Text, default="")
    conditions: Mapped[str] = mapped_column(Text, default="")
    # Restricted money already held when the books start here.
    opening_cents: Mapped[int] = mapped_column(Integer, default=0)
    closed: Mapped[bool] = mapped_column(Boolean, default=False)


class GrantDeadline(Travelling, Base):
    """A report or a claim a funder expects by a date."""

    __tablename__ = "grant_deadline"

    id: Mapped[int] = mapped_column(primary_key=True)
    fund_id: Mapped[int] = mapped_column(ForeignKey("fund.id", ondelete="CASCADE"), index=True)
    due_on: Mapped[date] = mapped_column(Date)
    what: Mapped[str] = mapped_column(String(200))
    done_on: Mapped[date | None] = mapped_column(Date, default=None)


class MoneyTransaction(Travelling, Base):
    __tablename__ = "money_transaction"
    __table_args__ = (
        CheckConstraint("amount_cents > 0", name="positive_amount"),
        CheckConstraint("kind IN ('income', 'expense', 'transfer')", name="kind"),
        CheckConstraint(
            "(kind = 'transfer') = (to_account_id IS NOT NULL)", name="transfer_has_target"
        ),
        Index("ix_money_transaction_account_id_entry_date", "account_id", "entry_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_date: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(10))
    amount_cents: Mapped[int] = mapped_column(Integer)
    account_id: Mapped[int] = mapped_column(ForeignKey("money_account.id", ondelete="RESTRICT"))
    to_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("money_account.id", ondelete="RESTRICT"), default=None, index=True
    )
    # Who paid or was paid: someone on the roster, or a name as written on the receipt.
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), default=None, index=True
    )
    payee: Mapped[str] = mapped_column(String(200), default="")
    memo: Mapped[str] = mapped_column(Text, default="")
    reference: Mapped[str] = mapped_column(String(60), default="")  # cheque or e-transfer number
    cleared: Mapped[bool] = mapped_column(Boolean, default=False)
    reconciliation_id: Mapped[int | None] = mapped_column(
        ForeignKey("reconciliation.id", ondelete="SET NULL"), default=None, index=True
    )
    # The membership these dues paid for, so that the roster's "paid" follows the books.
    membership_id: Mapped[int | None] = mapped_column(
        ForeignKey("membership.id", ondelete="SET NULL"), default=None, index=True
    )
    recurring_id: Mapped[int | None] = mapped_column(
        ForeignKey("recurring_entry.id", ondelete="SET NULL"), default=None
    )


class TransactionSplit(Travelling, Base):
    """A share of a transaction: how much went to which category, program and fund."""

    __tablename__ = "transaction_split"
    __table_args__ = (CheckConstraint("amount_cents > 0", name="positive_amount"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    transaction_id: Mapped[int] = mapped_column(
        ForeignKey("money_transaction.id", ondelete="CASCADE"), index=True
    )
    category_id: Mapped[int] = mapped_column(
        ForeignKey("money_category.id", ondelete="RESTRICT"), index=True
    )
    program_id: Mapped[int | None] = mapped_column(
        ForeignKey("program.id", ondelete="SET NULL"), default=None, index=True
    )
    # None: unrestricted money.
    fund_id: Mapped[int | None] = mapped_column(
        ForeignKey("fund.id", ondelete="RESTRICT"), default=None, index=True
    )
    amount_cents: Mapped[int] = mapped_column(Integer)
    memo: Mapped[str] = mapped_column(String(200), default="")


class Attachment(Travelling, Base):
    """A receipt's photo or PDF, kept inside the database: it is backed up and encrypted with
    everything else, and never lost by moving a folder."""

    __tablename__ = "money_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    transaction_id: Mapped[int] = mapped_column(
        ForeignKey("money_transaction.id", ondelete="CASCADE"), index=True
    )
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))


class RecurringEntry(Travelling, Base):
    """An entry that comes back (the monthly rent): recorded when due, at the treasurer's word."""

    __tablename__ = "recurring_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    every: Mapped[str] = mapped_column(String(10), default="monthly")
    next_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date, default=None)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The transaction to record, as TransactionInput's fields with uids for its links.
    template: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)


class BudgetLine(Travelling, Base):
    """What the group plans to receive or spend under one heading in one fiscal year."""

    __tablename__ = "budget_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The calendar year in which the fiscal year starts.
    fiscal_year: Mapped[int] = mapped_column(Integer, index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("money_category.id", ondelete="RESTRICT"))
    program_id: Mapped[int | None] = mapped_column(
        ForeignKey("program.id", ondelete="SET NULL"), default=None
    )
    fund_id: Mapped[int | None] = mapped_column(
        ForeignKey("fund.id", ondelete="RESTRICT"), default=None
    )
    amount_cents: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(String(200), default="")


class ClosedPeriod(Travelling, Base):
    """Books closed by the treasurer from one date to another; reopening keeps the row."""

    __tablename__ = "closed_period"

    id: Mapped[int] = mapped_column(primary_key=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    closed_by: Mapped[str] = mapped_column(String(120), default="")
    reopened_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    reopened_by: Mapped[str] = mapped_column(String(120), default="")
    reopen_reason: Mapped[str] = mapped_column(Text, default="")


class Reconciliation(Travelling, Base):
    """One bank statement checked against the books: the balance it shows on a date."""

    __tablename__ = "reconciliation"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("money_account.id", ondelete="RESTRICT"), index=True
    )
    statement_on: Mapped[date] = mapped_column(Date)
    statement_balance_cents: Mapped[int] = mapped_column(Integer)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class StatementImport(Travelling, Base):
    """A bank statement file brought in; the same file twice is refused by its fingerprint."""

    __tablename__ = "statement_import"
    __table_args__ = (UniqueConstraint("account_id", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("money_account.id", ondelete="RESTRICT"), index=True
    )
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    layout: Mapped[str] = mapped_column(String(40), default="")
    first_on: Mapped[date | None] = mapped_column(Date, default=None)
    last_on: Mapped[date | None] = mapped_column(Date, default=None)
    line_count: Mapped[int] = mapped_column(Integer, default=0)


class StatementLine(Base):
    """One line of a bank statement; `transaction_id` is the entry it was matched to."""

    __tablename__ = "statement_line"
    __table_args__ = (UniqueConstraint("account_id", "fingerprint"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int] = mapped_column(
        ForeignKey("statement_import.id", ondelete="CASCADE"), index=True
    )
    account_id: Mapped[int] = mapped_column(ForeignKey("money_account.id", ondelete="RESTRICT"))
    posted_on: Mapped[date] = mapped_column(Date)
    amount_cents: Mapped[int] = mapped_column(Integer)  # money in is positive, out negative
    description: Mapped[str] = mapped_column(String(300), default="")
    reference: Mapped[str] = mapped_column(String(60), default="")
    # Date, amount, description and the line's rank among identical ones: a line seen again in
    # an overlapping statement is recognized and not brought in twice.
    fingerprint: Mapped[str] = mapped_column(String(64))
    transaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("money_transaction.id", ondelete="SET NULL"), default=None, index=True
    )


class DonationReceipt(Travelling, Base):
    """A receipt given for a donation, numbered in order; a copy reprints the same number."""

    __tablename__ = "donation_receipt"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    transaction_id: Mapped[int] = mapped_column(
        ForeignKey("money_transaction.id", ondelete="RESTRICT"), index=True
    )
    issued_on: Mapped[date] = mapped_column(Date)
    donor_name: Mapped[str] = mapped_column(String(200))
    donor_address: Mapped[str] = mapped_column(Text, default="")
    amount_cents: Mapped[int] = mapped_column(Integer)
    # An official receipt for income tax purposes (the organization had a charity number).
    official: Mapped[bool] = mapped_column(Boolean, default=False)
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    void_reason: Mapped[str] = mapped_column(Text, default="")
