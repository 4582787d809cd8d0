"""Where a reconciliation stands: the statement's date and closing balance, the cleared balance
of the books up to that date, and the entries not reconciled yet, cleared or not.

These are plain functions over an open session; the statement service starts, finishes and
cancels reconciliations with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from communitydesk.models import (
    MoneyAccount,
    MoneyTransaction,
    Organization,
    Person,
    Reconciliation,
)
from communitydesk.models.base import utc_now
from communitydesk.services.statement_matching import in_account, payee_label, signed_cents


@dataclass(frozen=True)
class ReconciliationEntry:
    """An entry not yet reconciled, with its effect on the account being reconciled."""

    uid: str
    entry_date: date
    kind: str
    payee: str
    memo: str
    reference: str
    signed_cents: int
    cleared: bool


@dataclass(frozen=True)
class ReconciliationState:
    uid: str
    account_uid: str
    account_name: str
    currency: str
    statement_on: date
    statement_balance_cents: int
    cleared_balance_cents: int
    # Entries dated up to the statement's date that are not reconciled yet, cleared or not.
    entries: tuple[ReconciliationEntry, ...]
    finished_at: datetime | None = None
    last_reconciled_on: date | None = None

    @property
    def difference_cents(self) -> int:
        return self.statement_balance_cents - self.cleared_balance_cents

    @property
    def uncleared(self) -> tuple[ReconciliationEntry, ...]:
        return tuple(entry for entry in self.entries if not entry.cleared)


def organization_currency(session: Session) -> str:
    """The organization's currency, for amounts in messages."""
    return session.scalar(select(Organization.currency)) or "CAD"


def open_reconciliation(session: Session, account_id: int) -> Reconciliation | None:
    """The account's reconciliation under way, if any."""
    return session.scalars(
        select(Reconciliation).where(
            Reconciliation.account_id == account_id,
            Reconciliation.finished_at.is_(None),
            Reconciliation.deleted_at.is_(None),
        )
    ).first()


def last_reconciled_on(session: Session, account_id: int) -> date | None:
    """The date of the account's latest finished reconciliation."""
    return session.scalar(
        select(func.max(Reconciliation.statement_on)).where(
            Reconciliation.account_id == account_id,
            Reconciliation.finished_at.is_not(None),
            Reconciliation.deleted_at.is_(None),
        )
    )


def cleared_balance(session: Session, account: MoneyAccount, day: date) -> int:
    """The opening balance and every cleared entry up to `day`, transfers on both sides."""
    signed = case(
        (
            and_(
                MoneyTransaction.kind == "transfer",
                MoneyTransaction.to_account_id == account.id,
            ),
            MoneyTransaction.amount_cents,
        ),
        (MoneyTransaction.kind == "income", MoneyTransaction.amount_cents),
        else_=-MoneyTransaction.amount_cents,
    )
    moved = session.scalar(
        select(func.coalesce(func.sum(signed), 0)).where(
            in_account(account.id),
            MoneyTransaction.deleted_at.is_(None),
            MoneyTransaction.cleared.is_(True),
            MoneyTransaction.entry_date <= day,
        )
    )
    return account.opening_cents + int(moved or 0)


def unreconciled_entries(
    session: Session, account: MoneyAccount, day: date
) -> tuple[ReconciliationEntry, ...]:
    """The account's entries up to `day` not reconciled yet, cleared or not, by date."""
    names = dict(session.execute(select(MoneyAccount.id, MoneyAccount.name)).all())
    found = session.execute(
        select(MoneyTransaction, Person.given_name, Person.family_name)
        .outerjoin(Person, Person.id == MoneyTransaction.person_id)
        .where(
            in_account(account.id),
            MoneyTransaction.deleted_at.is_(None),
            MoneyTransaction.reconciliation_id.is_(None),
            MoneyTransaction.entry_date <= day,
        )
        .order_by(MoneyTransaction.entry_date, MoneyTransaction.id)
    ).all()
    return tuple(
        ReconciliationEntry(
            uid=entry.uid,
            entry_date=entry.entry_date,
            kind=entry.kind,
            payee=payee_label(
                entry.payee,
                given,
                family,
                entry.kind,
                entry.account_id,
                account.id,
                names,
                entry.to_account_id,
            ),
            memo=entry.memo,
            reference=entry.reference,
            signed_cents=signed_cents(
                entry.kind,
                entry.amount_cents,
                entry.account_id,
                entry.to_account_id,
                account.id,
            ),
            cleared=entry.cleared,
        )
        for entry, given, family in found
    )


def reconcile_cleared(session: Session, account: MoneyAccount, row: Reconciliation) -> None:
    """Reconcile for good the cleared entries up to the statement's date, and mark `row`
    finished."""
    entries = session.scalars(
        select(MoneyTransaction).where(
            in_account(account.id),
            MoneyTransaction.deleted_at.is_(None),
            MoneyTransaction.cleared.is_(True),
            MoneyTransaction.reconciliation_id.is_(None),
            MoneyTransaction.entry_date <= row.statement_on,
        )
    ).all()
    for entry in entries:
        entry.reconciliation_id = row.id
    row.finished_at = utc_now()


def reconciliation_state(
    session: Session, account: MoneyAccount, row: Reconciliation
) -> ReconciliationState:
    """Where the reconciliation `row` of the account stands."""
    entries = unreconciled_entries(session, account, row.statement_on)
    return ReconciliationState(
        uid=row.uid,
        account_uid=account.uid,
        account_name=account.name,
        currency=organization_currency(session),
        statement_on=row.statement_on,
        statement_balance_cents=row.statement_balance_cents,
        cleared_balance_cents=cleared_balance(session, account, row.statement_on),
        entries=entries,
        finished_at=row.finished_at,
        last_reconciled_on=last_reconciled_on(session, account.id),
    )
