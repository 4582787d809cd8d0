"""Transactions: every entry in the books, with its splits, its person and its receipts.

Each write is one transaction of the database, checked before anything is written: the splits sum
to the amount, each category fits the entry (income or expense), no date in a closed period is
touched, and no restricted fund goes below zero unless the treasurer said so. Dues paid by a
person on the roster mark their membership paid; taking the entry back marks it due again.
"""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Final

from sqlalchemy import ColumnElement, case, delete, func, or_, select
from sqlalchemy.orm import Session, aliased

from communitydesk.core.errors import (
    FundOverspentError,
    ValidationError,
)
from communitydesk.core.i18n import _, format_amount, format_money
from communitydesk.db.session import Database
from communitydesk.models import (
    Attachment,
    DonationReceipt,
    Fund,
    Membership,
    MoneyAccount,
    MoneyCategory,
    MoneyTransaction,
    Organization,
    Person,
    Program,
    TransactionSplit,
)
from communitydesk.models.base import utc_now
from communitydesk.models.money import TRANSACTION_KINDS
from communitydesk.services.accounts import account_row
from communitydesk.services.balances import fund_balances, signed_amount
from communitydesk.services.categories import label_in
from communitydesk.services.closed_periods import refuse_if_closed
from communitydesk.services.people import display_name, find_person
from communitydesk.services.records import by_uid

LARGEST_ATTACHMENT: Final = 20 * 1024 * 1024  # a phone photo is 2 to 5 MB; a scan under 20
LARGEST_AMOUNT: Final = 100_000_000_00  # a hundred million: beyond it, a typing slip


@dataclass(frozen=True)
class SplitInput:
    category_uid: str
    amount_cents: int
    program_uid: str = ""
    fund_uid: str = ""
    memo: str = ""


@dataclass(frozen=True)
class TransactionInput:
    entry_date: date
    kind: str  # income, expense or transfer
    amount_cents: int
    account_uid: str
    splits: tuple[SplitInput, ...] = ()
    to_account_uid: str = ""
    person_uid: str = ""
    payee: str = ""
    memo: str = ""
    reference: str = ""
    cleared: bool = False


@dataclass(frozen=True)
class SplitRecord(SplitInput):
    category_name: str = ""
    category_code: str = ""
    program_name: str = ""
    fund_name: str = ""


@dataclass(frozen=True)
class TransactionRecord:
    uid: str
    entry_date: date
    kind: str
    amount_cents: int
    account_uid: str
    account_name: str
    to_account_uid: str = ""
    to_account_name: str = ""
    person_uid: str = ""
    payee: str = ""  # the person's name when on the roster, else as typed
    memo: str = ""
    reference: str = ""
    cleared: bool = False
    reconciled: bool = False
    splits: tuple[SplitRecord, ...] = ()
    attachments: int = 0
    membership_uid: str = ""
    receipt_number: int | None = None

    @property
    def signed_cents(self) -> int:
        """The entry's effect on its own account."""
        return self.amount_cents if self.kind == "income" else -self.amount_cents

    def as_input(self) -> TransactionInput:
        return TransactionInput(
            entry_date=self.entry_date,
            kind=self.kind,
            amount_cents=self.amount_cents,
            account_uid=self.account_uid,
            splits=tuple(
                SplitInput(s.category_uid, s.amount_cents, s.program_uid, s.fund_uid, s.memo)
                for s in self.splits
            ),
            to_account_uid=self.to_account_uid,
            person_uid=self.person_uid,
            payee="" if self.person_uid else self.payee,
            memo=self.memo,
            reference=self.reference,
            cleared=self.cleared,
        )


@dataclass(frozen=True)
class TransactionFilter:
    start: date | None = None
    end: date | None = None
    account_uid: str = ""
    kind: str = ""
    category_uid: str = ""
    fund_uid: str = ""
    program_uid: str = ""
    person_uid: str = ""
    text: str = ""  # in the payee, memo or reference
    uncleared_only: bool = False


