"""Matching bank statement lines to the entries of the books they record.

A line already brought in by an overlapping statement is recognized by its fingerprint (account,
date, amount, description and its rank among identical lines of the file). A new line is given
the entry of the same signed amount whose date is closest, within a few days; a cheque number on
both wins, even weeks apart. Best pairs are taken first, so that no entry is given to two lines.

These are plain functions over an open session: the statement service decides when to read and
when to write.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from communitydesk.core.i18n import _
from communitydesk.core.text import fold
from communitydesk.importers.bank_statement import StatementLineData
from communitydesk.models import (
    MoneyAccount,
    MoneyTransaction,
    Person,
    Reconciliation,
    StatementLine,
)
from communitydesk.services.people import display_name

MATCH_DAYS: Final = 5  # a bank posts a few days after the entry's date, rarely more
# A cheque whose number is on the bank's line may be cashed weeks after it was written.
CHEQUE_DAYS: Final = 90
CHUNK: Final = 500  # ids or fingerprints per IN (...) list, well under SQLite's limit


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
class Candidate:
    """An entry a line may record, with its row id to store on the line."""

    id: int
    match: ProposedMatch


# --- an entry as one account sees it ----------------------------------------------------------


def signed_cents(
    kind: str, amount: int, account_id: int, to_account_id: int | None, on: int
) -> int:
    """An entry's effect on account `on`: income in, expense out, a transfer out of its account
    and into its target."""
    if kind == "transfer" and to_account_id == on and account_id != on:
        return amount
    return amount if kind == "income" else -amount


def in_account(account_id: int) -> ColumnElement[bool]:
    """Entries of the account, transfers into it included."""
    return or_(
        MoneyTransaction.account_id == account_id, MoneyTransaction.to_account_id == account_id
    )


def payee_label(
    payee: str,
    given: str | None,
    family: str | None,
    kind: str,
    account_id: int,
    on: int,
    names: dict[int, str],
    other: int | None,
) -> str:
    """Who the entry is with, as account `on` shows it: the person, the payee, or for a
    transfer the other account."""
    if given is not None or family is not None:
        return display_name(given or "", family or "")
    if payee or kind != "transfer":
        return payee
    if account_id == on:
        return _("Transfer to {account}").format(account=names.get(other or 0, ""))
    return _("Transfer from {account}").format(account=names.get(account_id, ""))


# --- fingerprints -----------------------------------------------------------------------------


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


def seen_fingerprints(session: Session, account_id: int, prints: list[str]) -> set[str]:
    """The fingerprints among `prints` whose line the account already has."""
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


# --- candidates -------------------------------------------------------------------------------


def find_candidates(
    session: Session,
    account_id: int,
    start: date | None,
    end: date | None,
    amount: int | None = None,
) -> list[Candidate]:
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
            in_account(account_id),
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
        signed = signed_cents(kind, cents, own, target, account_id)
        if amount is not None and signed != amount:
            continue
        label = payee_label(payee, given, family, kind, own, account_id, names, target)
        found.append(
            Candidate(row_id, ProposedMatch(uid, entry_date, label, reference, memo, signed))
        )
    return found


def closest_candidates(
    session: Session, account_id: int, posted_on: date, amount_cents: int, limit: int
) -> tuple[ProposedMatch, ...]:
    """Entries a bank line could be matched to by hand: same amount, closest dates first."""
    found = find_candidates(session, account_id, None, None, amount_cents)
    found.sort(key=lambda c: (abs((c.match.entry_date - posted_on).days), c.id))
    return tuple(c.match for c in found[:limit])


# --- the best pairs ---------------------------------------------------------------------------


def best_matches(
    session: Session, account_id: int, lines: list[StatementLineData]
) -> list[Candidate | None]:
    """The entry each line records, or None: same signed amount, a date within a few days,
    the closest first; a cheque number on both wins. Best pairs are taken first, so that
    no entry is given to two lines."""
    if not lines:
        return []
    start = min(line.posted_on for line in lines) - timedelta(days=CHEQUE_DAYS)
    end = max(line.posted_on for line in lines) + timedelta(days=MATCH_DAYS)
    by_amount: dict[int, list[Candidate]] = defaultdict(list)
    for candidate in find_candidates(session, account_id, start, end):
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
    chosen: list[Candidate | None] = [None] * len(lines)
    taken: set[int] = set()
    candidates = {c.id: c for group in by_amount.values() for c in group}
    for _rank, _days, index, candidate_id in pairs:
        if chosen[index] is None and candidate_id not in taken:
            chosen[index] = candidates[candidate_id]
            taken.add(candidate_id)
    return chosen
