"""`communitydesk sessions list` and `communitydesk report activity`: activities from a terminal.

A PDF is laid out by Qt's text engine (the same as the window's printing), so this module starts
a window-less Qt application when asked for one; a CSV needs no Qt at all.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from communitydesk.cli_options import day_option
from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import _, format_date, format_number, ngettext

if TYPE_CHECKING:  # the parser is built at every start: the services load only when used
    from communitydesk.services.activity_report import ActivityReport
    from communitydesk.services.context import Services

Printer = Callable[[str], None]


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """The sessions and report commands; returns the report kinds, for other modules' reports."""
    sessions = commands.add_parser("sessions", help=_("sessions of the programs"))
    listing = sessions.add_subparsers(
        dest="sessions_command", metavar="ACTION", required=True
    ).add_parser("list", help=_("sessions newest first, with how many came"))
    listing.add_argument("--program", default="", metavar="UID", help=_("one program only"))
    listing.add_argument("--from", dest="start", metavar="DATE", help=_("first day (YYYY-MM-DD)"))
    listing.add_argument("--to", dest="end", metavar="DATE", help=_("last day (YYYY-MM-DD)"))
    report = commands.add_parser("report", help=_("reports for funders"))
    reports = report.add_subparsers(dest="report_command", metavar="REPORT", required=True)
    activity = reports.add_parser(
        "activity", help=_("the activity report for a period, as PDF or CSV")
    )
    activity.add_argument("--from", dest="start", required=True, metavar="DATE")
    activity.add_argument("--to", dest="end", required=True, metavar="DATE")
    activity.add_argument("--program", default="", metavar="UID", help=_("one program only"))
    activity.add_argument(
        "--out", required=True, metavar="FILE.pdf|FILE.csv", help=_("where to write it")
    )
    return reports


def run_sessions(args: argparse.Namespace, services: Services, out: Printer) -> int:
    start, end = day_option(args.start, "--from"), day_option(args.end, "--to")
    records = services.sessions.sessions(args.program, start, end, limit=100_000)
    for record in records:
        when = format_date(record.held_on, "medium")
        if record.starts_at is not None:
            when += " " + record.starts_at.strftime("%H:%M")
        present = ngettext("{count} present", "{count} present", record.present).format(
            count=format_number(record.present)
        )
        topic = f" — {record.topic}" if record.topic else ""
        out(f"{when}  {record.program_name}{topic}  ({present})  {record.uid}")
    if not records:
        out(_("No sessions."))
    return 0


def run_report(args: argparse.Namespace, services: Services, out: Printer) -> int:
    start, end = day_option(args.start, "--from"), day_option(args.end, "--to")
    assert start is not None and end is not None
    if end < start:
        raise ValidationError("--to", _("The period ends before it starts."))
    target = Path(args.out)
    suffix = target.suffix.lower()
    if suffix not in (".pdf", ".csv"):
        raise ValidationError("--out", _("The report is written as a .pdf or a .csv file."))
    from communitydesk.services.activity_stats import Period

    report = services.activity_report.build(Period(start, end), args.program)
    if suffix == ".csv":
        services.activity_report.write_csv(report, target)
    else:
        _write_pdf(services, report, target)
    out(_("Written: {path}").format(path=target))
    return 0


def _write_pdf(services: Services, report: ActivityReport, target: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a terminal may have no screen
    from PySide6.QtWidgets import QApplication

    from communitydesk.core.i18n import current_language
    from communitydesk.ui.printing import save_pdf
    from communitydesk.ui.qt_language import apply_language, load_bundled_fonts

    application = QApplication.instance() or QApplication([])
    assert isinstance(application, QApplication)
    # The language's fonts and direction: Qt lays an Arabic table out from the right only
    # when the application itself reads right to left.
    apply_language(application, current_language().code)
    load_bundled_fonts()
    save_pdf(services.activity_report.document(report), target)
    del application