@dataclass(frozen=True)
class TransactionRow:
    """One line of the register: what a list shows, read in one query."""

    uid: str
    entry_date: date
    kind: str
    amount_cents: int
    account_name: str
    payee: str
    categories: str
    memo: str
    reference: str
    cleared: bool
    reconciled: bool
    attachments: int


@dataclass(frozen=True)
class TransactionPage:
    rows: tuple[TransactionRow, ...]
    total: int  # rows matching the filter, on every page
    net_cents: int  # money in less money out, over every matching row


@dataclass(frozen=True)
class AttachmentRecord:
    uid: str
    file_name: str
    media_type: str
    size_bytes: int


SORTS: Final = ("date", "amount", "payee", "account", "reference")


@dataclass
class _Resolved:
    """The input's links as rows, found once and checked."""

    account: MoneyAccount
    to_account: MoneyAccount | None
    person: Person | None
    splits: list[tuple[SplitInput, MoneyCategory, Program | None, Fund | None]] = field(
        default_factory=list
    )


def _clean_text(text: str, limit: int, name: str) -> str:
    cleaned = " ".join(text.split()) if limit <= 300 else text.strip()
    if len(cleaned) > limit:
        raise ValidationError(name, _("Keep this under {count} characters.").format(count=limit))
    return cleaned


def check_input(entry: TransactionInput) -> TransactionInput:
    """What can be checked without the database; the cleaned entry."""
    if entry.kind not in TRANSACTION_KINDS:
        raise ValidationError("kind", _("Choose money in, money out or a transfer."))
    if not isinstance(entry.amount_cents, int) or isinstance(entry.amount_cents, bool):
        raise TypeError("money is integer cents")
    if entry.amount_cents <= 0:
        raise ValidationError("amount", _("Type an amount above zero."))
    if entry.amount_cents > LARGEST_AMOUNT:
        raise ValidationError("amount", _("This amount is too large: check the digits."))
    if not entry.account_uid:
        raise ValidationError("account", _("Choose the account."))
    if entry.kind == "transfer":
        if not entry.to_account_uid:
            raise ValidationError("to_account", _("Choose the account the money goes to."))
        if entry.to_account_uid == entry.account_uid:
            raise ValidationError("to_account", _("A transfer goes to another account."))
        if entry.splits:
            raise ValidationError("splits", _("A transfer has no categories."))
    else:
        if not entry.splits:
            raise ValidationError("splits", _("Choose a category."))
        for number, split in enumerate(entry.splits, start=1):
            if split.amount_cents <= 0:
                raise ValidationError(
                    "splits", _("Line {number}: type an amount above zero.").format(number=number)
                )
            if not split.category_uid:
                raise ValidationError(
                    "splits", _("Line {number}: choose a category.").format(number=number)
                )
        total = sum(split.amount_cents for split in entry.splits)
        if total != entry.amount_cents:
            raise ValidationError(
                "splits",
                _(
                    "The lines add up to {lines}, not {amount}: {difference} is left to share."
                ).format(
                    lines=format_amount(total),
                    amount=format_amount(entry.amount_cents),
                    difference=format_amount(entry.amount_cents - total),
                ),
            )
    return TransactionInput(
        entry_date=entry.entry_date,
        kind=entry.kind,
        amount_cents=entry.amount_cents,
        account_uid=entry.account_uid,
        splits=tuple(
            SplitInput(
                s.category_uid,
                s.amount_cents,
                s.program_uid,
                s.fund_uid,
                _clean_text(s.memo, 200, "splits"),
            )
            for s in entry.splits
        ),
        to_account_uid=entry.to_account_uid if entry.kind == "transfer" else "",
        person_uid=entry.person_uid,
        payee=_clean_text(entry.payee, 200, "payee"),
        memo=_clean_text(entry.memo, 5000, "memo"),
        reference=_clean_text(entry.reference, 60, "reference"),
        cleared=entry.cleared,
    )


