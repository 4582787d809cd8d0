"""Random books always balance: accounts against funds, splits against entries, totals against
their lines."""

from __future__ import annotations

import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communitydesk.core.errors import FundOverspentError
from communitydesk.core.paths import DataPaths
from communitydesk.services.accounts import AccountInput
from communitydesk.services.budgets import BudgetLineInput
from communitydesk.services.context import open_data_folder
from communitydesk.services.funds import FundInput
from communitydesk.services.organization import OrganizationProfile
from communitydesk.services.transactions import SplitInput, TransactionFilter, TransactionInput

FIRST_DAY = date(2025, 4, 1)


@dataclass(frozen=True)
class Entry:
    day: int
    kind: str
    account: int
    target: int
    shares: tuple[tuple[int, int, int | None], ...]  # (category index, cents, fund index)


amounts = st.integers(min_value=1, max_value=500_000)
entries = st.builds(
    Entry,
    day=st.integers(min_value=0, max_value=364),
    kind=st.sampled_from(("income", "expense", "transfer")),
    account=st.integers(min_value=0, max_value=2),
    target=st.integers(min_value=0, max_value=2),
    shares=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=40),
            amounts,
            st.none() | st.integers(min_value=0, max_value=2),
        ),
        min_size=1,
        max_size=4,
    ).map(tuple),
)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    openings=st.lists(st.integers(min_value=0, max_value=1_000_000), min_size=3, max_size=3),
    fund_openings=st.lists(st.integers(min_value=0, max_value=50_000), min_size=3, max_size=3),
    book=st.lists(entries, min_size=1, max_size=25),
    budget=st.lists(st.tuples(st.integers(0, 40), amounts), max_size=10),
)
def test_random_books_balance(
    openings: list[int],
    fund_openings: list[int],
    book: list[Entry],
    budget: list[tuple[int, int]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = DataPaths(Path(folder)).ensure()
        services = open_data_folder(paths)
        try:
            services.organization.create(OrganizationProfile(name="Random books"))
            accounts = [
                services.accounts.create(
                    AccountInput(f"Account {n}", FIRST_DAY, opening_cents=cents)
                ).uid
                for n, cents in enumerate(openings)
            ]
            funds = [
                services.funds.create(FundInput(f"Fund {n}", opening_cents=cents)).uid
                for n, cents in enumerate(fund_openings)
            ]
            by_kind = {
                kind: [c.uid for c in services.categories.tree(kind)]
                for kind in ("income", "expense")
            }
            recorded = 0
            for entry in book:
                day = FIRST_DAY + timedelta(days=entry.day)
                if entry.kind == "transfer":
                    if entry.account == entry.target:
                        continue
                    services.transactions.create(
                        TransactionInput(
                            day,
                            "transfer",
                            entry.shares[0][1],
                            accounts[entry.account],
                            to_account_uid=accounts[entry.target],
                        )
                    )
                    recorded += 1
                    continue
                choices = by_kind[entry.kind]
                splits = tuple(
                    SplitInput(
                        choices[index % len(choices)],
                        cents,
                        fund_uid=funds[fund] if fund is not None else "",
                    )
                    for index, cents, fund in entry.shares
                )
                entry_input = TransactionInput(
                    day,
                    entry.kind,
                    sum(s.amount_cents for s in splits),
                    accounts[entry.account],
                    splits=splits,
                )
                try:
                    services.transactions.create(entry_input)
                except FundOverspentError:
                    services.transactions.create(entry_input, allow_overspend=True)
                recorded += 1
            for index, cents in budget:
                every = by_kind["income"] + by_kind["expense"]
                services.budgets.set_line(2025, BudgetLineInput(every[index % len(every)], cents))

            # Accounts and funds are two independent sums of the same money.
            held = sum(a.balance_cents for a in services.accounts.accounts())
            in_funds = sum(f.balance_cents for f in services.funds.funds())
            assert held == in_funds + services.funds.unrestricted_cents()
            register = services.transactions.page(limit=1)
            assert register.total == recorded
            # The register's net is income less expenses: transfers only move money around.
            assert held == sum(openings) + register.net_cents
            for uid, opening in zip(accounts, openings, strict=True):
                one = services.transactions.page(TransactionFilter(account_uid=uid), limit=1)
                assert services.accounts.get(uid).balance_cents == opening + one.net_cents

            # Every report's totals are the sums of the lines printed above them.
            comparison = services.budgets.compare(2025, 4)
            for rows, totals in (
                (comparison.income, comparison.income_total),
                (comparison.expense, comparison.expense_total),
            ):
                top = [row for row in rows if row.depth == 0]
                assert totals.actual_cents == sum(row.actual_cents for row in top)
                assert totals.annual_cents == sum(row.annual_cents for row in top)
                for position, row in enumerate(rows):
                    below = []
                    for child in rows[position + 1 :]:
                        if child.depth <= row.depth:
                            break
                        if child.depth == row.depth + 1:
                            below.append(child)
                    if below:
                        assert row.actual_cents >= sum(child.actual_cents for child in below)
            assert comparison.income_total.annual_cents + comparison.expense_total.annual_cents == (
                sum(cents for _index, cents in budget_by_line(budget, by_kind))
            )
            assert comparison.net.actual_cents == register.net_cents
        finally:
            services.close()
        # Every split sums to its entry, straight from the file.
        connection = sqlite3.connect(paths.database)
        try:
            unequal = connection.execute(
                "SELECT COUNT(*) FROM money_transaction t WHERE t.kind != 'transfer' AND "
                "t.amount_cents != (SELECT SUM(amount_cents) FROM transaction_split s "
                "WHERE s.transaction_id = t.id)"
            ).fetchone()[0]
        finally:
            connection.close()
        assert unequal == 0


def budget_by_line(
    budget: list[tuple[int, int]], by_kind: dict[str, list[str]]
) -> list[tuple[int, int]]:
    """The lines as set: a line set twice for one category keeps its last amount."""
    every = by_kind["income"] + by_kind["expense"]
    last: dict[str, int] = {}
    for index, cents in budget:
        last[every[index % len(every)]] = cents
    return list(enumerate(last.values()))
