"""Bank statements and reconciliation: the treasurer brings in the bank's CSV, each line is matched
to the entry it records (which becomes cleared), and the statement's closing balance is compared
with the cleared entries until the difference is zero; the entries are then reconciled for good.

The same file twice is refused (its SHA-256 for that account); a line already brought in by an
overlapping statement is recognized by its fingerprint and skipped. Lines are written with one
bulk insert (a year's statement has thousands); the import itself, the matches and the clearing
go through the ORM, so that the change history records them.

A transfer is one entry seen by two accounts: it can be matched on each account's statement,
and its one `cleared` flag serves both.

How lines find their entries is in statement_matching; where a reconciliation stands (the
cleared balance and the entries not reconciled yet) in reconciliation_state.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, insert, select
from sqlalchemy.orm import Session

from communitydesk.core.errors import (
    FileFormatError,
    NotAllowedError,
    NotFoundError,
    ValidationError,
)
from communitydesk.core.i18n import _, format_date, format_money
from communitydesk.db.session import Database
from communitydesk.importers.bank_statement import (
    GENERIC,
    GenericMapping,
    detect_layout,
    layout_name,
    read_statement,
)
from communitydesk.models import (
    MoneyAccount,
    MoneyTransaction,
    Reconciliation,
    StatementImport,
    StatementLine,
)
from communitydesk.models.base import utc_now
from communitydesk.services.accounts import account_row
from communitydesk.services.reconciliation_state import (
    ReconciliationEntry,
    ReconciliationState,
    cleared_balance,
    last_reconciled_on,
    open_reconciliation,
    organization_currency,
    reconcile_cleared,
    reconciliation_state,
)
from communitydesk.services.records import by_uid
from communitydesk.services.statement_matching import (
    CHEQUE_DAYS,
    CHUNK,
    MATCH_DAYS,
    ProposedMatch,
    best_matches,
    closest_candidates,
    fingerprints,
    seen_fingerprints,
    signed_cents,
)
from communitydesk.services.transactions import (
    SplitInput,
    TransactionInput,
    TransactionRecord,
    TransactionService,
)

# Other modules import these from here, as they did before matching and the reconciliation's
# state moved to modules of their own.
__all__ = [
    "CHEQUE_DAYS",
    "CHUNK",
    "MATCH_DAYS",
    "Layout",
    "PreviewLine",
    "ProposedMatch",
    "ReconciliationEntry",
    "ReconciliationState",
    "StatementImportRecord",
    "StatementImportResult",
    "StatementLineRecord",
    "StatementPreview",
    "StatementService",
    "fingerprints",
]

Layout = str | GenericMapping | None


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
            seen = seen_fingerprints(session, account.id, prints)
            new = [i for i, fingerprint in enumerate(prints) if fingerprint not in seen]
            proposals = best_matches(session, account.id, [lines[i] for i in new])
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
            seen = seen_fingerprints(session, account.id, prints)
            new = [(line, fp) for line, fp in zip(lines, prints, strict=True) if fp not in seen]
            proposals = best_matches(session, account.id, [line for line, _fp in new])
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
            return closest_candidates(
                session, line.account_id, line.posted_on, line.amount_cents, limit
            )

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
            signed = signed_cents(
                row.kind, row.amount_cents, row.account_id, row.to_account_id, account.id
            )
            if signed != line.amount_cents:
                currency = organization_currency(session)
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
            under_way = open_reconciliation(session, account.id)
            if under_way is not None:
                raise ValidationError(
                    "reconciliation",
                    _(
                        "A reconciliation of this account is already under way, for the "
                        "statement of {date}. Finish it or cancel it first."
                    ).format(date=format_date(under_way.statement_on)),
                )
            last = last_reconciled_on(session, account.id)
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
            return reconciliation_state(session, account, row)

    def current(self, account_uid: str) -> ReconciliationState | None:
        """The reconciliation under way for the account, if any."""
        with self._db.reading() as session:
            account = account_row(session, account_uid)
            row = open_reconciliation(session, account.id)
            return reconciliation_state(session, account, row) if row is not None else None

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
            row = open_reconciliation(session, account.id)
            if row is not None:
                row.deleted_at = utc_now()

    def finish(self, account_uid: str) -> ReconciliationState:
        """Reconcile the cleared entries up to the statement's date, once nothing differs."""
        with self._db.unit_of_work() as session:
            account = account_row(session, account_uid)
            row = open_reconciliation(session, account.id)
            if row is None:
                raise NotFoundError(
                    _("No reconciliation is under way for this account; nothing was changed.")
                )
            difference = row.statement_balance_cents - cleared_balance(
                session, account, row.statement_on
            )
            if difference != 0:
                raise ValidationError(
                    "statement_balance",
                    _(
                        "The statement and the cleared entries differ by {difference}. Tick "
                        "the entries the bank shows, or record the missing ones, until the "
                        "difference is zero."
                    ).format(difference=format_money(difference, organization_currency(session))),
                )
            reconcile_cleared(session, account, row)
            session.flush()
            return reconciliation_state(session, account, row)

    # --- inside ----------------------------------------------------------------------------------

    def _refuse_unless_allowed(self) -> None:
        # Lines are written by a bulk insert, which the ORM's own check of the role never sees.
        if self._db.may_write is not None and not self._db.may_write("statement_line"):
            raise NotAllowedError(_("The profile signed in can look at this but not change it."))

    @staticmethod
    def _same_file(session: Session, account_id: int, digest: str) -> StatementImport | None:
        return session.scalars(
            select(StatementImport).where(
                StatementImport.account_id == account_id, StatementImport.sha256 == digest
            )
        ).first()

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


def _account_uid(session: Session, account_id: int) -> str:
    account = session.get(MoneyAccount, account_id)
    if account is None or account.deleted_at is not None:
        raise NotFoundError(_("This account no longer exists."))
    return account.uid
