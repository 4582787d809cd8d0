"""The transaction list, which MoneyReportService.transactions builds here: every entry a
register filter finds, oldest first, with money in, money out, their totals and the net.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import aliased

from communitydesk.core.i18n import N_, _, bilingual, format_number, ngettext
from communitydesk.db.session import Database
from communitydesk.models import (
    Fund,
    MoneyAccount,
    MoneyCategory,
    MoneyTransaction,
    Person,
    Program,
    TransactionSplit,
)
from communitydesk.services.accounts import AccountService
from communitydesk.services.categories import label_in
from communitydesk.services.money_report_tables import (
    Column,
    MoneyReport,
    ReportMaker,
    ReportRow,
    ReportTable,
    period_phrase,
)
from communitydesk.services.people import display_name
from communitydesk.services.transactions import TransactionFilter, register_conditions


class TransactionList:
    """Builds the transaction list; MoneyReportService.transactions hands it each request."""

    def __init__(self, db: Database, accounts: AccountService, report: ReportMaker) -> None:
        self._db = db
        self._accounts = accounts
        # MoneyReportService's own, so that the list is headed like its other reports.
        self._report = report

    def build(self, where: TransactionFilter) -> MoneyReport:
        """Every entry the filter finds, oldest first, with money in, money out and the net.
        Looking at one account, a transfer is money in or out of it; looking at all of them,
        a transfer is both (out of one account, into another) and leaves the net alone."""
        account_name = self._accounts.get(where.account_uid).name if where.account_uid else ""
        rows: list[ReportRow] = []
        total_in = total_out = 0
        for entry in self._entries(where):
            day, kind, amount, _id, from_name, to_name, payee, memo, reference, names = entry
            money_in: int | None = None
            money_out: int | None = None
            if kind == "income":
                money_in = amount
            elif kind == "expense":
                money_out = amount
            elif account_name and from_name != account_name:
                money_in = amount
            elif account_name:
                money_out = amount
            else:
                money_in = money_out = amount
            total_in += money_in or 0
            total_out += money_out or 0
            categories = (
                _("Transfer to {account}").format(account=to_name) if kind == "transfer" else names
            )
            rows.append(
                ReportRow(
                    (day, payee, categories, memo, reference, from_name, money_in, money_out),
                    group=kind,
                )
            )
        count = len(rows)
        rows.append(
            ReportRow(
                (
                    None,
                    ngettext("Total: {count} entry", "Total: {count} entries", count).format(
                        count=format_number(count)
                    ),
                    "",
                    "",
                    "",
                    "",
                    total_in,
                    total_out,
                ),
                role="total",
            )
        )
        rows.append(
            ReportRow(
                (
                    None,
                    _("Net (money in less money out)"),
                    "",
                    "",
                    "",
                    "",
                    total_in - total_out,
                    None,
                ),
                role="net",
            )
        )
        columns = (
            Column(bilingual(N_("Date")), "date", 9),
            Column(bilingual(N_("Paid by or to")), width=15),
            Column(bilingual(N_("Categories")), width=16),
            Column(bilingual(N_("Memo")), width=17),
            Column(bilingual(N_("Reference")), width=9),
            Column(bilingual(N_("Account")), width=12),
            Column(bilingual(N_("Money in")), "money", 11),
            Column(bilingual(N_("Money out")), "money", 11),
        )
        subtitle = [
            period_phrase(where.start, where.end) if where.start or where.end else _("All dates")
        ]
        if account_name:
            subtitle.append(_("Account: {name}").format(name=account_name))
        subtitle += self._filter_names(where)
        return self._report(
            title=_("Transactions"),
            subtitle=" · ".join(subtitle),
            name="transactions",
            tables=(ReportTable(columns, tuple(rows)),),
            landscape=True,
        )

    def _entries(
        self, where: TransactionFilter
    ) -> list[tuple[date, str, int, int, str, str, str, str, str, str]]:
        """The filter's entries, oldest first, read as plain columns in two queries: loading
        20,000 entries as ORM objects a page at a time (as the register once did) takes seconds."""
        with self._db.reading() as session:
            # The register's own filter, so that the list prints what the register shows.
            conditions = register_conditions(session, where)
            source, target = aliased(MoneyAccount), aliased(MoneyAccount)
            found = session.execute(
                select(
                    MoneyTransaction.id,
                    MoneyTransaction.entry_date,
                    MoneyTransaction.kind,
                    MoneyTransaction.amount_cents,
                    source.name,
                    target.name,
                    Person.given_name,
                    Person.family_name,
                    MoneyTransaction.payee,
                    MoneyTransaction.memo,
                    MoneyTransaction.reference,
                )
                .join(source, source.id == MoneyTransaction.account_id)
                .outerjoin(target, target.id == MoneyTransaction.to_account_id)
                .outerjoin(Person, Person.id == MoneyTransaction.person_id)
                .where(*conditions)
                .order_by(MoneyTransaction.entry_date, MoneyTransaction.id)
            ).all()
            names = {
                category_id: label_in(labels)
                for category_id, labels in session.execute(
                    select(MoneyCategory.id, MoneyCategory.labels)
                )
            }
            split_names: dict[int, list[str]] = {}
            for transaction_id, category_id in session.execute(
                select(TransactionSplit.transaction_id, TransactionSplit.category_id)
                .where(
                    TransactionSplit.deleted_at.is_(None),
                    TransactionSplit.transaction_id.in_(
                        select(MoneyTransaction.id).where(*conditions)
                    ),
                )
                .order_by(TransactionSplit.transaction_id, TransactionSplit.id)
            ):
                listed = split_names.setdefault(transaction_id, [])
                name = names.get(category_id, "")
                if name not in listed:
                    listed.append(name)
        return [
            (
                day,
                kind,
                amount,
                transaction_id,
                from_name,
                to_name or "",
                display_name(given, family) if given is not None else payee,
                memo,
                reference,
                ", ".join(split_names.get(transaction_id, ())),
            )
            for (
                transaction_id,
                day,
                kind,
                amount,
                from_name,
                to_name,
                given,
                family,
                payee,
                memo,
                reference,
            ) in found
        ]

    def _filter_names(self, where: TransactionFilter) -> list[str]:
        parts = []
        with self._db.reading() as session:
            if where.fund_uid:
                name = session.scalar(select(Fund.name).where(Fund.uid == where.fund_uid))
                parts.append(_("Fund: {name}").format(name=name or "?"))
            if where.program_uid:
                name = session.scalar(select(Program.name).where(Program.uid == where.program_uid))
                parts.append(_("Program: {name}").format(name=name or "?"))
            if where.category_uid:
                labels = session.scalar(
                    select(MoneyCategory.labels).where(MoneyCategory.uid == where.category_uid)
                )
                parts.append(_("Category: {name}").format(name=label_in(labels or {})))
        if where.text.strip():
            parts.append(_("Containing “{text}”").format(text=where.text.strip()))
        return parts
