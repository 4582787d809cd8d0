"""`communitydesk money report …` and `communitydesk money import-statement …`: the treasurer's
reports and the bank's statements from a terminal.

Reports are written by reportlab (PDF) or as CSV: no Qt is needed, so this works on a machine
without a screen, and in a scheduled job.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Final

from communitydesk.cli_options import day_option
from communitydesk.core.errors import CommunityDeskError, ValidationError
from communitydesk.core.i18n import _, format_date, format_number, ngettext

if TYPE_CHECKING:  # the parser is built at every start: the services load only when used
    from collections.abc import Callable

    from communitydesk.services.activity_stats import Period
    from communitydesk.services.context import Services
    from communitydesk.services.money_reports import MoneyReport

    Printer = Callable[[str], None]

REPORTS: Final = (
    "budget",
    "budget-vs-actual",
    "income-expense",
    "funds",
    "grant",
    "accounts",
    "transactions",
    "in-kind",
    "treasurer",
)
FIRST_YEAR, LAST_YEAR = 1900, 2200


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    money = commands.add_parser("money", help=_("the books: the treasurer's reports, statements"))
    actions = money.add_subparsers(dest="money_command", metavar="ACTION", required=True)
    report = actions.add_parser(
        "report", help=_("a treasurer's report as PDF or CSV (see the list of reports)")
    )
    report.add_argument("kind", choices=REPORTS, metavar="REPORT", help=", ".join(REPORTS))
    report.add_argument(
        "--year",
        metavar="YYYY",
        help=_("the fiscal year, named by the year it starts in (default: the current one)"),
    )
    report.add_argument("--from", dest="start", metavar="DATE", help=_("first day (YYYY-MM-DD)"))
    report.add_argument("--to", dest="end", metavar="DATE", help=_("last day (YYYY-MM-DD)"))
    report.add_argument("--fund", default="", metavar="UID", help=_("one fund or grant"))
    report.add_argument("--program", default="", metavar="UID", help=_("one program only"))
    report.add_argument(
        "--account", default="", metavar="NAME", help=_("one account (transactions)")
    )
    report.add_argument(
        "--by-program", action="store_true", help=_("one column per program (budget)")
    )
    report.add_argument(
        "--out", required=True, metavar="FILE.pdf|FILE.csv", help=_("where to write it")
    )
    statement = actions.add_parser(
        "import-statement", help=_("bring in a bank statement (CSV) for one account")
    )
    statement.add_argument("file", metavar="FILE")
    statement.add_argument("--account", required=True, metavar="NAME", help=_("the account"))
    statement.add_argument(
        "--layout", metavar="KEY", help=_("the bank: rbc, td, scotiabank, bmo, cibc, desjardins")
    )
    statement.add_argument(
        "--dry-run", action="store_true", help=_("say what would be brought in, change nothing")
    )


def run_money(args: argparse.Namespace, services: Services, out: Printer) -> int:
    if args.money_command == "report":
        return _run_report(args, services, out)
    if args.money_command == "import-statement":
        return _import_statement(args, services, out)
    raise AssertionError(f"unhandled money command {args.money_command}")


# --- reports ------------------------------------------------------------------------------


def _year(text: str | None) -> int | None:
    if text is None:
        return None
    cleaned = text.strip()
    if not (cleaned.isascii() and cleaned.isdigit() and FIRST_YEAR <= int(cleaned) <= LAST_YEAR):
        raise ValidationError(
            "--year",
            _("--year: write the fiscal year as four digits, e.g. {year} (not “{text}”).").format(
                year=date.today().year, text=text
            ),
        )
    return int(cleaned)


def _fund_uid(services: Services, wanted: str) -> str:
    """The fund's uid from its uid or its name (any case)."""
    if not wanted:
        return ""
    for fund in services.funds.funds(include_closed=True):
        if wanted in (fund.uid, fund.name) or wanted.casefold() == fund.name.casefold():
            return fund.uid
    raise ValidationError(
        "--fund",
        _("--fund: no fund or grant is called or numbered “{wanted}”.").format(wanted=wanted),
    )


def _program_uid(services: Services, wanted: str) -> str:
    if not wanted:
        return ""
    for program in services.programs.programs():
        if wanted == program.uid or wanted.casefold() == program.name.casefold():
            return program.uid
    raise ValidationError(
        "--program",
        _("--program: no program is called or numbered “{wanted}”.").format(wanted=wanted),
    )


def _account_uid(services: Services, name: str) -> str:
    """The account called `name`, whatever its case."""
    if not name:
        return ""
    accounts = services.accounts.accounts(include_closed=True)
    for account in accounts:
        if name.casefold() in (account.name.casefold(), account.uid):
            return account.uid
    raise ValidationError(
        "--account",
        _("--account: no account is called “{name}”. The accounts: {names}.").format(
            name=name, names=", ".join(a.name for a in accounts) or "—"
        ),
    )


