"""Recurring entries: due dates, recording each once, skipping, month ends, refusals."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from communitydesk.core.errors import (
    FundOverspentError,
    NotFoundError,
    PeriodClosedError,
    ValidationError,
)
from communitydesk.models import MoneyTransaction
from communitydesk.services.accounts import AccountInput
from communitydesk.services.context import Services
from communitydesk.services.funds import FundInput
from communitydesk.services.recurring import (
    dates_between,
    following,
    template_input,
    template_json,
)
from communitydesk.services.transactions import (
    SplitInput,
    TransactionFilter,
    TransactionInput,
)


def category(services: Services, code: str) -> str:
    return next(c.uid for c in services.categories.tree() if c.code == code)


@pytest.fixture
def books(organized: Services) -> Services:
    organized.accounts.create(
        AccountInput("Caisse populaire", date(2025, 1, 1), opening_cents=500_000)
    )
    return organized


def rent(services: Services, amount: int = 35_000, fund_uid: str = "") -> TransactionInput:
    return TransactionInput(
        date(2000, 1, 1),  # replaced by the series' first date
        "expense",
        amount,
        services.accounts.accounts()[0].uid,
        splits=(SplitInput(category(services, "rent"), amount, fund_uid=fund_uid, memo="Hall"),),
        payee="St. Mark's Parish Hall",
        memo="Monthly rent",
    )


def entries_on(services: Services, day: date) -> list[int]:
    page = services.transactions.page(TransactionFilter(start=day, end=day))
    return [row.amount_cents for row in page.rows]


def test_the_template_travels_as_json_and_back(books: Services) -> None:
    template = replace(rent(books), entry_date=date(2026, 1, 31), reference="cheque")
    data = template_json(template)
    assert data["entry_date"] == "2026-01-31"
    assert data["splits"] == [
        {
            "category_uid": template.splits[0].category_uid,
            "amount_cents": 35_000,
            "program_uid": "",
            "fund_uid": "",
            "memo": "Hall",
        }
    ]
    assert template_input(data) == template


def test_a_month_end_stays_a_month_end() -> None:
    dates = dates_between(date(2026, 1, 31), "monthly", date(2026, 1, 1), date(2026, 5, 31))
    assert dates == (
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 5, 31),
    )
    assert following(date(2026, 1, 31), "monthly", date(2026, 2, 28)) == date(2026, 3, 31)
    assert following(date(2026, 1, 15), "quarterly", date(2026, 1, 15)) == date(2026, 4, 15)
    assert following(date(2024, 2, 29), "yearly", date(2024, 2, 29)) == date(2025, 2, 28)
    assert following(date(2026, 1, 5), "weekly", date(2026, 1, 5)) == date(2026, 1, 12)


def test_due_lists_every_date_up_to_today_and_stops_at_the_end(books: Services) -> None:
    recurring = books.recurring
    hall = recurring.create("Hall rent", "monthly", date(2026, 1, 31), rent(books))
    ends = recurring.create(
        "Bus passes", "monthly", date(2026, 1, 10), rent(books, 6_000), ends_on=date(2026, 2, 28)
    )
    recurring.create("Insurance", "yearly", date(2026, 9, 1), rent(books, 65_000))
    due = recurring.due(date(2026, 4, 15))
    assert [(d.name, d.dates) for d in due] == [
        ("Bus passes", (date(2026, 1, 10), date(2026, 2, 10))),
        ("Hall rent", (date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31))),
    ]
    assert due[1].uid == hall.uid and due[1].kind == "expense"
    assert due[1].amount_cents == 35_000 and due[1].total_cents == 105_000
    # Paused entries are not due.
    record = recurring.get(ends.uid)
    recurring.update(
        ends.uid,
        record.name,
        record.every,
        record.next_on,
        record.template,
        record.ends_on,
        active=False,
    )
    assert [d.name for d in recurring.due(date(2026, 4, 15))] == ["Hall rent"]
    with pytest.raises(ValidationError, match="paused"):
        recurring.record_due(ends.uid, date(2026, 4, 15))


def test_recording_makes_one_entry_per_date_and_never_twice(books: Services) -> None:
    recurring = books.recurring
    hall = recurring.create("Hall rent", "monthly", date(2026, 1, 31), rent(books))
    made = recurring.record_due(hall.uid, date(2026, 3, 31))
    assert len(made) == 3
    records = [books.transactions.get(uid) for uid in made]
    assert [r.entry_date for r in records] == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
    ]
    assert all(r.payee == "St. Mark's Parish Hall" and r.amount_cents == 35_000 for r in records)
    assert records[0].splits[0].memo == "Hall"
    assert recurring.get(hall.uid).next_on == date(2026, 4, 30)
    assert recurring.due(date(2026, 4, 1)) == ()
    assert recurring.record_due(hall.uid, date(2026, 4, 1)) == ()
    assert entries_on(books, date(2026, 2, 28)) == [35_000]
    # Each recorded entry knows the recurring entry it came from.
    with books.database.reading() as session:
        linked = session.scalars(
            select(MoneyTransaction.uid).where(MoneyTransaction.recurring_id.is_not(None))
        ).all()
    assert sorted(linked) == sorted(made)


def test_a_refused_date_leaves_the_next_date_on_it(books: Services) -> None:
    fund = books.funds.create(FundInput("Youth fund", opening_cents=70_000)).uid
    recurring = books.recurring
    hall = recurring.create(
        "Youth room", "monthly", date(2026, 1, 15), rent(books, 30_000, fund_uid=fund)
    )
    # The fund pays two months; the third would overspend it.
    with pytest.raises(FundOverspentError):
        recurring.record_due(hall.uid, date(2026, 3, 20))
    assert recurring.get(hall.uid).next_on == date(2026, 3, 15)
    assert entries_on(books, date(2026, 1, 15)) == [30_000]
    assert entries_on(books, date(2026, 2, 15)) == [30_000]
    assert entries_on(books, date(2026, 3, 15)) == []
    # Recording again, with the treasurer's word, records only the refused date.
    again = recurring.record_due(hall.uid, date(2026, 3, 20), allow_overspend=True)
    assert len(again) == 1
    assert entries_on(books, date(2026, 1, 15)) == [30_000]
    assert entries_on(books, date(2026, 3, 15)) == [30_000]


def test_a_date_in_closed_books_is_refused_until_skipped(books: Services) -> None:
    recurring = books.recurring
    hall = recurring.create("Hall rent", "monthly", date(2026, 1, 1), rent(books))
    books.closed_periods.close(date(2026, 1, 1), date(2026, 1, 31))
    with pytest.raises(PeriodClosedError, match="books are closed"):
        recurring.record_due(hall.uid, date(2026, 2, 10))
    assert recurring.get(hall.uid).next_on == date(2026, 1, 1)
    assert recurring.skip(hall.uid, date(2026, 2, 10)) == date(2026, 1, 1)
    assert recurring.get(hall.uid).next_on == date(2026, 2, 1)
    assert len(recurring.record_due(hall.uid, date(2026, 2, 10))) == 1
    assert entries_on(books, date(2026, 1, 1)) == []
    with pytest.raises(ValidationError, match="nothing due"):
        recurring.skip(hall.uid, date(2026, 2, 10))


def test_the_template_is_checked_when_the_entry_is_made(books: Services) -> None:
    recurring = books.recurring
    with pytest.raises(ValidationError, match="add up to"):
        recurring.create(
            "Hall rent", "monthly", date(2026, 1, 1), replace(rent(books), amount_cents=1)
        )
    wrong_kind = replace(rent(books), splits=(SplitInput(category(books, "dues"), 35_000),))
    with pytest.raises(ValidationError, match="expense category"):
        recurring.create("Hall rent", "monthly", date(2026, 1, 1), wrong_kind)
    with pytest.raises(ValidationError, match="name"):
        recurring.create("  ", "monthly", date(2026, 1, 1), rent(books))
    with pytest.raises(ValidationError, match="how often"):
        recurring.create("Hall rent", "daily", date(2026, 1, 1), rent(books))
    with pytest.raises(ValidationError, match="before the next"):
        recurring.create(
            "Hall rent", "monthly", date(2026, 1, 1), rent(books), ends_on=date(2025, 12, 1)
        )
    assert recurring.entries() == ()


def test_update_starts_the_series_again_and_delete_restores(books: Services) -> None:
    recurring = books.recurring
    hall = recurring.create("Hall rent", "monthly", date(2026, 1, 31), rent(books))
    recurring.record_due(hall.uid, date(2026, 2, 28))
    record = recurring.get(hall.uid)
    assert record.next_on == date(2026, 3, 31)
    # Renaming keeps the month-end rhythm; a new date starts the series from there.
    renamed = recurring.update(
        hall.uid,
        "Parish hall",
        "monthly",
        record.next_on,
        replace(
            rent(books), amount_cents=40_000, splits=(SplitInput(category(books, "rent"), 40_000),)
        ),
    )
    assert renamed.template.entry_date == date(2026, 1, 31)
    assert renamed.amount_cents == 40_000
    moved = recurring.update(
        hall.uid, "Parish hall", "monthly", date(2026, 4, 15), renamed.template
    )
    assert moved.template.entry_date == date(2026, 4, 15)
    assert recurring.due(date(2026, 5, 20))[0].dates == (date(2026, 4, 15), date(2026, 5, 15))
    recurring.delete(hall.uid)
    assert recurring.entries() == ()
    assert recurring.due(date(2026, 5, 20)) == ()
    with pytest.raises(NotFoundError):
        recurring.record_due(hall.uid, date(2026, 5, 20))
    recurring.restore(hall.uid)
    assert [e.name for e in recurring.entries()] == ["Parish hall"]
