"""The books: accounts, categories, funds, entries with splits, closed periods, dues."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from communitydesk.core.errors import (
    FundOverspentError,
    NotAllowedError,
    PeriodClosedError,
    ValidationError,
)
from communitydesk.services.accounts import AccountInput
from communitydesk.services.context import Services
from communitydesk.services.funds import FundInput
from communitydesk.services.history import HistoryFilter
from communitydesk.services.people import PersonInput
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
        AccountInput("Caisse populaire", date(2025, 4, 1), opening_cents=150_000)
    )
    organized.accounts.create(
        AccountInput("Cash box", date(2025, 4, 1), kind="cash", opening_cents=5_000)
    )
    return organized


def account(services: Services, name: str) -> str:
    return next(a.uid for a in services.accounts.accounts() if a.name == name)


def expense(services: Services, day: date, amount: int, *splits: SplitInput) -> str:
    return services.transactions.create(
        TransactionInput(
            day,
            "expense",
            amount,
            account(services, "Caisse populaire"),
            splits=splits or (SplitInput(category(services, "food"), amount),),
            payee="Marché Jean-Talon",
        )
    ).uid


def test_new_books_start_with_the_usual_categories_in_three_languages(organized: Services) -> None:
    tree = organized.categories.tree()
    names = {c.code: c for c in tree}
    assert names["dues"].name == "Membership dues"
    assert names["donations_individual"].parent_uid == names["donations"].uid
    assert names["donations_individual"].depth == 1
    assert dict(names["rent"].labels)["fr"] == "Location de salle"
    assert dict(names["bank_fees"].labels)["ar"] == "الرسوم البنكية"
    # Income first, each child right after its parent.
    kinds = [c.kind for c in tree]
    assert kinds == sorted(kinds, key=("income", "expense").index)
    position = {c.uid: index for index, c in enumerate(tree)}
    assert all(position[c.parent_uid] < position[c.uid] for c in tree if c.parent_uid)


def test_categories_are_renamed_moved_and_retired(organized: Services) -> None:
    categories = organized.categories
    snacks = categories.create(
        "expense", {"en": "Snacks", "fr": "Collations"}, category(organized, "food")
    )
    assert categories.tree()[[c.uid for c in categories.tree()].index(snacks.uid)].depth == 1
    with pytest.raises(ValidationError, match="income category cannot go under an expense"):
        categories.move(snacks.uid, category(organized, "dues"))
    with pytest.raises(ValidationError, match="under itself"):
        categories.move(category(organized, "food"), snacks.uid)
    with pytest.raises(ValidationError, match="under this one first"):
        categories.retire(category(organized, "food"))
    categories.retire(snacks.uid)
    assert snacks.uid not in {c.uid for c in categories.tree()}
    assert snacks.uid in {c.uid for c in categories.tree(include_retired=True)}
    categories.restore(snacks.uid)
    renamed = categories.rename(snacks.uid, {"en": "Snacks", "fr": "Goûters"})
    assert dict(renamed.labels)["fr"] == "Goûters"


def test_a_receipt_split_across_categories_programs_and_a_grant(books: Services) -> None:
    grant = books.funds.create(
        FundInput("Seniors' grant", is_grant=True, funder="Fondation du Grand Montréal")
    )
    books.transactions.create(
        TransactionInput(
            date(2025, 5, 1),
            "income",
            100_000,
            account(books, "Caisse populaire"),
            splits=(SplitInput(category(books, "grants_foundation"), 100_000, fund_uid=grant.uid),),
            payee="Fondation du Grand Montréal",
        )
    )
    uid = expense(
        books,
        date(2025, 5, 3),
        12_000,
        SplitInput(category(books, "food"), 8_000, fund_uid=grant.uid),
        SplitInput(category(books, "supplies"), 4_000),
    )
    record = books.transactions.get(uid)
    assert [(s.category_name, s.amount_cents, s.fund_name) for s in record.splits] == [
        ("Food and refreshments", 8_000, "Seniors' grant"),
        ("Supplies", 4_000, ""),
    ]
    funds = {f.name: f for f in books.funds.funds()}
    assert funds["Seniors' grant"].balance_cents == 92_000
    assert funds["Seniors' grant"].spent_cents == 8_000
    accounts = {a.name: a.balance_cents for a in books.accounts.accounts()}
    assert accounts == {"Caisse populaire": 150_000 + 100_000 - 12_000, "Cash box": 5_000}
    # Unrestricted: what the accounts hold beyond the grant.
    assert books.funds.unrestricted_cents() == sum(accounts.values()) - 92_000
    page = books.transactions.page(TransactionFilter(fund_uid=grant.uid))
    assert page.total == 2
    assert page.rows[0].categories == "Food and refreshments, Supplies"


def test_splits_must_add_up_and_fit_the_entry(books: Services) -> None:
    with pytest.raises(ValidationError, match=r"add up to 80\.00, not 120\.00: 40\.00 is left"):
        expense(books, date(2025, 5, 3), 12_000, SplitInput(category(books, "food"), 8_000))
    with pytest.raises(ValidationError, match="expense category for money out"):
        expense(books, date(2025, 5, 3), 1_000, SplitInput(category(books, "dues"), 1_000))
    with pytest.raises(ValidationError, match="above zero"):
        expense(books, date(2025, 5, 3), 0)
    assert books.transactions.page().total == 0


def test_a_transfer_moves_money_between_accounts_and_touches_no_fund(books: Services) -> None:
    books.transactions.create(
        TransactionInput(
            date(2025, 6, 1),
            "transfer",
            3_000,
            account(books, "Cash box"),
            to_account_uid=account(books, "Caisse populaire"),
            memo="Deposit of the bake sale cash",
        )
    )
    accounts = {a.name: a.balance_cents for a in books.accounts.accounts()}
    assert accounts == {"Caisse populaire": 153_000, "Cash box": 2_000}
    assert books.funds.unrestricted_cents() == 155_000
    row = books.transactions.page().rows[0]
    assert row.categories == "Transfer to Caisse populaire"
    with pytest.raises(ValidationError, match="another account"):
        books.transactions.create(
            TransactionInput(
                date(2025, 6, 1),
                "transfer",
                100,
                account(books, "Cash box"),
                to_account_uid=account(books, "Cash box"),
            )
        )


def test_spending_a_restricted_fund_below_zero_needs_a_yes(books: Services) -> None:
    youth = books.funds.create(FundInput("Youth program gift", opening_cents=5_000))
    split = SplitInput(category(books, "supplies"), 7_500, fund_uid=youth.uid)
    with pytest.raises(FundOverspentError) as refused:
        expense(books, date(2025, 7, 1), 7_500, split)
    assert refused.value.shortfalls == (("Youth program gift", -2_500),)
    assert "Youth program gift" in refused.value.message
    assert books.transactions.page().total == 0
    books.transactions.create(
        TransactionInput(
            date(2025, 7, 1),
            "expense",
            7_500,
            account(books, "Caisse populaire"),
            splits=(split,),
        ),
        allow_overspend=True,
    )
    assert books.funds.get(youth.uid).balance_cents == -2_500


def test_editing_an_entry_counts_its_own_spending_once(books: Services) -> None:
    fund = books.funds.create(FundInput("Food bank gift", opening_cents=10_000))
    uid = expense(
        books,
        date(2025, 7, 1),
        10_000,
        SplitInput(category(books, "food"), 10_000, fund_uid=fund.uid),
    )
    record = books.transactions.get(uid)
    # Same spending, new memo: no warning, because the entry gives back what it took.
    changed = books.transactions.update(uid, replace(record.as_input(), memo="Groceries"))
    assert changed.memo == "Groceries"
    assert books.funds.get(fund.uid).balance_cents == 0


def test_a_closed_month_refuses_changes_until_the_treasurer_reopens_it(books: Services) -> None:
    uid = expense(books, date(2025, 5, 10), 2_000)
    closed = books.closed_periods.close(date(2025, 5, 1), date(2025, 5, 31))
    for attempt in (
        lambda: expense(books, date(2025, 5, 20), 1_000),
        lambda: books.transactions.delete(uid),
        lambda: books.transactions.update(
            uid, replace(books.transactions.get(uid).as_input(), entry_date=date(2025, 6, 2))
        ),
    ):
        with pytest.raises(PeriodClosedError, match="closed from May 1, 2025 to May 31, 2025"):
            attempt()
    assert books.transactions.page().total == 1
    assert books.transactions.get(uid).entry_date == date(2025, 5, 10)
    # June is open.
    expense(books, date(2025, 6, 1), 1_000)
    with pytest.raises(ValidationError, match="Say why"):
        books.closed_periods.reopen(closed.uid, "  ")
    reopened = books.closed_periods.reopen(closed.uid, "Bank fee entered twice")
    assert reopened.reopen_reason == "Bank fee entered twice"
    books.transactions.delete(uid)
    # The reopening stays on record, and in the change history.
    assert not books.closed_periods.periods()[0].in_force
    entries = books.history.log(HistoryFilter()).entries
    assert "closed_period" in {entry.record_kind for entry in entries}


def test_only_the_treasurer_reopens_and_a_coordinator_keeps_no_books(books: Services) -> None:
    profiles = books.profiles
    leader = profiles.add("Amina", "leader")
    treasurer = profiles.add("Joseph", "treasurer")
    coordinator = profiles.add("Lina", "coordinator")
    profiles.sign_in(leader.uid)
    closed = books.closed_periods.close(date(2025, 4, 1), date(2025, 4, 30))
    with pytest.raises(NotAllowedError, match="Only the treasurer"):
        books.closed_periods.reopen(closed.uid, "A late receipt")
    profiles.sign_in(coordinator.uid)
    with pytest.raises(NotAllowedError):
        expense(books, date(2025, 5, 2), 500)
    profiles.sign_in(treasurer.uid)
    books.closed_periods.reopen(closed.uid, "A late receipt")
    expense(books, date(2025, 4, 12), 500)
    assert books.transactions.page().total == 1


def test_dues_from_a_member_mark_the_membership_paid(books: Services) -> None:
    person = books.people.create(PersonInput(given_name="Fatima", family_name="Haddad"))
    kind = books.membership.add_kind("Individual", 2_000)
    membership = books.membership.record(person.uid, kind.uid, date(2025, 9, 1))
    assert membership.paid_on is None
    uid = books.transactions.create(
        TransactionInput(
            date(2025, 9, 14),
            "income",
            2_000,
            account(books, "Cash box"),
            splits=(SplitInput(category(books, "dues"), 2_000),),
            person_uid=person.uid,
        )
    ).uid
    paid = {m.uid: m for m in books.membership.current(today=date(2025, 9, 20))}
    assert paid[membership.uid].paid_on == date(2025, 9, 14)
    assert paid[membership.uid].status == "paid"
    assert books.transactions.get(uid).payee == "Fatima Haddad"
    books.transactions.delete(uid)
    due = {m.uid: m for m in books.membership.current(today=date(2025, 9, 20))}
    assert due[membership.uid].status == "due"
    books.transactions.restore(uid)
    again = {m.uid: m for m in books.membership.current(today=date(2025, 9, 20))}
    assert again[membership.uid].status == "paid"


def test_a_receipt_is_kept_inside_the_books(books: Services, tmp_path: Path) -> None:
    uid = expense(books, date(2025, 5, 3), 4_599)
    photo = tmp_path / "reçu-marché.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 a small jpeg")
    attached = books.transactions.attach(uid, photo)
    assert attached.media_type == "image/jpeg"
    photo.unlink()  # the original may go: the books keep their own copy
    assert books.transactions.attachment_content(attached.uid) == (
        "reçu-marché.jpg",
        b"\xff\xd8\xff\xe0 a small jpeg",
    )
    assert books.transactions.page().rows[0].attachments == 1
    books.transactions.remove_attachment(attached.uid)
    assert books.transactions.attachments(uid) == ()


def test_the_register_filters_and_sorts_in_the_database(books: Services) -> None:
    expense(books, date(2025, 5, 3), 1_000)
    expense(books, date(2025, 5, 4), 3_000, SplitInput(category(books, "rent"), 3_000))
    books.transactions.create(
        TransactionInput(
            date(2025, 5, 5),
            "income",
            2_500,
            account(books, "Cash box"),
            splits=(SplitInput(category(books, "donations_individual"), 2_500),),
            payee="Église Saint-Marc",
            reference="0042",
        )
    )
    register = books.transactions
    assert [r.amount_cents for r in register.page(sort="amount", descending=False).rows] == [
        3_000,
        1_000,
        2_500,
    ]
    assert register.page(TransactionFilter(text="saint")).total == 1
    assert register.page(TransactionFilter(text="0042")).total == 1
    donations = register.page(TransactionFilter(category_uid=category(books, "donations")))
    assert [r.payee for r in donations.rows] == ["Église Saint-Marc"]
    assert register.page().net_cents == 2_500 - 4_000
    cash = register.page(TransactionFilter(account_uid=account(books, "Cash box")))
    assert cash.total == 1
    assert register.payees("ma") == ("Marché Jean-Talon",)
    last = register.last_for_payee("marché jean-talon")
    assert last is not None and last.splits[0].category_code in {"food", "rent"}


def test_deleting_several_entries_is_all_or_nothing(books: Services) -> None:
    open_month = expense(books, date(2025, 6, 3), 1_000)
    closed_month = expense(books, date(2025, 5, 3), 2_000)
    books.closed_periods.close(date(2025, 5, 1), date(2025, 5, 31))
    with pytest.raises(PeriodClosedError):
        books.transactions.delete(open_month, closed_month)
    # The entry of June, allowed on its own, is still there: nothing was half done.
    assert books.transactions.page().total == 2
    books.transactions.delete(open_month)
    assert books.transactions.page().total == 1
    books.transactions.restore(open_month)
    assert books.transactions.page().total == 2