def resolve_links(session: Session, entry: TransactionInput) -> _Resolved:
    """The entry's account, person, categories, programs and funds as rows; each must exist
    and each category must fit the kind of entry."""
    account = account_row(session, entry.account_uid)
    to_account = account_row(session, entry.to_account_uid) if entry.to_account_uid else None
    person = find_person(session, entry.person_uid) if entry.person_uid else None
    resolved = _Resolved(account, to_account, person)
    for number, split in enumerate(entry.splits, start=1):
        category = session.scalars(
            select(MoneyCategory).where(MoneyCategory.uid == split.category_uid)
        ).first()
        if category is None or category.deleted_at is not None:
            raise ValidationError(
                "splits",
                _("Line {number}: this category was retired; choose another.").format(
                    number=number
                ),
            )
        if category.kind != entry.kind:
            raise ValidationError(
                "splits",
                (
                    _("Line {number}: choose an income category for money in.")
                    if entry.kind == "income"
                    else _("Line {number}: choose an expense category for money out.")
                ).format(number=number),
            )
        program = (
            by_uid(session, Program, split.program_uid, _("This program no longer exists."))
            if split.program_uid
            else None
        )
        fund = (
            by_uid(session, Fund, split.fund_uid, _("This fund no longer exists."))
            if split.fund_uid
            else None
        )
        resolved.splits.append((split, category, program, fund))
    return resolved


def _membership_to_pay(session: Session, person: Person) -> Membership | None:
    """The person's oldest membership still waiting for its dues."""
    return session.scalars(
        select(Membership)
        .where(
            Membership.person_id == person.id,
            Membership.deleted_at.is_(None),
            Membership.paid_on.is_(None),
        )
        .order_by(Membership.start_date)
    ).first()


def register_conditions(session: Session, where: TransactionFilter) -> list[ColumnElement[bool]]:
    """The SQL conditions of a register filter (shared by the printed transaction list)."""
    conditions: list[ColumnElement[bool]] = [MoneyTransaction.deleted_at.is_(None)]
    if where.start is not None:
        conditions.append(MoneyTransaction.entry_date >= where.start)
    if where.end is not None:
        conditions.append(MoneyTransaction.entry_date <= where.end)
    if where.kind:
        conditions.append(MoneyTransaction.kind == where.kind)
    if where.account_uid:
        account = account_row(session, where.account_uid)
        conditions.append(
            or_(
                MoneyTransaction.account_id == account.id,
                MoneyTransaction.to_account_id == account.id,
            )
        )
    if where.person_uid:
        conditions.append(MoneyTransaction.person_id == find_person(session, where.person_uid).id)
    if where.uncleared_only:
        conditions.append(MoneyTransaction.cleared.is_(False))
    split_conditions: list[ColumnElement[bool]] = []
    if where.category_uid:
        category = by_uid(
            session,
            MoneyCategory,
            where.category_uid,
            _("This category no longer exists."),
            True,
        )
        # A heading's entries include those of the categories under it.
        ids = [
            category.id,
            *session.scalars(
                select(MoneyCategory.id).where(MoneyCategory.parent_id == category.id)
            ),
        ]
        ids += list(
            session.scalars(select(MoneyCategory.id).where(MoneyCategory.parent_id.in_(ids)))
        )
        split_conditions.append(TransactionSplit.category_id.in_(ids))
    if where.fund_uid:
        fund = by_uid(session, Fund, where.fund_uid, _("This fund no longer exists."), True)
        split_conditions.append(TransactionSplit.fund_id == fund.id)
    if where.program_uid:
        program = by_uid(
            session, Program, where.program_uid, _("This program no longer exists."), True
        )
        split_conditions.append(TransactionSplit.program_id == program.id)
    if split_conditions:
        conditions.append(
            MoneyTransaction.id.in_(
                select(TransactionSplit.transaction_id).where(*split_conditions)
            )
        )
    text = " ".join(where.text.split())
    if text:
        pattern = "%" + text.replace("%", "").replace("_", "") + "%"
        conditions.append(
            or_(
                MoneyTransaction.payee.ilike(pattern),
                MoneyTransaction.memo.ilike(pattern),
                MoneyTransaction.reference.ilike(pattern),
                MoneyTransaction.person_id.in_(
                    select(Person.id).where(
                        or_(
                            Person.given_name.ilike(pattern),
                            Person.family_name.ilike(pattern),
                        )
                    )
                ),
            )
        )
    return conditions


