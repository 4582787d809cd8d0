"""Balances computed in SQL: each account's, each fund's, and the unrestricted remainder.

Two independent sums, so that each checks the other: accounts add up transactions (transfers
move money between them), funds add up splits. Since every split sums to its transaction and a
transfer has no split, the money in the accounts always equals the money in the funds, plus what
is unrestricted. Tests hold the books to it.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from communitydesk.models import Fund, MoneyAccount, MoneyTransaction, TransactionSplit


def live(day: date | None = None, start: date | None = None) -> list[ColumnElement[bool]]:
    """Transactions not in the Trash, dated from `start` up to `day` (both included)."""
    conditions: list[ColumnElement[bool]] = [MoneyTransaction.deleted_at.is_(None)]
    if day is not None:
        conditions.append(MoneyTransaction.entry_date <= day)
    if start is not None:
        conditions.append(MoneyTransaction.entry_date >= start)
    return conditions


def signed_amount() -> ColumnElement[int]:
    """A transaction's effect on its own account: income adds, anything else takes away."""
    return case(
        (MoneyTransaction.kind == "income", MoneyTransaction.amount_cents),
        else_=-MoneyTransaction.amount_cents,
    )


def signed_split() -> ColumnElement[int]:
    """A split's effect on its fund: an income split adds, an expense split takes away."""
    return case(
        (MoneyTransaction.kind == "income", TransactionSplit.amount_cents),
        else_=-TransactionSplit.amount_cents,
    )


def account_movements(
    session: Session, day: date | None = None, start: date | None = None
) -> dict[int, int]:
    """Net movement of each account (by id) over the dates, transfers in and out included."""
    moved: dict[int, int] = {}
    own = session.execute(
        select(MoneyTransaction.account_id, func.sum(signed_amount()))
        .where(*live(day, start))
        .group_by(MoneyTransaction.account_id)
    ).all()
    incoming = session.execute(
        select(MoneyTransaction.to_account_id, func.sum(MoneyTransaction.amount_cents))
        .where(*live(day, start), MoneyTransaction.kind == "transfer")
        .group_by(MoneyTransaction.to_account_id)
    ).all()
    for account_id, amount in (*own, *incoming):
        if account_id is not None:
            moved[account_id] = moved.get(account_id, 0) + int(amount or 0)
    return moved


def account_balances(session: Session, day: date | None = None) -> dict[int, int]:
    """Every account's balance (by id) at the end of `day` (all entries when None)."""
    moved = account_movements(session, day)
    accounts = session.execute(
        select(MoneyAccount.id, MoneyAccount.opening_cents).where(MoneyAccount.deleted_at.is_(None))
    ).all()
    return {account_id: opening + moved.get(account_id, 0) for account_id, opening in accounts}


def fund_movements(
    session: Session, day: date | None = None, start: date | None = None
) -> dict[int | None, tuple[int, int]]:
    """(received, spent) of each fund by id over the dates; None is unrestricted money."""
    rows = session.execute(
        select(
            TransactionSplit.fund_id,
            func.sum(case((MoneyTransaction.kind == "income", TransactionSplit.amount_cents))),
            func.sum(case((MoneyTransaction.kind == "expense", TransactionSplit.amount_cents))),
        )
        .join(MoneyTransaction, MoneyTransaction.id == TransactionSplit.transaction_id)
        .where(*live(day, start), TransactionSplit.deleted_at.is_(None))
        .group_by(TransactionSplit.fund_id)
    ).all()
    return {fund_id: (int(received or 0), int(spent or 0)) for fund_id, received, spent in rows}


def fund_balances(session: Session, day: date | None = None) -> dict[int | None, int]:
    """Every fund's balance at the end of `day`; the None key holds unrestricted money.

    Unrestricted money starts as what the accounts held at opening less what the funds held.
    """
    moved = fund_movements(session, day)
    funds = session.execute(
        select(Fund.id, Fund.opening_cents).where(Fund.deleted_at.is_(None))
    ).all()
    balances: dict[int | None, int] = {}
    for fund_id, opening in funds:
        received, spent = moved.get(fund_id, (0, 0))
        balances[fund_id] = opening + received - spent
    accounts_opening = int(
        session.scalar(
            select(func.coalesce(func.sum(MoneyAccount.opening_cents), 0)).where(
                MoneyAccount.deleted_at.is_(None)
            )
        )
        or 0
    )
    funds_opening = sum(opening for _fund_id, opening in funds)
    received, spent = moved.get(None, (0, 0))
    balances[None] = accounts_opening - funds_opening + received - spent
    return balances
