"""Donation receipts: numbered in order, never renumbered, voided and replaced rather than changed.

A registered charity gives an official receipt for income tax purposes, with what the Canada
Revenue Agency asks every receipt to show; any other group gives a thank-you receipt that says
plainly it is not one. A receipt covers only the donation lines of an entry: dues or a dinner
ticket paid in the same cheque are not a gift.

Which receipt replaces which is not stored: every receipt for the same entry after the first
replaces the one before it, which is necessarily void, since an entry has one live receipt at most.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import (
    _,
    embedded,
    format_date,
    format_money,
    is_right_to_left,
    left_to_right,
)
from communitydesk.db.session import Database
from communitydesk.models import (
    DonationReceipt,
    Household,
    MoneyCategory,
    MoneyTransaction,
    Organization,
    Person,
    TransactionSplit,
)
from communitydesk.models.base import utc_now
from communitydesk.reports.document import Document, Section, Table
from communitydesk.services.people import display_name
from communitydesk.services.records import by_uid
from communitydesk.services.transactions import transaction_row

DONATIONS: Final = "donations"
SIGNATURE_LINE: Final = "_" * 32
CRA_ADDRESS: Final = "canada.ca/charities-giving"
# A Canadian postal code ends an address line; the place of issue is the city without it.
_POSTAL_CODE: Final = re.compile(r"\s*\b[A-Za-z]\d[A-Za-z][ -]?\d[A-Za-z]\d\b\s*$")


@dataclass(frozen=True)
class ReceiptRecord:
    uid: str
    number: int
    transaction_uid: str
    issued_on: date
    received_on: date  # the day the gift was received: the entry's date
    donor_name: str
    donor_address: str
    amount_cents: int  # the donation lines only: the eligible amount
    official: bool
    voided_at: datetime | None = None
    void_reason: str = ""
    # The receipt for the same gift that this one cancels and replaces.
    replaces_number: int | None = None

    @property
    def voided(self) -> bool:
        return self.voided_at is not None


@dataclass(frozen=True)
class Gift:
    """A money-in entry with donation lines, and its live receipt if one was given."""

    transaction_uid: str
    received_on: date
    donor: str
    amount_cents: int  # the donation lines only
    receipt: ReceiptRecord | None


def donation_category_ids(session: Session) -> set[int]:
    """The Donations heading and every category under it, at any depth (the group's own too)."""
    rows = session.execute(
        select(MoneyCategory.id, MoneyCategory.parent_id, MoneyCategory.code)
    ).all()
    found = {category_id for category_id, _parent, code in rows if code == DONATIONS}
    grew = True
    while grew:
        under = {category_id for category_id, parent, _code in rows if parent in found}
        grew = not under <= found
        found |= under
    return found


def place_of_issue(address: str) -> str:
    """The city on the organization's address: '200 Rideau St, Ottawa ON K1N 5Y1' -> 'Ottawa ON'.

    The whole address when it cannot be told apart (one part only).
    """
    parts = [
        part.strip() for line in address.splitlines() for part in line.split(",") if part.strip()
    ]
    if len(parts) < 2:
        return address.strip()
    city = _POSTAL_CODE.sub("", parts[-1]).strip()
    if not city and len(parts) > 2:
        city = parts[-2]
    return city or parts[-1]


def _replaced(session: Session, transaction_ids: set[int]) -> dict[int, int]:
    """Receipt id -> the number it replaces: the receipt before it for the same entry."""
    previous: dict[int, int] = {}
    replaces: dict[int, int] = {}
    for receipt_id, transaction_id, number in session.execute(
        select(DonationReceipt.id, DonationReceipt.transaction_id, DonationReceipt.number)
        .where(DonationReceipt.transaction_id.in_(transaction_ids))
        .order_by(DonationReceipt.number)
    ).all():
        if transaction_id in previous:
            replaces[receipt_id] = previous[transaction_id]
        previous[transaction_id] = number
    return replaces


class DonationReceiptService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # --- reading ---------------------------------------------------------------------------------

    def receipts(self, year: int | None = None) -> tuple[ReceiptRecord, ...]:
        """Every receipt by number, void ones included; `year` keeps the gifts of that calendar
        year (the tax year a donor claims them in), whenever the receipt was issued."""
        with self._db.reading() as session:
            query = (
                select(DonationReceipt, MoneyTransaction.uid, MoneyTransaction.entry_date)
                .join(MoneyTransaction, MoneyTransaction.id == DonationReceipt.transaction_id)
                .order_by(DonationReceipt.number)
            )
            if year is not None:
                query = query.where(extract("year", MoneyTransaction.entry_date) == year)
            found = session.execute(query).all()
            replaces = _replaced(session, {row.transaction_id for row, _uid, _day in found})
            return tuple(
                self._record(row, uid, day, replaces.get(row.id)) for row, uid, day in found
            )

    def gifts(self, year: int) -> tuple[Gift, ...]:
        """The gifts received in calendar year `year`, newest first, with their receipts."""
        with self._db.reading() as session:
            donations = donation_category_ids(session)
            rows = session.execute(
                select(
                    MoneyTransaction.id,
                    MoneyTransaction.uid,
                    MoneyTransaction.entry_date,
                    MoneyTransaction.payee,
                    Person.given_name,
                    Person.family_name,
                    func.sum(TransactionSplit.amount_cents),
                )
                .join(TransactionSplit, TransactionSplit.transaction_id == MoneyTransaction.id)
                .outerjoin(Person, Person.id == MoneyTransaction.person_id)
                .where(
                    MoneyTransaction.deleted_at.is_(None),
                    MoneyTransaction.kind == "income",
                    TransactionSplit.category_id.in_(donations),
                    MoneyTransaction.entry_date >= date(year, 1, 1),
                    MoneyTransaction.entry_date <= date(year, 12, 31),
                )
                .group_by(MoneyTransaction.id)
                .order_by(MoneyTransaction.entry_date.desc(), MoneyTransaction.id.desc())
            ).all()
            live = {
                row.transaction_id: row
                for row in session.scalars(
                    select(DonationReceipt).where(
                        DonationReceipt.transaction_id.in_([row[0] for row in rows]),
                        DonationReceipt.voided_at.is_(None),
                    )
                )
            }
            return tuple(
                Gift(
                    uid,
                    day,
                    display_name(given, family) if given is not None else payee,
                    int(amount or 0),
                    self._load(session, live[entry_id]) if entry_id in live else None,
                )
                for entry_id, uid, day, payee, given, family, amount in rows
            )

    def get(self, receipt_uid: str) -> ReceiptRecord:
        with self._db.reading() as session:
            return self._load(session, self._row(session, receipt_uid))

    def for_transaction(self, transaction_uid: str) -> ReceiptRecord | None:
        """The entry's live receipt, if one was issued."""
        with self._db.reading() as session:
            entry = transaction_row(session, transaction_uid)
            row = self._live(session, entry.id)
            return self._load(session, row) if row is not None else None

    # --- writing ---------------------------------------------------------------------------------

    def issue(
        self, transaction_uid: str, issued_on: date, donor_address: str = ""
    ) -> ReceiptRecord:
        """A receipt for the donation in this entry, with the next number.

        An entry that already has a live receipt gets that receipt back (print it as a copy),
        never a second number: two receipts for one gift would let it be claimed twice.
        """
        with self._db.unit_of_work() as session:
            entry = transaction_row(session, transaction_uid)
            existing = self._live(session, entry.id)
            if existing is not None:
                return self._load(session, existing)
            row = self._new_receipt(session, entry, issued_on, donor_address)
            return self._load(session, row)

    def void(self, receipt_uid: str, reason: str) -> ReceiptRecord:
        """Cancel a receipt; it stays on record with its number and the reason."""
        reason = self._reason(reason)
        with self._db.unit_of_work() as session:
            row = self._row(session, receipt_uid)
            self._void(row, reason)
            session.flush()
            return self._load(session, row)

    def reissue(
        self,
        receipt_uid: str,
        reason: str,
        issued_on: date | None = None,
        donor_address: str = "",
    ) -> ReceiptRecord:
        """Void a receipt and give a new one, with a new number, for the same gift (a wrong
        name or address, a lost receipt). The new receipt says which number it replaces.

        The donor's name is read again from the entry (correct it there first); the address is
        `donor_address`, else the roster's, else the one on the old receipt.
        """
        reason = self._reason(reason)
        with self._db.unit_of_work() as session:
            old = self._row(session, receipt_uid)
            self._void(old, reason)
            entry = session.get(MoneyTransaction, old.transaction_id)
            assert entry is not None
            if entry.deleted_at is not None:
                raise ValidationError(
                    "transaction",
                    _("The entry of this gift is in the Trash: restore it to give a receipt."),
                )
            session.flush()
            row = self._new_receipt(
                session,
                entry,
                issued_on or date.today(),
                donor_address,
                fallback_address=old.donor_address,
            )
            return self._load(session, row)

    # --- the printable receipt -------------------------------------------------------------------

    def document(self, receipt_uid: str, copy: bool = False, today: date | None = None) -> Document:
        """The receipt to print. `copy` marks a receipt printed again as a duplicate: the same
        number, never a second gift."""
        today = today or date.today()
        with self._db.reading() as session:
            receipt = self._load(session, self._row(session, receipt_uid))
            organization = session.scalars(select(Organization).limit(1)).first()
        if organization is None:  # receipts without an organization: only in a damaged file
            organization = Organization(
                name="",
                legal_name="",
                registration_number="",
                address="",
                phone="",
                email="",
                website="",
                currency="CAD",
                receipt_signer="",
            )
        builder = _ReceiptDocument(receipt, organization, copy, today)
        return builder.official() if receipt.official else builder.thank_you()

    # --- inside ----------------------------------------------------------------------------------

    @staticmethod
    def _row(session: Session, uid: str) -> DonationReceipt:
        return by_uid(session, DonationReceipt, uid, _("This receipt no longer exists."))

    @staticmethod
    def _live(session: Session, transaction_id: int) -> DonationReceipt | None:
        return session.scalars(
            select(DonationReceipt).where(
                DonationReceipt.transaction_id == transaction_id,
                DonationReceipt.voided_at.is_(None),
            )
        ).first()

    @staticmethod
    def _reason(reason: str) -> str:
        reason = " ".join(reason.split())
        if not reason:
            raise ValidationError(
                "reason", _("Say why the receipt is cancelled: it stays on record.")
            )
        return reason

    @staticmethod
    def _void(row: DonationReceipt, reason: str) -> None:
        if row.voided_at is not None:
            raise ValidationError(
                "receipt", _("Receipt no. {number} is already void.").format(number=row.number)
            )
        row.voided_at = utc_now()
        row.void_reason = reason

    @staticmethod
    def _new_receipt(
        session: Session,
        entry: MoneyTransaction,
        issued_on: date,
        donor_address: str,
        fallback_address: str = "",
    ) -> DonationReceipt:
        if entry.kind != "income":
            raise ValidationError(
                "transaction",
                _("A donation receipt is given only for money received, not for money paid out."),
            )
        donations = donation_category_ids(session)
        eligible = session.scalar(
            select(func.coalesce(func.sum(TransactionSplit.amount_cents), 0)).where(
                TransactionSplit.transaction_id == entry.id,
                TransactionSplit.deleted_at.is_(None),
                TransactionSplit.category_id.in_(donations),
            )
        )
        if not eligible:
            raise ValidationError(
                "transaction",
                _(
                    "This entry has no donation in it: a receipt is given only for money recorded "
                    "under Donations. Change its category if it was a gift."
                ),
            )
        if issued_on < entry.entry_date:
            raise ValidationError(
                "issued_on", _("A receipt cannot be dated before the gift was received.")
            )
        person = session.get(Person, entry.person_id) if entry.person_id is not None else None
        donor = display_name(person.given_name, person.family_name) if person else entry.payee
        if not donor.strip():
            raise ValidationError(
                "donor",
                _("Say who gave the gift: choose the person or type their name in the entry."),
            )
        address = donor_address.strip()
        if not address and person is not None:
            address = person.address.strip()
            if not address and person.household_id is not None:
                household = session.get(Household, person.household_id)
                address = household.address.strip() if household else ""
        address = address or fallback_address
        number = (session.scalar(select(func.max(DonationReceipt.number))) or 0) + 1
        registration = session.scalar(select(Organization.registration_number).limit(1)) or ""
        row = DonationReceipt(
            number=number,
            transaction_id=entry.id,
            issued_on=issued_on,
            donor_name=donor.strip(),
            donor_address=address,
            amount_cents=int(eligible),
            official=bool(registration.strip()),
        )
        session.add(row)
        session.flush()
        return row

    @staticmethod
    def _load(session: Session, row: DonationReceipt) -> ReceiptRecord:
        entry = session.get(MoneyTransaction, row.transaction_id)
        assert entry is not None
        replaces = _replaced(session, {row.transaction_id}).get(row.id)
        return DonationReceiptService._record(row, entry.uid, entry.entry_date, replaces)

    @staticmethod
    def _record(
        row: DonationReceipt, transaction_uid: str, received_on: date, replaces: int | None
    ) -> ReceiptRecord:
        return ReceiptRecord(
            uid=row.uid,
            number=row.number,
            transaction_uid=transaction_uid,
            issued_on=row.issued_on,
            received_on=received_on,
            donor_name=row.donor_name,
            donor_address=row.donor_address,
            amount_cents=row.amount_cents,
            official=row.official,
            voided_at=row.voided_at,
            void_reason=row.void_reason,
            replaces_number=replaces,
        )


class _ReceiptDocument:
    """The two kinds of receipt, built from the same record and organization."""

    def __init__(
        self, receipt: ReceiptRecord, organization: Organization, copy: bool, today: date
    ) -> None:
        self.receipt = receipt
        self.organization = organization
        self.copy = copy
        self.today = today
        self.amount = format_money(receipt.amount_cents, organization.currency or "CAD")
        self.name = organization.name
        self.legal_name = organization.legal_name or organization.name

    def official(self) -> Document:
        receipt, organization = self.receipt, self.organization
        number = left_to_right(str(receipt.number))
        rows: list[tuple[str, str]] = [
            (_("Receipt serial number"), number),
            (_("Charity registration number"), left_to_right(organization.registration_number)),
            (_("Place of issue"), place_of_issue(organization.address)),
            (_("Date issued"), format_date(receipt.issued_on, "long")),
            (_("Date the donation was received"), format_date(receipt.received_on, "long")),
            (_("Donor's full name"), receipt.donor_name),
            (_("Donor's address"), receipt.donor_address or "—"),
            (_("Amount of the gift"), self.amount),
            (_("Eligible amount of the gift for tax purposes"), self.amount),
        ]
        paragraphs = []
        if receipt.replaces_number is not None:
            paragraphs.append(
                _("This cancels and replaces receipt no. {number}.").format(
                    number=receipt.replaces_number
                )
            )
        signature = Section(
            heading=_("Authorized signature"),
            paragraphs=tuple(
                part
                for part in (
                    SIGNATURE_LINE,
                    organization.receipt_signer,
                    _("Signed for {organization}").format(organization=embedded(self.legal_name)),
                )
                if part
            ),
        )
        return Document(
            title=_("Official receipt for income tax purposes"),
            subtitle=self._subtitle(),
            right_to_left=is_right_to_left(),
            introduction=self._letterhead(registered=True),
            sections=(
                Section(paragraphs=tuple(self._marks())),
                Section(
                    table=Table(headers=(_("Receipt"), ""), rows=tuple(rows), widths=(45, 55)),
                    paragraphs=tuple(paragraphs),
                ),
                signature,
            ),
            footnotes=(
                _("Canada Revenue Agency: {address}").format(address=left_to_right(CRA_ADDRESS)),
            ),
            name=f"donation-receipt-{receipt.number}",
            organization=self.name,
            prepared=self._prepared(),
        )

    def thank_you(self) -> Document:
        receipt, organization = self.receipt, self.organization
        rows: list[tuple[str, str]] = [
            (_("Receipt number"), left_to_right(str(receipt.number))),
            (_("Date issued"), format_date(receipt.issued_on, "long")),
            (_("Date the gift was received"), format_date(receipt.received_on, "long")),
            (_("Received from"), receipt.donor_name),
            (_("Amount"), self.amount),
        ]
        if receipt.donor_address:
            rows.insert(4, (_("Address"), receipt.donor_address))
        thanks = _("{organization} thanks {donor} for the gift of {amount}.").format(
            organization=embedded(self.name),
            donor=embedded(receipt.donor_name),
            amount=embedded(self.amount),
        )
        paragraphs = [thanks]
        if receipt.replaces_number is not None:
            paragraphs.append(
                _("This cancels and replaces receipt no. {number}.").format(
                    number=receipt.replaces_number
                )
            )
        signed = tuple(part for part in (SIGNATURE_LINE, organization.receipt_signer) if part)
        return Document(
            title=_("Thank you for your gift"),
            subtitle=self._subtitle(),
            right_to_left=is_right_to_left(),
            introduction=self._letterhead(registered=False),
            sections=(
                Section(paragraphs=(*self._marks(), *paragraphs)),
                Section(table=Table(headers=(_("Receipt"), ""), rows=tuple(rows), widths=(40, 60))),
                Section(heading=_("Signature"), paragraphs=signed),
            ),
            footnotes=(
                _(
                    "This is not an official receipt for income tax purposes: {organization} is "
                    "not a registered charity with a charity registration number."
                ).format(organization=embedded(self.name)),
            ),
            name=f"donation-receipt-{receipt.number}",
            organization=self.name,
            prepared=self._prepared(),
        )

    def _subtitle(self) -> str:
        if self.copy:
            return _("Receipt no. {number} (copy)").format(number=self.receipt.number)
        return _("Receipt no. {number}").format(number=self.receipt.number)

    def _marks(self) -> list[str]:
        """What a reader must see first: a cancelled receipt, or a copy of one already given."""
        marks = []
        if self.receipt.voided_at is not None:
            marks.append(
                _("VOID: this receipt was cancelled ({reason}).").format(
                    reason=embedded(self.receipt.void_reason)
                )
            )
        if self.copy:
            marks.append(
                _("COPY (duplicate) of the receipt issued on {date}: not a second receipt.").format(
                    date=embedded(format_date(self.receipt.issued_on, "long"))
                )
            )
        return marks

    def _letterhead(self, registered: bool) -> tuple[str, ...]:
        organization = self.organization
        lines = [embedded(self.legal_name if registered else self.name)]
        lines += [
            embedded(line.strip()) for line in organization.address.splitlines() if line.strip()
        ]
        contact = [
            left_to_right(part)
            for part in (organization.phone, organization.email, organization.website)
            if part
        ]
        if contact:
            lines.append(" · ".join(contact))
        if registered:
            lines.append(
                _("Charity registration number: {number}").format(
                    number=left_to_right(organization.registration_number)
                )
            )
        return ("\n".join(line for line in lines if line),)

    def _prepared(self) -> str:
        return _("Printed on {date}").format(date=format_date(self.today, "long"))
