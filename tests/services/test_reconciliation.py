"""Bank statements brought in, matched to the books, and reconciled until nothing differs."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from communitydesk.core.errors import (
    FileFormatError,
    NotAllowedError,
    NotFoundError,
    ValidationError,
)
from communitydesk.importers.bank_statement import GenericMapping
from communitydesk.services.accounts import AccountInput, AccountRecord
from communitydesk.services.context import Services
from communitydesk.services.history import HistoryFilter
from communitydesk.services.transactions import (
    SplitInput,
    TransactionFilter,
    TransactionInput,
    TransactionRecord,
)

RBC_JANUARY = (
    "Account Type,Account Number,Transaction Date,Cheque Number,Description 1,Description 2,"
    "CAD$,USD$\n"
    "Chequing,01234-5678901,1/3/2025,,Location de salle,Centre Côte-des-Neiges,-250.00,\n"
    "Chequing,01234-5678901,1/15/2025,000123,CHEQUE,,-45.10,\n"
    "Chequing,01234-5678901,1/31/2025,,Dépôt,Cotisations,1200.50,\n"
    "Chequing,01234-5678901,1/31/2025,,Frais mensuels,,-4.95,\n"
).encode("cp1252")


def _category(services: Services, kind: str, code: str) -> str:
    return next(c.uid for c in services.categories.tree(kind=kind) if c.code == code)


def _account(services: Services, name: str = "Compte courant", opening: int = 100_000) -> str:
    record: AccountRecord = services.accounts.create(
        AccountInput(name=name, opening_on=date(2024, 12, 31), opening_cents=opening)
    )
    return record.uid


def _entry(
    services: Services,
    account: str,
    on: date,
    kind: str,
    cents: int,
    code: str,
    payee: str = "",
    reference: str = "",
) -> TransactionRecord:
    return services.transactions.create(
        TransactionInput(
            entry_date=on,
            kind=kind,
            amount_cents=cents,
            account_uid=account,
            splits=(SplitInput(_category(services, kind, code), cents),),
            payee=payee,
            reference=reference,
        )
    )


def _books(services: Services) -> tuple[str, dict[str, TransactionRecord]]:
    account = _account(services)
    entries = {
        "rent": _entry(services, account, date(2025, 1, 2), "expense", 25_000, "rent", "Centre"),
        "cheque": _entry(
            services, account, date(2025, 1, 2), "expense", 4_510, "supplies", "Papeterie", "123"
        ),
        # Two deposits of the same amount: the one closest to the bank's date is the match.
        "early_dues": _entry(
            services, account, date(2025, 1, 20), "income", 120_050, "dues", "Cotisations"
        ),
        "dues": _entry(
            services, account, date(2025, 1, 29), "income", 120_050, "dues", "Cotisations"
        ),
    }
    return account, entries


def _counts(services: Services) -> dict[str, int]:
    with sqlite3.connect(services.paths.database) as connection:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in (
                "statement_import",
                "statement_line",
                "money_transaction",
                "change_entry",
                "reconciliation",
            )
        } | {
            "cleared": connection.execute(
                "SELECT count(*) FROM money_transaction WHERE cleared"
            ).fetchone()[0]
        }


def _cleared(services: Services, uid: str) -> bool:
    return services.transactions.get(uid).cleared


def test_import_brings_the_lines_in_and_clears_the_entries_they_match(
    organized: Services,
) -> None:
    account, entries = _books(organized)
    statements = organized.statements

    preview = statements.preview(account, RBC_JANUARY, "releve-janvier.csv")
    assert preview.layout == "rbc" and preview.layout_name == "RBC Royal Bank"
    assert (preview.new_lines, preview.already_seen, preview.matched) == (4, 0, 3)
    assert (preview.first_on, preview.last_on) == (date(2025, 1, 3), date(2025, 1, 31))
    assert preview.already_imported_on is None
    proposed = {
        line.description: line.match.transaction_uid if line.match else "" for line in preview.lines
    }
    assert proposed == {
        "Location de salle Centre Côte-des-Neiges": entries["rent"].uid,
        # The cheque was cashed 13 days after it was written: its number finds it.
        "CHEQUE": entries["cheque"].uid,
        # Of two deposits of that amount, the one closest to the bank's date.
        "Dépôt Cotisations": entries["dues"].uid,
        "Frais mensuels": "",
    }
    assert _counts(organized)["statement_line"] == 0  # a preview writes nothing

    result = statements.import_statement(account, RBC_JANUARY, "releve-janvier.csv")
    assert (result.new_lines, result.already_seen, result.matched) == (4, 0, 3)
    assert (result.first_on, result.last_on, result.layout) == (
        date(2025, 1, 3),
        date(2025, 1, 31),
        "rbc",
    )
    assert [_cleared(organized, entries[k].uid) for k in ("rent", "cheque", "dues")] == [True] * 3
    assert not _cleared(organized, entries["early_dues"].uid)
    unmatched = statements.unmatched_lines(account)
    assert [(line.description, line.amount_cents) for line in unmatched] == [
        ("Frais mensuels", -495)
    ]
    lines = statements.lines(account)
    assert len(lines) == 4
    assert {line.transaction_uid for line in lines} == {
        entries["rent"].uid,
        entries["cheque"].uid,
        entries["dues"].uid,
        "",
    }
    assert [(i.file_name, i.layout, i.line_count) for i in statements.imports(account)] == [
        ("releve-janvier.csv", "rbc", 4)
    ]
    # The import and the clearing are in the change history.
    assert organized.history.log(HistoryFilter(kind="statement_import")).total == 1
    cleared = organized.history.for_record(entries["rent"].uid)[0]
    assert cleared.action == "update"
    assert [(c.field, c.old, c.new) for c in cleared.changes] == [("cleared", False, True)]


def test_the_same_file_twice_is_refused_and_changes_nothing(organized: Services) -> None:
    account, _entries = _books(organized)
    statements = organized.statements
    statements.import_statement(account, RBC_JANUARY, "releve.csv")
    before = _counts(organized)

    with pytest.raises(ValidationError) as caught:
        statements.import_statement(account, RBC_JANUARY, "copie du releve.csv")
    message = str(caught.value)
    assert message.startswith("This statement was already imported on ")
    assert message.endswith("; nothing was changed.")
    assert str(date.today().year) in message
    assert _counts(organized) == before
    assert statements.preview(account, RBC_JANUARY, "releve.csv").already_imported_on == (
        date.today()
    )
    # Another account may receive the same file (the treasurer's mistake is its own to undo).
    other = _account(organized, "Épargne", 0)
    assert statements.import_statement(other, RBC_JANUARY, "releve.csv").new_lines == 4


def test_an_overlapping_statement_brings_only_the_lines_not_seen(organized: Services) -> None:
    account = _account(organized)
    statements = organized.statements
    first = (
        "01/02/2025,DEPOT,,500.00,1500.00\n"
        "01/10/2025,FRAIS INTERAC,1.50,,1498.50\n"
        "01/10/2025,FRAIS INTERAC,1.50,,1497.00\n"
    )
    second = (
        "01/10/2025,FRAIS INTERAC,1.50,,1498.50\n"
        "01/10/2025,FRAIS INTERAC,1.50,,1497.00\n"
        "01/10/2025,FRAIS INTERAC,1.50,,1495.50\n"  # a third, new one the same day
        "01/20/2025,HYDRO-QUÉBEC,80.00,,1415.50\n"
    )
    assert statements.import_statement(account, first.encode(), "a.csv").new_lines == 3
    preview = statements.preview(account, second.encode(), "b.csv")
    assert (preview.new_lines, preview.already_seen) == (2, 2)
    assert [line.new for line in preview.lines] == [False, False, True, True]
    result = statements.import_statement(account, second.encode(), "b.csv")
    assert (result.new_lines, result.already_seen) == (2, 2)
    assert len(statements.lines(account)) == 5


def test_matching_by_hand_and_entries_made_from_lines(organized: Services) -> None:
    account, entries = _books(organized)
    statements = organized.statements
    statements.import_statement(account, RBC_JANUARY, "releve.csv")
    by_description = {line.description: line for line in statements.lines(account)}
    fee = by_description["Frais mensuels"]
    deposit = by_description["Dépôt Cotisations"]

    # The bank's fee becomes an entry, matched and cleared, through the books' own checks.
    with pytest.raises(ValidationError, match="category"):
        statements.create_entry_from_line(fee.id)
    created = statements.create_entry_from_line(
        fee.id, _category(organized, "expense", "bank_fees")
    )
    assert (created.kind, created.amount_cents, created.entry_date) == (
        "expense",
        495,
        date(2025, 1, 31),
    )
    assert created.payee == "Frais mensuels" and created.cleared
    assert statements.unmatched_lines(account) == ()
    with pytest.raises(ValidationError, match="already matched"):
        statements.create_entry_from_line(fee.id, _category(organized, "expense", "bank_fees"))

    # The automatic match took the closest deposit; the treasurer moves it to the other one.
    assert [c.transaction_uid for c in statements.candidates(deposit.id)] == [
        entries["early_dues"].uid
    ]
    statements.unmatch(deposit.id)
    assert not _cleared(organized, entries["dues"].uid)
    statements.match(deposit.id, entries["early_dues"].uid)
    assert _cleared(organized, entries["early_dues"].uid)
    # A later statement's deposit of the same amount finds the entry left free.
    february = b"2025-02-01,Depot,,1200.50\n"
    assert statements.import_statement(account, february, "fevrier.csv").matched == 1
    assert _cleared(organized, entries["dues"].uid)
    second = next(line for line in statements.lines(account) if line.description == "Depot")
    assert second.transaction_uid == entries["dues"].uid
    with pytest.raises(ValidationError, match="already matched to the bank line of"):
        statements.match(second.id, entries["early_dues"].uid)
    with pytest.raises(ValidationError, match=r"The bank shows -\$45\.10 but the entry is"):
        statements.match(by_description["CHEQUE"].id, entries["dues"].uid)
    with pytest.raises(NotFoundError):
        statements.match(99_999, entries["dues"].uid)


def test_reconciling_until_the_difference_is_zero(organized: Services) -> None:
    account, entries = _books(organized)
    statements = organized.statements
    statements.import_statement(account, RBC_JANUARY, "releve.csv")
    # Opening 1,000.00 - 250.00 - 45.10 + 1,200.50 - 4.95 (the fee not in the books yet)
    state = statements.start(account, date(2025, 1, 31), 190_045)
    assert state.cleared_balance_cents == 100_000 - 25_000 - 4_510 + 120_050
    assert state.difference_cents == -495
    assert [e.uid for e in state.uncleared] == [entries["early_dues"].uid]
    assert statements.state(account) == state
    with pytest.raises(ValidationError, match="already under way"):
        statements.start(account, date(2025, 2, 28), 0)

    with pytest.raises(ValidationError) as caught:
        statements.finish(account)
    assert "differ by -$4.95" in str(caught.value)
    assert statements.state(account).finished_at is None

    fee = statements.unmatched_lines(account)[0]
    statements.create_entry_from_line(fee.id, _category(organized, "expense", "bank_fees"))
    state = statements.state(account)
    assert state.difference_cents == 0
    finished = statements.finish(account)
    assert finished.finished_at is not None
    assert statements.current(account) is None
    with pytest.raises(NotFoundError, match="No reconciliation is under way"):
        statements.state(account)

    reconciled = organized.transactions.page(TransactionFilter(account_uid=account)).rows
    assert {row.uid for row in reconciled if row.reconciled} == {
        entries["rent"].uid,
        entries["cheque"].uid,
        entries["dues"].uid,
        next(row.uid for row in reconciled if row.payee == "Frais mensuels"),
    }
    # A reconciled entry cannot be deleted, nor its line unmatched.
    with pytest.raises(ValidationError, match="reconciled"):
        organized.transactions.delete(entries["rent"].uid)
    rent_line = next(line for line in statements.lines(account) if line.amount_cents == -25_000)
    with pytest.raises(ValidationError, match="stays matched"):
        statements.unmatch(rent_line.id)
    # The next statement starts after this one.
    with pytest.raises(ValidationError, match="already reconciled up to"):
        statements.start(account, date(2025, 1, 15), 0)
    nxt = statements.start(account, date(2025, 2, 28), 190_045)
    assert nxt.last_reconciled_on == date(2025, 1, 31)
    assert [e.uid for e in nxt.entries] == [entries["early_dues"].uid]


def test_a_transfer_counts_on_both_accounts(organized: Services) -> None:
    chequing = _account(organized, "Compte courant", 100_000)
    savings = _account(organized, "Épargne", 0)
    transfer = organized.transactions.create(
        TransactionInput(
            entry_date=date(2025, 1, 10),
            kind="transfer",
            amount_cents=30_000,
            account_uid=chequing,
            to_account_uid=savings,
        )
    )
    statements = organized.statements
    savings_file = b"2025-01-11,Virement recu,,300.00\n"
    result = statements.import_statement(savings, savings_file, "epargne.csv")
    assert result.matched == 1
    state = statements.start(savings, date(2025, 1, 31), 30_000)
    assert state.difference_cents == 0
    assert state.entries[0].payee == "Transfer from Compte courant"
    assert state.entries[0].signed_cents == 30_000
    statements.finish(savings)
    # On the chequing account the same transfer is money out, and already cleared.
    state = statements.start(chequing, date(2025, 1, 31), 70_000)
    assert state.cleared_balance_cents == 70_000 and state.difference_cents == 0
    assert organized.transactions.get(transfer.uid).reconciled
    statements.cancel(chequing)
    assert statements.current(chequing) is None

    # A line the books lack can become a transfer: out of this account, into the other.
    chequing_file = b"2025-02-03,Virement vers epargne,100.00,\n"
    statements.import_statement(chequing, chequing_file, "courant.csv")
    line = statements.unmatched_lines(chequing)[0]
    moved = statements.create_entry_from_line(line.id, transfer_account_uid=savings)
    assert (moved.kind, moved.account_uid, moved.to_account_uid, moved.amount_cents) == (
        "transfer",
        chequing,
        savings,
        10_000,
    )
    assert moved.cleared and statements.unmatched_lines(chequing) == ()


def test_undoing_an_import_uncleares_its_entries(organized: Services) -> None:
    account, entries = _books(organized)
    statements = organized.statements
    result = statements.import_statement(account, RBC_JANUARY, "mauvais-compte.csv")
    statements.undo_import(result.import_uid)
    assert statements.lines(account) == ()
    assert not _cleared(organized, entries["rent"].uid)
    # The same file may now come in again.
    assert statements.import_statement(account, RBC_JANUARY, "releve.csv").new_lines == 4


def test_files_that_cannot_be_read_change_nothing(organized: Services) -> None:
    account, _entries = _books(organized)
    statements = organized.statements
    before = _counts(organized)
    with pytest.raises(FileFormatError, match="could not be recognized"):
        statements.import_statement(account, b"Nom,Prenom\nAna,Pena\n", "membres.csv")
    with pytest.raises(FileFormatError, match="Row 3, column Transaction Date"):
        statements.import_statement(
            account, RBC_JANUARY.replace(b"1/15/2025", b"13/45/2025"), "releve.csv"
        )
    with pytest.raises(FileFormatError, match="empty"):
        statements.import_statement(account, b"", "vide.csv")
    assert _counts(organized) == before
    mapping = GenericMapping(date_column=0, amount_column=1, has_header=False)
    assert statements.import_statement(
        account, b"2025-01-02,-250.00\n", "x.csv", mapping
    ).layout == ("generic")


def test_a_coordinator_may_not_import_or_reconcile(organized: Services) -> None:
    account, _entries = _books(organized)
    profiles = organized.profiles
    profiles.add("Amina", "leader")
    coordinator = profiles.add("Yonas", "coordinator").uid
    treasurer = profiles.add("Ana", "treasurer").uid
    statements = organized.statements

    profiles.sign_in(coordinator)
    before = _counts(organized)
    assert statements.preview(account, RBC_JANUARY, "releve.csv").new_lines == 4  # may look
    with pytest.raises(NotAllowedError):
        statements.import_statement(account, RBC_JANUARY, "releve.csv")
    with pytest.raises(NotAllowedError):
        statements.start(account, date(2025, 1, 31), 0)
    assert _counts(organized) == before

    profiles.sign_in(treasurer)
    assert statements.import_statement(account, RBC_JANUARY, "releve.csv").matched == 3