def live_receipt_number(session: Session, transaction_id: int) -> int | None:
    """The number of the donation receipt given for the entry, unless it was voided."""
    return session.scalar(
        select(DonationReceipt.number).where(
            DonationReceipt.transaction_id == transaction_id, DonationReceipt.voided_at.is_(None)
        )
    )


def transaction_row(session: Session, uid: str) -> MoneyTransaction:
    return by_uid(session, MoneyTransaction, uid, _("This entry is no longer in the books."))


class TransactionService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # --- reading ---------------------------------------------------------------------------------

    def get(self, uid: str) -> TransactionRecord:
        with self._db.reading() as session:
            return self._record(session, transaction_row(session, uid))

    def page(
        self,
        where: TransactionFilter = TransactionFilter(),
        sort: str = "date",
        descending: bool = True,
        limit: int = 200,
        offset: int = 0,
    ) -> TransactionPage:
        """One page of the register, filtered and sorted in SQL, newest first by default."""
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r}")
        with self._db.reading() as session:
            conditions = register_conditions(session, where)
            counted = session.execute(
                select(func.count(), func.coalesce(func.sum(self._net(session, where)), 0))
                .select_from(MoneyTransaction)
                .where(*conditions)
            ).one()
            account = aliased(MoneyAccount)
            target = aliased(MoneyAccount)
            payee = func.coalesce(
                func.nullif(
                    func.trim(
                        func.coalesce(Person.given_name, "")
                        + " "
                        + func.coalesce(Person.family_name, "")
                    ),
                    "",
                ),
                MoneyTransaction.payee,
            )
            column = {
                "date": MoneyTransaction.entry_date,
                "amount": signed_amount(),
                "payee": func.lower(payee),
                "account": func.lower(account.name),
                "reference": MoneyTransaction.reference,
            }[sort]
            order = column.desc() if descending else column.asc()
            tie = MoneyTransaction.id.desc() if descending else MoneyTransaction.id.asc()
            # Plain columns, not entities: a page of the register reads in a few milliseconds.
            found = session.execute(
                select(
                    MoneyTransaction.id,
                    MoneyTransaction.uid,
                    MoneyTransaction.entry_date,
                    MoneyTransaction.kind,
                    MoneyTransaction.amount_cents,
                    account.name,
                    payee,
                    target.name,
                    MoneyTransaction.memo,
                    MoneyTransaction.reference,
                    MoneyTransaction.cleared,
                    MoneyTransaction.reconciliation_id,
                )
                .join(account, account.id == MoneyTransaction.account_id)
                .outerjoin(target, target.id == MoneyTransaction.to_account_id)
                .outerjoin(Person, Person.id == MoneyTransaction.person_id)
                .where(*conditions)
                .order_by(order, tie)
                .limit(limit)
                .offset(offset)
            ).all()
            ids = [row[0] for row in found]
            categories = self._category_names(session, ids)
            attachments = dict(
                session.execute(
                    select(Attachment.transaction_id, func.count())
                    .where(Attachment.transaction_id.in_(ids), Attachment.deleted_at.is_(None))
                    .group_by(Attachment.transaction_id)
                ).all()
            )
            rows = tuple(
                TransactionRow(
                    uid=uid,
                    entry_date=day,
                    kind=kind,
                    amount_cents=amount,
                    account_name=name,
                    payee=payee_name or "",
                    categories=(
                        _("Transfer to {account}").format(account=target_name or "")
                        if kind == "transfer"
                        else categories.get(entry_id, "")
                    ),
                    memo=memo,
                    reference=reference,
                    cleared=cleared,
                    reconciled=reconciliation is not None,
                    attachments=int(attachments.get(entry_id, 0)),
                )
                for (
                    entry_id,
                    uid,
                    day,
                    kind,
                    amount,
                    name,
                    payee_name,
                    target_name,
                    memo,
                    reference,
                    cleared,
                    reconciliation,
                ) in found
            )
            return TransactionPage(rows, int(counted[0]), int(counted[1]))

    def payees(self, prefix: str = "", limit: int = 50) -> tuple[str, ...]:
        """Names typed before, most used first, for completing the payee as one types."""
        with self._db.reading() as session:
            query = (
                select(MoneyTransaction.payee)
                .where(MoneyTransaction.payee != "", MoneyTransaction.deleted_at.is_(None))
                .group_by(MoneyTransaction.payee)
                .order_by(func.count().desc())
                .limit(limit)
            )
            if prefix:
                query = query.where(MoneyTransaction.payee.ilike(prefix.replace("%", "") + "%"))
            return tuple(session.scalars(query))

    def last_for_payee(self, payee: str) -> TransactionRecord | None:
        """The newest entry with this payee: quick entry offers its category and amount."""
        with self._db.reading() as session:
            row = session.scalars(
                select(MoneyTransaction)
                .where(
                    func.lower(MoneyTransaction.payee) == payee.strip().lower(),
                    MoneyTransaction.deleted_at.is_(None),
                )
                .order_by(MoneyTransaction.entry_date.desc(), MoneyTransaction.id.desc())
            ).first()
            return self._record(session, row) if row is not None else None

    def shortfalls(
        self, entry: TransactionInput, replacing_uid: str = ""
    ) -> tuple[tuple[str, int], ...]:
        """Restricted funds this entry would take below zero: (name, balance after)."""
        with self._db.reading() as session:
            return self._shortfalls(session, check_input(entry), replacing_uid)

    # --- writing ---------------------------------------------------------------------------------

    def create(self, entry: TransactionInput, allow_overspend: bool = False) -> TransactionRecord:
        entry = check_input(entry)
        with self._db.unit_of_work() as session:
            refuse_if_closed(session, entry.entry_date)
            resolved = resolve_links(session, entry)
            self._refuse_closed_accounts(resolved)
            self._refuse_overspending(session, entry, "", allow_overspend)
            row = MoneyTransaction()
            self._write(session, row, entry, resolved)
            session.add(row)
            session.flush()
            self._write_splits(session, row, resolved)
            self._pay_dues(session, row, resolved)
            session.flush()
            return self._record(session, row)

    def update(
        self, uid: str, entry: TransactionInput, allow_overspend: bool = False
    ) -> TransactionRecord:
        entry = check_input(entry)
        with self._db.unit_of_work() as session:
            row = transaction_row(session, uid)
            refuse_if_closed(session, row.entry_date, entry.entry_date)
            if row.reconciliation_id is not None and (
                row.amount_cents != entry.amount_cents
                or row.account_id != account_row(session, entry.account_uid).id
                or row.kind != entry.kind
            ):
                raise ValidationError(
                    "amount",
                    _(
                        "This entry was reconciled with a bank statement: its amount and "
                        "account cannot change. Record a correcting entry instead."
                    ),
                )
            resolved = resolve_links(session, entry)
            self._refuse_changing_a_receipted_gift(session, row, entry, resolved)
            self._refuse_overspending(session, entry, uid, allow_overspend)
            self._unpay_dues(session, row)
            self._write(session, row, entry, resolved)
            session.execute(
                delete(TransactionSplit).where(TransactionSplit.transaction_id == row.id)
            )
            self._write_splits(session, row, resolved)
            self._pay_dues(session, row, resolved)
            session.flush()
            return self._record(session, row)

    def delete(self, *uids: str) -> None:
        """Send entries to the Trash, all or none (undo restores them)."""
        with self._db.unit_of_work() as session:
            for uid in uids:
                self._delete(session, transaction_row(session, uid))

    def _delete(self, session: Session, row: MoneyTransaction) -> None:
        refuse_if_closed(session, row.entry_date)
        if row.reconciliation_id is not None:
            raise ValidationError(
                "transaction",
                _(
                    "This entry was reconciled with a bank statement and cannot be deleted. "
                    "Record a correcting entry instead."
                ),
            )
        receipt = live_receipt_number(session, row.id)
        if receipt is not None:
            raise ValidationError(
                "transaction",
                _(
                    "Donation receipt no. {number} was given for this entry: void the "
                    "receipt first."
                ).format(number=receipt),
            )
        self._unpay_dues(session, row, forget=False)
        row.deleted_at = utc_now()

    def restore(self, *uids: str) -> None:
        """Take entries back from the Trash, all or none."""
        with self._db.unit_of_work() as session:
            for uid in uids:
                self._restore(session, uid)

    def _restore(self, session: Session, uid: str) -> None:
        row = by_uid(
            session, MoneyTransaction, uid, _("This entry is no longer in the books."), True
        )
        refuse_if_closed(session, row.entry_date)
        row.deleted_at = None
        if row.membership_id is not None:
            membership = session.get(Membership, row.membership_id)
            if membership is not None and membership.paid_on is None:
                membership.paid_on = row.entry_date

    def set_cleared(self, uids: tuple[str, ...], cleared: bool) -> None:
        """Tick entries as seen on the bank statement (or untick them), all at once."""
        with self._db.unit_of_work() as session:
            for uid in uids:
                row = transaction_row(session, uid)
                if row.reconciliation_id is not None and not cleared:
                    raise ValidationError("cleared", _("A reconciled entry stays cleared."))
                row.cleared = cleared

    # --- receipts --------------------------------------------------------------------------------

    def attachments(self, uid: str) -> tuple[AttachmentRecord, ...]:
        with self._db.reading() as session:
            row = transaction_row(session, uid)
            found = session.scalars(
                select(Attachment)
                .where(Attachment.transaction_id == row.id, Attachment.deleted_at.is_(None))
                .order_by(Attachment.id)
            )
            return tuple(
                AttachmentRecord(a.uid, a.file_name, a.media_type, a.size_bytes) for a in found
            )

    def attach(self, uid: str, path: Path) -> AttachmentRecord:
        """Keep a copy of a receipt's photo or PDF with the entry."""
        try:
            size = path.stat().st_size
            if size > LARGEST_ATTACHMENT:
                raise ValidationError(
                    "attachment",
                    _("{name} is larger than {size} MB: scan or photograph it smaller.").format(
                        name=path.name, size=LARGEST_ATTACHMENT // (1024 * 1024)
                    ),
                )
            content = path.read_bytes()
        except OSError as error:
            raise ValidationError(
                "attachment",
                _("{name} could not be read: {error}").format(
                    name=path.name, error=error.strerror or error
                ),
            ) from error
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        with self._db.unit_of_work() as session:
            row = transaction_row(session, uid)
            attachment = Attachment(
                transaction_id=row.id,
                file_name=path.name[:255],
                media_type=media_type,
                size_bytes=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                content=content,
            )
            session.add(attachment)
            session.flush()
            return AttachmentRecord(attachment.uid, attachment.file_name, media_type, len(content))

    def attachment_content(self, attachment_uid: str) -> tuple[str, bytes]:
        """The receipt's file name and bytes, to open or save."""
        with self._db.reading() as session:
            row = by_uid(session, Attachment, attachment_uid, _("This receipt is no longer kept."))
            return row.file_name, row.content

    def remove_attachment(self, attachment_uid: str) -> None:
        with self._db.unit_of_work() as session:
            row = by_uid(session, Attachment, attachment_uid, _("This receipt is no longer kept."))
            row.deleted_at = utc_now()

    def restore_attachment(self, attachment_uid: str) -> None:
        with self._db.unit_of_work() as session:
            by_uid(
                session, Attachment, attachment_uid, _("This receipt is no longer kept."), True
            ).deleted_at = None

    # --- inside ----------------------------------------------------------------------------------

    @staticmethod
    def _net(session: Session, where: TransactionFilter) -> ColumnElement[int]:
        """What an entry adds to the net shown under the register: income less expenses, and
        for one account, what went in and out of it (transfers included)."""
        if not where.account_uid:
            return case((MoneyTransaction.kind == "transfer", 0), else_=signed_amount())
        account = account_row(session, where.account_uid)
        return case(
            (MoneyTransaction.to_account_id == account.id, MoneyTransaction.amount_cents),
            else_=signed_amount(),
        )

    @staticmethod
    def _category_names(session: Session, ids: list[int]) -> dict[int, str]:
        names: dict[int, list[str]] = {}
        for transaction_id, labels in session.execute(
            select(TransactionSplit.transaction_id, MoneyCategory.labels)
            .join(MoneyCategory, MoneyCategory.id == TransactionSplit.category_id)
            .where(TransactionSplit.transaction_id.in_(ids))
            .order_by(TransactionSplit.id)
        ).all():
            name = label_in(labels)
            if name not in names.setdefault(transaction_id, []):
                names[transaction_id].append(name)
        return {key: ", ".join(value) for key, value in names.items()}

    @staticmethod
    def _refuse_changing_a_receipted_gift(
        session: Session, row: MoneyTransaction, entry: TransactionInput, resolved: _Resolved
    ) -> None:
        """A receipt states the gift: its amount, donor and lines stay as the receipt says."""
        receipt = live_receipt_number(session, row.id)
        if receipt is None:
            return
        before = sorted(
            (category_id, amount)
            for category_id, amount in session.execute(
                select(TransactionSplit.category_id, TransactionSplit.amount_cents).where(
                    TransactionSplit.transaction_id == row.id
                )
            ).all()
        )
        after = sorted(
            (category.id, split.amount_cents) for split, category, _p, _f in resolved.splits
        )
        person_id = resolved.person.id if resolved.person else None
        if (
            row.amount_cents != entry.amount_cents
            or row.kind != entry.kind
            or before != after
            or row.person_id != person_id
            or (person_id is None and row.payee != entry.payee)
        ):
            raise ValidationError(
                "amount",
                _(
                    "Donation receipt no. {number} was given for this entry: void the receipt "
                    "first to change the amount, the donor or the lines."
                ).format(number=receipt),
            )

    @staticmethod
    def _refuse_closed_accounts(resolved: _Resolved) -> None:
        for account in (resolved.account, resolved.to_account):
            if account is not None and account.closed:
                raise ValidationError(
                    "account",
                    _("{account} is closed: reopen it in Accounts to record entries.").format(
                        account=account.name
                    ),
                )

    def _shortfalls(
        self, session: Session, entry: TransactionInput, replacing_uid: str
    ) -> tuple[tuple[str, int], ...]:
        if entry.kind != "expense":
            return ()
        balances = fund_balances(session)
        if replacing_uid:
            # The entry being replaced gives back what it took.
            old = transaction_row(session, replacing_uid)
            sign = 1 if old.kind == "expense" else -1
            for fund_id, amount in session.execute(
                select(TransactionSplit.fund_id, TransactionSplit.amount_cents).where(
                    TransactionSplit.transaction_id == old.id
                )
            ).all():
                if old.kind != "transfer":
                    balances[fund_id] = balances.get(fund_id, 0) + sign * amount
        spending: dict[str, int] = {}
        for split in entry.splits:
            if split.fund_uid:
                spending[split.fund_uid] = spending.get(split.fund_uid, 0) + split.amount_cents
        found = []
        for fund_uid, amount in spending.items():
            fund = by_uid(session, Fund, fund_uid, _("This fund no longer exists."))
            after = balances.get(fund.id, fund.opening_cents) - amount
            if after < 0:
                found.append((fund.name, after))
        return tuple(found)

    def _refuse_overspending(
        self, session: Session, entry: TransactionInput, replacing_uid: str, allowed: bool
    ) -> None:
        if allowed:
            return
        shortfalls = self._shortfalls(session, entry, replacing_uid)
        if shortfalls:
            currency = session.scalar(select(Organization.currency)) or "CAD"
            raise FundOverspentError(
                _("This would spend more than {fund} holds: it would be left at {balance}.").format(
                    fund=shortfalls[0][0], balance=format_money(shortfalls[0][1], currency)
                ),
                shortfalls,
            )

    @staticmethod
    def _write(
        session: Session, row: MoneyTransaction, entry: TransactionInput, resolved: _Resolved
    ) -> None:
        row.entry_date = entry.entry_date
        row.kind = entry.kind
        row.amount_cents = entry.amount_cents
        row.account_id = resolved.account.id
        row.to_account_id = resolved.to_account.id if resolved.to_account else None
        row.person_id = resolved.person.id if resolved.person else None
        row.payee = "" if resolved.person else entry.payee
        row.memo = entry.memo
        row.reference = entry.reference
        row.cleared = entry.cleared or row.reconciliation_id is not None

    @staticmethod
    def _write_splits(session: Session, row: MoneyTransaction, resolved: _Resolved) -> None:
        for split, category, program, fund in resolved.splits:
            session.add(
                TransactionSplit(
                    transaction_id=row.id,
                    category_id=category.id,
                    program_id=program.id if program else None,
                    fund_id=fund.id if fund else None,
                    amount_cents=split.amount_cents,
                    memo=split.memo,
                )
            )

    @staticmethod
    def _pay_dues(session: Session, row: MoneyTransaction, resolved: _Resolved) -> None:
        if row.kind != "income" or resolved.person is None:
            return
        if not any(category.code == "dues" for _s, category, _p, _f in resolved.splits):
            return
        membership = _membership_to_pay(session, resolved.person)
        if membership is not None:
            membership.paid_on = row.entry_date
            row.membership_id = membership.id

    @staticmethod
    def _unpay_dues(session: Session, row: MoneyTransaction, forget: bool = True) -> None:
        """The membership these dues paid is due again; a deleted entry keeps the link so that
        restoring it pays the membership again."""
        if row.membership_id is None:
            return
        membership = session.get(Membership, row.membership_id)
        if membership is not None and membership.paid_on == row.entry_date:
            membership.paid_on = None
        if forget:
            row.membership_id = None

    @staticmethod
    def _record(session: Session, row: MoneyTransaction) -> TransactionRecord:
        account = session.get(MoneyAccount, row.account_id)
        to_account = session.get(MoneyAccount, row.to_account_id) if row.to_account_id else None
        person = session.get(Person, row.person_id) if row.person_id else None
        splits = []
        for split, category, program, fund in session.execute(
            select(TransactionSplit, MoneyCategory, Program, Fund)
            .join(MoneyCategory, MoneyCategory.id == TransactionSplit.category_id)
            .outerjoin(Program, Program.id == TransactionSplit.program_id)
            .outerjoin(Fund, Fund.id == TransactionSplit.fund_id)
            .where(TransactionSplit.transaction_id == row.id)
            .order_by(TransactionSplit.id)
        ).all():
            splits.append(
                SplitRecord(
                    category_uid=category.uid,
                    amount_cents=split.amount_cents,
                    program_uid=program.uid if program else "",
                    fund_uid=fund.uid if fund else "",
                    memo=split.memo,
                    category_name=label_in(category.labels),
                    category_code=category.code,
                    program_name=program.name if program else "",
                    fund_name=fund.name if fund else "",
                )
            )
        attachments = session.scalar(
            select(func.count()).where(
                Attachment.transaction_id == row.id, Attachment.deleted_at.is_(None)
            )
        )
        membership = session.get(Membership, row.membership_id) if row.membership_id else None
        receipt = live_receipt_number(session, row.id)
        assert account is not None
        return TransactionRecord(
            uid=row.uid,
            entry_date=row.entry_date,
            kind=row.kind,
            amount_cents=row.amount_cents,
            account_uid=account.uid,
            account_name=account.name,
            to_account_uid=to_account.uid if to_account else "",
            to_account_name=to_account.name if to_account else "",
            person_uid=person.uid if person else "",
            payee=display_name(person.given_name, person.family_name) if person else row.payee,
            memo=row.memo,
            reference=row.reference,
            cleared=row.cleared,
            reconciled=row.reconciliation_id is not None,
            splits=tuple(splits),
            attachments=int(attachments or 0),
            membership_uid=membership.uid if membership else "",
            receipt_number=receipt,
        )
