"""Accounts: where the group's money sits, with what each holds today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import N_, _
from communitydesk.db.session import Database
from communitydesk.models import MoneyAccount, MoneyTransaction
from communitydesk.models.base import utc_now
from communitydesk.models.money import ACCOUNT_KINDS
from communitydesk.services.balances import account_balances
from communitydesk.services.records import by_uid

KIND_NAMES = {
    "bank": N_("Bank account"),
    "cash": N_("Cash box"),
    "petty_cash": N_("Petty cash"),
    "payment_app": N_("Payment app"),
    "other": N_("Other"),
}
assert tuple(KIND_NAMES) == ACCOUNT_KINDS


@dataclass(frozen=True)
class AccountInput:
    name: str
    opening_on: date
    kind: str = "bank"
    institution: str = ""
    number_hint: str = ""
    opening_cents: int = 0
    notes: str = ""
    closed: bool = False


@dataclass(frozen=True)
class AccountRecord(AccountInput):
    uid: str = ""
    balance_cents: int = 0

    def as_input(self) -> AccountInput:
        return AccountInput(
            self.name,
            self.opening_on,
            self.kind,
            self.institution,
            self.number_hint,
            self.opening_cents,
            self.notes,
            self.closed,
        )


def clean_account(account: AccountInput) -> AccountInput:
    name = " ".join(account.name.split())
    if not name:
        raise ValidationError("name", _("Give the account a name, e.g. Main chequing."))
    if len(name) > 120:
        raise ValidationError("name", _("Keep this under {count} characters.").format(count=120))
    if account.kind not in ACCOUNT_KINDS:
        raise ValidationError("kind", _("Choose the kind of account from the list."))
    hint = account.number_hint.strip()
    if len(hint) > 12:
        raise ValidationError(
            "number_hint", _("Keep only the last few digits: the full number is not needed.")
        )
    return AccountInput(
        name=name,
        opening_on=account.opening_on,
        kind=account.kind,
        institution=" ".join(account.institution.split())[:120],
        number_hint=hint,
        opening_cents=account.opening_cents,
        notes=account.notes.strip(),
        closed=account.closed,
    )


def _record(row: MoneyAccount, balance: int) -> AccountRecord:
    return AccountRecord(
        name=row.name,
        opening_on=row.opening_on,
        kind=row.kind,
        institution=row.institution,
        number_hint=row.number_hint,
        opening_cents=row.opening_cents,
        notes=row.notes,
        closed=row.closed,
        uid=row.uid,
        balance_cents=balance,
    )


def account_row(session: Session, uid: str) -> MoneyAccount:
    return by_uid(session, MoneyAccount, uid, _("This account no longer exists."))


class AccountService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def accounts(
        self, include_closed: bool = False, on: date | None = None
    ) -> tuple[AccountRecord, ...]:
        """Accounts by name, each with its balance at the end of `on` (every entry if None)."""
        with self._db.reading() as session:
            query = select(MoneyAccount).where(MoneyAccount.deleted_at.is_(None))
            if not include_closed:
                query = query.where(MoneyAccount.closed.is_(False))
            rows = session.scalars(query.order_by(func.lower(MoneyAccount.name))).all()
            balances = account_balances(session, on)
            return tuple(_record(row, balances.get(row.id, row.opening_cents)) for row in rows)

    def get(self, uid: str) -> AccountRecord:
        with self._db.reading() as session:
            row = account_row(session, uid)
            return _record(row, account_balances(session).get(row.id, row.opening_cents))

    def create(self, account: AccountInput) -> AccountRecord:
        account = clean_account(account)
        with self._db.unit_of_work() as session:
            self._refuse_same_name(session, account.name)
            row = MoneyAccount(**vars(account))
            session.add(row)
            session.flush()
            return _record(row, row.opening_cents)

    def update(self, uid: str, account: AccountInput) -> AccountRecord:
        account = clean_account(account)
        with self._db.unit_of_work() as session:
            row = account_row(session, uid)
            self._refuse_same_name(session, account.name, row.id)
            for name, value in vars(account).items():
                setattr(row, name, value)
            session.flush()
            return _record(row, account_balances(session).get(row.id, row.opening_cents))

    def delete(self, uid: str) -> None:
        """Send an unused account to the Trash; one with entries can only be closed."""
        with self._db.unit_of_work() as session:
            row = account_row(session, uid)
            used = session.scalar(
                select(
                    exists().where(
                        or_(
                            MoneyTransaction.account_id == row.id,
                            MoneyTransaction.to_account_id == row.id,
                        )
                    )
                )
            )
            if used:
                raise ValidationError(
                    "account",
                    _("This account has entries: close it instead, and its history stays."),
                )
            row.deleted_at = utc_now()

    def restore(self, uid: str) -> None:
        with self._db.unit_of_work() as session:
            by_uid(
                session, MoneyAccount, uid, _("This account no longer exists."), True
            ).deleted_at = None

    @staticmethod
    def _refuse_same_name(session: Session, name: str, own_id: int | None = None) -> None:
        query = select(MoneyAccount.id).where(
            func.lower(MoneyAccount.name) == name.lower(), MoneyAccount.deleted_at.is_(None)
        )
        if own_id is not None:
            query = query.where(MoneyAccount.id != own_id)
        if session.scalar(query) is not None:
            raise ValidationError("name", _("Another account already has this name."))
