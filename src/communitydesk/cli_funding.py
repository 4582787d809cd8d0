"""`communitydesk report application UID` and `report funder-report UID` from a terminal.

The documents are written by reportlab (.pdf) or python-docx (.docx): no Qt is needed.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Final

from communitydesk.cli_options import day_option
from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import _

if TYPE_CHECKING:  # the parser is built at every start: the services load only when used
    from collections.abc import Callable

    from communitydesk.services.context import Services

    Printer = Callable[[str], None]

REPORTS: Final = ("application", "funder-report")
SUFFIXES: Final = (".pdf", ".docx")


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    reports: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    application = reports.add_parser(
        "application", help=_("a funding application with its sections, as PDF or .docx")
    )
    application.add_argument("uid", metavar="UID", help=_("the application"))
    application.add_argument(
        "--out", required=True, metavar="FILE.pdf|FILE.docx", help=_("where to write it")
    )

    report = reports.add_parser(
        "funder-report",
        help=_("what a granted application paid for in a period, for its funder"),
    )
    report.add_argument("uid", metavar="UID", help=_("the granted application"))
    report.add_argument("--from", dest="start", required=True, metavar="DATE")
    report.add_argument("--to", dest="end", required=True, metavar="DATE")
    report.add_argument(
        "--out", required=True, metavar="FILE.pdf|FILE.docx", help=_("where to write it")
    )


def run_report(args: argparse.Namespace, services: Services, out: Printer) -> int:
    target = Path(args.out)
    if target.suffix.lower() not in SUFFIXES:
        raise ValidationError("--out", _("The document is written as a .pdf or a .docx file."))
    if args.report_command == "funder-report":
        start, end = day_option(args.start, "--from"), day_option(args.end, "--to")
        assert start is not None and end is not None
        if end < start:
            raise ValidationError("--to", _("The period ends before it starts."))
        services.funding.write_funder_report(args.uid, start, end, target)
    else:
        services.funding.write(args.uid, target)
    out(_("Written: {path}").format(path=target))
    return 0
