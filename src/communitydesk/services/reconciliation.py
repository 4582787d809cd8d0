"""Bank statements and reconciliation: the treasurer brings in the bank's CSV, each line is matched
to the entry it records (which becomes cleared), and the statement's closing balance is compared
with the cleared entries until the difference is zero; the entries are then reconciled for good.

The same file twice is refused (its SHA-256 for that account); a line already brought in by an
overlapping statement is recognized by its fingerprint (account, date, amount, description and its
rank among identical lines of the file) and skipped. Lines are written with one bulk insert (a
year's statement has thousands); the import itself, the matches and the clearing go through the
ORM, so that the change history records them.

A transfer is one entry seen by two accounts: it can be matched on each account's statement,
and its one `cleared` flag serves both.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final

from sqlalchemy import ColumnElement, and_, case, func, insert, or_, select
from sqlalchemy.orm import Session

from communitydesk.core.errors import (
    FileFormatError,
    NotAllowedError,
    NotFoundError,
    ValidationError,
)
from communitydesk.core.i18n import _, format_date, format_money
from communitydesk.core.text import fold
from communitydesk.db.session import Database
from communitydesk.importers.bank_statement import (
    GENERIC,
    GenericMapping,
    StatementLineData,
    detect_layout,
    layout_name,
    read_statement,
)
from communitydesk.models import (
    MoneyAccount,
    MoneyTransaction,
    Organization,
    Person,
    Reconciliation,
    StatementImport,
    StatementLine,
)
from communitydesk.models.base import utc_now
from communitydesk.services.accounts import account_row
from communitydesk.services.people import display_name
from communitydesk.services.records import by_uid
from communitydesk.services.transactions import (
    SplitInput,
    TransactionInput,
    TransactionRecord,
    TransactionService,
)

MATCH_DAYS: Final = 5  # a bank posts a few days after the entry's date, rarely more
# A cheque whose number is on the bank's line may be cashed weeks after it was written.
CHEQUE_DAYS: Final = 90
CHUNK: Final = 500

Layout = str | GenericMapping | None


@dataclass(frozen=True)
class ProposedMatch:
    """An entry of the books that a bank line records."""

    transaction_uid: str
    entry_date: date
    payee: str
    reference: str
    memo: str
    signed_cents: int  # its effect on the account: money in positive


@dataclass(frozen=True)
class PreviewLine:
    row: int
    posted_on: date
    amount_cents: int
    description: str
    reference: str
    new: bool  # False: already brought in by an earlier statement
    match: ProposedMatch | None = None


@dataclass(frozen=True)
class StatementPreview:
    file_name: str
    layout: str  # a key of LAYOUTS, or "generic"
    layout_name: str
    lines: tuple[PreviewLine, ...]
    new_lines: int
    already_seen: int
    matched: int  # new lines with an entry found for them
    first_on: date | None
    last_on: date | None
    already_imported_on: date | None = None  # this very file was imported that day


@dataclass(frozen=True)
class StatementImportResult:
    new_lines: int
    already_seen: int
    matched: int
    first_on: date | None
    last_on: date | None
    layout: str
    import_uid: str = ""


@dataclass(frozen=True)
class StatementLineRecord:
    id: int
    posted_on: date
    amount_cents: int
    description: str
    reference: str
    transaction_uid: str = ""  # the entry it is matched to


@dataclass(frozen=True)
class StatementImportRecord:
    uid: str
    file_name: str
    layout: str
    imported_at: datetime
    first_on: date | None
    last_on: date | None
    line_count: int


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


@dataclass(frozen=True)
class _Candidate:
    id: int
    match: ProposedMatch


def _normal_description(text: str) -> str:
    return fold(text)


def _normal_reference(text: str) -> str:
    """'Chq #000123' and '123' are the same cheque."""
    return re.sub(r"\D", "", text).lstrip("0") or fold(re.sub(r"\W", "", text))


def fingerprints(account_uid: str, lines: Iterable[StatementLineData]) -> list[str]:
    """Each line's fingerprint: the same line in an overlapping statement gives the same one,
    and two identical lines of one file (two $5.00 fees the same day) stay two."""
    seen: dict[tuple[date, int, str], int] = defaultdict(int)
    found = []
    for line in lines:
        key = (line.posted_on, line.amount_cents, _normal_description(line.description))
        seen[key] += 1
        text = "\x1f".join((account_uid, key[0].isoformat(), str(key[1]), key[2], str(seen[key])))
        found.append(hashlib.sha256(text.encode("utf-8")).hexdigest())
    return found


def _signed_cents(
    kind: str, amount: int, account_id: int, to_account_id: int | None, on: int
) -> int:
    """An entry's effect on account `on`: income in, expense out, a transfer out of its account
    and into its target."""
    if kind == "transfer" and to_account_id == on and account_id != on:
        return amount
    return amount if kind == "income" else -amount


def _in_account(account_id: int) -> ColumnElement[bool]:
    return or_(
        MoneyTransaction.account_id == account_id, MoneyTransaction.to_account_id == account_id
    )


def _payee_label(
    payee: str,
    given: str | None,
    family: str | None,
    kind: str,
    account_id: int,
    on: int,
    names: dict[int, str],
    other: int | None,
) -> str:
    if given is not None or family is not None:
        return display_name(given or "", family or "")
    if payee or kind != "transfer":
        return payee
    if account_id == on:
        return _("Transfer to {account}").format(account=names.get(other or 0, ""))
    return _("Transfer from {account}").format(account=names.get(account_id, ""))


def _file_layout(data: bytes, layout: Layout) -> tuple[str | GenericMapping, str]:
    """The layout to read with, and its key as stored."""
    if layout is None:
        found = detect_layout(data)
        if found is None:
            raise FileFormatError(
                _(
                    "The bank could not be recognized from this file. Choose the bank, or "
                    "choose the columns."
                )
            )
        return found, found
    return layout, GENERIC if isinstance(layout, GenericMapping) else layout


class StatementService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # --- importing -------------------------------------------------------------------------------

    def preview(
        self, account_uid: str, data: bytes, file_name: str, layout: Layout = None
    ) -> StatementPreview:
        """What importing would do: the lines, which are new, and the entry proposed for each."""
        reader, key = _file_layout(data, layout)
        lines = read_statement(data, reader)
        digest = hashlib.sha256(data).hexdigest()
        with self._db.reading() as session:
            account = account_row(session, account_uid)
            before = self._same_file(session, account.id, digest)
            prints = fingerprints(account.uid, lines)
            seen = self._seen(session, account.id, prints)
            new = [i for i, fingerprint in enumerate(prints) if fingerprint not in seen]
            proposals = self._proposals(session, account.id, [lines[i] for i in new])
        matches = dict(zip(new, proposals, strict=True))
        shown = []
        for index, line in enumerate(lines):
            proposal = matches.get(index)
            shown.append(
                PreviewLine(
                    line.row,
                    line.posted_on,
                    line.amount_cents,
                    line.description,
                    line.reference,
                    new=index in matches,
                    match=proposal.match if proposal is not None else None,
                )
            )
        return StatementPreview(
            file_name=file_name,
            layout=key,
            layout_name=layout_name(reader),
            lines=tuple(shown),
            new_lines=len(new),
            already_seen=len(lines) - len(new),
            matched=sum(1 for found in proposals if found is not None),
            first_on=min(line.posted_on for line in lines),
            last_on=max(line.posted_on for line in lines),
            already_imported_on=before.created_at.astimezone().date() if before else None,
        )

    def import_statement(
        self, account_uid: str, data: bytes, file_name: str, layout: Layout = None
    ) -> StatementImportResult:
        """Bring the statement's new lines in and clear the entries they match, all at once."""
        self._refuse_unless_allowed()
        reader, key = _file_layout(data, layout)
        lines = read_statement(data, reader)
        digest = hashlib.sha256(data).hexdigest()
        with self._db.unit_of_work() as session:
            account = account_row(session, account_uid)
            before = self._same_file(session, account.id, digest)
            if before is not None:
                raise ValidationError(
                    "file",
                    _("This statement was already imported on {date}; nothing was changed.").format(
                        date=format_date(before.created_at.astimezone().date())
                    ),
                )
            prints = fingerprints(account.uid, lines)
            seen = self._seen(session, account.id, prints)
            new = [(line, fp) for line, fp in zip(lines, prints, strict=True) if fp not in seen]
            proposals = self._proposals(session, account.id, [line for line, _fp in new])
            first_on = min(line.posted_on for line in lines)
            last_on = max(line.posted_on for line in lines)
            imported = StatementImport(
                account_id=account.id,
                file_name=file_name[:255],
                sha256=digest,
                layout=key,
                first_on=first_on,
                last_on=last_on,
                line_count=len(new),
            )
            session.add(imported)
            session.flush()
            values = [
                {
                    "import_id": imported.id,
                    "account_id": account.id,
                    "posted_on": line.posted_on,
                    "amount_cents": line.amount_cents,
                    "description": line.description,
                    "reference": line.reference,
                    "fingerprint": fingerprint,
                    "transaction_id": found.id if found is not None else None,
                }
                for (line, fingerprint), found in zip(new, proposals, strict=True)
            ]
            for start in range(0, len(values), CHUNK):
                session.execute(insert(StatementLine), values[start : start + CHUNK])
            matched = [found.id for found in proposals if found is not None]
            self._clear(session, matched)
            return StatementImportResult(
                new_lines=len(new),
                already_seen=len(lines) - len(new),
                matched=len(matched),
                first_on=first_on,
                last_on=last_on,
                layout=key,
                import_uid=imported.uid,
            )

    def imports(self, account_uid: str) -> tuple[StatementImportRecord, ...]:
        """The statements brought in for the account, newest first."""
        with self._db.reading() as session:
            account = account_row(session, account_uid)
            rows = session.scalars(
                select(StatementImport)
                .where(
                    StatementImport.account_id == account.id, StatementImport.deleted_at.is_(None)
                )
                .order_by(StatementImport.created_at.desc(), StatementImport.id.desc())
            )
            return tuple(
                StatementImportRecord(
                    row.uid,
                    row.file_name,
                    row.layout,
                    row.created_at,
                    row.first_on,
                    row.last_on,
                    row.line_count,
                )
                for row in rows
            )

    def undo_import(self, import_uid: str) -> None:
        """Take a statement back out (brought into the wrong account, say): its lines go, and
        the entries they had cleared are uncleared. Refused once one of them is reconciled."""
        self._refuse_unless_allowed()
        with self._db.unit_of_work() as session:
            imported = by_uid(
                session, StatementImport, import_uid, _("This statement is no longer there.")
            )
            ids = [
                found
                for found in session.scalars(
                    select(StatementLine.transaction_id).where(
                        StatementLine.import_id == imported.id
                    )
                )
                if found is not None
            ]
            rows = self._transactions(session, ids)
            if any(row.reconciliation_id is not None for row in rows):
                raise ValidationError(
                    "import",
                    _(
                        "Entries matched to this statement are reconciled: the statement stays. "
                        "Record correcting entries instead."
                    ),
                )
            # The lines go with the import (ON DELETE CASCADE); the row is removed, not sent to
            # the Trash, so that the same file can be brought in again.
            session.delete(imported)
            session.flush()
            for row in rows:
                if not self._matched_elsewhere(session, row.id):
                    row.cleared = False

    # --- matching --------------------------------------------------------------------------------

    def lines(
        self, account_uid: str, unmatched_only: bool = False
    ) -> tuple[StatementLineRecord, ...]:
        """The account's bank lines by date, each with the entry it is matched to."""
        with self._db.reading() as session:
            account = account_row(session, account_uid)
            query = (
                select(StatementLine, MoneyTransaction.uid)
                .outerjoin(
                    MoneyTransaction,
                    and_(
                        MoneyTransaction.id == StatementLine.transaction_id,
                        MoneyTransaction.deleted_at.is_(None),
                    ),
                )
                .where(StatementLine.account_id == account.id)
                .order_by(StatementLine.posted_on, StatementLine.id)
            )
            if unmatched_only:
                query = query.where(MoneyTransaction.id.is_(None))
            return tuple(
                StatementLineRecord(
                    line.id,
                    line.posted_on,
                    line.amount_cents,
                    line.description,
                    line.reference,
                    uid or "",
                )
                for line, uid in session.execute(query).all()
            )

    def unmatched_lines(self, account_uid: str) -> tuple[StatementLineRecord, ...]:
        """Bank lines with no entry (or whose entry went to the Trash): each needs one."""
        return self.lines(account_uid, unmatched_only=True)

    def candidates(self, line_id: int, limit: int = 20) -> tuple[ProposedMatch, ...]:
        """Entries a bank line could be matched to by hand: same amount, closest dates first."""
        with self._db.reading() as session:
            line = self._line(session, line_id)
            found = self._candidates(session, line.account_id, None, None, line.amount_cents)
            found.sort(key=lambda c: (abs((c.match.entry_date - line.posted_on).days), c.id))
            return tuple(c.match for c in found[:limit])

    def match(self, line_id: int, transaction_uid: str) -> StatementLineRecord:
        """Match a bank line to an entry by hand; the entry becomes cleared."""
        self._refuse_unless_allowed()
        with self._db.unit_of_work() as session:
            line = self._line(session, line_id)
            row = by_uid(
                session,
                MoneyTransaction,
                transaction_uid,
                _("This entry is no longer in the books."),
            )
            account = session.get(MoneyAccount, line.account_id)
            assert account is not None
            if line.account_id not in (row.account_id, row.to_account_id):
                raise ValidationError(
                    "transaction",
                    _("This entry is not in {account}.").format(account=account.name),
                )
            signed = _signed_cents(
                row.kind, row.amount_cents, row.account_id, row.to_account_id, account.id
            )
            if signed != line.amount_cents:
                currency = self._currency(session)
                raise ValidationError(
                    "transaction",
                    _(
                        "The bank shows {line} but the entry is {entry}. Correct the entry "
                        "first, then match it."
                    ).format(
                        line=format_money(line.amount_cents, currency),
                        entry=format_money(signed, currency),
                    ),
                )
            other = session.scalars(
                select(StatementLine).where(
                    StatementLine.account_id == line.account_id,
                    StatementLine.transaction_id == row.id,
                    StatementLine.id != line.id,
                )
            ).first()
            if other is not None:
                raise ValidationError(
                    "transaction",
                    _(
                        "This entry is already matched to the bank line of {date} "
                        "(“{description}”). Unmatch that line first."
                    ).format(date=format_date(other.posted_on), description=other.description),
                )
            if line.transaction_id is not None and line.transaction_id != row.id:
                self._release(session, line)
            line.transaction_id = row.id
            row.cleared = True
            session.flush()
            return StatementLineRecord(
                line.id,
                line.posted_on,
                line.amount_cents,
                line.description,
                line.reference,
                row.uid,
            )

    def unmatch(self, line_id: int) -> None:
        """Undo a match: the line waits for an entry again, and its entry is no longer cleared."""
        self._refuse_unless_allowed()
        with self._db.unit_of_work() as session:
            line = self._line(session, line_id)
            if line.transaction_id is not None:
                self._release(session, line)

    def create_entry_from_line(
        self,
        line_id: int,
        category_uid: str = "",
        payee: str = "",
        memo: str = "",
        program_uid: str = "",
        fund_uid: str = "",
        transfer_account_uid: str = "",
        allow_overspend: bool = False,
    ) -> TransactionRecord:
        """Record the entry a bank line shows (a bank fee, interest, a forgotten deposit),
        matched to it and cleared. The entry goes through the books' own checks (closed
        periods, restricted funds). With `transfer_account_uid`, a transfer to (money out) or
        from (money in) that account instead of a category."""
        self._refuse_unless_allowed()
        with self._db.reading() as session:
            line = self._line(session, line_id)
            if self._live_match(session, line) is not None:
                raise ValidationError("line", _("This bank line is already matched to an entry."))
            account_uid = _account_uid(session, line.account_id)
            posted_on, cents = line.posted_on, line.amount_cents
            description, reference = line.description, line.reference
        amount = abs(cents)
        if transfer_account_uid:
            source, target = (
                (account_uid, transfer_account_uid)
                if cents < 0
                else (transfer_account_uid, account_uid)
            )
            entry = TransactionInput(
                entry_date=posted_on,
                kind="transfer",
                amount_cents=amount,
                account_uid=source,
                to_account_uid=target,
                memo=memo or description,
                reference=reference,
                cleared=True,
            )
        else:
            entry = TransactionInput(
                entry_date=posted_on,
                kind="income" if cents > 0 else "expense",
                amount_cents=amount,
                account_uid=account_uid,
                splits=(SplitInput(category_uid, amount, program_uid, fund_uid),)
                if category_uid
                else (),
                payee=(payee or description)[:200],
                memo=memo,
                reference=reference,
                cleared=True,
            )
        record = TransactionService(self._db).create(entry, allow_overspend)
        with self._db.unit_of_work() as session:
            line = self._line(session, line_id)
            row = by_uid(
                session, MoneyTransaction, record.uid, _("This entry is no longer in the books.")
            )
            line.transaction_id = row.id
        return record

    # --- reconciling -----------------------------------------------------------------------------

    def start(
        self, account_uid: str, statement_on: date, statement_balance_cents: int
    ) -> ReconciliationState:
        """Begin checking the books against a statement: its date and closing balance."""
        if not isinstance(statement_balance_cents, int) or isinstance(
            statement_balance_cents, bool
        ):
            raise TypeError("money is integer cents")
        with self._db.unit_of_work() as session:
            account = account_row(session, account_uid)
            under_way = self._open(session, account.id)
            if under_way is not None:
                raise ValidationError(
                    "reconciliation",
                    _(
                        "A reconciliation of this account is already under way, for the "
                        "statement of {date}. Finish it or cancel it first."
                    ).format(date=format_date(under_way.statement_on)),
                )
            last = self._last_reconciled_on(session, account.id)
            if last is not None and statement_on <= last:
                raise ValidationError(
                    "statement_on",
                    _(
                        "The account is already reconciled up to {date}: choose a later statement."
                    ).format(date=format_date(last)),
                )
            row = Reconciliation(
                account_id=account.id,
                statement_on=statement_on,
                statement_balance_cents=statement_balance_cents,
            )
            session.add(row)
            session.flush()
            return self._state(session, account, row)

    def current(self, account_uid: str) -> ReconciliationState | None:
        """The reconciliation under way for the account, if any."""
        with self._db.reading() as session:
            account = account_row(session, account_uid)
            row = self._open(session, account.id)
            return self._state(session, account, row) if row is not None else None

    def state(self, account_uid: str) -> ReconciliationState:
        """The reconciliation under way: balances, difference and what is still uncleared."""
        found = self.current(account_uid)
        if found is None:
            raise NotFoundError(
                _(
                    "No reconciliation is under way for this account: start one with the "
                    "statement's date and closing balance."
                )
            )
        return found

    def cancel(self, account_uid: str) -> None:
        """Give up the reconciliation under way; the cleared ticks stay."""
        with self._db.unit_of_work() as session:
            account = account_row(session, account_uid)
            row = self._open(session, account.id)
            if row is not None:
                row.deleted_at = utc_now()

    def finish(self, account_uid: str) -> ReconciliationState:
        """Reconcile the cleared entries up to the statement's date, once nothing differs."""
        with self._db.unit_of_work() as session:
            account = account_row(session, account_uid)
            row = self._open(session, account.id)
            if row is None:
                raise NotFoundError(
                    _("No reconciliation is under way for this account; nothing was changed.")
                )
            difference = row.statement_balance_cents - self._cleared_balance(
                session, account, row.statement_on
            )
            if difference != 0:
                raise ValidationError(
                    "statement_balance",
                    _(
                        "The statement and the cleared entries differ by {difference}. Tick "
                        "the entries the bank shows, or record the missing ones, until the "
                        "difference is zero."
                    ).format(difference=format_money(difference, self._currency(session))),
                )
            entries = session.scalars(
                select(MoneyTransaction).where(
                    _in_account(account.id),
                    MoneyTransaction.deleted_at.is_(None),
                    MoneyTransaction.cleared.is_(True),
                    MoneyTransaction.reconciliation_id.is_(None),
                    MoneyTransaction.entry_date <= row.statement_on,
                )
            ).all()
            for entry in entries:
                entry.reconciliation_id = row.id
            row.finished_at = utc_now()
            session.flush()
            return self._state(session, account, row)

    # --- inside ----------------------------------------------------------------------------------

    def _refuse_unless_allowed(self) -> None:
        # Lines are written by a bulk insert, which the ORM's own check of the role never sees.
        if self._db.may_write is not None and not self._db.may_write("statement_line"):
            raise NotAllowedError(_("The profile signed in can look at this but not change it."))

    @staticmethod
    def _currency(session: Session) -> str:
        return session.scalar(select(Organization.currency)) or "CAD"

    @staticmethod
    def _same_file(session: Session, account_id: int, digest: str) -> StatementImport | None:
        return session.scalars(
            select(StatementImport).where(
                StatementImport.account_id == account_id, StatementImport.sha256 == digest
            )
        ).first()

    @staticmethod
    def _seen(session: Session, account_id: int, prints: list[str]) -> set[str]:
        seen: set[str] = set()
        for start in range(0, len(prints), CHUNK):
            seen.update(
                session.scalars(
                    select(StatementLine.fingerprint).where(
                        StatementLine.account_id == account_id,
                        StatementLine.fingerprint.in_(prints[start : start + CHUNK]),
                    )
                )
            )
        return seen

    @staticmethod
    def _line(session: Session, line_id: int) -> StatementLine:
        line = session.get(StatementLine, line_id)
        if line is None:
            raise NotFoundError(_("This bank line is no longer there."))
        return line

    @staticmethod
    def _live_match(session: Session, line: StatementLine) -> MoneyTransaction | None:
        if line.transaction_id is None:
            return None
        row = session.get(MoneyTransaction, line.transaction_id)
        return row if row is not None and row.deleted_at is None else None

    @staticmethod
    def _matched_elsewhere(session: Session, transaction_id: int) -> bool:
        return (
            session.scalar(
                select(StatementLine.id).where(StatementLine.transaction_id == transaction_id)
            )
            is not None
        )

    def _release(self, session: Session, line: StatementLine) -> None:
        """Unmatch a line; its entry is uncleared unless another line still shows it."""
        assert line.transaction_id is not None
        row = session.get(MoneyTransaction, line.transaction_id)
        reconciled = row is not None and row.reconciliation_id is not None
        if reconciled and row is not None and row.deleted_at is None:
            reconciliation = session.get(Reconciliation, row.reconciliation_id)
            if reconciliation is not None and reconciliation.account_id == line.account_id:
                raise ValidationError(
                    "transaction",
                    _("This entry was reconciled with this statement: it stays matched."),
                )
        line.transaction_id = None
        session.flush()
        # A reconciled entry stays cleared (a transfer reconciled on its other account).
        if row is not None and not reconciled and not self._matched_elsewhere(session, row.id):
            row.cleared = False

    @staticmethod
    def _transactions(session: Session, ids: list[int]) -> list[MoneyTransaction]:
        rows: list[MoneyTransaction] = []
        for start in range(0, len(ids), CHUNK):
            rows.extend(
                session.scalars(
                    select(MoneyTransaction).where(
                        MoneyTransaction.id.in_(ids[start : start + CHUNK])
                    )
                )
            )
        return rows

    def _clear(self, session: Session, ids: list[int]) -> None:
        for row in self._transactions(session, ids):
            if not row.cleared:
                row.cleared = True

    @staticmethod
    def _candidates(
        session: Session,
        account_id: int,
        start: date | None,
        end: date | None,
        amount: int | None = None,
    ) -> list[_Candidate]:
        """Entries of the account a bank line may record: in the books, not reconciled on this
        account, and not matched to another line of its statements yet."""
        names = dict(session.execute(select(MoneyAccount.id, MoneyAccount.name)).all())
        matched = select(StatementLine.transaction_id).where(
            StatementLine.account_id == account_id, StatementLine.transaction_id.is_not(None)
        )
        reconciled_here = select(Reconciliation.id).where(Reconciliation.account_id == account_id)
        query = (
            select(
                MoneyTransaction.id,
                MoneyTransaction.uid,
                MoneyTransaction.entry_date,
                MoneyTransaction.kind,
                MoneyTransaction.amount_cents,
                MoneyTransaction.account_id,
                MoneyTransaction.to_account_id,
                MoneyTransaction.payee,
                MoneyTransaction.reference,
                MoneyTransaction.memo,
                Person.given_name,
                Person.family_name,
            )
            .outerjoin(Person, Person.id == MoneyTransaction.person_id)
            .where(
                _in_account(account_id),
                MoneyTransaction.deleted_at.is_(None),
                or_(
                    MoneyTransaction.reconciliation_id.is_(None),
                    MoneyTransaction.reconciliation_id.not_in(reconciled_here),
                ),
                MoneyTransaction.id.not_in(matched),
            )
        )
        if start is not None:
            query = query.where(MoneyTransaction.entry_date >= start)
        if end is not None:
            query = query.where(MoneyTransaction.entry_date <= end)
        if amount is not None:
            # The amount is positive in the books; its sign comes from the kind and the side.
            query = query.where(MoneyTransaction.amount_cents == abs(amount))
        found = []
        for (
            row_id,
            uid,
            entry_date,
            kind,
            cents,
            own,
            target,
            payee,
            reference,
            memo,
            given,
            family,
        ) in session.execute(query).all():
            signed = _signed_cents(kind, cents, own, target, account_id)
            if amount is not None and signed != amount:
                continue
            label = _payee_label(payee, given, family, kind, own, account_id, names, target)
            found.append(
                _Candidate(row_id, ProposedMatch(uid, entry_date, label, reference, memo, signed))
            )
        return found

    def _proposals(
        self, session: Session, account_id: int, lines: list[StatementLineData]
    ) -> list[_Candidate | None]:
        """The entry each line records, or None: same signed amount, a date within a few days,
        the closest first; a cheque number on both wins. Best pairs are taken first, so that
        no entry is given to two lines."""
        if not lines:
            return []
        start = min(line.posted_on for line in lines) - timedelta(days=CHEQUE_DAYS)
        end = max(line.posted_on for line in lines) + timedelta(days=MATCH_DAYS)
        by_amount: dict[int, list[_Candidate]] = defaultdict(list)
        for candidate in self._candidates(session, account_id, start, end):
            by_amount[candidate.match.signed_cents].append(candidate)
        pairs: list[tuple[int, int, int, int]] = []
        for index, line in enumerate(lines):
            reference = _normal_reference(line.reference)
            for candidate in by_amount.get(line.amount_cents, ()):
                days = abs((candidate.match.entry_date - line.posted_on).days)
                same_cheque = bool(reference) and (
                    reference == _normal_reference(candidate.match.reference)
                )
                if days > MATCH_DAYS and not (same_cheque and days <= CHEQUE_DAYS):
                    continue
                pairs.append((0 if same_cheque else 1, days, index, candidate.id))
        pairs.sort()
        chosen: list[_Candidate | None] = [None] * len(lines)
        taken: set[int] = set()
        candidates = {c.id: c for group in by_amount.values() for c in group}
        for _rank, _days, index, candidate_id in pairs:
            if chosen[index] is None and candidate_id not in taken:
                chosen[index] = candidates[candidate_id]
                taken.add(candidate_id)
        return chosen

    @staticmethod
    def _open(session: Session, account_id: int) -> Reconciliation | None:
        return session.scalars(
            select(Reconciliation).where(
                Reconciliation.account_id == account_id,
                Reconciliation.finished_at.is_(None),
                Reconciliation.deleted_at.is_(None),
            )
        ).first()

    @staticmethod
    def _last_reconciled_on(session: Session, account_id: int) -> date | None:
        return session.scalar(
            select(func.max(Reconciliation.statement_on)).where(
                Reconciliation.account_id == account_id,
                Reconciliation.finished_at.is_not(None),
                Reconciliation.deleted_at.is_(None),
            )
        )

    @staticmethod
    def _cleared_balance(session: Session, account: MoneyAccount, day: date) -> int:
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
                _in_account(account.id),
                MoneyTransaction.deleted_at.is_(None),
                MoneyTransaction.cleared.is_(True),
                MoneyTransaction.entry_date <= day,
            )
        )
        return account.opening_cents + int(moved or 0)

    def _state(
        self, session: Session, account: MoneyAccount, row: Reconciliation
    ) -> ReconciliationState:
        names = dict(session.execute(select(MoneyAccount.id, MoneyAccount.name)).all())
        found = session.execute(
            select(MoneyTransaction, Person.given_name, Person.family_name)
            .outerjoin(Person, Person.id == MoneyTransaction.person_id)
            .where(
                _in_account(account.id),
                MoneyTransaction.deleted_at.is_(None),
                MoneyTransaction.reconciliation_id.is_(None),
                MoneyTransaction.entry_date <= row.statement_on,
            )
            .order_by(MoneyTransaction.entry_date, MoneyTransaction.id)
        ).all()
        entries = tuple(
            ReconciliationEntry(
                uid=entry.uid,
                entry_date=entry.entry_date,
                kind=entry.kind,
                payee=_payee_label(
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
                signed_cents=_signed_cents(
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
        return ReconciliationState(
            uid=row.uid,
            account_uid=account.uid,
            account_name=account.name,
            currency=self._currency(session),
            statement_on=row.statement_on,
            statement_balance_cents=row.statement_balance_cents,
            cleared_balance_cents=self._cleared_balance(session, account, row.statement_on),
            entries=entries,
            finished_at=row.finished_at,
            last_reconciled_on=self._last_reconciled_on(session, account.id),
        )


def _account_uid(session: Session, account_id: int) -> str:
    account = session.get(MoneyAccount, account_id)
    if account is None or account.deleted_at is not None:
        raise NotFoundError(_("This account no longer exists."))
    return account.uid