def _run_report(args: argparse.Namespace, services: Services, out: Printer) -> int:
    from communitydesk.services.activity_stats import Period
    from communitydesk.services.budgets import Scope
    from communitydesk.services.periods import fiscal_year, fiscal_year_of

    target = Path(args.out)
    if target.suffix.lower() not in (".pdf", ".csv"):
        raise ValidationError("--out", _("--out: the report is written as a .pdf or a .csv file."))
    profile = services.organization.get()
    fiscal_start = profile.fiscal_year_start_month if profile else 4
    start, end = day_option(args.start, "--from"), day_option(args.end, "--to")
    if start and end and end < start:
        raise ValidationError("--to", _("The period ends before it starts."))
    year = _year(args.year)
    if year is None:
        year = fiscal_year_of(start or end or date.today(), fiscal_start)
    whole = fiscal_year(year, fiscal_start)
    period = Period(start or whole.start, end or whole.end)
    chosen: Period | None = period if (start or end) else None
    fund = _fund_uid(services, args.fund)
    scope = Scope(_program_uid(services, args.program), fund)
    reports = services.money_reports
    kind = args.kind
    report: MoneyReport
    if kind == "budget":
        report = reports.budget(year, fiscal_start, scope, by_program=args.by_program)
    elif kind == "budget-vs-actual":
        report = reports.budget_vs_actual(year, fiscal_start, chosen, scope)
    elif kind == "income-expense":
        report = reports.income_expense(year, fiscal_start, chosen, scope)
    elif kind == "funds":
        report = reports.funds(period.end, period.start)
    elif kind == "accounts":
        report = reports.accounts(period.end, period.start)
    elif kind == "grant":
        if not fund:
            raise ValidationError("--fund", _("Say which grant: --fund UID (or its name)."))
        report = reports.grant(fund, chosen)
    elif kind == "transactions":
        from communitydesk.services.transactions import TransactionFilter

        report = reports.transactions(
            TransactionFilter(
                start=period.start,
                end=period.end,
                account_uid=_account_uid(services, args.account),
                fund_uid=fund,
                program_uid=scope.program_uid,
            )
        )
    elif kind == "in-kind":
        report = reports.in_kind(period)
    else:
        report = reports.treasurer(year, fiscal_start)
    reports.write(report, target)
    out(_("Written: {path}").format(path=target))
    return 0


# --- bank statements ----------------------------------------------------------------------


def _import_statement(args: argparse.Namespace, services: Services, out: Printer) -> int:
    from communitydesk.importers.bank_statement import LAYOUTS

    if args.layout is not None and args.layout not in LAYOUTS:
        raise ValidationError(
            "--layout",
            _("--layout: choose one of {keys}; leave it out to recognize the bank.").format(
                keys=", ".join(LAYOUTS)
            ),
        )
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CommunityDeskError(
            _("{name} could not be read: {error}").format(
                name=path.name, error=error.strerror or error
            )
        ) from error
    account = _account_uid(services, args.account)
    statements = services.statements
    if args.dry_run:
        preview = statements.preview(account, data, path.name, args.layout)
        if preview.already_imported_on is not None:
            out(
                _("This statement was already imported on {date}.").format(
                    date=format_date(preview.already_imported_on)
                )
            )
        out(_describe(preview.new_lines, preview.already_seen, preview.matched, True))
        out(_dates(preview.first_on, preview.last_on, preview.layout_name))
        return 0
    # A file imported before is refused by the service, with the day it came in.
    result = statements.import_statement(account, data, path.name, args.layout)
    from communitydesk.importers.bank_statement import layout_name

    out(_describe(result.new_lines, result.already_seen, result.matched, False))
    out(_dates(result.first_on, result.last_on, layout_name(result.layout)))
    return 0


def _describe(new: int, seen: int, matched: int, dry_run: bool) -> str:
    lines = (
        ngettext(
            "{count} new line would be brought in",
            "{count} new lines would be brought in",
            new,
        )
        if dry_run
        else ngettext("{count} new line brought in", "{count} new lines brought in", new)
    ).format(count=format_number(new))
    found = (
        ngettext(
            "{count} matches an entry of the books",
            "{count} match entries of the books",
            matched,
        )
        if dry_run
        else ngettext(
            "{count} matched an entry, now cleared",
            "{count} matched entries, now cleared",
            matched,
        )
    ).format(count=format_number(matched))
    skipped = ngettext(
        "{count} already brought in by an earlier statement",
        "{count} already brought in by earlier statements",
        seen,
    ).format(count=format_number(seen))
    return f"{lines}; {found}; {skipped}."


def _dates(first: date | None, last: date | None, bank: str) -> str:
    if first is None or last is None:
        return bank
    return _("From {first} to {last} ({bank}).").format(
        first=format_date(first), last=format_date(last), bank=bank
    )
