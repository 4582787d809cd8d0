"""The treasurer's reports for a busy year, against raw sqlite3 on the same file.

The books: the demo organization (its people, programs and volunteer hours; its own books are
replaced), 4 accounts, 8 funds and grants (opening balances, some closed), a fiscal year of
20,000 entries (income, expenses, a few transfers) with about 1.5 splits each across the default
categories, the programs and the funds, entries of the year before for the opening balances,
budgets for both years by category, some by program and by fund, and a few entries in the
Trash. Everything is written with Core bulk inserts.

Measured, median and max of several runs: budget against actual for the year, income and
expenses, the funds statement, the register's first page sorted by amount, the whole treasurer's
report as PDF (built and written by reportlab), and the 20,000-entry transaction list as PDF.
The floor is raw sqlite3 summing the year's splits by category, the query at the heart of every
statement (`SELECT category_id, SUM(amount_cents) FROM transaction_split JOIN ...`).

    .venv/bin/python benchmarks/money.py [--entries 20000] [--rounds 5] [--pdf-rounds 3]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from communitydesk.core.paths import DataPaths
from communitydesk.models import (
    BudgetLine,
    Fund,
    MoneyAccount,
    MoneyCategory,
    MoneyTransaction,
    Organization,
    Program,
    TransactionSplit,
)
from communitydesk.models.base import new_uid
from communitydesk.services.context import Services, open_data_folder
from communitydesk.services.demo_money import clear_books
from communitydesk.services.money_defaults import seed_default_categories
from communitydesk.services.money_reports import MoneyReportService
from communitydesk.services.periods import fiscal_year, fiscal_year_of
from communitydesk.services.transactions import TransactionFilter

GOAL_COMPARE_MS = 200  # budget against actual for the year
GOAL_TREASURER_S = 3.0  # the treasurer's report PDF
FLOOR_SQL = (
    "SELECT s.category_id, SUM(s.amount_cents) FROM transaction_split s "
    "JOIN money_transaction t ON t.id = s.transaction_id "
    "WHERE t.deleted_at IS NULL AND s.deleted_at IS NULL AND t.entry_date BETWEEN ? AND ? "
    "GROUP BY s.category_id"
)
PAYEES = (
    "St. Paul's hall",
    "Metro",
    "Épicerie Al-Nour",
    "OC Transpo",
    "Staples",
    "Members",
    "City of Ottawa",
    "Bake sale",
    "Masjid Al-Huda",
    "Bell",
    "Hydro Ottawa",
    "Tutors",
)


@dataclass
class Generated:
    accounts: int = 0
    funds: int = 0
    programs: int = 0
    entries: int = 0
    splits: int = 0
    budget_lines: int = 0
    year: int = 0
    fiscal_start: int = 4


def _generate(services: Services, entries: int, rnd: random.Random) -> Generated:
    """Replace the demo's books with a year of `entries` entries (and a lighter year before)."""
    db = services.database
    now = datetime.now(UTC)
    stamp = {"created_at": now, "updated_at": now, "deleted_at": None}
    made = Generated()
    with db.unit_of_work() as session:
        clear_books(session)
        seed_default_categories(session)
    with db.reading() as session:
        made.fiscal_start = int(
            session.scalar(select(Organization.fiscal_year_start_month).limit(1)) or 4
        )
        programs = list(session.scalars(select(Program.id).where(Program.deleted_at.is_(None))))
        categories = session.execute(
            select(MoneyCategory.id, MoneyCategory.kind, MoneyCategory.parent_id)
        ).all()
    parents = {parent for _id, _kind, parent in categories if parent is not None}
    leaves = {
        kind: [cid for cid, k, _parent in categories if k == kind and cid not in parents]
        for kind in ("income", "expense")
    }
    made.programs = len(programs)
    made.year = fiscal_year_of(date.today(), made.fiscal_start) - 1
    this_year = fiscal_year(made.year, made.fiscal_start)
    last_year = fiscal_year(made.year - 1, made.fiscal_start)

    account_rows = [
        {
            "id": index + 1,
            "uid": new_uid(),
            "name": name,
            "kind": kind,
            "institution": "",
            "number_hint": "",
            "opening_cents": opening,
            "opening_on": last_year.start,
            "closed": False,
            "notes": "",
            **stamp,
        }
        for index, (name, kind, opening) in enumerate(
            (
                ("Main chequing", "bank", 2_500_000),
                ("Savings", "bank", 5_000_000),
                ("Cash box", "cash", 30_000),
                ("Square", "payment_app", 0),
            )
        )
    ]
    fund_rows = [
        {
            "id": index + 1,
            "uid": new_uid(),
            "name": f"{'Grant' if index % 2 else 'Fund'} {index + 1}",
            "is_grant": bool(index % 2),
            "funder": "City of Ottawa" if index % 2 else "",
            "awarded_cents": 5_000_000 if index % 2 else None,
            "starts_on": this_year.start if index % 2 else None,
            "ends_on": this_year.end if index % 2 else None,
            "purpose": "",
            "conditions": "",
            "opening_cents": 100_000 * index,
            "closed": index == 7,
            **stamp,
        }
        for index in range(8)
    ]
    fund_ids = [row["id"] for row in fund_rows]
    transaction_rows: list[dict[str, Any]] = []
    split_rows: list[dict[str, Any]] = []

    def add(period_start: date, days: int, count: int) -> None:
        for _ in range(count):
            transaction_id = len(transaction_rows) + 1
            roll = rnd.random()
            kind = "transfer" if roll < 0.03 else "income" if roll < 0.38 else "expense"
            account = rnd.choices((1, 2, 3, 4), (70, 5, 15, 10))[0]
            shares = rnd.choices((1, 2, 3), (60, 30, 10))[0]
            parts = [rnd.randint(5_00, 800_00) for _ in range(shares)]
            transaction_rows.append(
                {
                    "id": transaction_id,
                    "uid": new_uid(),
                    "entry_date": period_start + timedelta(days=rnd.randrange(days)),
                    "kind": kind,
                    "amount_cents": sum(parts),
                    "account_id": account,
                    "to_account_id": (account % 4) + 1 if kind == "transfer" else None,
                    "person_id": None,
                    "payee": "" if kind == "transfer" else rnd.choice(PAYEES),
                    "memo": "Monthly" if rnd.random() < 0.2 else "",
                    "reference": str(rnd.randint(1000, 9999)) if rnd.random() < 0.3 else "",
                    "cleared": rnd.random() < 0.8,
                    **stamp,
                    # A few in the Trash, as in a real file.
                    "deleted_at": now if rnd.random() < 0.01 else None,
                }
            )
            if kind == "transfer":
                continue
            for amount in parts:
                split_rows.append(
                    {
                        "uid": new_uid(),
                        "transaction_id": transaction_id,
                        "category_id": rnd.choice(leaves[kind]),
                        "program_id": rnd.choice(programs)
                        if programs and rnd.random() < 0.5
                        else None,
                        "fund_id": rnd.choice(fund_ids) if rnd.random() < 0.3 else None,
                        "amount_cents": amount,
                        "memo": "",
                        **stamp,
                    }
                )

    add(last_year.start, (last_year.end - last_year.start).days + 1, entries // 10)
    add(this_year.start, (this_year.end - this_year.start).days + 1, entries)
    budget_rows: list[dict[str, Any]] = []
    for year in (made.year - 1, made.year):
        for ids in leaves.values():
            for category_id in ids:
                budget_rows.append(
                    {
                        "uid": new_uid(),
                        "fiscal_year": year,
                        "category_id": category_id,
                        "program_id": None,
                        "fund_id": None,
                        "amount_cents": rnd.randint(100, 5_000) * 100,
                        "note": "",
                        **stamp,
                    }
                )
                for program_id in rnd.sample(programs, min(len(programs), 2)):
                    budget_rows.append(
                        {
                            "uid": new_uid(),
                            "fiscal_year": year,
                            "category_id": category_id,
                            "program_id": program_id,
                            "fund_id": rnd.choice([None, *fund_ids]),
                            "amount_cents": rnd.randint(100, 2_000) * 100,
                            "note": "",
                            **stamp,
                        }
                    )
    with db.engine.begin() as connection:
        connection.execute(insert(MoneyAccount), account_rows)
        connection.execute(insert(Fund), fund_rows)
        for start in range(0, len(transaction_rows), 10_000):
            connection.execute(insert(MoneyTransaction), transaction_rows[start : start + 10_000])
        for start in range(0, len(split_rows), 10_000):
            connection.execute(insert(TransactionSplit), split_rows[start : start + 10_000])
        connection.execute(insert(BudgetLine), budget_rows)
    made.accounts = len(account_rows)
    made.funds = len(fund_rows)
    made.entries = len(transaction_rows)
    made.splits = len(split_rows)
    made.budget_lines = len(budget_rows)
    return made


def _timed(action: Callable[[], object], rounds: int) -> list[float]:
    action()  # warm the page cache and SQLAlchemy's statement cache
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def _ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:8.1f} ms   max {max(values) * 1000:8.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pdf-rounds", type=int, default=3)
    args = parser.parse_args()
    rnd = random.Random(11)
    with tempfile.TemporaryDirectory() as folder:
        services = open_data_folder(DataPaths(Path(folder) / "data"))
        start = time.perf_counter()
        services.demo.generate(people=args.people, seed=3)
        made = _generate(services, args.entries, rnd)
        generated = time.perf_counter() - start
        reports = MoneyReportService(services.database)
        year, fiscal_start = made.year, made.fiscal_start
        whole = fiscal_year(year, fiscal_start)
        out = Path(folder)
        the_year = TransactionFilter(start=whole.start, end=whole.end)
        listing = reports.transactions(the_year)
        pages = {}

        def treasurer_pdf() -> object:
            path = reports.write(reports.treasurer(year, fiscal_start), out / "treasurer.pdf")
            pages["treasurer"] = path
            return path

        def listing_pdf() -> object:
            path = reports.write(reports.transactions(the_year), out / "transactions.pdf")
            pages["transactions"] = path
            return path

        quick: dict[str, Callable[[], object]] = {
            "budget vs actual (compare)": lambda: services.budgets.compare(year, fiscal_start),
            "budget vs actual report": lambda: reports.budget_vs_actual(year, fiscal_start),
            "income & expenses report": lambda: reports.income_expense(year, fiscal_start),
            "funds statement": lambda: reports.funds(whole.end, whole.start),
            "register page by amount": lambda: services.transactions.page(
                the_year, sort="amount", limit=200
            ),
            "transaction list (data)": lambda: reports.transactions(the_year),
            "transaction list (CSV)": lambda: reports.write(listing, out / "transactions.csv"),
        }
        slow: dict[str, Callable[[], object]] = {
            "treasurer report PDF": treasurer_pdf,
            "transaction list PDF": listing_pdf,
        }
        timings = {name: _timed(action, args.rounds) for name, action in quick.items()}
        timings.update({name: _timed(action, args.pdf_rounds) for name, action in slow.items()})
        raw = sqlite3.connect(services.paths.database)
        parameters = (whole.start.isoformat(), whole.end.isoformat())
        floor = _timed(lambda: raw.execute(FLOOR_SQL, parameters).fetchall(), args.rounds * 4)
        raw.close()
        from pypdf import PdfReader

        page_counts = {name: len(PdfReader(path).pages) for name, path in pages.items()}
        rows = len(listing.tables[0].rows) - 2
        services.close()

    print(
        f"Money over one fiscal year ({year}, starting in month {fiscal_start}): "
        f"{made.entries:,} entries ({args.entries:,} in the year, the rest the year before), "
        f"{made.splits:,} splits ({made.splits / made.entries:.2f} each), {made.accounts} "
        f"accounts, {made.funds} funds, {made.programs} programs, {made.budget_lines:,} budget "
        f"lines; generated in {generated:.1f} s"
    )
    print(
        f"  the year's list: {rows:,} entries, {page_counts.get('transactions', 0):,} pages; "
        f"treasurer's report: {page_counts.get('treasurer', 0)} pages"
    )
    floor_median = statistics.median(floor)
    print(f"  {'raw sqlite3 floor':<28} {_ms(floor)}   (the year's splits summed by category)")
    for name, times in timings.items():
        ratio = statistics.median(times) / floor_median
        print(f"  {name:<28} {_ms(times)}   {ratio:8.1f} x floor")
    compare = statistics.median(timings["budget vs actual report"]) * 1000
    treasurer = statistics.median(timings["treasurer report PDF"])
    print(f"  goal: budget vs actual under {GOAL_COMPARE_MS} ms -> {compare:.0f} ms")
    print(f"  goal: treasurer's report PDF under {GOAL_TREASURER_S:.0f} s -> {treasurer:.2f} s")


if __name__ == "__main__":
    main()
