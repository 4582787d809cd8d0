"""The sample organization's books: two fiscal years that add up, as a treasurer keeps them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, text

from communitydesk.core.errors import PeriodClosedError
from communitydesk.models import (
    BudgetLine,
    Membership,
    MoneyAccount,
    MoneyTransaction,
    Reconciliation,
)
from communitydesk.services.balances import account_balances, fund_balances
from communitydesk.services.context import Services
from communitydesk.services.demo import generate_demo
from communitydesk.services.periods import fiscal_year
from communitydesk.services.transactions import TransactionFilter

TODAY = date(2026, 11, 23)
PREVIOUS = fiscal_year(2025, 4)  # April 2025 to March 2026
CURRENT = fiscal_year(2026, 4)


@pytest.fixture
def demo(services: Services) -> Services:
    generate_demo(services.database, people=120, seed=7, today=TODAY)
    return services


def test_both_fiscal_years_have_their_entries(demo: Services) -> None:
    transactions = demo.transactions
    previous = transactions.page(TransactionFilter(start=PREVIOUS.start, end=PREVIOUS.end))
    current = transactions.page(TransactionFilter(start=CURRENT.start, end=TODAY))
    assert previous.total > 100
    assert current.total > 50
    assert transactions.page(TransactionFilter(start=TODAY + timedelta(days=1))).total == 0
    assert transactions.page(TransactionFilter(end=PREVIOUS.start - timedelta(days=1))).total == 0
    # Rent every month, bank fees every month end, a fundraising dinner each year.
    rent = transactions.page(TransactionFilter(text="Monthly rent"), limit=100).rows
    assert len(rent) == 20  # April 2025 to November 2026
    payees = {row.payee for row in transactions.page(limit=1000).rows}
    assert {"Fundraising dinner", "Riverside Community Credit Union", "OC Transpo"} <= payees
    assert {a.name for a in demo.accounts.accounts()} == {
        "Chequing account",
        "Cash box",
        "Petty cash",
    }


def test_the_accounts_hold_what_the_funds_hold(demo: Services) -> None:
    with demo.database.reading() as session:
        accounts = account_balances(session)
        funds = fund_balances(session)
        # Every split sums to its transaction; a transfer has none.
        unbalanced = session.execute(
            text(
                "SELECT count(*) FROM money_transaction t WHERE t.amount_cents != "
                "(SELECT coalesce(sum(s.amount_cents), 0) FROM transaction_split s "
                "WHERE s.transaction_id = t.id) AND t.kind != 'transfer'"
            )
        ).scalar()
        transfer_splits = session.execute(
            text(
                "SELECT count(*) FROM transaction_split s JOIN money_transaction t "
                "ON t.id = s.transaction_id WHERE t.kind = 'transfer'"
            )
        ).scalar()
    assert unbalanced == 0
    assert transfer_splits == 0
    assert sum(accounts.values()) == sum(funds.values())
    assert all(balance >= 0 for balance in accounts.values())
    assert all(balance >= 0 for balance in funds.values())


def test_the_grant_is_received_and_spent_on_its_budget(demo: Services) -> None:
    funds = {f.name: f for f in demo.funds.funds()}
    grant = funds["Youth mentoring grant"]
    assert grant.is_grant and grant.funder == "Riverside Community Foundation"
    assert grant.awarded_cents == 1_200_000
    assert grant.received_cents == 1_080_000  # two instalments; the last after the final report
    assert 0 < grant.spent_cents <= grant.received_cents
    assert grant.starts_on is not None and grant.starts_on <= TODAY <= (grant.ends_on or TODAY)
    done = [d for d in grant.deadlines if d.done_on is not None]
    waiting = [d for d in grant.deadlines if d.done_on is None]
    assert len(done) == 1 and done[0].due_on < TODAY
    assert len(waiting) == 1 and waiting[0].due_on > TODAY
    assert [d.what for d in demo.funds.upcoming_deadlines(TODAY)] == [waiting[0].what]
    youth = funds["Youth program fund"]
    assert not youth.is_grant and youth.received_cents > 0
    spent = demo.transactions.page(TransactionFilter(fund_uid=grant.uid, kind="expense"))
    assert spent.total > 10


def test_dues_mark_the_memberships_paid(demo: Services) -> None:
    with demo.database.reading() as session:
        paid = set(
            session.scalars(select(Membership.id).where(Membership.paid_on.is_not(None))).all()
        )
        linked = session.execute(
            select(
                MoneyTransaction.membership_id, MoneyTransaction.entry_date, Membership.paid_on
            ).join(Membership, Membership.id == MoneyTransaction.membership_id)
        ).all()
    assert paid
    assert {membership for membership, _day, _paid in linked} == paid
    assert all(day == paid_on for _membership, day, paid_on in linked)


def test_last_year_is_reconciled_and_closed(demo: Services) -> None:
    with demo.database.reading() as session:
        chequing = session.scalars(select(MoneyAccount).where(MoneyAccount.kind == "bank")).one()
        statements = session.scalars(
            select(Reconciliation).order_by(Reconciliation.statement_on)
        ).all()
        assert len(statements) == 12
        for statement in statements:
            assert statement.finished_at is not None
            balance = account_balances(session, statement.statement_on)[chequing.id]
            assert statement.statement_balance_cents == balance
        unreconciled_last_year = session.scalar(
            select(func.count())
            .select_from(MoneyTransaction)
            .where(
                MoneyTransaction.account_id == chequing.id,
                MoneyTransaction.entry_date <= PREVIOUS.end,
                MoneyTransaction.reconciliation_id.is_(None),
            )
        )
    assert unreconciled_last_year == 0
    closed = demo.closed_periods.closed_on(PREVIOUS.start)
    assert closed is not None and (closed.starts_on, closed.ends_on) == (
        PREVIOUS.start,
        PREVIOUS.end,
    )
    bank = next(a.uid for a in demo.accounts.accounts() if a.kind == "bank")
    old = demo.transactions.page(
        TransactionFilter(end=PREVIOUS.end, account_uid=bank), limit=1
    ).rows[0]
    assert old.cleared and old.reconciled
    with pytest.raises(PeriodClosedError):
        demo.transactions.delete(old.uid)
    # This year's entries are mostly cleared; the newest wait for the bank.
    current = demo.transactions.page(TransactionFilter(start=CURRENT.start), limit=1000).rows
    assert sum(row.cleared for row in current) > len(current) * 0.8
    assert not all(row.cleared for row in current)


def test_budgets_for_both_years_by_category_program_and_grant(demo: Services) -> None:
    with demo.database.reading() as session:
        lines = session.execute(
            select(
                BudgetLine.fiscal_year,
                BudgetLine.program_id,
                BudgetLine.fund_id,
                BudgetLine.amount_cents,
            )
        ).all()
    years = {year for year, _program, _fund, _amount in lines}
    assert years == {2025, 2026}
    for year in years:
        mine = [line for line in lines if line[0] == year]
        assert any(program is not None for _y, program, _f, _a in mine)
        assert any(fund is not None for _y, _p, fund, _a in mine)
        assert all(amount > 0 for _y, _p, _f, amount in mine)


def test_the_hall_rent_comes_back_next_month(demo: Services) -> None:
    recurring = demo.recurring
    assert recurring.due(TODAY) == ()
    next_month = date(2026, 12, 1)
    due = recurring.due(next_month)
    assert [(d.name, d.dates, d.amount_cents) for d in due] == [
        ("Hall rent", (next_month,), 35_000)
    ]
    made = recurring.record_due(due[0].uid, next_month)
    assert demo.transactions.get(made[0]).payee == "St. Mark's Parish Hall"


def test_some_gifts_have_receipts(demo: Services) -> None:
    receipts = demo.donation_receipts.receipts()
    assert receipts
    assert [r.number for r in receipts] == list(range(1, len(receipts) + 1))
    assert not any(r.official for r in receipts)  # the sample has no charity number
    first = receipts[0]
    assert first.donor_name and first.amount_cents >= 10_000
    assert "Thank you for your gift" in demo.donation_receipts.document(first.uid).text()


def test_the_same_seed_gives_the_same_books_and_replacing_clears_them(
    services: Services,
) -> None:
    def books() -> list[tuple[date, str, int]]:
        rows = services.transactions.page(limit=10_000, descending=False).rows
        return [(row.entry_date, row.kind, row.amount_cents) for row in rows]

    generate_demo(services.database, people=30, seed=3, today=TODAY)
    first = books()
    generate_demo(services.database, people=30, seed=3, today=TODAY, force=True)
    assert books() == first
    services.demo.discard_sample()
    with services.database.reading() as session:
        assert session.scalar(select(func.count()).select_from(MoneyTransaction)) == 0
